"""Syndicated copies: the same article published by several outlets, found by shared word runs."""

from __future__ import annotations

import hashlib
from collections import defaultdict

from monitor.text import words

SHINGLE = 5  # words in a run
SKETCH = 8  # min-hashes kept per article: articles sharing one are compared in full
THRESHOLD = 0.7  # Jaccard similarity of word runs from which one article copies another


def shingles(text: str) -> set[int]:
    """Hashes of every run of SHINGLE words."""
    w = words(text)
    return {int.from_bytes(hashlib.blake2b(" ".join(w[i:i + SHINGLE]).encode(),
                                           digest_size=8).digest(), "big")
            for i in range(max(len(w) - SHINGLE + 1, 0))}


def sketch(runs: set[int]) -> list[int]:
    """A small MinHash sketch: the smallest hash under each of SKETCH salts."""
    if not runs:
        return []
    return [min((h ^ salt) * 0x9E3779B97F4A7C15 % (1 << 61) for h in runs)
            for salt in range(1, SKETCH + 1)]


def find_copies(articles: list[dict]) -> list[tuple[int, int, float]]:
    """(copy, original, similarity) for every article that repeats an earlier one.

    `articles` are dicts with id, text and first_seen (or published); the earlier of two is
    the original.
    """
    runs = {a["id"]: shingles(a["text"]) for a in articles}
    buckets: dict[tuple[int, int], list[int]] = defaultdict(list)
    for a in articles:
        for i, value in enumerate(sketch(runs[a["id"]])):
            buckets[(i, value)].append(a["id"])
    candidates = {tuple(sorted((x, y))) for ids in buckets.values() if len(ids) < 50
                  for x in ids for y in ids if x != y}
    when = {a["id"]: a.get("published") or a.get("first_seen") or "" for a in articles}
    found = []
    for x, y in sorted(candidates):
        shared = len(runs[x] & runs[y])
        similarity = shared / max(len(runs[x] | runs[y]), 1)
        if similarity >= THRESHOLD:
            copy, original = (x, y) if (when[x], x) > (when[y], y) else (y, x)
            found.append((copy, original, round(similarity, 3)))
    return found
