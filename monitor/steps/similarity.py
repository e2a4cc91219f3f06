"""Do two sentences state the same claim? A lexical model, cheap enough for every candidate pair.

Each sentence is analysed once (`analyse`); a pair is then described by overlap features (fuzzy
ratios from rapidfuzz's batch `cpdist`, shared words and word pairs, words left over on each side,
names, numbers, negation) and scored by a logistic model over those features and their pairwise
products. The weights and the decision threshold are fitted by `bench/pairs.py` on real news
sentence pairs and stored in `pair_model.json`; the figures are in `bench/README.md`.
"""

from __future__ import annotations

import gc
import json
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import NamedTuple

import numpy as np
from rapidfuzz import fuzz, process, utils
from rapidfuzz.distance import LCSseq, Levenshtein

from monitor.steps import text as reading

MODEL_FILE = Path(__file__).with_name("pair_model.json")


class Sentence(NamedTuple):
    """What the pair features need of one sentence, computed once."""

    processed: str
    stems: tuple[str, ...]
    content: frozenset[str]
    bigrams: frozenset[tuple[str, str]]
    names: frozenset[str]
    numbers: frozenset[str]
    negated: bool


def analyse(text: str) -> Sentence:
    """Analyse a sentence for pair scoring, reading its words as every step does (`text`)."""
    tokens = reading.words(text)
    distinct = set(tokens)
    stems = tuple(map(reading.stem, tokens))
    numbers = {t for t in distinct if t[0].isdigit()} | (distinct & reading.NUMBER_WORDS)
    return Sentence(
        utils.default_process(text),  # what rapidfuzz's ratios compare, character by character
        stems,
        frozenset(reading.content_of(distinct)),
        frozenset(zip(stems, stems[1:])),  # noqa: B905 (pairs of neighbours)
        frozenset(reading.name_words(text)),
        frozenset(numbers),
        reading.negated(text, number_sign=False),  # as the model was fitted
    )


FEATURES = ("ratio", "token_sort", "token_set", "cover_a", "cover_b", "dice", "bigram_a",
            "bigram_b", "word_edit", "word_lcs", "length_ratio", "extra_a", "extra_b",
            "extra_min", "extra_max", "names_differ", "numbers_differ", "numbers_same",
            "numbers_xor", "negation_differs")


