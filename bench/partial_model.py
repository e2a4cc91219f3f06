"""A fitted decision of partial against absent over the best candidate sentences (issue #17).

    .venv/bin/python bench/partial_model.py [--dbs DIR] [--show-unlabelled N] [--rescue]
                                            [--unlabelled-absent WEIGHT] [--cut SCORE]
                                            [--absent-sample [--sample-weight F]]
                                            [--absent-sample --score-on PATH]

Reads one database per real-text set in DIR (first.db, heldout.db, third.db ... seventh.db, as
`thresholds.py` reads its four; each built by `realtext_verdicts.py --db DIR/first.db` or
`realtext_heldout.py --set NAME --db DIR/NAME.db` first). Every covering article is decided
again with today's rules (`match.score_stories`), and for each claim whose verdict is partial or
absent, the article's candidate sentences (the 3 best by fuzzy score and the 3 best by the share
of the claim's words weighted by rarity, no cut) are described by richer evidence (`FEATURES`).
A logistic regression (`similarity.fit_logistic`, with a weight a row) fitted on the labelled
pairs (partial or paraphrase: told in part; absent: not) then decides partial or absent:
P(part) is the most likely candidate's; the candidate first chosen for a pair is its
rarest-words one, then (one round more) the model's likeliest.

Protocol, folds by story: leave-one-story-out over the first six sets' stories, the decision's
cut (of 0.3 ... 0.8) chosen on the training stories; every label's verdict counted (the rules'
verdict where the model does not decide), against the rules' on the same labels. Then fitted on
all six sets and scored once on the seventh (kept out of every fit). `--rescue`: the model may
only turn an absent into a partial (the rules' partials kept); `--unlabelled-absent W`: the
rules' absents with no label fitted as absent, weight W each; `--cut 55`: only candidates the
rules consider (fuzzy score 55 or more); `--absent-sample`: the labels of a random sample of
the rules' unlabelled absents (`absent_sample.py`) fitted too, each weighted N/150 to stand for
the N it was drawn from, scored by folds only (the seventh set not used); with `--score-on
PATH` (a second sample's labels, `realtext_absent_sample2_labels.tsv`) no folds: fitted once
on all six sets without that sample's pairs, scored on them only. Printed last: the
new partials on pairs with no label, and N of them to read (claim and sentence: never copied
into the repo).
"""

from __future__ import annotations

import argparse
import math
import random
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process, utils

sys.path.insert(0, str(Path(__file__).resolve().parent))

import realtext_heldout as rh  # noqa: E402
import realtext_verdicts  # noqa: E402

from monitor.jobs.stories import as_article, load_stories  # noqa: E402
from monitor.steps import similarity  # noqa: E402
from monitor.steps.claims import Claim  # noqa: E402
from monitor.steps.conflicts import (  # noqa: E402
    CLAUSE_BREAK,
    THRESHOLDS,
    claim_amounts,
    claim_words,
    comparable,
    sentence_amounts,
    sentence_words,
)
from monitor.steps.coverage import rarity  # noqa: E402
from monitor.steps.match import score_stories, story_index  # noqa: E402
from monitor.steps.text import content_words, quotations, split_sentences, unquoted  # noqa: E402
from monitor.steps.verdicts import (  # noqa: E402
    ClaimMatch,
    clause_same,
    said_words,
    tells_amount,
    word_cover,
)
from monitor.store import rows  # noqa: E402
from monitor.store.schema import open_db  # noqa: E402

SETS = {
    "first": (realtext_verdicts.STORIES, realtext_verdicts.LABELS),
    "heldout": (rh.STORIES, rh.LABELS), "third": (rh.THIRD, rh.THIRD_LABELS),
    "fourth": (rh.FOURTH, rh.FOURTH_LABELS), "fifth": (rh.FIFTH, rh.FIFTH_LABELS),
    "sixth": (rh.SIXTH, rh.SIXTH_LABELS), "seventh": (rh.SEVENTH, rh.SEVENTH_LABELS),
}
UNSEEN = "seventh"
FEATURES = ("fuzzy", "same_claim", "clause_same", "cover", "specific", "rare_share",
            "said_share", "names_share", "has_names", "tells_amount", "other_amount",
            "part_of_clause", "length_ratio", "shared_words", "quote_claim", "rules_partial")
