"""Hard-wrapped seeds read a paragraph a line: each real news-events text, wrapped as e-mail and
wire copy are (textwrap at 60, 72, 80 columns, a blank line between paragraphs), is joined again
by `claims.unwrapped`; how many come back paragraph for paragraph, and how many texts already a
paragraph a line it changes (none should).

    PYTHONPATH=. .venv/bin/python bench/wrapped_seeds.py

Reads ../shared/data/news-events/articles.jsonl.gz (research use: nothing of it is printed).
"""

from __future__ import annotations

import gzip
import json
import textwrap
from pathlib import Path

from monitor.steps.claims import read_seed, unwrapped

ARTICLES = Path(__file__).resolve().parents[1] / "../shared/data/news-events/articles.jsonl.gz"
WIDTHS = (60, 72, 80)
SAMPLE_STEP = 10  # every tenth text's claims


def main() -> None:
    with gzip.open(ARTICLES, "rt", encoding="utf-8") as f:
        texts = [[p.strip() for p in f"{a['title']}\n{a['text']}".splitlines() if p.strip()]
                 for a in map(json.loads, f)]
    plain = sum(unwrapped("\n".join(p) + "\n") != "\n".join(p) + "\n" for p in texts)
    print(f"texts: {len(texts):,}; a paragraph a line, changed: {plain}")
    for width in WIDTHS:
        back = sum([p for p in unwrapped("\n\n".join(textwrap.fill(p, width) for p in paras))
                    .splitlines() if p.strip()] == paras for paras in texts)
        print(f"wrapped at {width}: {back:,} of {len(texts):,} read back paragraph for paragraph")
    # the claims a seed gives, wrapped at 72, against the same text a paragraph a line
    sample = texts[::SAMPLE_STEP]
    same = {"as wrapped": 0, "joined again": 0}
    for paras in sample:
        own = [c.text for c in read_seed("\n".join(paras)).claims]
        wrapped = "\n\n".join(textwrap.fill(p, 72) for p in paras)
        same["as wrapped"] += [c.text for c in read_seed(wrapped).claims] == own
        same["joined again"] += [c.text for c in read_seed(unwrapped(wrapped)).claims] == own
    print(f"claims of {len(sample)} seeds wrapped at 72, the same as a paragraph a line gives: "
          + ", ".join(f"{how} {n}" for how, n in same.items()))


if __name__ == "__main__":
    main()
