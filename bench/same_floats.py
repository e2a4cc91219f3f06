"""Whether the coverage evidence's figures are the same, bit for bit, whatever the hash seed.

    .venv/bin/python bench/same_floats.py [--stories 100] [--articles 300] [--seeds 1 2]
    PYTHONPATH=/tmp/before .venv/bin/python bench/same_floats.py    # another tree's code

Python hashes strings with a seed of its own in every process (`PYTHONHASHSEED`): a set of
words is iterated in another order from one run to the next, and a sum over it adds its terms
in that order. This runs itself once a hash seed, on many_stories.py's stories and its first
--articles articles (real ones, of ../shared/data/news-events), and compares, as exact floats,
the cheap evidence of every article against every story (`StoryIndex.cheap_evidence`, the
eight figures before the claims') and the full evidence (`coverage.evidence`, the same eight)
of the pairs the cheap evidence leaves worth comparing claim by claim. Prints how many values
differ, by figure, and how many of them differ once rounded as stored (3 places).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
from many_stories import as_article, stories_and_articles

from monitor.steps import coverage
from monitor.steps.claims import read_seed
from monitor.steps.match import article_profile, seed_profile

FIGURES = coverage.FEATURES[:8]


def figures(n_stories: int, n_articles: int) -> tuple[np.ndarray, np.ndarray]:
    """The cheap evidence (articles × stories × 8) and the full evidence of the compared pairs."""
    seeds, articles = stories_and_articles(n_stories, n_articles)
    weighed = []
    for s in seeds:
        seed = read_seed(f"{s['title']}\n\n{s['text']}")  # as bench.db's seeds are added
        weighed.append(seed_profile(seed.title, seed.body, (s["published"] or "")[:10] or None))
    index = coverage.StoryIndex(weighed)
    cheap, full = [], []
    for a in articles[:n_articles]:
        article = article_profile(as_article(a))
        found = index.cheap_evidence(article)
        cheap.append(found[:, :8])
        for k in np.flatnonzero(coverage.worth_claims(found)).tolist():
            features = coverage.evidence(weighed[k], article).features
            full.append([features[f] for f in FIGURES])
    return np.array(cheap).reshape(-1, 8), np.array(full).reshape(-1, 8)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--stories", type=int, default=100)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--seeds", nargs=2, default=["1", "2"], help="two PYTHONHASHSEED values")
    parser.add_argument("--dump", help=argparse.SUPPRESS)  # one run's figures, to this file
    args = parser.parse_args()
    if args.dump:
        cheap, full = figures(args.stories, args.articles)
        np.savez(args.dump, cheap=cheap, full=full)
        return
    runs = []
    with tempfile.TemporaryDirectory() as folder:
        for seed in args.seeds:
            path = Path(folder) / f"{seed}.npz"
            subprocess.run([sys.executable, __file__, "--stories", str(args.stories),
                            "--articles", str(args.articles), "--dump", str(path)],
                           check=True, env={**os.environ, "PYTHONHASHSEED": seed})
            runs.append(np.load(path))
    for part in ("cheap", "full"):
        a, b = runs[0][part], runs[1][part]
        differ = (a != b).sum(axis=0)
        rounded = (np.round(a, 3) != np.round(b, 3)).sum()
        print(f"{part}: {int(differ.sum()):,} of {a.size:,} values differ between hash seeds "
              f"{args.seeds[0]} and {args.seeds[1]} ({rounded} once rounded to 3 places)")
        print("  " + ", ".join(f"{f} {int(n):,}" for f, n in zip(FIGURES, differ, strict=True)))


if __name__ == "__main__":
    main()