CUTS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
PER_RANKING = 3
Key = tuple[str, str, str]  # story, outlet, claim key
TOLD = ("partial", "paraphrase")  # labels that say the claim is told, in part or whole
SAMPLE_LABELS = Path(__file__).with_name("realtext_absent_sample_labels.tsv")
SAMPLE2_LABELS = Path(__file__).with_name("realtext_absent_sample2_labels.tsv")


@dataclass
class Pair:
    """One claim against one covering article: the rules' verdict and, where it is partial or
    absent, the candidate sentences with their evidence."""

    key: Key
    claim: str
    verdict: str
    sentence: str | None
    candidates: list[str]
    features: np.ndarray  # one row a candidate


def parts_share(claim: str, words: frozenset[str]) -> float:
    """The largest share of one of the claim's clauses' (or quotations') words the sentence
    carries, as `verdicts` reads a part of a clause."""
    parts = [frozenset(content_words(p)) for p in CLAUSE_BREAK.split(unquoted(claim))]
    parts += [frozenset(content_words(q)) for q in quotations(claim)]
    parts = [p for p in parts if len(p) >= 2] or [claim_words(claim)[0]]
    return max(len(p & words) / len(p) for p in parts)


def evidence(claim: Claim, sentences: list[str], rules_partial: bool) -> np.ndarray:
    """The FEATURES of each of `sentences` against the claim."""
    words, names = claim_words(claim.text)
    weigh = rarity("en").weight
    total = sum(weigh(w) for w in words) or 1.0
    said = said_words(claim.text)
    same = similarity.same_claim([claim.text] * len(sentences), sentences)[0] / 100
    fuzzy = process.cpdist([claim.text] * len(sentences), sentences,
                           scorer=fuzz.token_set_ratio, processor=utils.default_process)
    rows_ = []
    for sentence, p, score in zip(sentences, same.tolist(), fuzzy.tolist(), strict=True):
        sw = sentence_words(sentence)
        shared = words & sw
        cover, specific = word_cover(claim.text, sentence)
        rows_.append([
            score / 100, p, clause_same(claim.text, sentence) / 100, cover, specific,
            sum(weigh(w) for w in shared) / total,
            len(said & sw) / max(len(said), 1), len(names & sw) / max(len(names), 1),
            float(bool(names)), float(tells_amount(claim.text, sentence)),
            float(any(comparable(n, m) for n in claim_amounts(claim.text)
                      for m in sentence_amounts(sentence))),
            parts_share(claim.text, sw), math.log((len(sw) + 1) / (len(words) + 1)),
            math.log1p(len(shared)), float(claim.kind == "quote"), float(rules_partial)])
    return np.array(rows_, dtype=float)


def candidates(claim: Claim, sentences: list[str], cut: float = 0.0) -> list[str]:
    """The best PER_RANKING sentences by fuzzy score and by the rarity-weighted share of the
    claim's words, with no cut by default (a rewording may share few letters)."""
    words = claim_words(claim.text)[0]
    weigh = rarity("en").weight
    fuzzy = process.cdist([claim.text], sentences, scorer=fuzz.token_set_ratio,
                          processor=utils.default_process)[0].tolist()
    rare = [sum(weigh(w) for w in words & sentence_words(s)) for s in sentences]
    chosen = sorted(range(len(sentences)), key=lambda j: -fuzzy[j])[:PER_RANKING]
    chosen += sorted(range(len(sentences)), key=lambda j: -rare[j])[:PER_RANKING]
    return [sentences[j] for j in dict.fromkeys(chosen) if rare[j] > 0 and fuzzy[j] >= cut]


def covering_matches(path: Path) -> Iterator[tuple[Key, Claim, ClaimMatch, str]]:
    """Each claim's match on each covering article of one set's database, as today's rules
    decide them: its label key, the claim, the match and the article's text."""
    db = open_db(str(path))
    loaded = load_stories(db)
    outlets = dict(db.execute("select a.id, o.name from articles a "
                              "join outlets o on o.id = a.outlet_id").fetchall())
    index = story_index(loaded.stories)
    for row in rows.articles_by_id(db, sorted(outlets)):
        article = as_article(row)
        for story, (result, scored) in zip(loaded.stories, score_stories(
                loaded.stories, article, index=index, t=THRESHOLDS), strict=True):
            if not (result.is_coverage and scored):
                continue
            claims = {c.position: c for c in story.claims}
            for m in result.matches:
                claim = claims[m.claim_position]
                key = (story.slug, outlets[row["id"]], realtext_verdicts.key(claim.text))
                yield key, claim, m, article.text


