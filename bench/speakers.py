"""Who said each quotation, over the real news-events articles: how many speakers `People` reads,
and, against a saved reading of another tree, which changed.

    PYTHONPATH=. .venv/bin/python bench/speakers.py --save /tmp/after.json
    PYTHONPATH=OTHER_TREE .venv/bin/python bench/speakers.py --save /tmp/before.json
    .venv/bin/python bench/speakers.py --compare /tmp/before.json /tmp/after.json [--show 40]

Reads ../shared/data/news-events/articles.jsonl.gz (research use: nothing of it is printed but
the changed sentences' first words with --show, for reading by hand).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import time
from collections import Counter
from pathlib import Path

ARTICLES = Path(__file__).resolve().parents[1] / "../shared/data/news-events/articles.jsonl.gz"


def articles() -> dict[str, str]:
    """Each article's text by its identifier."""
    with gzip.open(ARTICLES, "rt", encoding="utf-8") as f:
        return {a["id"]: a["text"] for a in map(json.loads, f)}


def read_speakers(texts: dict[str, str]) -> dict:
    """The speaker of each sentence of each article, as the tree on PYTHONPATH reads them."""
    from monitor.steps.claims import People
    from monitor.steps.text import split_sentences

    started = time.process_time()
    out = {key: People(text).speakers(split_sentences(text)) for key, text in texts.items()}
    return {"cpu": time.process_time() - started, "out": out}


def compare(before: dict, after: dict, texts: dict[str, str], show: int) -> None:
    """Counts of speakers read, gained, changed and lost, and a random sample to read."""
    from monitor.steps.text import split_sentences

    def count(reading: dict) -> int:
        return sum(s is not None for found in reading["out"].values() for s in found)

    # an article whose sentences the trees split differently is compared by its speakers' counts
    resplit = [key for key, found in before["out"].items()
               if len(found) != len(after["out"][key])]
    changes = [(key, i, old, new) for key, found in before["out"].items()
               if key not in resplit
               for i, (old, new) in enumerate(zip(found, after["out"][key], strict=True))
               if old != new]
    print(f"speakers read: {count(before):,} -> {count(after):,}; changed {len(changes):,}: "
          f"{sum(o is None for _, _, o, _ in changes):,} gained, "
          f"{sum(n is None for _, _, _, n in changes):,} lost, "
          f"{sum(o is not None and n is not None for _, _, o, n in changes):,} another person; "
          f"CPU {before['cpu']:.2f} s -> {after['cpu']:.2f} s")
    for key, i, old, new in random.Random(1).sample(changes, min(show, len(changes))):
        print(f"  {old} -> {new} | {split_sentences(texts[key])[i][:140]}")
    print(f"articles split into other sentences: {len(resplit):,}")
    for key in resplit[:show]:
        old, new = (Counter(r["out"][key]) for r in (before, after))
        print(f"  {key}: {len(before['out'][key])} -> {len(after['out'][key])} sentences; "
              f"speakers gained {dict(new - old)}, lost {dict(old - new)}")
        for sentence, who in zip(split_sentences(texts[key]), after["out"][key], strict=True):
            if who is not None and new[who] > old[who]:
                print(f"    {who} | {sentence[:140]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--save", help="write this tree's reading to this JSON file")
    parser.add_argument("--compare", nargs=2, metavar=("BEFORE", "AFTER"))
    parser.add_argument("--show", type=int, default=0, help="changed sentences to print")
    args = parser.parse_args()
    texts = articles()
    if args.save:
        Path(args.save).write_text(json.dumps(read_speakers(texts)), encoding="utf-8")
    if args.compare:
        before, after = (json.loads(Path(p).read_text(encoding="utf-8")) for p in args.compare)
        compare(before, after, texts, args.show)


if __name__ == "__main__":
    main()
