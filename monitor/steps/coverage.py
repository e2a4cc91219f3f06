"""Same story? An article against a seed, decided from several kinds of evidence.

News-event detection compares whole articles, not sentences: how much of the rare vocabulary
and of the names two articles share (each word weighted by how rare it is), whether their
headlines and leads say the same, how far apart they were published, and whether the
article carries the seed's specific claims. A small logistic model over that evidence,
fitted by `bench/coverage.py` on real stories written by journalists and stored in
`coverage_model.json`, gives the probability that the article covers the seed's story.
"""

from __future__ import annotations

import itertools
import json
import math
import operator
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import numpy as np

from monitor.steps import similarity
from monitor.steps import text as reading

MODEL_FILE = Path(__file__).with_name("coverage_model.json")
KINDS = ("seed", "copy", "coverage", "mention", "unrelated")
LEAD_WORDS = 60
# wordfreq lists no word rarer than this; a word it does not list is at least this rare.
_RAREST = 1e-8


@dataclass(frozen=True)
class Profile:
    """What the decision needs of one article (or seed), read once."""

    terms: Counter  # stemmed content words of the body, with counts
    title: frozenset[str]
    lead: frozenset[str]
    names: frozenset[str]
    numbers: frozenset[str]
    published: date | None
    in_order: tuple[str, ...] = ()  # the stemmed content words of the body, in order


def profile(title: str | None, body: str, published: date | str | None = None) -> Profile:
    """Read an article's headline, body and date into what the decision compares."""
    if isinstance(published, str):
        published = _day(published)
    words, names = reading.body_words_and_names(title or "", body)
    terms = reading.content_of(words)
    return Profile(Counter(terms),
                   frozenset(reading.content_terms(title or "")),
                   frozenset(reading.content_of(words[:LEAD_WORDS])),
                   # a number inside a hyphenated name ("COVID-19": 19) is no name of its own
                   frozenset(n for n in names if not n.isdigit()),
                   frozenset(specific_numbers(body)), published, tuple(terms))


# How many content words in a row of a seed's claim an article must repeat to be compared
# with the seed claim by claim whatever the rest of it says: another story that mentions this
# one quotes a few of its words, or repeats a sentence of its background.
QUOTE_RUN = 3
STATEMENT_RUN = 5


def runs(terms: list[str], length: int = QUOTE_RUN) -> frozenset[tuple[str, ...]]:
    """Every run of `length` content words."""
    return frozenset(zip(*(terms[i:] for i in range(length)), strict=False))


def repeated_runs(claims: list) -> frozenset[tuple[str, ...]]:
    """The runs of a seed's claims that an article repeating one in passing shares: of three
    content words of a quotation, of five of a statement."""
    return frozenset(run for c in claims for run in runs(
        reading.content_terms(c.text), QUOTE_RUN if c.kind == "quote" else STATEMENT_RUN))


def repeats(claim_runs: frozenset[tuple[str, ...]], terms: tuple[str, ...]) -> bool:
    """Whether content words in order (`Profile.in_order`) repeat one of `claim_runs`."""
    return any(terms[i:i + n] in claim_runs for n in {len(r) for r in claim_runs}
               for i in range(len(terms) - n + 1))


def specific_numbers(body: str) -> set[str]:
    """Numbers that single out a story: amounts in digits above ten (not small counts)."""
    return {_PLAIN_NUMBERS[v] for v in reading.amounts_in_digits(body) if v > 10}


def plain_number(value: float) -> str:
    """A number in full digits, to 15 significant ones: "90000000" and "4.75", never "9e+07";
    "$4.1 million" (4099999.9999999995 as a float) and "4,100,000" are both "4100000"."""
    return format(Decimal(f"{value:.15g}"), "f")


# Years and round amounts come back article after article: each written out once.
_PLAIN_NUMBERS = reading.Memo(plain_number, 100_000)