def read_set(path: Path, cut: float = 0.0) -> list[Pair]:
    """Every claim × covering article of one set's database, decided by today's rules."""
    pairs, text, sentences = [], None, []
    for key, claim, m, article in covering_matches(path):
        if article is not text:
            text, sentences = article, split_sentences(article)
        found = (candidates(claim, sentences, cut)
                 if m.verdict in ("partial", "absent") and sentences else [])
        features = (evidence(claim, found, m.verdict == "partial") if found
                    else np.zeros((0, len(FEATURES))))
        pairs.append(Pair(key, claim.text, m.verdict, m.sentence, found, features))
    return pairs


@dataclass
class Model:
    """The fitted decision: standardised columns, weights (the intercept last) and the cut."""

    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    cut: float = 0.5

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        x = (features - self.mean) / self.scale
        return 1.0 / (1.0 + np.exp(-(x @ self.weights[:-1] + self.weights[-1])))

    def best(self, pair: Pair) -> tuple[float, str | None]:
        """P(part) of the pair (its likeliest candidate's) and that candidate."""
        if not pair.candidates:
            return 0.0, None
        p = self.probabilities(pair.features)
        return float(p.max()), pair.candidates[int(p.argmax())]


def target(label: str) -> int | None:
    return 1 if label in TOLD else 0 if label == "absent" else None


def fit(pairs: list[Pair], labels: dict[Key, str], rescue: bool, l2: float = 1.0,
        unlabelled_absent: float = 0.0, weights: dict[Key, float] | None = None) -> Model:
    """Fitted on the labelled pairs the model decides, the cut chosen on them too; with
    `unlabelled_absent` > 0, the rules' absents with no label count as absent with that weight
    (the readers passed them over: they carried no shared number, nor enough of the claim's
    words, nor plainly the claim in other words). `weights`: a label's weight where not 1 (a
    random sample's label stands for all the pairs it was drawn from)."""
    weights = weights or {}
    def told(p: Pair) -> int | None:
        if p.key in labels:
            return target(labels[p.key])
        return 0 if unlabelled_absent and p.verdict == "absent" else None

    mine = [p for p in pairs if decides(p, rescue) and told(p) is not None and p.candidates]
    y = np.array([told(p) for p in mine], dtype=float)
    weight = np.array([weights.get(p.key, 1.0) if p.key in labels else unlabelled_absent
                       for p in mine])
    # First each pair's rarest-words candidate, then the model's likeliest (one round more).
    rows_ = np.array([p.features[int(p.features[:, FEATURES.index("rare_share")].argmax())]
                      for p in mine])
    model = None
    for _ in range(2):
        mean, scale, w = similarity.fit_logistic(rows_, y, l2, rows=weight)
        model = Model(mean, scale, w)
        rows_ = np.array([p.features[int(model.probabilities(p.features).argmax())]
                          for p in mine])
    assert model is not None
    right = {c: sum(w * ((model.best(p)[0] >= c) == bool(t))
                    for p, t, w in zip(mine, y, weight, strict=True)) for c in CUTS}
    model.cut = max(CUTS, key=lambda c: (right[c], -abs(c - 0.5)))
    return model


def decides(pair: Pair, rescue: bool) -> bool:
    return pair.verdict == "absent" or (pair.verdict == "partial" and not rescue)


def verdict(pair: Pair, model: Model | None, rescue: bool) -> tuple[str, str | None]:
    """The pair's verdict and sentence: the rules', or the model's where it decides."""
    if model is None or not decides(pair, rescue):
        return pair.verdict, pair.sentence
    p, sentence = model.best(pair)
    if p >= model.cut:
        return "partial", (pair.sentence if pair.verdict == "partial" else sentence)
    return "absent", None


def right(pairs: list[Pair], labels: dict[Key, str], model: Model | None, rescue: bool
          ) -> Counter:
    """Labels right per story among `pairs`."""
    return Counter(p.key[0] for p in pairs if p.key in labels
                   and verdict(p, model, rescue)[0] == labels[p.key])


def by_set(counts: Counter, set_of: dict[str, str], names: list[str]) -> list[int]:
    sums = [sum(n for s, n in counts.items() if set_of[s] == name) for name in names]
    return [*sums, sum(sums)]


