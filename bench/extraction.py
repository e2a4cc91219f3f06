"""Extraction quality on the Article Extraction Benchmark (../shared/data/aeb), the field's metric.

    .venv/bin/python bench/extraction.py [--aeb ../shared/data/aeb]

Per page: `\\w+` tokens, 4-token shingles, multiset true/false positives and false negatives,
normalised to sum to 1; precision and recall averaged over pages, F1 from the two averages.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import time
from collections import Counter
from pathlib import Path

from monitor.steps.extract import extract_article


def shingles(text: str, n: int = 4) -> Counter:
    tokens = re.findall(r"\w+", text.lower())
    return Counter(tuple(tokens[i:i + n]) for i in range(max(len(tokens) - n + 1, 0)))


def page_scores(predicted: str, truth: str) -> tuple[float, float]:
    p, t = shingles(predicted), shingles(truth)
    tp = sum((p & t).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    total = tp + fp + fn
    if total == 0:
        return 1.0, 1.0
    tp, fp, fn = tp / total, fp / total, fn / total
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--aeb", default=str(Path(__file__).parents[1] / "../shared/data/aeb"))
    args = parser.parse_args()
    root = Path(args.aeb)
    truth = json.loads((root / "ground-truth.json").read_text())
    precisions, recalls = [], []
    started = time.perf_counter()
    for page_id, expected in sorted(truth.items()):
        html = gzip.decompress((root / "html" / f"{page_id}.html.gz").read_bytes()).decode("utf-8")
        article = extract_article(html, expected.get("url") or page_id)
        p, r = page_scores(article.text if article else "", expected["articleBody"])
        precisions.append(p)
        recalls.append(r)
    elapsed = time.perf_counter() - started
    precision = sum(precisions) / len(precisions)
    recall = sum(recalls) / len(recalls)
    f1 = 2 * precision * recall / (precision + recall)
    print(f"pages {len(precisions)}  precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}  "
          f"({elapsed:.1f} s, {len(precisions) / elapsed:.1f} pages/s on one core)")


if __name__ == "__main__":
    main()
