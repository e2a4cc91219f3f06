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
    return np.unique(_runs(text))


def _runs(text: str) -> np.ndarray:
    """`shingles` in the text's order, repeats kept."""
    words = utils.default_process(text).split()
    if len(words) < SHINGLE:
        return np.zeros(0, dtype=np.uint64)
    ids = np.fromiter(map(_WORD_IDS.__getitem__, words), dtype=np.uint64, count=len(words))
    runs = np.zeros(len(words) - SHINGLE + 1, dtype=np.uint64)
    with np.errstate(over="ignore"):  # arithmetic modulo 2**64 is the point
        for k in range(SHINGLE):
            runs = runs * _ROLL + ids[k:len(ids) - SHINGLE + 1 + k]
    return runs


class _WordIds(dict):
    """Each word's hash (crc32 of its UTF-8), worked out once and then looked up: most of an
    article's 800 words were hashed before. Emptied when it holds WORDS_KEPT words."""

    def __missing__(self, word: str) -> int:
        if len(self) >= WORDS_KEPT:
            self.clear()
        self[word] = found = zlib.crc32(word.encode())
        return found


WORDS_KEPT = 100_000
_WORD_IDS = _WordIds()


def sketch(text: str) -> bytes:
    """The MinHash sketch of a text: PERMUTATIONS min-hashes as 8-byte integers (b"" if short)."""
    # A minimum is the same over the runs with their repeats: not made unique first (sorting
    # them cost a fifth of a sketch).
    runs = _runs(text)
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


def sketch_with_bands(text: str) -> tuple[bytes, list[int]]:
    """A text's sketch and its band keys (none for a text too short to sketch)."""
    made = sketch(text)
    return made, band_keys(made) if made else []


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
    group: int | None = None  # its group's earliest article (its own id for that one), if any


@dataclass
class Grouping:
    """What a search for copies found."""

    links: list[tuple[int, int, float]]  # (article, its group's earliest, similarity)
    renamed: dict[int, int]  # a stored group's earliest article -> the group's new earliest


def group_copies(pending: list[Candidate], bands: list[tuple[int, int]],
                 stored: dict[int, Candidate], text: Callable[[int], str]) -> Grouping:
    """Place each pending article in the group of copies of its text, if any.

    `bands` is (band key, article id) for the pending articles' band keys and every article
    having one (a group's members may be given as its earliest alone); `stored` holds the
    stored ones among them and the earliest article of each of their groups. A pending article
    is compared with one article per group sharing a band with it (the group's earliest) and
    with each article in none: the work grows with the texts, not with the copies each has. It
    joins the most similar group, or starts one with the article it copies; the earliest
    member of a group (`when`, then id) is the one the others copy.
    """
    waiting = {c.id for c in pending}
    keys: dict[int, list[int]] = {}  # article -> its band keys (among those asked about)
    for key, article in bands:
        keys.setdefault(article, []).append(key)
    known = dict(stored)  # pending articles join as they are placed, earliest first
    # A group whose earliest article has no sketch (none was given) cannot be compared with.
    group_of = {c.id: c.group for c in stored.values() if c.group in stored}
    earliest = {g: stored[g] for g in set(group_of.values())}
    # Band key -> what an article with it is compared with: ~group for a group, else the id.
    sharing: dict[int, set[int]] = {}
    for key, article in bands:
        if article not in waiting and article in stored:
            group = group_of.get(article)
            sharing.setdefault(key, set()).add(article if group is None else ~group)
    found: dict[int, tuple[int, float]] = {}  # article -> (group, similarity)
    for new in sorted(pending, key=_rank):
        targets = {t: earliest[~t] if t < 0 else known[t]
                   for key in keys.get(new.id, ()) for t in sharing.get(key, ())}
        best = _most_similar(new, targets, text)
        known[new.id], target = new, new.id
        if best is not None:
            group, share = (~best[0], best[1]) if best[0] < 0 else best
            if best[0] >= 0:  # an article in no group: the two start one
                earliest[group], group_of[group] = known[group], group
                for key in keys.get(group, ()):
                    sharing[key].discard(group)
                    sharing[key].add(~group)
            first = earliest[group]
            if _rank(new) < _rank(first):
                found[first.id], earliest[group] = (group, share), new
            else:
                found[new.id] = (group, share)
            group_of[new.id], target = group, ~group
        for key in keys.get(new.id, ()):
            sharing.setdefault(key, set()).add(target)
    links = [(a, earliest[g].id, s) for a, (g, s) in sorted(found.items())
             if a != earliest[g].id]
    renamed = {g: c.id for g, c in earliest.items()
               if c.id != g and g in stored and stored[g].group == g}
    return Grouping(links, renamed)


def _rank(candidate: Candidate) -> tuple[str, int]:
    return candidate.when, candidate.id


def _most_similar(new: Candidate, targets: dict[int, Candidate],
                  text: Callable[[int], str]) -> tuple[int, float] | None:
    # (key, similarity) of the target most similar to `new` from THRESHOLD, None if none is.
    # The sketches' estimate for all at once; the exact Jaccard where it is too close to tell.
    if not targets or not new.sketch:
        return None
    keys = list(targets)
    sketches = np.frombuffer(b"".join(targets[k].sketch for k in keys),
                             dtype=np.uint64).reshape(len(keys), -1)
    shares = (sketches == np.frombuffer(new.sketch, dtype=np.uint64)).mean(axis=1)
    for k in np.flatnonzero((shares >= SURE[0]) & (shares < SURE[1])).tolist():
        shares[k] = jaccard(text(new.id), text(targets[keys[k]].id))
    best = min(range(len(keys)), key=lambda k: (-shares[k], _rank(targets[keys[k]])))
    if shares[best] < THRESHOLD:
        return None
    return keys[best], round(float(shares[best]), 3)


def earliest(candidates: list[Candidate]) -> Candidate:
    """The original among copies: the earliest published (else first seen), then the lowest id."""
    return min(candidates, key=_rank)