def read_sample_labels(path: Path = SAMPLE_LABELS) -> dict[Key, tuple[str, str, str]]:
    """(story, outlet, claim) -> (verdict, set, kind) of the absents' sample label file."""
    rows_ = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    return {(s, o, c): (v, set_, kind) for s, o, c, v, set_, kind in rows_[1:]}


def sample_folds(train: list[Pair], labels: dict[Key, str], set_of: dict[str, str],
                 seen: list[str], args: argparse.Namespace) -> None:
    """Leave-one-story-out with the random sample of the rules' absents fitted too, each of
    its labels weighted to stand for all the unlabelled absents it was drawn from; scored on
    the labels and on the sample's labels of the held-out story (the seventh set not used)."""
    sample = {k: v for k, (v, _, _) in read_sample_labels().items()}
    drawn_from = sum(p.key not in labels and p.verdict == "absent" for p in train)
    weight = drawn_from * args.sample_weight / len(sample)
    weights, fitting = dict.fromkeys(sample, weight), {**labels, **sample}
    print(f"absents' sample: {len(sample)} labels of {drawn_from} unlabelled absents, weight "
          f"{weight:.2f} each; told {sum(v in TOLD for v in sample.values())}")
    held, sample_held, cuts, unread, flips = Counter(), Counter(), Counter(), Counter(), Counter()
    for story in sorted({p.key[0] for p in train if p.key in fitting}):
        model = fit([p for p in train if p.key[0] != story], fitting, args.rescue, args.l2,
                    args.unlabelled_absent, weights)
        cuts[model.cut] += 1
        mine = [p for p in train if p.key[0] == story]
        held.update(right(mine, labels, model, args.rescue))
        sample_held.update(right(mine, sample, model, args.rescue))
        flips.update((sample[p.key], verdict(p, model, args.rescue)[0]) for p in mine
                     if p.key in sample)
        unread[story] = sum(p.key not in fitting and p.verdict == "absent"
                            and verdict(p, model, args.rescue)[0] == "partial" for p in mine)
    today, sample_today = right(train, labels, None, args.rescue), right(train, sample, None,
                                                                         args.rescue)
    n = by_set(Counter(p.key[0] for p in train if p.key in labels), set_of, seen)
    m = by_set(Counter(p.key[0] for p in train if p.key in sample), set_of, seen)
    print(f"\nleave-one-story-out, the sample fitted too (cuts chosen {dict(sorted(cuts.items()))})"
          "\nset       labels: rules  model   sample: rules  model   new partials, no label")
    for name, k, a, b, j, c, d, u in zip(
            [*seen, "all"], n, by_set(today, set_of, seen), by_set(held, set_of, seen), m,
            by_set(sample_today, set_of, seen), by_set(sample_held, set_of, seen),
            by_set(unread, set_of, seen), strict=True):
        print(f"{name:8} {a:3}/{k}  {b:3}/{k}     {c:3}/{j}  {d:3}/{j}     {u}")
    print("sample (label, held-out verdict):", dict(sorted(flips.items())))
    stands = drawn_from / len(sample)  # what one sample label stands for, whatever its weight
    gain = held.total() - today.total() + stands * (sample_held.total() - sample_today.total())
    print(f"gain over the rules, the sample's counted for the {drawn_from} absents: {gain:+.0f}"
          f" (labels {held.total() - today.total():+d}, sample "
          f"{sample_held.total() - sample_today.total():+d} x {stands:.2f})")
    model = fit(train, fitting, args.rescue, args.l2, args.unlabelled_absent, weights)
    new = [p for p in train if p.key not in fitting and p.verdict == "absent"
           and verdict(p, model, args.rescue)[0] == "partial"]
    print(f"\nfitted on all six sets, cut {model.cut}: new partials on the six sets' pairs with "
          f"no label {len(new)}")
    for p in random.Random(5).sample(new, min(args.show_unlabelled, len(new))):
        prob, sentence = model.best(p)
        print(f"\n{' '.join(p.key)}: P {prob:.2f}\n  claim:    {p.claim}\n"
              f"  sentence: {sentence}")


def gain_interval(changes: list[int], pool: int, draws: int = 10_000) -> tuple[float, float]:
    """A 95% bootstrap interval of the net gain over `pool` pairs, from each sampled pair's
    change (+1 a told claim made partial, -1 an absent made partial, 0 none)."""
    rng = np.random.default_rng(46)
    means = rng.choice(np.array(changes), size=(draws, len(changes))).mean(axis=1)
    low, high = np.percentile(means, [2.5, 97.5])
    return float(low * pool), float(high * pool)