def analyse_all(texts: list[str]) -> list[Sentence]:
    """Analyse many sentences; the cyclic garbage collector is paused (nothing here is cyclic)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return [analyse(t) for t in texts]
    finally:
        if enabled:
            gc.enable()


def pair_features(a: list[Sentence], b: list[Sentence]) -> np.ndarray:
    """One row of features per aligned pair (a[i], b[i])."""
    pa, pb = [s.processed for s in a], [s.processed for s in b]
    fuzzy = [process.cpdist(pa, pb, scorer=scorer, workers=1) / 100.0
             for scorer in (fuzz.ratio, fuzz.token_sort_ratio, fuzz.token_set_ratio)]
    rows = [_overlap(x, y) for x, y in zip(a, b, strict=True)]
    return np.column_stack([*fuzzy, np.array(rows, dtype=float).reshape(len(a), -1)])


def _overlap(a: Sentence, b: Sentence) -> list[float]:
    shared = len(a.content & b.content)
    shared_pairs = len(a.bigrams & b.bigrams)
    extra_a, extra_b = len(a.content) - shared, len(b.content) - shared  # the words left over
    la, lb = len(a.stems), len(b.stems)
    return [
        shared / max(len(a.content), 1), shared / max(len(b.content), 1),
        2 * shared / max(len(a.content) + len(b.content), 1),
        shared_pairs / max(len(a.bigrams), 1), shared_pairs / max(len(b.bigrams), 1),
        Levenshtein.normalized_similarity(a.stems, b.stems),
        LCSseq.normalized_similarity(a.stems, b.stems),
        min(la, lb) / max(la, lb, 1),
        extra_a, extra_b, min(extra_a, extra_b), max(extra_a, extra_b),
        len(a.names ^ b.names),
        float(bool(a.numbers or b.numbers) and a.numbers != b.numbers),
        float(bool(a.numbers) and a.numbers == b.numbers),
        len(a.numbers ^ b.numbers),
        float(a.negated != b.negated),
    ]


def expand(features: np.ndarray) -> np.ndarray:
    """Features and all their pairwise products (the model is linear in these)."""
    i, j = np.triu_indices(features.shape[1])
    return np.hstack([features, features[:, i] * features[:, j]])


@dataclass
class PairModel:
    """A logistic model over standardised expanded features, with its decision threshold."""

    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray  # last entry is the intercept
    threshold: float
    # The labelled pairs were all close in wording; below this word overlap (their 5th
    # percentile) the model has seen no data, and a pair is taken to state different claims.
    min_overlap: float = 0.0

    def probability(self, features: np.ndarray) -> np.ndarray:
        """P(same claim) for each row of pair features."""
        linear, quadratic, intercept = self._folded
        z = features @ linear + np.einsum("ij,jk,ik->i", features, quadratic, features)
        p = 1.0 / (1.0 + np.exp(-(z + intercept)))
        return np.where(features[:, FEATURES.index("dice")] >= self.min_overlap, p, 0.0)

    @cached_property
    def _folded(self) -> tuple[np.ndarray, np.ndarray, float]:
        # Standardising then weighting the expanded features equals one linear term and one
        # quadratic form on the raw features: 20×20 numbers instead of 230 columns a pair.
        # Worked out once a model, not once a call (77 us, for a few pairs a call).
        w = self.weights[:-1] / self.scale
        intercept = self.weights[-1] - float(w @ self.mean)
        n = len(FEATURES)
        quadratic = np.zeros((n, n))
        quadratic[np.triu_indices(n)] = w[n:]
        return w[:n], quadratic, intercept

    def to_json(self) -> dict:
        return {"features": list(FEATURES), "threshold": self.threshold,
                "min_overlap": self.min_overlap,
                "mean": self.mean.tolist(), "scale": self.scale.tolist(),
                "weights": self.weights.tolist()}

    @classmethod
    def from_json(cls, data: dict) -> PairModel:
        if data.get("features") != list(FEATURES):
            raise ValueError("pair model was fitted on other features; rerun bench/pairs.py")
        return cls(np.array(data["mean"]), np.array(data["scale"]), np.array(data["weights"]),
                   float(data["threshold"]), float(data["min_overlap"]))


def fit(features: np.ndarray, labels: np.ndarray, l2: float = 1.0, steps: int = 25) -> PairModel:
    """Fit the logistic model on the expanded features; threshold 0.5 until tuned."""
    x = expand(features)
    mean, scale, w = fit_logistic(x, labels, l2, steps)
    dice = features[:, FEATURES.index("dice")]
    return PairModel(mean, scale, w, 0.5, float(np.percentile(dice, 5)))


def fit_logistic(x: np.ndarray, labels: np.ndarray, l2: float = 1.0, steps: int = 25,
                 rows: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A logistic regression by Newton's method (L2-regularised) on standardised columns: their
    means, their scales and the weights (the last one the intercept); `rows` weighs each row
    (1 each when not given)."""
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-9
    x = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
    w = np.zeros(x.shape[1])
    penalty = np.r_[np.full(x.shape[1] - 1, l2), 0.0]
    weight = np.ones(len(x)) if rows is None else rows  # times 1.0: the same floats
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        gradient = x.T @ (weight * (p - labels)) + penalty * w
        hessian = (x * (weight * p * (1 - p))[:, None]).T @ x + np.diag(penalty)
        w -= np.linalg.solve(hessian, gradient)
    return mean, scale, w


@lru_cache(maxsize=1)
def model() -> PairModel:
    """The shipped model (`pair_model.json`)."""
    return PairModel.from_json(json.loads(MODEL_FILE.read_text()))


def same_claim(a: list[str], b: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """For aligned sentence lists: a score 0–100 and whether each pair states the same claim."""
    if not a:
        return np.zeros(0), np.zeros(0, dtype=bool)
    m = model()
    p = m.probability(pair_features(analyse_all(a), analyse_all(b)))
    return np.round(p * 100, 1), p >= m.threshold