def _day(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


class Rarity:
    """How rare each word is: by the shipped word frequencies of the language (wordfreq), and,
    as articles are crawled, more and more by how few of them use it."""

    def __init__(self, language: str | None = "en", documents: dict[str, int] | None = None,
                 total: int = 0, blend: float = 0.0):
        self.language = language or "en"
        self.documents, self.total = documents or {}, total
        # The crawled articles' share of each weight: none without them, most with many.
        self.share = total / (total + blend) if total else 0.0
        self._weights: dict[str, float] = {}

    def weights(self, words: Iterable[str]) -> dict[str, float]:
        """The weights of `words` (and of every word weighed before), by word: most words
        were, so this is a look-up each, not a call."""
        known = self._weights
        for word in itertools.filterfalse(known.__contains__, words):
            self.weight(word)
        return known

    def weight(self, word: str) -> float:
        """An inverse frequency, in nats above the commonest words' (0 for those)."""
        found = self._weights.get(word)
        if found is None:
            freq = max(_frequency(self.language, word), _RAREST)
            found = max(-math.log(freq) - 4.0, 0.0)
            if self.share:
                crawled = math.log((self.total + 1) / (self.documents.get(word, 0) + 1))
                found = self.share * crawled + (1 - self.share) * found
            self._weights[word] = found
        return found


@lru_cache(maxsize=4)
def rarity(language: str | None = "en") -> Rarity:
    """The one Rarity of a language in this process: its weights are worked out once a word."""
    return Rarity(language)


@lru_cache(maxsize=4)
def _frequencies(language: str) -> dict[str, float]:
    import wordfreq  # loaded once per process, on the first decision that needs it

    try:
        table = wordfreq.get_frequency_dict(language, wordlist="small")
    except LookupError:
        table = wordfreq.get_frequency_dict("en", wordlist="small")
    folded: dict[str, float] = {}
    for word, freq in table.items():
        key = reading.stem(word)
        folded[key] = folded.get(key, 0.0) + freq
    return folded


def _frequency(language: str, word: str) -> float:
    return _frequencies(language).get(word, 0.0)


def load_frequencies(language: str = "en") -> None:
    """Load a language's word frequencies, stemmed (0.2-0.3 s of CPU), as the first article's
    weighing otherwise does: a crawl's worker server loads them once for all its workers."""
    _frequencies(language)


@dataclass(frozen=True)
class Weighed:
    """A profile with every bag of words weighted by rarity and normalised: ready to compare."""

    profile: Profile
    body: dict[str, float]
    title: dict[str, float]
    lead: dict[str, float]
    names: dict[str, float]


def weigh(p: Profile, rarity: Rarity) -> Weighed:
    """Weight a profile's words by their rarity (once per article, whatever the stories)."""
    weight = rarity.weights(itertools.chain(p.terms, p.title, p.lead, p.names))
    terms = p.terms
    # A word's weight times 1 + log(its count), the factors looked up by count: for most words
    # 1.0, and a weight times 1.0 is the same float, so no word needs a test in Python.
    body = list(map(operator.mul, map(_COUNT_FACTORS.__getitem__, terms.values()),
                    map(weight.__getitem__, terms)))
    # The sets' words in sorted order, not in the order of Python's string hashing, which
    # changes from process to process: the norms and dot products add their products in the
    # bags' order, and their last bits would change with it (bench/README.md, 2026-12-04).
    return Weighed(p, _unit_of(terms, body), *(
        _unit_of(words, list(map(weight.__getitem__, words)))
        for words in map(sorted, (p.title, p.lead, p.names))))


_COUNT_FACTORS = reading.Memo(lambda n: 1.0 + math.log(n), 10_000)  # 1 + log(n) by count


def _unit_of(words: Iterable[str], values: list[float]) -> dict[str, float]:
    """The words' values (in that order, each word once) divided by their norm: one dictionary
    made, not one of the values and another of them normalised."""
    norm = math.sqrt(sum(map(operator.mul, values, values)))
    if not norm:
        return {}
    return dict(zip(words, map(operator.truediv, values, itertools.repeat(norm)), strict=True))


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b[w] for w, v in a.items() if w in b)


FEATURES = ("body_cosine", "title_cosine", "lead_cosine", "names_cosine", "names_shared",
            "numbers_shared", "days_close", "undated", "claims_strong", "claims_specific",
            "claims_touched", "claims_best")


@dataclass(frozen=True)
class ClaimsCarried:
    """What comparing the seed's claims with the article's sentences found."""

    strong: int = 0  # claims carried verbatim, reworded or contradicted
    specific: int = 0  # ...of which hold a number or a quotation
    touched: float = 0.0  # share of the claims with any supporting sentence, partial included
    best: float = 0.0  # the best claim-sentence score, 0-1


@dataclass
class Evidence:
    """Why an article was or was not counted: the figures the model read, and what was shared."""

    features: dict[str, float]
    shared_names: list[str] = field(default_factory=list)
    shared_terms: list[str] = field(default_factory=list)
    shared_numbers: list[str] = field(default_factory=list)
    days_apart: int | None = None

    def as_dict(self) -> dict:
        return {"names": self.shared_names, "terms": self.shared_terms,
                "numbers": self.shared_numbers, "days_apart": self.days_apart,
                "features": {k: round(v, 3) for k, v in self.features.items()}}


