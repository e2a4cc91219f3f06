"""Word pairs that real news coverage uses for one another, mined from news-events itself.

    PYTHONPATH=. .venv/bin/python bench/word_pairs.py [--min-stories K] [--jaccard J]
        [--shared N] [--most M] [--show N] [--all-stories] [--write PATH]

For every story of ../shared/data/news-events, every two of its articles (different outlets)
and every two of their sentences alike (at least `--shared` content words in common, and at
least `--jaccard` of all their words; at most `--most` words a side the other lacks): a word of
one and a word of the other standing in the same slot, alone there (the same shared words
either side of each), are a substitution pair ("walkout" for "strike"). Words are stems, as
`text.content_terms` makes them. Never a pair's word: a name anywhere in the story, a number,
a day, month or part of the day (another time is another fact), a courtesy title. A pair is
kept when it was seen in at least K distinct stories. The stories of the eight real-text
verdict sets (bench/realtext_verdicts.py, bench/realtext_heldout.py) are left out unless
--all-stories, so the sets measure pairs they did not give. About 10 s on one core.
Measured as a matcher input and not kept: bench/README.md, stop 51 (branch words51).
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import realtext_heldout  # noqa: E402
import realtext_verdicts  # noqa: E402

from monitor.steps.text import (  # noqa: E402
    MONTHS,
    NUMBER_WORDS,
    PERIODS,
    WEEKDAYS,
    content_terms,
    name_words,
    split_sentences,
    stem,
)

ARTICLES = realtext_verdicts.ARTICLES


# Words never a pair's: a day, a month or a part of the day told otherwise is another fact
# (a conflict's or a note's, not a rewording), a courtesy title is no content at all.
TIMES_AND_TITLES = frozenset(stem(w) for w in (
    *WEEKDAYS, *MONTHS, *PERIODS, "day", "days", "today", "yesterday", "tonight", "tomorrow",
    "mr", "mrs", "ms", "dr", "messrs", "us"))  # "U.S." is read "us": a country's name


def held_out_stories() -> set[str]:
    """The stories of the eight real-text verdict sets."""
    stories = set(realtext_verdicts.STORIES)
    for stories_of_set in (realtext_heldout.STORIES, realtext_heldout.THIRD,
                           realtext_heldout.FOURTH, realtext_heldout.FIFTH,
                           realtext_heldout.SIXTH, realtext_heldout.SEVENTH,
                           realtext_heldout.EIGHTH):
        stories |= set(stories_of_set)
    return stories


def sentence_reading(sentence: str, names: frozenset[str]
                     ) -> tuple[tuple[str, ...], frozenset[str], frozenset[str]]:
    """A sentence's content stems in order, as a set, and those that may not be a pair's word
    (the story's names, numbers)."""
    seq = tuple(content_terms(sentence))
    words = frozenset(seq)
    barred = set(names) | {
        w for w in words if any(c.isdigit() for c in w) or w in NUMBER_WORDS
        or w in TIMES_AND_TITLES}
    return seq, words, frozenset(barred)


def slots(seq: tuple[str, ...], shared: frozenset[str]) -> dict[str, tuple[str, str]]:
    """Each word the other sentence lacks and its slot: the shared words either side of it."""
    found = {}
    for i, w in enumerate(seq):
        if w in shared:
            continue
        left = next((seq[k] for k in range(i - 1, -1, -1) if seq[k] in shared), "")
        right = next((seq[k] for k in range(i + 1, len(seq)) if seq[k] in shared), "")
        found[w] = (left, right)
    return found


def sentence_pairs(one, other, shared: int, most: int, jaccard: float) -> set[tuple[str, str]]:
    """The substitution pairs between two sentences alike but for at most `most` words each
    side: a word of one and a word of the other in the same slot between shared words."""
    (sa, a, na), (sb, b, nb) = one, other
    common = a & b
    only_a, only_b = a - b, b - a
    if (len(common) < shared or not 0 < len(only_a) <= most or not 0 < len(only_b) <= most
            or len(common) < jaccard * len(a | b)):
        return set()
    barred = na | nb
    in_b = defaultdict(list)
    for y, slot in slots(sb, common).items():
        in_b[slot].append(y)
    in_a = slots(sa, common)
    crowded = {slot for slot in in_a.values() if list(in_a.values()).count(slot) > 1}
    found = set()
    for x, slot in in_a.items():
        ys = in_b.get(slot, [])
        # One word each side in the slot: a substitution, not a phrase told otherwise.
        if len(ys) == 1 and slot not in crowded:
            y = ys[0]
            if x not in barred and y not in barred:
                found.add((min(x, y), max(x, y)))
    return found


def story_pairs(texts: list[str], shared: int, most: int, jaccard: float
                ) -> set[tuple[str, str]]:
    """The substitution pairs (sorted) between any two of one story's articles."""
    # A name anywhere in the story is no pair's word, even opening a sentence ("Trump said").
    names = frozenset(stem(w) for t in texts for w in name_words(t))
    read = [[sentence_reading(s, names) for s in split_sentences(t)] for t in texts]
    found = set()
    for one, other in itertools.combinations(read, 2):
        for x, y in itertools.product(one, other):
            if len(x[1] & y[1]) >= shared:
                found |= sentence_pairs(x, y, shared, most, jaccard)
    return found


def mine(stories: dict[str, list[str]], shared: int, most: int, jaccard: float
         ) -> dict[tuple[str, str], int]:
    """Each pair and the number of distinct stories it was seen in."""
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for texts in stories.values():
        for pair in story_pairs(texts, shared, most, jaccard):
            counts[pair] += 1
    return counts


def load(held_out: set[str]) -> dict[str, list[str]]:
    """story -> its articles' texts (one per outlet), the held-out stories left out."""
    stories: dict[str, dict[str, str]] = defaultdict(dict)
    with gzip.open(ARTICLES, "rt", encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            if a["event"] not in held_out:
                stories[a["event"]].setdefault(a["outlet"], a["text"])
    return {s: list(texts.values()) for s, texts in stories.items() if len(texts) > 1}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-stories", type=int, default=2)
    parser.add_argument("--shared", type=int, default=3)
    parser.add_argument("--jaccard", type=float, default=0.1)
    parser.add_argument("--most", type=int, default=30, help="words differing a side, at most")
    parser.add_argument("--show", type=int, default=100)
    parser.add_argument("--all-stories", action="store_true")
    parser.add_argument("--write", type=Path, help="write the kept pairs here (JSON)")
    args = parser.parse_args()
    held_out = set() if args.all_stories else held_out_stories()
    stories = load(held_out)
    counts = mine(stories, args.shared, args.most, args.jaccard)
    kept = sorted(((n, p) for p, n in counts.items() if n >= args.min_stories),
                  key=lambda k: (-k[0], k[1]))
    print(f"{len(stories)} stories mined ({len(held_out)} held out), {len(counts)} pairs seen, "
          f"{len(kept)} in >= {args.min_stories} stories")
    for n, (x, y) in kept[:args.show]:
        print(f"{n:4d}  {x} / {y}")
    if args.write:
        args.write.write_text(json.dumps(
            {"source": "bench/word_pairs.py " + " ".join(sys.argv[1:]),
             "min_stories": args.min_stories, "shared": args.shared, "most": args.most,
             "jaccard": args.jaccard,
             "pairs": [list(p) for _, p in kept]}, indent=0) + "\n")


if __name__ == "__main__":
    main()
