"""Meaning evidence on the rules' absents: do word embeddings tell a told claim (issue #17)?

Needs `wordllama` (not a dependency of the project): a SIDE virtualenv, never .venv:

    python3 -m venv /work/scratch/embed/venv
    /work/scratch/embed/venv/bin/python -m pip install -q --upgrade pip
    /work/scratch/embed/venv/bin/pip install -q -r requirements.lock
    /work/scratch/embed/venv/bin/pip install -q --no-deps --no-build-isolation -e .
    /work/scratch/embed/venv/bin/pip install wordllama==0.4.0.post1   # (or its wheel's path)

Then, with the eight real-text sets' databases in DIR (first.db by `realtext_verdicts.py --db
DIR/first.db`, the others by `realtext_heldout.py --set NAME --db DIR/NAME.db`):

    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 PYTHONPATH=. \\
        /work/scratch/embed/venv/bin/python bench/embedding_absents.py --dbs DIR [--decide]

Reads the two random samples of the rules' absents (`partial_model.SAMPLE_LABELS`, seed 45,
and `SAMPLE2_LABELS`, seed 46), finds each labelled pair again among today's verdicts (a pair
gone, or no longer absent, is counted and skipped), and describes it by embedding evidence
between the claim and the article's sentences (`EMBEDDING`) and by `partial_model`'s lexical
evidence (each feature's best over the pair's candidates, and the lexical model's P(part):
out of fold by story on sample 1, fitted once on the labels and sample 1 for sample 2). Prints
the AUC of each, told (partial or better) against absent, by sample and both.
`--decide`: a logistic decision absent -> partial over `DECISION` fitted on sample 1 only
(leave-one-story-out for its threshold, chosen for precision: a wrong partial counts twice a
missed one), scored once on sample 2 (new partials right k of n, Wilson, net gain over the
rules' 1,623 unlabelled absents), then run over the eight sets' labelled pairs the rules call
absent: told ones recovered, absents made partial; `--lexical-only`: the same without the
embedding features, for comparison. Also the CPU time a (claim, article) pair.
The weights and the tokenizer are read from the installed package's files by hand
(`WordLlama.load()` looks for the tokenizer in the wrong folder and goes to Hugging Face).
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import partial_model as pm  # noqa: E402
import realtext_heldout as rh  # noqa: E402
import realtext_verdicts  # noqa: E402

from monitor.steps import similarity  # noqa: E402
from monitor.steps.conflicts import claim_words, sentence_words  # noqa: E402
from monitor.steps.text import split_sentences  # noqa: E402

SIX = [name for name in pm.SETS if name != pm.UNSEEN]
EIGHT = {**pm.SETS, "eighth": (rh.EIGHTH, rh.EIGHTH_LABELS)}
EMBEDDING = ("cos_max", "align_best", "align_max", "recall_max", "window2")
DECISION = ("cos_max", "align_max", "window2", "rare_share", "fuzzy", "clause_same",
            "names_share")
TOLD = ("verbatim", "paraphrase", "reworded quotation", "partial", "conflict")
WRONG_COST = 2.0  # a wrong partial costs a journalist more than a missed one


class Embedder:
    """wordllama's token vectors (l2_supercat, 256 dimensions) and its tokenizer, from the
    installed package's own files."""

    def __init__(self) -> None:
        from safetensors import safe_open
        from tokenizers import Tokenizer

        spec = importlib.util.find_spec("wordllama")
        assert spec and spec.submodule_search_locations, "wordllama is not installed"
        root = Path(spec.submodule_search_locations[0])
        self.tokenizer = Tokenizer.from_file(
            str(root / "tokenizers" / "l2_supercat_tokenizer_config.json"))
        self.tokenizer.no_padding()
        self.tokenizer.no_truncation()
        with safe_open(str(root / "weights" / "l2_supercat_256.safetensors"), "np") as f:
            self.table = f.get_tensor("embedding.weight").astype(np.float32)
        self.norms = np.linalg.norm(self.table, axis=1) + 1e-9

    def tokens(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """The text's token vectors (unit length) and their norms (the model's own weighing:
        it averages unnormalised vectors, so a long vector counts more)."""
        ids = self.tokenizer.encode(text, add_special_tokens=False).ids or [0]
        return self.table[ids] / self.norms[ids, None], self.norms[ids]

    def sentence(self, unit: np.ndarray, norms: np.ndarray) -> np.ndarray:
        """wordllama's sentence vector: the mean of the raw token vectors, unit length."""
        v = (unit * norms[:, None]).mean(axis=0)
        return v / (np.linalg.norm(v) + 1e-9)


def align(a: tuple[np.ndarray, np.ndarray], b: tuple[np.ndarray, np.ndarray]
          ) -> tuple[float, float]:
    """BERTScore-like greedy alignment of two texts' token vectors, each token weighted by its
    norm: F1 and the recall of `a` (how much of `a` the best tokens of `b` carry)."""
    sim = a[0] @ b[0].T
    recall = float((sim.max(axis=1) * a[1]).sum() / a[1].sum())
    precision = float((sim.max(axis=0) * b[1]).sum() / b[1].sum())
    return 2 * recall * precision / (recall + precision + 1e-9), recall


def embedding_evidence(model: Embedder, claim: str, sentences: list[str],
                       cache: dict | None = None) -> dict[str, float]:
    """The EMBEDDING features of a claim against an article's sentences."""
    if not sentences:
        return dict.fromkeys(EMBEDDING, 0.0)
    key = tuple(sentences)
    if cache is None or key not in cache:
        toks = [model.tokens(s) for s in sentences]
        vecs = np.array([model.sentence(*t) for t in toks])
        pairs = [(np.vstack([a[0], b[0]]), np.r_[a[1], b[1]])
                 for a, b in zip(toks, toks[1:], strict=False)]
        windows = np.array([model.sentence(*p) for p in pairs]) if pairs else vecs
        found = (toks, vecs, windows)
        if cache is not None:
            cache[key] = found
    toks, vecs, windows = cache[key] if cache is not None else found
    c = model.tokens(claim)
    cv = model.sentence(*c)
    cos = vecs @ cv
    scores = [align(c, t) for t in toks]
    return {"cos_max": float(cos.max()), "align_best": scores[int(cos.argmax())][0],
            "align_max": max(f for f, _ in scores), "recall_max": max(r for _, r in scores),
            "window2": float((windows @ cv).max())}


def auc(scores: list[float], told: list[bool]) -> float:
    """The probability that a told pair scores above an absent one (ties half)."""
    pos = [s for s, t in zip(scores, told, strict=True) if t]
    neg = [s for s, t in zip(scores, told, strict=True) if not t]
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / max(len(pos) * len(neg), 1)


def auc_interval(scores: list[float], told: list[bool], draws: int = 2000
                 ) -> tuple[float, float]:
    """A 95% bootstrap interval of the AUC (pairs drawn again, told and absent apart)."""
    rng = np.random.default_rng(17)
    s, t = np.array(scores), np.array(told)
    pos, neg = s[t], s[~t]
    found = []
    for _ in range(draws):
        p, n = rng.choice(pos, len(pos)), rng.choice(neg, len(neg))
        found.append(((p[:, None] > n).sum() + 0.5 * (p[:, None] == n).sum()) / p.size / n.size)
    low, high = np.percentile(found, [2.5, 97.5])
    return float(low), float(high)


def lexical_best(pair: pm.Pair) -> dict[str, float]:
    """Each of partial_model's FEATURES at its best over the pair's candidates (0 if none)."""
    if not len(pair.features):
        return dict.fromkeys(pm.FEATURES, 0.0)
    return dict(zip(pm.FEATURES, pair.features.max(axis=0).tolist(), strict=True))


def lexical_model_scores(train: list[pm.Pair], labels: dict, first: dict, second: dict
                         ) -> dict[pm.Key, float]:
    """partial_model's P(part) (`--absent-sample` fit): sample 1 out of fold by story, sample 2
    from one fit on the labels and sample 1 (as `--score-on`)."""
    drawn_from = sum(p.key not in labels and p.verdict == "absent" for p in train)
    weights = dict.fromkeys(first, drawn_from / len(first))
    fitting = {**labels, **first}
    found: dict[pm.Key, float] = {}
    for story in sorted({k[0] for k in first}):
        model = pm.fit([p for p in train if p.key[0] != story and p.key not in second],
                       fitting, False, 1.0, 0.0, weights)
        found |= {p.key: model.best(p)[0] for p in train if p.key[0] == story and p.key in first}
    model = pm.fit([p for p in train if p.key not in second], fitting, False, 1.0, 0.0, weights)
    return found | {p.key: model.best(p)[0] for p in train if p.key in second}


def wilson(k: int, n: int) -> tuple[float, float]:
    return pm.wilson(k, n)


def describe(model: Embedder, pairs: list[pm.Pair], articles: dict[pm.Key, str],
             cache: dict) -> dict[pm.Key, dict[str, float]]:
    """Embedding and best lexical evidence of each pair."""
    found = {}
    for p in pairs:
        sentences = cache.setdefault(("sentences", articles[p.key]),
                                     split_sentences(articles[p.key]))
        words = claim_words(p.claim)[0]
        near = any(len(words & sentence_words(s)) >= 2 for s in sentences)
        found[p.key] = {**embedding_evidence(model, p.claim, sentences, cache),
                        **lexical_best(p), "near": float(near)}
    return found


def read_sets(dbs: Path, names: list[str]) -> tuple[dict[str, list[pm.Pair]], dict]:
    """Every set's pairs (partial_model's evidence) and each pair's article text."""
    pairs, articles = {}, {}
    for name in names:
        path = dbs / f"{name}.db"
        pairs[name] = pm.read_set(path)
        articles |= {key: text for key, _, _, text in pm.covering_matches(path)}
    return pairs, articles


def matrix(evidence: dict[pm.Key, dict[str, float]], keys: list[pm.Key]) -> np.ndarray:
    return np.array([[evidence[k][f] for f in DECISION] for k in keys])


def best_cut(p: np.ndarray, y: np.ndarray) -> float:
    """The cut of most right partials less WRONG_COST times the wrong ones (the highest such
    cut on ties: fewer partials; above every score, none, when no cut gains)."""
    cuts = [*sorted(set(np.round(p, 3).tolist())), 1.01]
    value = {c: (y[p >= c].sum() - WRONG_COST * (1 - y[p >= c]).sum()) for c in cuts}
    return max(cuts, key=lambda c: (value[c], c))


def decide(evidence: dict, first: dict[pm.Key, str], second: dict[pm.Key, str],
           sets: dict[str, list[pm.Pair]], set_labels: dict[pm.Key, str],
           drawn_from: int) -> None:
    """Fitted on sample 1 (threshold by leave-one-story-out), scored once on sample 2, then
    over the eight sets' labelled pairs the rules call absent."""
    keys = sorted(first)
    x, y = matrix(evidence, keys), np.array([first[k] in TOLD for k in keys], dtype=float)
    oof = np.zeros(len(keys))
    for story in sorted({k[0] for k in keys}):
        inside = np.array([k[0] != story for k in keys])
        mean, scale, w = similarity.fit_logistic(x[inside], y[inside])
        oof[~inside] = 1 / (1 + np.exp(-(((x[~inside] - mean) / scale) @ w[:-1] + w[-1])))
    cut = best_cut(oof, y)
    made = oof >= cut
    print(f"\nsample 1, leave-one-story-out: cut {cut:.3f}; new partials {int(made.sum())}, "
          f"right {int(y[made].sum())} (told {int(y.sum())} of {len(keys)}); "
          f"AUC {auc(oof.tolist(), (y > 0).tolist()):.3f}")
    mean, scale, w = similarity.fit_logistic(x, y)
    print("weights (standardised): " + ", ".join(
        f"{f} {v:+.2f}" for f, v in zip(DECISION, w, strict=False)))

    def probability(ks: list[pm.Key]) -> np.ndarray:
        return 1 / (1 + np.exp(-(((matrix(evidence, ks) - mean) / scale) @ w[:-1] + w[-1])))

    keys2 = sorted(second)
    p2, told2 = probability(keys2), np.array([second[k] in TOLD for k in keys2])
    made2 = p2 >= cut
    right, wrong = int((made2 & told2).sum()), int((made2 & ~told2).sum())
    low, high = wilson(right, right + wrong)
    print(f"\nsample 2, scored once: new partials {right + wrong}, right {right} (Wilson "
          f"{low:.2f}-{high:.2f}); told found {right}/{int(told2.sum())}; absents made partial "
          f"{wrong}/{int((~told2).sum())}; net {right - wrong:+d} of {len(keys2)}, over the "
          f"{drawn_from} absents {(right - wrong) * drawn_from / len(keys2):+.0f}")
    print(f"  AUC of the decision's score on sample 2: {auc(p2.tolist(), told2.tolist()):.3f}")

    moves: Counter = Counter()
    for name, pairs in sets.items():
        mine = [p for p in pairs if p.key in set_labels and p.verdict == "absent"]
        for p, prob in zip(mine, probability([p.key for p in mine]) if mine else [],
                           strict=True):
            moves[(name, set_labels[p.key], bool(prob >= cut))] += 1
    print("\nthe eight sets' labelled pairs the rules call absent (label: made partial / of):")
    for name in sets:
        row = {lab: (moves[(name, lab, True)], moves[(name, lab, True)]
                     + moves[(name, lab, False)]) for lab in ("partial", "paraphrase", "absent")}
        print(f"  {name:8} " + "  ".join(f"{lab} {a}/{b}" for lab, (a, b) in row.items()))
    total = {lab: (sum(moves[(n, lab, True)] for n in sets),
                   sum(moves[(n, lab, v)] for n in sets for v in (True, False)))
             for lab in ("partial", "paraphrase", "absent", "conflict", "verbatim")}
    print("  all      " + "  ".join(f"{lab} {a}/{b}" for lab, (a, b) in total.items()))


def added_value(evidence: dict, both: dict[pm.Key, str]) -> None:
    """Leave-one-story-out over both samples: the AUC of a logistic score over the lexical
    features of DECISION alone, and with the embedding ones; and, on the near pairs only (a
    sentence shares two of the claim's content words), each embedding feature's AUC."""
    keys = sorted(both)
    y = np.array([both[k] in TOLD for k in keys], dtype=float)
    for name, columns in (("lexical", [f for f in DECISION if f not in EMBEDDING]),
                          ("lexical + embedding", list(DECISION))):
        x = np.array([[evidence[k][f] for f in columns] for k in keys])
        oof = np.zeros(len(keys))
        for story in sorted({k[0] for k in keys}):
            inside = np.array([k[0] != story for k in keys])
            mean, scale, w = similarity.fit_logistic(x[inside], y[inside])
            oof[~inside] = (((x[~inside] - mean) / scale) @ w[:-1] + w[-1])
        print(f"  {name:20} AUC {auc(oof.tolist(), (y > 0).tolist()):.3f} (both samples, "
              "leave-one-story-out)")
    near = [k for k in keys if evidence[k]["near"]]
    told = [both[k] in TOLD for k in near]
    print(f"  near pairs only ({len(near)}, told {sum(told)}): " + ", ".join(
        f"{f} {auc([evidence[k][f] for k in near], told):.3f}"
        for f in [*EMBEDDING, "rare_share", "shared_words", "lexical_model"]))


def cost(model: Embedder, pairs: list[pm.Pair], articles: dict) -> None:
    """CPU time of the embedding evidence a (claim, article) pair, the article's sentences
    embedded afresh each time (the worst case) and once an article (cached)."""
    for label, cache in (("afresh", None), ("article cached", {})):
        start = time.process_time()
        for p in pairs:
            embedding_evidence(model, p.claim, split_sentences(articles[p.key]), cache)
        spent = time.process_time() - start
        print(f"  embedding evidence, {label}: {1000 * spent / len(pairs):.2f} ms a pair "
              f"({len(pairs)} pairs, {spent:.2f} s)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dbs", required=True, help="folder of first.db ... eighth.db")
    parser.add_argument("--decide", action="store_true")
    parser.add_argument("--lexical-only", action="store_true",
                        help="with --decide: DECISION without its embedding features (the "
                        "comparison, not a choice)")
    args = parser.parse_args()
    if args.lexical_only:
        global DECISION
        DECISION = tuple(f for f in DECISION if f not in EMBEDDING)
    start = time.process_time()
    model = Embedder()
    print(f"model loaded: {model.table.shape}, {time.process_time() - start:.2f} s CPU")
    sets, articles = read_sets(Path(args.dbs), list(EIGHT))
    train = [p for name in SIX for p in sets[name]]
    labels = {(s, o, c): v for name in SIX
              for s, o, c, v in realtext_verdicts.read_labels(EIGHT[name][1])}
    by_key = {p.key: p for p in train}
    samples = {}
    for name, path in (("1", pm.SAMPLE_LABELS), ("2", pm.SAMPLE2_LABELS)):
        read = {k: v for k, (v, _, _) in pm.read_sample_labels(path).items()}
        gone = [k for k in read if k not in by_key]
        moved = Counter(by_key[k].verdict for k in read if k in by_key
                        and by_key[k].verdict != "absent")
        samples[name] = {k: v for k, v in read.items() if k in by_key
                         and by_key[k].verdict == "absent"}
        kept = samples[name]
        print(f"sample {name}: {len(read)} labels, {len(gone)} pairs gone, no longer absent "
              f"{dict(moved)}; kept {len(kept)}, told {sum(v in TOLD for v in kept.values())}")
    first, second = samples["1"], samples["2"]
    both = {**first, **second}
    cache: dict = {}
    evidence = describe(model, [by_key[k] for k in both], articles, cache)
    lexical = lexical_model_scores(train, labels, first, second)
    for k in both:
        evidence[k]["lexical_model"] = lexical[k]
    print("\nAUC, told against absent (95% bootstrap for both samples together)")
    print(f"{'feature':14} {'sample 1':>9} {'sample 2':>9} {'both':>7}   interval")
    for f in [*EMBEDDING, "lexical_model", *pm.FEATURES]:
        row = []
        for group in (first, second, both):
            ks = sorted(group)
            row.append(auc([evidence[k][f] for k in ks], [group[k] in TOLD for k in ks]))
        ks = sorted(both)
        low, high = auc_interval([evidence[k][f] for k in ks], [both[k] in TOLD for k in ks])
        print(f"{f:14} {row[0]:9.3f} {row[1]:9.3f} {row[2]:7.3f}   {low:.3f}-{high:.3f}")
    print("\nwhat the embedding adds:")
    added_value(evidence, both)
    drawn_from = sum(p.key not in labels and p.verdict == "absent" for p in train)
    if args.decide:
        set_labels = {(s, o, c): v for name in EIGHT
                      for s, o, c, v in realtext_verdicts.read_labels(EIGHT[name][1])}
        wanted = [p for pairs in sets.values() for p in pairs
                  if p.key in set_labels and p.verdict == "absent"]
        evidence |= describe(model, wanted, articles, cache)
        decide(evidence, first, second, sets, set_labels, drawn_from)
    print("\ncost, one core:")
    cost(model, [by_key[k] for k in sorted(both)], articles)


if __name__ == "__main__":
    main()