def evidence(seed: Weighed, article: Weighed,
             claims: ClaimsCarried = ClaimsCarried()) -> Evidence:
    """The evidence that `article` covers the seed's story (`with_claims` adds the claims'
    later, when the cheap evidence says they are worth comparing)."""
    a, b = seed.profile, article.profile
    shared_names = seed.names.keys() & article.names.keys()
    shared_numbers = a.numbers & b.numbers
    days = abs((a.published - b.published).days) if a.published and b.published else None
    features = {
        "body_cosine": _dot(seed.body, article.body),
        "title_cosine": _dot(seed.title, article.title),
        "lead_cosine": _dot(seed.lead, article.lead),
        "names_cosine": _dot(seed.names, article.names),
        # The share of the seed's names (by rarity) that the article names.
        # Added in the names' (sorted) order, as `StoryIndex.cheap_evidence` adds them, not
        # in the set's (which follows the process's string hashing).
        "names_shared": sum(seed.names[n] for n in article.names if n in seed.names) / max(
            sum(seed.names.values()), 1e-9),
        "numbers_shared": min(len(shared_numbers), 5) / 5,
        "days_close": math.exp(-days / 2) if days is not None else 0.0,
        "undated": float(days is None),
        **_claim_features(claims),
    }
    terms = sorted(seed.body.keys() & article.body.keys(),
                   key=lambda w: (-seed.body[w] * article.body[w], w))
    return Evidence(features, sorted(shared_names, key=lambda n: (-seed.names[n], n))[:8],
                    terms[:8], sorted(shared_numbers, key=float)[:8], days)


class StoryIndex:
    """Every story's seed indexed by its words, names and numbers, so that an article's cheap
    evidence against all the stories is worked out in one pass (`cheap_evidence`) rather than
    once a story: the same figures as `evidence`, whatever the number of stories."""

    def __init__(self, seeds: list[Weighed], repeated: list[frozenset] | None = None):
        self.size = len(seeds)
        self._repeated: dict[tuple, list[int]] = {}  # a run of a seed's claims -> stories
        for story, found in enumerate(repeated or []):
            for run in found:
                self._repeated.setdefault(run, []).append(story)
        self._lengths = sorted({len(run) for run in self._repeated})
        self._bags = {bag: _Postings([getattr(s, bag) for s in seeds])
                      for bag in ("body", "title", "lead", "names")}
        self._name_totals = np.array([max(sum(s.names.values()), 1e-9) for s in seeds])
        self._numbers = _Postings([dict.fromkeys(s.profile.numbers, 1.0) for s in seeds])
        self._days = np.array([s.profile.published.toordinal() if s.profile.published else -1
                               for s in seeds], dtype=float)

    def cheap_evidence(self, article: Weighed) -> np.ndarray:
        """The evidence features (FEATURES order, claims' left at 0) against every story."""
        features = np.zeros((self.size, len(FEATURES)))
        for column, bag in (("body_cosine", "body"), ("title_cosine", "title"),
                            ("lead_cosine", "lead"), ("names_cosine", "names")):
            features[:, FEATURES.index(column)] = self._bags[bag].dot(getattr(article, bag))
        names = self._bags["names"].dot(dict.fromkeys(article.names, 1.0))
        features[:, FEATURES.index("names_shared")] = names / self._name_totals
        numbers = self._numbers.dot(dict.fromkeys(article.profile.numbers, 1.0))
        features[:, FEATURES.index("numbers_shared")] = np.minimum(numbers, 5) / 5
        published = article.profile.published
        dated = self._days >= 0 if published else np.zeros(self.size, dtype=bool)
        days = np.abs(self._days - (published.toordinal() if published else 0))
        features[:, FEATURES.index("days_close")] = np.where(dated, np.exp(-days / 2), 0.0)
        features[:, FEATURES.index("undated")] = ~dated
        return features

    def repeating(self, article: Weighed) -> set[int]:
        """The stories one of whose seed's claims the article repeats in part (`repeated_runs`)."""
        # Every run of the article made by `zip` and looked up by the dictionary's view, both
        # in C: a loop in Python over the article's words, even one making only the runs that
        # open with a claim run's first word, cost several times more (0.7 against 0.09 ms an
        # article with 100 stories' runs, timed under load; bench/README.md, 2026-12-04 05:09).
        words, claim_runs = article.profile.in_order, self._repeated.keys()
        found: set[tuple] = set()
        for n in self._lengths:
            found |= claim_runs & zip(*(words[i:] for i in range(n)), strict=False)
        return {story for run in found for story in self._repeated[run]}