def score_on(train: list[Pair], labels: dict[Key, str], args: argparse.Namespace) -> None:
    """Fitted once on the six sets' labels and the first absents' sample (as `sample_folds`
    fits), none of the pairs of the sample at `args.score_on`; scored on that sample only."""
    held = {k: v for k, (v, _, _) in read_sample_labels(Path(args.score_on)).items()}
    sample = {k: v for k, (v, _, _) in read_sample_labels().items()}
    assert not set(held) & set(sample), "the two samples share pairs"
    drawn_from = sum(p.key not in labels and p.verdict == "absent" for p in train)
    weights = dict.fromkeys(sample, drawn_from * args.sample_weight / len(sample))
    model = fit([p for p in train if p.key not in held], {**labels, **sample}, args.rescue,
                args.l2, args.unlabelled_absent, weights)
    mine = [p for p in train if p.key in held]
    assert len(mine) == len(held) and all(p.verdict == "absent" for p in mine)
    made = {p.key: verdict(p, model, args.rescue)[0] == "partial" for p in mine}
    told = [k for k in held if held[k] in TOLD]
    right, wrong = sum(made[k] for k in told), sum(made[k] for k in held if k not in told)
    low, high = wilson(right, right + wrong)
    changes = [(1 if held[k] in TOLD else -1) if made[k] else 0 for k in held]
    g_low, g_high = gain_interval(changes, drawn_from)
    print(f"\nfitted once (cut {model.cut}) on the labels and the first sample, scored on "
          f"{args.score_on}: {len(held)} absents, {len(told)} told\n"
          f"  told made partial (recall): {right}/{len(told)}\n"
          f"  absents made partial: {wrong}/{len(held) - len(told)}\n"
          f"  precision of the new partials: {right}/{right + wrong} "
          f"(95% Wilson {low:.2f}-{high:.2f})\n"
          f"  net gain a pair {(right - wrong) / len(held):+.3f}; over the {drawn_from} "
          f"absents {(right - wrong) * drawn_from / len(held):+.0f} "
          f"(95% bootstrap {g_low:+.0f} to {g_high:+.0f})")
    arguable = {k for k, (_, _, kind) in read_sample_labels(Path(args.score_on)).items()
                if "arguable" in kind}
    sure = [k for k in held if k not in arguable]
    r = sum(made[k] for k in sure if held[k] in TOLD)
    w = sum(made[k] for k in sure if held[k] not in TOLD)
    print(f"  arguable calls aside ({len(sure)} pairs, {sum(held[k] in TOLD for k in sure)} "
          f"told): {r} told and {w} absents made partial")
    for k in sorted(held, key=lambda k: (not made[k], held[k])):
        if made[k]:
            print(f"  made partial: {' '.join(k)} (label {held[k]})")


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The Wilson score interval of k successes in n."""
    if not n:
        return 0.0, 1.0
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dbs", default="/tmp/realtext-dbs",
                        help="folder of first.db, heldout.db, third.db ... seventh.db")
    parser.add_argument("--show-unlabelled", type=int, default=0, metavar="N")
    parser.add_argument("--rescue", action="store_true",
                        help="the model only turns absents into partials")
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--unlabelled-absent", type=float, default=0.0, metavar="WEIGHT",
                        help="fit with the rules' absents that have no label as absent, "
                        "each with this weight (a label's is 1)")
    parser.add_argument("--absent-sample", action="store_true",
                        help="fit with bench/realtext_absent_sample_labels.tsv too (a random "
                        "sample of the rules' unlabelled absents, each label weighted to stand "
                        "for all of them); folds only, the seventh set not used")
    parser.add_argument("--sample-weight", type=float, default=1.0, metavar="F",
                        help="with --absent-sample: F times the weight N/150")
    parser.add_argument("--score-on", metavar="PATH",
                        help="with --absent-sample: no folds; fitted once without the pairs "
                        "of this second sample's label file, scored on them")
    parser.add_argument("--cut", type=float, default=0.0,
                        help="only candidates of this fuzzy score or more (the rules': 55)")
    args = parser.parse_args()
    pairs: dict[str, list[Pair]] = {name: read_set(Path(args.dbs) / f"{name}.db", args.cut)
                                    for name in SETS}
    labels = {(s, o, c): v for _, path in SETS.values()
              for s, o, c, v in realtext_verdicts.read_labels(path)}
    set_of = {story: name for name, (stories, _) in SETS.items() for story in stories}
    seen = [name for name in SETS if name != UNSEEN]
    train = [p for name in seen for p in pairs[name]]
    judged = Counter(p.key[0] for p in train if p.key in labels)
    print(f"pairs decided: {sum(map(len, pairs.values()))}; labelled (six sets) "
          f"{judged.total()}; the model decides {sum(decides(p, args.rescue) for p in train)} "
          f"of the six sets' pairs ({'absents only' if args.rescue else 'partials and absents'})")
    if args.absent_sample and args.score_on:
        score_on(train, labels, args)
        return
    if args.absent_sample:
        sample_folds(train, labels, set_of, seen, args)
        return

    held, cuts, unread = Counter(), Counter(), Counter()
    for story in sorted(judged):
        model = fit([p for p in train if p.key[0] != story], labels, args.rescue, args.l2,
                    args.unlabelled_absent)
        cuts[model.cut] += 1
        mine = [p for p in train if p.key[0] == story]
        held.update(right(mine, labels, model, args.rescue))
        unread[story] = sum(p.key not in labels and p.verdict == "absent"
                            and verdict(p, model, args.rescue)[0] == "partial" for p in mine)
    today = right(train, labels, None, args.rescue)
    n = by_set(judged, set_of, seen)
    print(f"\nleave-one-story-out over the six sets ({len(judged)} stories; cuts chosen "
          f"{dict(sorted(cuts.items()))})\nset       rules   model (held-out stories; new "
          "partials on pairs with no label)")
    for name, k, a, b, u in zip([*seen, "all"], n, by_set(today, set_of, seen),
                                by_set(held, set_of, seen), by_set(unread, set_of, seen),
                                strict=True):
        print(f"{name:8} {a:3}/{k}  {b:3}/{k} ({u})")
    gains = {s: held[s] - today[s] for s in judged}
    print("gain by story:", " ".join(f"{s} {g:+d}" for s, g in sorted(gains.items()) if g))
    print(f"  stories better {sum(g > 0 for g in gains.values())}, worse "
          f"{sum(g < 0 for g in gains.values())}; gain {sum(gains.values()):+d}, without its "
          f"best story {sum(gains.values()) - max(gains.values(), default=0):+d}")

    model = fit(train, labels, args.rescue, args.l2, args.unlabelled_absent)
    print(f"\nfitted on all six sets: cut {model.cut}; weights (standardised):")
    print("  " + ", ".join(f"{f} {w:+.2f}" for f, w in zip(FEATURES, model.weights,
                                                            strict=False)))
    unseen = pairs[UNSEEN]
    k = sum(p.key in labels for p in unseen)
    before, after = right(unseen, labels, None, args.rescue), right(unseen, labels, model,
                                                                     args.rescue)
    print(f"\nthe {UNSEEN} set, unseen: rules {before.total()}/{k}, model {after.total()}/{k}")
    print("  by story:", " ".join(f"{s} {before[s]}->{after[s]}" for s in sorted(
        {p.key[0] for p in unseen if p.key in labels})))
    moves = Counter((labels[p.key], p.verdict, verdict(p, model, args.rescue)[0])
                    for p in unseen if p.key in labels
                    and verdict(p, model, args.rescue)[0] != p.verdict)
    print("  changed (label, rules, model):", dict(moves))

    new = [p for name in SETS for p in pairs[name] if p.key not in labels and p.verdict ==
           "absent" and verdict(p, model, args.rescue)[0] == "partial"]
    dropped = [p for name in SETS for p in pairs[name] if p.key not in labels
               and p.verdict == "partial" and verdict(p, model, args.rescue)[0] == "absent"]
    unlabelled = sum(p.key not in labels for name in SETS for p in pairs[name])
    print(f"\npairs with no label: {unlabelled}; new partials there {len(new)} (by set "
          f"{dict(Counter(set_of[p.key[0]] for p in new))}), partials made absent "
          f"{len(dropped)}")
    for p in random.Random(5).sample(new, min(args.show_unlabelled, len(new))):
        prob, sentence = model.best(p)
        print(f"\n{' '.join(p.key)}: P {prob:.2f}\n  claim:    {p.claim}\n"
              f"  sentence: {sentence}")


if __name__ == "__main__":
    main()
