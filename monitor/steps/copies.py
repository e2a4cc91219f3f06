"""Syndicated copies: the same article published by several outlets, found by shared word runs.

Each article gets a MinHash sketch of its runs of SHINGLE words, computed once (in the crawl's
workers) and stored. Sketches are cut into LSH bands: two articles that share a band are
candidates, so a new article is compared with a handful of stored ones, not with all of them.
The share of equal min-hashes estimates how many runs two articles share (Jaccard); near the
threshold the runs themselves are compared.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from rapidfuzz import utils

SHINGLE = 5  # words in a run
PERMUTATIONS = 64  # min-hashes in a sketch
BANDS = 16  # of PERMUTATIONS // BANDS min-hashes each: a pair at 0.7 shares one with p = 0.99
THRESHOLD = 0.7  # Jaccard similarity of word runs from which one article copies another
SURE = (0.5, 0.9)  # estimates outside this range need no exact comparison (64 min-hashes)

_MASK = np.uint64(0xFFFFFFFFFFFFFFFF)
_SALTS = (np.arange(1, PERMUTATIONS + 1, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)) & _MASK
_ROLL = np.uint64(0x100000001B3)  # FNV prime: combines a run's word hashes in order


def shingles(text: str) -> np.ndarray:
    """Stable 64-bit hashes of every run of SHINGLE words (the same in every process and run)."""
    words = utils.default_process(text).split()
    if len(words) < SHINGLE:
        return np.zeros(0, dtype=np.uint64)
    ids = np.fromiter((zlib.crc32(w.encode()) for w in words), dtype=np.uint64, count=len(words))
    runs = np.zeros(len(words) - SHINGLE + 1, dtype=np.uint64)
    with np.errstate(over="ignore"):  # arithmetic modulo 2**64 is the point
        for k in range(SHINGLE):
            runs = runs * _ROLL + ids[k:len(ids) - SHINGLE + 1 + k]
    return np.unique(runs)


def sketch(text: str) -> bytes:
    """The MinHash sketch of a text: PERMUTATIONS min-hashes as 8-byte integers (b"" if short)."""
    runs = shingles(text)
    if not len(runs):
        return b""
    with np.errstate(over="ignore"):
        mixed = runs[None, :] ^ _SALTS[:, None]  # splitmix64's finaliser, once per salt
        mixed ^= mixed >> np.uint64(30)
        mixed *= np.uint64(0xBF58476D1CE4E5B9)
        mixed ^= mixed >> np.uint64(27)
        mixed *= np.uint64(0x94D049BB133111EB)
        mixed ^= mixed >> np.uint64(31)
    return mixed.min(axis=1).tobytes()


def band_keys(packed: bytes) -> list[int]:
    """One key per LSH band of a sketch, as SQLite integers (signed 64-bit)."""
    rows = np.frombuffer(packed, dtype=np.uint64).reshape(BANDS, -1)
    return [int.from_bytes(hashlib.blake2b(bytes([band]) + row.tobytes(), digest_size=8).digest(),
                           "big", signed=True) for band, row in enumerate(rows)]


def estimate(a: bytes, b: bytes) -> float:
    """The share of equal min-hashes: an estimate of the two texts' Jaccard similarity."""
    return float(np.mean(np.frombuffer(a, dtype=np.uint64) == np.frombuffer(b, dtype=np.uint64)))


def shared_runs(a: np.ndarray, b: np.ndarray) -> int:
    """How many word runs two `shingles` results have in common."""
    return len(np.intersect1d(a, b, assume_unique=True))


def jaccard(a: str, b: str) -> float:
    """The exact share of word runs two texts have in common."""
    x, y = shingles(a), shingles(b)
    shared = shared_runs(x, y)
    return shared / max(len(x) + len(y) - shared, 1)


@dataclass
class Candidate:
    """One article as copy detection reads it."""

    id: int
    sketch: bytes
    when: str  # published, else first seen: the earlier of two is the original


def copies_among(candidates: dict[int, Candidate], pairs: list[tuple[int, int]],
                 text: Callable[[int], str]) -> list[tuple[int, int, float]]:
    """(copy, original, similarity) for each pair of candidate ids that is a copy.

    The similarity is the sketches' estimate (for all pairs at once), or the exact Jaccard
    (from `text(article_id)`) when the estimate is too close to the threshold to decide.
    """
    if not pairs:
        return []
    ids = list(candidates)
    row = {article_id: i for i, article_id in enumerate(ids)}
    sketches = np.frombuffer(b"".join(c.sketch for c in candidates.values()),
                             dtype=np.uint64).reshape(len(candidates), -1)
    first, second = np.array([(row[x], row[y]) for x, y in pairs]).T
    shares = (sketches[first] == sketches[second]).mean(axis=1)
    for k in np.flatnonzero((shares >= SURE[0]) & (shares < SURE[1])).tolist():
        shares[k] = jaccard(text(ids[first[k]]), text(ids[second[k]]))
    # The earlier of two is the original: rank the candidates by (date, id) once.
    order = sorted(range(len(ids)), key=lambda i: (candidates[ids[i]].when, ids[i]))
    rank = np.empty(len(ids), dtype=np.int64)
    rank[order] = np.arange(len(ids))
    copied = np.flatnonzero(shares >= THRESHOLD)
    later_first = rank[first[copied]] > rank[second[copied]]
    copy = np.where(later_first, first[copied], second[copied])
    original = np.where(later_first, second[copied], first[copied])
    return [(ids[c], ids[o], round(share, 3)) for c, o, share in
            zip(copy.tolist(), original.tolist(), shares[copied].tolist(), strict=True)]