# Up to this many stories an article's bags are compared with theirs in a loop (`_dot_few`).
FEW_STORIES = 8


class _Postings:
    """Bags of weighted words, one per story, laid out word by word (compressed rows): the dot
    products of one bag with all of them are a few array operations."""

    def __init__(self, bags: list[dict[str, float]]):
        by_word: dict[str, list[tuple[int, float]]] = {}
        for story, bag in enumerate(bags):
            for word, weight in bag.items():
                by_word.setdefault(word, []).append((story, weight))
        self.size = len(bags)
        self._postings = by_word
        self._ids = {word: i for i, word in enumerate(by_word)}  # a word's postings' number
        starts: list[int] = []
        stories: list[int] = []
        weights: list[float] = []
        for postings in by_word.values():
            starts.append(len(stories))
            stories.extend(s for s, _ in postings)
            weights.extend(w for _, w in postings)
        self._starts = np.array(starts, dtype=np.intp)
        self._lengths = np.array([len(p) for p in by_word.values()], dtype=np.intp)
        self._stories = np.array(stories, dtype=np.intp)
        self._weights = np.array(weights)

    def dot(self, bag: dict[str, float]) -> np.ndarray:
        """Each story's bag's dot product with `bag`."""
        if self.size <= FEW_STORIES:
            return self._dot_few(bag)
        # Each word of the bag's postings' number (-1: no story has it) and weight, in the bag's
        # order, read by `map` and `fromiter` in C rather than a loop in Python.
        ids = np.fromiter(map(self._ids.get, bag, itertools.repeat(-1)), dtype=np.intp,
                          count=len(bag))
        found = ids >= 0
        if not found.any():
            return np.zeros(self.size)
        ids = ids[found]
        starts, lengths = self._starts[ids], self._lengths[ids]
        values = np.fromiter(bag.values(), dtype=float, count=len(bag))[found]
        # The positions of every posting of every word found, without a loop over the words.
        ends = np.cumsum(lengths)
        at = np.repeat(starts - ends + lengths, lengths) + np.arange(ends[-1])
        products = self._weights[at] * np.repeat(values, lengths)
        return np.bincount(self._stories[at], products, minlength=self.size)

    def _dot_few(self, bag: dict[str, float]) -> np.ndarray:
        # `dot` in a loop: the same products added in the same order as `bincount` adds them
        # (the same floats), without the dozen array operations that cost more than the loop
        # over a few stories' postings.
        totals = [0.0] * self.size
        postings = self._postings
        for word in filter(postings.__contains__, bag):  # in the bag's order, as `dot`
            v = bag[word]
            for story, weight in postings[word]:
                totals[story] += weight * v
        return np.array(totals)


def with_claims(ev: Evidence, claims: ClaimsCarried) -> Evidence:
    """The same evidence, with what comparing the claims found."""
    return replace(ev, features={**ev.features, **_claim_features(claims)})


def _claim_features(claims: ClaimsCarried) -> dict[str, float]:
    return {"claims_strong": min(claims.strong, 5) / 5,
            "claims_specific": min(claims.specific, 3) / 3,
            "claims_touched": claims.touched, "claims_best": claims.best}


# Evidence that counts together: a middling similarity is coverage when the article carries
# the seed's claims too, and rarely when it carries none (a one-off count over bench/coverage.py's
# evidence: 31 of 200 covering articles carry at most a tenth of the claims, against 511 of 961
# others, at a body cosine of 0.3-0.45). Every pairwise product fitted
# as well as these three, but extrapolated badly beyond the fitted range (`bench/README.md`).
INTERACTIONS = (("body_cosine", "claims_touched"), ("body_cosine", "claims_best"),
                ("names_shared", "claims_touched"))


def with_interactions(features: np.ndarray) -> np.ndarray:
    """The evidence features followed by the products that INTERACTIONS names."""
    pairs = [(FEATURES.index(a), FEATURES.index(b)) for a, b in INTERACTIONS]
    return np.hstack([features, *(features[:, [i]] * features[:, [j]] for i, j in pairs)])


