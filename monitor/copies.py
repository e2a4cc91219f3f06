"""Syndicated copies: the same article published by several outlets, found by shared word runs."""

from __future__ import annotations

from collections import Counter, defaultdict

import numpy as np
from rapidfuzz import utils

SHINGLE = 5  # words in a run
SKETCH = 8  # min-hashes kept per article: articles sharing one are compared in full
THRESHOLD = 0.7  # Jaccard similarity of word runs from which one article copies another


def shingles(text: str) -> set[int]:
    """Hashes of every run of SHINGLE words (stable within one process, which is all we need)."""
    w = utils.default_process(text).split()
    return {hash(tuple(w[i:i + SHINGLE])) for i in range(max(len(w) - SHINGLE + 1, 0))}


_SALTS = np.arange(1, SKETCH + 1, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)


def sketch(runs: set[int]) -> list[int]:
    """A small MinHash sketch: the smallest hash under each of SKETCH salted permutations."""
    if not runs:
        return []
    hashes = np.fromiter(runs, dtype=np.int64, count=len(runs)).view(np.uint64)
    with np.errstate(over="ignore"):  # multiplication modulo 2**64 is the point
        mixed = (hashes[None, :] ^ _SALTS[:, None]) * np.uint64(0xBF58476D1CE4E5B9)
    return mixed.min(axis=1).tolist()


def find_copies(articles: list[dict], new: set[int] | None = None
                ) -> list[tuple[int, int, float]]:
    """(copy, original, similarity) for every article that repeats an earlier one.

    `articles` are dicts with id, text and first_seen (or published); the earlier of two is
    the original. With `new`, only pairs that involve one of those article ids are compared.
    """
    runs = {a["id"]: shingles(a["text"]) for a in articles}
    buckets: dict[tuple[int, int], list[int]] = defaultdict(list)
    for a in articles:
        for i, value in enumerate(sketch(runs[a["id"]])):
            buckets[(i, value)].append(a["id"])
    # Two articles are compared only when at least two sketch values agree: near copies
    # almost always do, articles that merely share a sentence almost never.
    agreeing: Counter = Counter()
    for ids in buckets.values():
        if 1 < len(ids) < 50:
            agreeing.update((x, y) for x in ids for y in ids
                            if x < y and (new is None or x in new or y in new))
    candidates = [pair for pair, count in agreeing.items() if count >= 2]
    when = {a["id"]: a.get("published") or a.get("first_seen") or "" for a in articles}
    found = []
    for x, y in sorted(candidates):
        shared = len(runs[x] & runs[y])
        similarity = shared / max(len(runs[x]) + len(runs[y]) - shared, 1)
        if similarity >= THRESHOLD:
            copy, original = (x, y) if (when[x], x) > (when[y], y) else (y, x)
            found.append((copy, original, round(similarity, 3)))
    return found
