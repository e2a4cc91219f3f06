"""Verdicts and coverage on the demo corpus, against data/demo/labels/, or on the held-out story.

    .venv/bin/python bench/demo_labels.py [--db PATH] [--show]
    .venv/bin/python bench/demo_labels.py --heldout [--db PATH] [--show]

Without --db it runs `monitor demo` into a temporary database first (offline, on 127.0.0.1).
With --heldout it serves data/heldout/site instead, registers data/heldout/seeds/, crawls
data/heldout/outlets.toml and scores against data/heldout/labels/: a story of our own that no
threshold or model was fitted on (the unseen check); a --db that does not exist yet is built.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import tomllib
from collections import Counter
from pathlib import Path

from monitor.jobs.evaluate import coverage_outcomes, load_all_labels, verdict_outcomes
from monitor.store.schema import open_db

ROOT = Path(__file__).resolve().parents[1]
HELDOUT = ROOT / "data/heldout"
QUIET_CRAWL = {"DOWNLOAD_DELAY": "0", "AUTOTHROTTLE_ENABLED": "False", "LOG_LEVEL": "WARNING"}


def build_heldout(db_path: str) -> None:
    """Crawl the held-out outlets offline into db_path and match them against its seeds."""
    from monitor.jobs import crawl, demo, match, seed

    seeds = tomllib.loads((HELDOUT / "articles.toml").read_text(encoding="utf-8"))["seeds"]
    server, base = demo.serve_site(HELDOUT / "site")
    try:
        db = open_db(db_path)
        for path in sorted((HELDOUT / "seeds").glob("*.txt")):
            seed.add_seed(db, str(path), path.stem, published=seeds[path.stem], replace=True)
        crawl.crawl(db_path, str(HELDOUT / "outlets.toml"), base, QUIET_CRAWL)
        match.match_stories(db)
    finally:
        server.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db")
    parser.add_argument("--show", action="store_true", help="list every wrong verdict")
    parser.add_argument("--heldout", action="store_true",
                        help="the held-out story (data/heldout) instead of the demo")
    args = parser.parse_args()
    db_path = args.db or str(Path(tempfile.mkdtemp()) / "demo.db")
    if args.heldout and not Path(db_path).exists():
        build_heldout(db_path)
    elif args.db is None:
        subprocess.run([sys.executable, "-m", "monitor", "--db", db_path, "demo"],
                       cwd=ROOT, check=True, capture_output=True)
    db = open_db(db_path)
    outcomes, coverage = [], []
    labels_folder = HELDOUT / "labels" if args.heldout else ROOT / "data/demo/labels"
    for labels in load_all_labels(labels_folder):
        story_outcomes = verdict_outcomes(db, labels)
        story_coverage = coverage_outcomes(db, labels)
        right = sum(o.correct for o in story_outcomes)
        print(f"{labels['story']}: verdicts {right}/{len(story_outcomes)}, coverage "
              f"{sum(want == got for _, want, got in story_coverage)}/{len(story_coverage)}")
        outcomes += story_outcomes
        coverage += story_coverage
    right = sum(o.correct for o in outcomes)
    print(f"(b) claim verdicts: accuracy {right / len(outcomes):.3f} ({right}/{len(outcomes)})")
    confusion = Counter((o.expected.split(":")[0], o.verdict.split(":")[0]) for o in outcomes)
    kinds = ["verbatim", "paraphrase", "reworded quotation", "partial", "conflict", "absent"]
    print("    expected \\ found   " + " ".join(f"{k[:6]:>7}" for k in kinds))
    for e in kinds:
        print(f"    {e:<19}" + " ".join(f"{confusion[(e, f)]:>7}" for f in kinds))

    tp = sum(1 for _, want, got in coverage if want and got)
    fp = sum(1 for _, want, got in coverage if got and not want)
    fn = sum(1 for _, want, got in coverage if want and not got)
    precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    f1 = 2 * precision * recall / max(precision + recall, 1e-9)
    print(f"(c) coverage: precision {precision:.3f} recall {recall:.3f} F1 {f1:.3f} "
          f"({tp} right, {fp} wrongly counted, {fn} missed, of {len(coverage)} article-story "
          f"pairs)")
    if args.show:
        for o in outcomes:
            if not o.correct:
                print(f"    {o.path} {o.claim}: expected {o.expected}, found {o.verdict}")


if __name__ == "__main__":
    main()