@dataclass
class CoverageModel:
    """A logistic model over the evidence (and INTERACTIONS), and the probability from which an
    article counts."""

    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray  # last entry is the intercept
    threshold: float

    def probability(self, features: np.ndarray) -> np.ndarray:
        """P(coverage) for each row of evidence features (in FEATURES order)."""
        x = with_interactions(features)
        z = ((x - self.mean) / self.scale) @ self.weights[:-1] + self.weights[-1]
        return 1.0 / (1.0 + np.exp(-z))

    def to_json(self) -> dict:
        return {"features": list(FEATURES), "interactions": [list(p) for p in INTERACTIONS],
                "threshold": self.threshold,
                "mean": self.mean.tolist(), "scale": self.scale.tolist(),
                "weights": self.weights.tolist()}

    @classmethod
    def from_json(cls, data: dict) -> CoverageModel:
        if data.get("features") != list(FEATURES) or data.get("interactions") != [
                list(p) for p in INTERACTIONS]:
            raise ValueError("coverage model was fitted on other features; rerun "
                             "bench/coverage.py --fit")
        return cls(np.array(data["mean"]), np.array(data["scale"]), np.array(data["weights"]),
                   float(data["threshold"]))


# The claims an article carries: more of them must never make it less likely coverage. (The
# cheap evidence keeps the signs the data gives it: given as many words in common, more names
# in common is the same people in another event, as often as not.)
MONOTONE = ("claims_strong", "claims_specific", "claims_touched", "claims_best")


def fit(features: np.ndarray, labels: np.ndarray, l2: float = 1.0,
        steps: int = 30) -> CoverageModel:
    """Fit the logistic model (`similarity.fit_logistic`), threshold 0.5 until tuned, such
    that carrying more of the seed's claims never lowers the probability (`_lowering`)."""
    x = with_interactions(features)
    kept = list(range(x.shape[1]))
    while True:
        mean, scale, w = similarity.fit_logistic(x[:, kept], labels, l2, steps)
        model = CoverageModel(x.mean(axis=0), x.std(axis=0) + 1e-9, np.zeros(x.shape[1] + 1),
                              0.5)
        model.mean[kept], model.scale[kept], model.weights[kept] = mean, scale, w[:-1]
        model.weights[-1] = w[-1]
        # Fitted freely, the products of claims with other evidence came out negative, and
        # beyond the fitting data's range (a follow-up carrying five claims, nearly all the
        # names) more claims carried then lowered the probability. The most negative of the
        # columns to blame is left out, and the rest fitted again.
        lowering = _lowering(model)
        if not lowering:
            return model
        kept.remove(min(lowering, key=lambda i: model.weights[i]))


def _lowering(m: CoverageModel) -> set[int]:
    """The negative columns through which more of a claims feature (MONOTONE) lowers the
    probability somewhere among features between 0 and 1."""
    raw = m.weights[:-1] / m.scale
    columns = {i: [i] for i, name in enumerate(FEATURES) if name in MONOTONE}
    for k, pair in enumerate(INTERACTIONS, start=len(FEATURES)):
        for i in map(FEATURES.index, pair):
            if i in columns:
                columns[i].append(k)
    lowering: set[int] = set()
    for own in columns.values():
        # The slope at its lowest: its own weight, with every negative product's factor at 1.
        if raw[own[0]] + sum(min(raw[k], 0.0) for k in own[1:]) < 0:
            lowering.update(k for k in own if raw[k] < 0)
    return lowering


@lru_cache(maxsize=1)
def model() -> CoverageModel:
    """The shipped model (`coverage_model.json`)."""
    return CoverageModel.from_json(json.loads(MODEL_FILE.read_text()))


def as_row(ev: Evidence) -> np.ndarray:
    """The evidence's features in the model's order."""
    return np.array([[ev.features[f] for f in FEATURES]])


# Below these the cheap evidence rules a story out and its claims are not compared at all
# (unless the article repeats one of its quotations): on the fitting data, claims are compared
# for one decision in fifty and F1 is the same as comparing them from a cosine of 0.1, for one
# in four (`bench/coverage.py` prints both, and how many covering articles were not compared).
WORTH_COSINE = 0.2
WORTH_NAMES = 0.5


def worth_claims(cheap: np.ndarray) -> np.ndarray:
    """For each row of cheap evidence, whether it leaves the story plausible enough to compare
    claim by claim."""
    return ((cheap[:, FEATURES.index("body_cosine")] >= WORTH_COSINE)
            | (cheap[:, FEATURES.index("names_shared")] >= WORTH_NAMES))


