"""Reworded parts read clause by clause where the word shares say absent (tried, not kept).

    .venv/bin/python bench/clause_reading.py [--dbs DIR] [--cuts 95,85,70,60,50]
                                             [--show-unlabelled N]

The experiment of issue #17 after `bench/thresholds.py` (same databases, same labels): a
candidate sentence that the word shares call absent is read clause by clause
(`verdicts.clause_same`: the same-claim model over a clause of the claim, or the claim whole,
against a clause of the sentence, or the sentence whole; only pairs sharing two of the words
that say what the claim says, whose sentence clause tells no amount the claim's does not and
names not only others), and a pair scored at least CUT percent makes a partial. Tried by
wrapping `verdicts._wording`; the matcher does not do this (bench/README.md, 2026-12-04, branch
`reword`).

Printed: (1) the ceiling: of the labelled rewordings (partial, paraphrase) called absent, how
many have any sentence of their article (sharing two content words with the claim, the
matcher's prefilter) whose best clause pair reaches 50 and 70 percent, and how many of those
are among the fuzzy candidates (token_set_ratio at least `Thresholds.candidate`); (2) for
each cut, the labels right per set, what changed, and the new verdicts on unlabelled pairs,
with N of them shown (claim and sentence, to be read by a person; never copied into the repo).
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

from rapidfuzz import fuzz, utils

sys.path.insert(0, str(Path(__file__).resolve().parent))

import realtext_verdicts  # noqa: E402
import thresholds  # noqa: E402

from monitor.steps import conflicts, verdicts  # noqa: E402
from monitor.steps import text as reading  # noqa: E402


def with_clause_route(cut: float):
    """`verdicts._wording`, with a clause pair at least `cut` making a partial of an absent."""
    original = verdicts._wording

    def wording(claim, sentence, score, same, t):
        verdict = original(claim, sentence, score, same, t)
        if verdict == "absent" and verdicts.clause_same(claim.text, sentence) >= cut:
            return "partial"
        return verdict
    return original, wording


def ceiling(corpus: thresholds.Corpus) -> None:
    """How many labelled rewordings called absent any sentence could give by clause reading."""
    today = corpus.decide(conflicts.THRESHOLDS)
    texts, claims = {}, {}
    for stories, _, articles in corpus.sets:
        for story in stories:
            for claim in story.claims:
                claims[(story.slug, realtext_verdicts.key(claim.text))] = claim.text
            for outlet, article in articles:
                texts.setdefault((story.slug, outlet), []).append(article.text)
    missed = [k for k, v in corpus.labels.items()
              if v in ("partial", "paraphrase") and today.get(k, ("",))[0] == "absent"]
    counts = Counter()
    for slug, outlet, key in missed:
        claim = claims[(slug, key)]
        words = conflicts.claim_words(claim)[0]
        best = (0.0, 0.0)
        for text in texts.get((slug, outlet), []):
            for s in reading.split_sentences(text):
                if len(words & conflicts.sentence_words(s)) >= 2:
                    fuzzy = fuzz.token_set_ratio(utils.default_process(claim),
                                                 utils.default_process(s))
                    best = max(best, (verdicts.clause_same(claim, s), fuzzy))
        for cut in (50, 70):
            if best[0] >= cut:
                counts[f">= {cut}"] += 1
                counts[f">= {cut}, a candidate"] += best[1] >= conflicts.THRESHOLDS.candidate
    print(f"labelled rewordings called absent: {len(missed)}; with a sentence whose best clause "
          f"pair reaches: {dict(counts)}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dbs", default="/tmp/realtext-dbs")
    parser.add_argument("--cuts", default="95,85,70,60,50")
    parser.add_argument("--show-unlabelled", type=int, default=0, metavar="N")
    args = parser.parse_args()
    corpus = thresholds.Corpus(Path(args.dbs))
    everyone = set(corpus.set_of)
    today = corpus.decide(conflicts.THRESHOLDS)
    print("today:", thresholds.by_set(corpus, corpus.right(conflicts.THRESHOLDS, everyone)))
    ceiling(corpus)
    for cut in map(float, args.cuts.split(",")):
        original, verdicts._wording = with_clause_route(cut)
        corpus._memo.pop(conflicts.THRESHOLDS, None)
        try:
            found = corpus.decide(conflicts.THRESHOLDS)
            right = thresholds.by_set(corpus, corpus.right(conflicts.THRESHOLDS, everyone))
        finally:
            verdicts._wording = original
            corpus._memo[conflicts.THRESHOLDS] = today
        changes = Counter()
        for k, (verdict, _, _) in found.items():
            before = today.get(k, ("absent",))[0]
            if verdict != before:
                label = corpus.labels.get(k)
                changes[f"{before}->{verdict} " + (
                    "unlabelled" if label is None else "fixed" if label == verdict
                    else "broken" if label == before else "still wrong")] += 1
        new = [k for k, (v, _, _) in found.items() if v != "absent" and k not in corpus.labels
               and today.get(k, ("absent",))[0] == "absent"]
        print(f"cut {cut:g}: labels right {right}; changed {dict(changes)}; new unlabelled "
              f"{len(new)}")
        for k in random.Random(4).sample(new, min(args.show_unlabelled, len(new))):
            verdict, claim, sentence = found[k]
            print(f"\n{' '.join(k)}: {verdict}\n  claim:    {claim}\n  sentence: {sentence}\n")


if __name__ == "__main__":
    main()
