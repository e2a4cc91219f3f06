"""Suspicious name words on real articles: what the name-reading rules get wrong, counted so
that the figure is reproducible (issues #15, #17).

    .venv/bin/python bench/names.py                # every article of ../shared/data/news-events
    .venv/bin/python bench/names.py --show 20      # and that many drops of an opening word

Printed: (1) how many articles have each word of a credit or a wire byline among their name
words (`body_words_and_names`, which coverage and the same-claim model read): an agency's or a
picture seller's word shared by unrelated articles; some are right (an article that quotes "told
Reuters"), so the figure is an upper bound. (2) The opening words `People.names_in` drops from a
name (`claims._only_opens`): how many, and how many of them leave a single word the text also
written nowhere in the text without that opening word before it ("White House" read as
"House", "Some Democrats" as "Democrats"): where a cut name hides, with the right drops.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from monitor.steps import claims  # noqa: E402
from monitor.steps.text import body_words_and_names, split_sentences  # noqa: E402

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "news-events"
# Words of wire bylines and picture credits: none names whom a story is about.
WATCHED = ("reuters", "ap", "afp", "getty", "images", "photo", "image", "editing", "reporting")


def credit_words(articles: list[dict]) -> Counter:
    """Articles whose name words hold each watched word."""
    counts: Counter = Counter()
    for a in articles:
        names = body_words_and_names(a["title"], a["text"])[1]
        counts.update(w for w in WATCHED if w in names)
    return counts


def names_by_sentence(article: dict) -> list[list[str]]:
    sentences = split_sentences(f"{article['title']}.\n\n{article['text']}")
    people = claims.People(" ".join(sentences))
    return [people.names_in(s) for s in sentences]


def opening_drops(articles: list[dict]) -> list[tuple[str, str, bool]]:
    """(name as written, name read, whether what is left is one word the text never writes
    without the dropped word before it) for every name that lost its opening word: names read
    with the rule against without it."""
    rule = claims._only_opens
    drops = []
    for a in articles:
        kept = names_by_sentence(a)
        claims._only_opens = lambda word, text: False
        try:
            whole = names_by_sentence(a)
        finally:
            claims._only_opens = rule
        text = " ".join(split_sentences(f"{a['title']}.\n\n{a['text']}"))
        for read, written in zip(kept, whole, strict=True):
            for before, after in zip(written, read, strict=False):
                if before != after and before.endswith(after) and " " in before:
                    first = re.escape(before.split()[0])
                    cut = " " not in after and re.search(
                        rf"(?<!{first} ){re.escape(after)}\b", text) is None
                    drops.append((before, after, cut))
    return drops


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show", type=int, default=0, help="print this many drops at random")
    args = parser.parse_args()
    with gzip.open(DATA / "articles.jsonl.gz", "rt") as f:
        articles = [json.loads(line) for line in f]
    counts = credit_words(articles)
    print(f"{len(articles)} articles; articles with the word among their name words:")
    for word in WATCHED:
        print(f"  {word:10} {counts[word]}")
    drops = opening_drops(articles)
    cut = [d for d in drops if d[2]]
    print(f"opening words dropped from names: {len(drops)}; leaving one word written nowhere "
          f"without it: {len(cut)}")
    for (before, after, _), n in Counter(cut).most_common(args.show):
        print(f"  {n} x {before!r} -> {after!r}")
    for before, after, _ in random.Random(1).sample(drops, min(args.show, len(drops))):
        print(f"  (any) {before!r} -> {after!r}")


if __name__ == "__main__":
    main()