def why_ruled_out(cheap: np.ndarray) -> list[dict]:
    """For each row of cheap evidence, the short form of `Evidence.as_dict` for a story the
    cheap evidence ruled out (an article is ruled out for most stories, and this is stored for
    each)."""
    return list(itertools.starmap(ruled_out_evidence, zip(*ruling_figures(cheap), strict=True)))


def ruling_figures(cheap: np.ndarray) -> tuple[list[float], list[float]]:
    """The figures a ruled-out story's evidence gives (`ruled_out_evidence`), for each row of
    cheap evidence: its body cosine and its share of names."""
    return (cheap[:, FEATURES.index("body_cosine")].tolist(),
            cheap[:, FEATURES.index("names_shared")].tolist())


def ruled_out_evidence(body_cosine: float, names_shared: float) -> dict:
    """One story's short form of `Evidence.as_dict`, for a story the cheap evidence ruled out."""
    return {"ruled_out": True, "features": {"body_cosine": round(body_cosine, 3),
                                            "names_shared": round(names_shared, 3)}}


def ruled_out_json(body_cosine: float, names_shared: float) -> str:
    """`evidence_json(ruled_out_evidence(body_cosine, names_shared))`, without the dictionary:
    a worker of `monitor match` sends 100 of these an article with 100 stories."""
    body, names = round(body_cosine, 3), round(names_shared, 3)
    return _ruled_out_text(body, names) or json.dumps(
        {"ruled_out": True, "features": {"body_cosine": body, "names_shared": names}})


def _ruled_out_text(body, names) -> str | None:
    # The text `json.dumps` writes for the short form, for two finite floats (None otherwise).
    if type(body) is float and type(names) is float and math.isfinite(body + names):
        return (f'{{"ruled_out": true, "features": {{"body_cosine": {body!r}, '
                f'"names_shared": {names!r}}}}}')
    return None


def evidence_json(evidence: dict | None) -> str | None:
    """An evidence as its JSON column stores it: `json.dumps`, or None for none. The short
    form of a ruled-out story (`why_ruled_out`, most of what `monitor match` stores: 100 an
    article with 100 stories) is written out directly, the same text at a fifth of the cost
    (`json.dumps` builds its encoder anew for every call)."""
    if not evidence:
        return None
    features = evidence.get("features")
    if evidence.get("ruled_out") is True and len(evidence) == 2 and len(features) == 2:
        text = _ruled_out_text(features.get("body_cosine"), features.get("names_shared"))
        if text is not None:
            return text
    return json.dumps(evidence)


def claims_carried(result, claims: list) -> ClaimsCarried:
    """Sum up the claim-by-claim matches of an article (a `match.ArticleMatch`)."""
    matches = result.supported or result.matches
    by_position = {c.position: c for c in claims}
    strong = [m for m in matches if m.verdict in ("verbatim", "paraphrase", "reworded quotation",
                                                  "conflict")]
    specific = [m for m in strong if by_position[m.claim_position].numbers
                or by_position[m.claim_position].kind == "quote"]
    touched = sum(m.verdict != "absent" for m in matches) / max(len(matches), 1)
    best = max((m.score for m in matches if m.verdict != "absent"), default=0.0) / 100
    return ClaimsCarried(len(strong), len(specific), touched, best)


# Across languages only names and dates compare. No data here has stories told in two
# languages, so these are set, not fitted: three of the seed's names or more, a tenth of them
# by rarity, within three days.
FOREIGN_NAMES = 3
FOREIGN_SHARE = 0.1
FOREIGN_DAYS = 3

# Wording this close throughout is a syndicated copy of the seed, not another outlet's telling.
COPY_COSINE = 0.9


@dataclass(frozen=True)
class Decision:
    """What an article is to a story, and how sure the model is that it covers it."""

    probability: float
    kind: str  # one of KINDS
    is_coverage: bool


def decide(ev: Evidence, m: CoverageModel | None = None) -> Decision:
    """Coverage, copy, mention or unrelated, from the evidence (the seed's own page is told by
    its URL before any evidence is weighed)."""
    m = m or model()
    return decision(float(m.probability(as_row(ev))[0]), ev.features, m)


def decision(p: float, features: dict[str, float], m: CoverageModel | None = None) -> Decision:
    """The kind of an article whose evidence gave the model's probability `p`."""
    m = m or model()
    if features["body_cosine"] >= COPY_COSINE:
        return Decision(p, "copy", True)
    if p >= m.threshold:
        return Decision(p, "coverage", True)
    # Not about the story, yet carrying one of its claims: another story that refers to it.
    return Decision(p, "mention" if features["claims_strong"] > 0 else "unrelated", False)
