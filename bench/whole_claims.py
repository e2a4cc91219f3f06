"""Claims told whole inside a longer outlet sentence: can a rule lift them from partial?

    .venv/bin/python bench/whole_claims.py DIR [--folds story|set]

DIR holds the eight real-text sets' databases (first.db, heldout.db, ... eighth.db), made by
`bench/realtext_verdicts.py --db DIR/first.db` and `bench/realtext_heldout.py --set S --db
DIR/S.db`. For every labelled cell the matcher calls `partial`, it measures the claim against
its sentence (shares of the claim's words, rapidfuzz's partial_ratio and token_set_ratio, the
same-claim model on the whole sentence, on its best window of words and on the run of words
that holds the claim's words, `clause_same`, the sentence's length over the claim's) and asks
which rule "sentence at least L times the claim's length, and two measures over their
thresholds" would lift partials to paraphrase: the rule's gain (cells labelled verbatim or
paraphrase it lifts) against its loss (cells labelled partial it lifts), first fitted on all
cells, then chosen on all stories but one (or all sets but one) and counted on the one left out.
Prints figures only: no outlet text (bench/README, Stop 57, helper whole58).
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections import Counter
from pathlib import Path

from rapidfuzz import fuzz, utils

sys.path.insert(0, str(Path(__file__).resolve().parent))

import realtext_heldout as rh  # noqa: E402
import realtext_verdicts as rv  # noqa: E402

from monitor.steps import similarity  # noqa: E402
from monitor.steps.conflicts import claim_words, sentence_words  # noqa: E402
from monitor.steps.text import content_words  # noqa: E402
from monitor.steps.verdicts import clause_same, said_words  # noqa: E402

SETS = {"first": rv.LABELS, "heldout": rh.LABELS, "third": rh.THIRD_LABELS,
        "fourth": rh.FOURTH_LABELS, "fifth": rh.FIFTH_LABELS, "sixth": rh.SIXTH_LABELS,
        "seventh": rh.SEVENTH_LABELS, "eighth": rh.EIGHTH_LABELS}
MEASURES = ("cover", "said_cover", "partial_ratio", "token_set", "same", "window_same",
            "run_same", "clause_same")
LENGTHS = (1.0, 1.1, 1.2, 1.3, 1.5)
STEPS = 12  # thresholds tried per measure (every n-th value seen)
TOLD = ("verbatim", "paraphrase")


def cells(folder: Path) -> list[dict]:
    """The labelled cells the matcher calls partial, with their claim and sentence."""
    out = []
    for name, labels in SETS.items():
        found = rv.verdicts(str(folder / f"{name}.db"))
        for story, outlet, key, label in rv.read_labels(labels):
            got = found.get((story, outlet, key))
            if got and got[0] == "partial" and got[2]:
                out.append({"set": name, "story": story, "label": label,
                            "claim": got[1], "sentence": got[2]})
    return out


def _windows(sentence: str, n: int) -> list[str]:
    words = sentence.split()
    return [" ".join(words[i:i + size])
            for size in {max(3, int(n * f)) for f in (0.8, 1.0, 1.25, 1.6)} if size < len(words)
            for i in range(0, len(words) - size + 1, 2)]


def _run(claim: str, sentence: str) -> str:
    """The sentence's words from the first to the last that is one of the claim's."""
    mine, words = claim_words(claim)[0], sentence.split()
    hits = [i for i, w in enumerate(words) if content_words(w) & mine]
    return " ".join(words[hits[0]:hits[-1] + 1]) if hits else sentence


def _same(claims: list[str], sentences: list[str]) -> list[float]:
    model = similarity.model()
    return (100 * model.probability(similarity.pair_features(
        similarity.analyse_all(claims), similarity.analyse_all(sentences)))).tolist()


def measure(cell: dict) -> dict:
    claim, sentence = cell["claim"], cell["sentence"]
    words, said, held = claim_words(claim)[0], said_words(claim), sentence_words(sentence)
    a, b = utils.default_process(claim), utils.default_process(sentence)
    windows = _windows(sentence, len(claim.split()))
    return {**cell, "length": len(b) / max(len(a), 1),
            "cover": len(words & held) / max(len(words), 1),
            "said_cover": len(said & held) / max(len(said), 1),
            "partial_ratio": fuzz.partial_ratio(a, b), "token_set": fuzz.token_set_ratio(a, b),
            "same": _same([claim], [sentence])[0],
            "window_same": max(_same([claim] * len(windows), windows)) if windows else 0.0,
            "run_same": _same([claim], [_run(claim, sentence)])[0],
            "clause_same": clause_same(claim, sentence)}


def _count(chosen: list[dict]) -> tuple[int, int, int]:
    """Lifted cells labelled told (gain), partial (loss), other (still wrong)."""
    gain = sum(c["label"] in TOLD for c in chosen)
    loss = sum(c["label"] == "partial" for c in chosen)
    return gain, loss, len(chosen) - gain - loss


def _lifts(rule: tuple, c: dict) -> bool:
    length, f1, t1, f2, t2 = rule
    return c["length"] >= length and c[f1] >= t1 and c[f2] >= t2


def best_rule(rows: list[dict]) -> tuple[tuple[int, int, int], tuple]:
    """The rule of most gain less loss on `rows` (ties: the first found)."""
    best: tuple[int, tuple[int, int, int], tuple] | None = None
    for length in LENGTHS:
        longer = [c for c in rows if c["length"] >= length]
        for f1, f2 in itertools.combinations(MEASURES, 2):
            v1, v2 = sorted({c[f1] for c in longer}), sorted({c[f2] for c in longer})
            for t1 in v1[::max(1, len(v1) // STEPS)]:
                for t2 in v2[::max(1, len(v2) // STEPS)]:
                    rule = (length, f1, t1, f2, t2)
                    counted = _count([c for c in longer if _lifts(rule, c)])
                    if best is None or counted[0] - counted[1] > best[0]:
                        best = (counted[0] - counted[1], counted, rule)
    assert best is not None
    return best[1], best[2]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("--folds", choices=("story", "set"), default="story")
    args = parser.parse_args()
    rows = [measure(c) for c in cells(args.folder)]
    print("cells called partial, by label:", dict(Counter(c["label"] for c in rows)))
    for name in MEASURES:
        # One measure alone, at its best threshold over all cells.
        found = max(((_count([c for c in rows if c[name] >= t]), t)
                     for t in sorted({c[name] for c in rows})),
                    key=lambda x: (x[0][0] - x[0][1], x[0][0]))
        print(f"  {name} >= {found[1]:.2f} alone: lifts told {found[0][0]}, partial "
              f"{found[0][1]}, other {found[0][2]}")
    counted, rule = best_rule(rows)
    print(f"best two-measure rule fitted on all (in sample): {rule}: told {counted[0]}, "
          f"partial {counted[1]}, other {counted[2]}")
    total = Counter()
    for fold in sorted({c[args.folds] for c in rows}):
        _, rule = best_rule([c for c in rows if c[args.folds] != fold])
        gain, loss, other = _count([c for c in rows if c[args.folds] == fold
                                    and _lifts(rule, c)])
        total.update(told=gain, partial=loss, other=other)
    print(f"by {args.folds} folds (rule chosen without the fold): lifts told "
          f"{total['told']}, partial {total['partial']}, other {total['other']}")


if __name__ == "__main__":
    main()
