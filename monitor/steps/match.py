"""Matching an article to stories: whether it covers each, and which sentence supports each claim.

Every claim-sentence pair that shares enough content words to matter is scored in one
`rapidfuzz.process.cpdist` call; only each claim's best candidates are then judged
(`verdicts.judge`), each claim gets its best sentence (one fact, one claim, with the
same-claim model reading clauses), and the statements that tell no claim are additions.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
from rapidfuzz import fuzz, process, utils

from monitor.steps import coverage, similarity
from monitor.steps.claims import (
    SPEECH_VERBS,
    Claim,
    People,
    is_heading,
    is_promo,
    is_question,
    is_shouted,
    is_unterminated,
)
from monitor.steps.conflicts import (
    THRESHOLDS,
    Thresholds,
    agreement,
    claim_amounts,
    claim_words,
    closest_quote,
    comparable,
    negation_flipped,
    quoted_whole,
    sentence_amounts,
    sentence_quotations,
    sentence_words,
    two_persons,
    unquoted,
)
from monitor.steps.text import Number, quoted_posts, split_sentences
from monitor.steps.verdicts import (
    CARRIED,
    ClaimMatch,
    carries_part,
    clause_same,
    judge,
    mostly_quoted,
    shares_words,
    tells_a_clause,
    tells_amount,
    word_cover,
)

SCORER = "token_set_ratio"
CANDIDATES = 3  # sentences (or runs of two) a claim's verdict checks read, its best-scoring
if TYPE_CHECKING:
    from monitor.steps.extract import Article  # extraction's imports are not the matcher's to pay


@dataclass
class ArticleMatch:
    """An article read against a story: its kind, P(coverage), one match per claim, additions."""

    relevance: float  # P(coverage) in percent, from the coverage model
    is_coverage: bool
    matches: list[ClaimMatch]
    additions: list[str] = field(default_factory=list)
    kind: str = "unrelated"  # one of coverage.KINDS
    evidence: dict | None = None  # why: coverage.Evidence.as_dict()
    # Each claim's best sentence before one fact is given to one claim: the evidence of
    # coverage, whichever claim a shared sentence is shown under (None: `matches` are).
    supported: list[ClaimMatch] | None = None


@dataclass
class Story:
    """A story as the matcher reads it: its claims, language and query, and what the coverage
    decision compares an article with (the seed's profile, its URL)."""

    slug: str
    language: str | None
    query: str
    claims: list[Claim]
    seed: coverage.Weighed | None = None
    source: str | None = None  # the seed's URL or file


def seed_profile(title: str, body: str, published: str | None) -> coverage.Weighed:
    """The seed's side of every coverage decision, read once per story."""
    return coverage.weigh(coverage.profile(title, body, published), coverage.rarity())


def article_profile(article: Article) -> coverage.Weighed:
    """An article's side of the coverage decisions, read once whatever the stories."""
    return coverage.weigh(coverage.profile(article.title, article.text, article.published),
                          coverage.rarity())


def score_article(story: Story, article: Article, weighed: coverage.Weighed | None = None,
                  t: Thresholds = THRESHOLDS) -> tuple[ArticleMatch, bool]:
    """An article read against a story: its kind and claims' verdicts, and whether its claims
    were scored (`score_stories`, for one story)."""
    return score_stories([story], article, weighed, t=t)[0]


def score_stories(stories: list[Story], article: Article, weighed: coverage.Weighed | None = None,
                  index: coverage.StoryIndex | None = None,
                  only: list[int] | None = None,
                  t: Thresholds = THRESHOLDS,
                  ruled_out: Callable[[float, float, float], object] | None = None,
                  ) -> list[tuple[ArticleMatch, bool]]:
    """An article read once against every story (`index` is theirs, `story_index`), or those at
    the positions `only` lists: its kind and claims' verdicts for each (decided with `t`), and
    whether its claims were scored. A story the cheap evidence rules out gets
    `ruled_out(relevance, body_cosine, names_shared)` if given (the caller's form of it, made
    without an `ArticleMatch` in between), else `ruled_out_match`'s.

    The cheap evidence against all the stories comes from one look-up in their index; the
    claims are compared only with the stories it leaves plausible, or whose quotations it
    repeats. A stub (paywall, teaser)
    supports no claim. An article in another language than a story's is decided from the
    story's names, but its claims are not scored.
    """
    only = list(range(len(stories))) if only is None else only
    if not any(stories[i].seed for i in only):
        return [_score(stories[i], article, None, None, t=t) for i in only]
    weighed = weighed or article_profile(article)
    index = index or story_index(stories)
    cheap = index.cheap_evidence(weighed)[only]
    compare = coverage.worth_claims(cheap)
    # A story a claim of which the article repeats in part is compared too: a mention, perhaps.
    for i in index.repeating(weighed).intersection(only):
        compare[only.index(i)] = True
    probabilities = coverage.model().probability(cheap)
    # Most stories, for most articles: ruled out by the cheap evidence, explained in short.
    # Their results are made here, all at once, not one `_score` call a story.
    out = (~compare & (probabilities < coverage.model().threshold)).tolist()
    # Rounded by NumPy, as each story's relevance always was, but all at once.
    relevance = np.round(100 * probabilities, 1).tolist()
    body, names = coverage.ruling_figures(cheap)
    make, worth = ruled_out or ruled_out_match, compare.tolist()
    results = []
    for k, i in enumerate(only):
        story = stories[i]
        if out[k] and story.seed is not None and not _seed_or_other_language(story, article):
            results.append((make(relevance[k], body[k], names[k]), True))
        else:
            results.append(_score(story, article, weighed, cheap[k], worth[k], t))
    return results


def ruled_out_match(relevance: float, body_cosine: float, names_shared: float) -> ArticleMatch:
    """The result of a story the cheap evidence ruled out: unrelated, its claims not compared,
    and why in short (`coverage.ruled_out_evidence`)."""
    return ArticleMatch(relevance, False, [], [], "unrelated",
                        coverage.ruled_out_evidence(body_cosine, names_shared))


def _seed_or_other_language(story: Story, article: Article) -> bool:
    """The story's seed itself, or an article in another language than the story's: decided
    before any evidence is weighed (`_score`)."""
    return bool((story.source and story.source in (article.url, article.source))
                or (story.language and article.language and article.language != story.language))


_NO_SEED = coverage.weigh(coverage.profile(None, ""), coverage.Rarity())


def story_index(stories: list[Story]) -> coverage.StoryIndex:
    """The stories' seeds indexed for `score_stories` (built once per set of stories)."""
    return coverage.StoryIndex([story.seed or _NO_SEED for story in stories],
                               [coverage.repeated_runs(story.claims or []) for story in stories])


def _score(story: Story, article: Article, weighed: coverage.Weighed | None,
           cheap: np.ndarray | None, compare: bool = True,
           t: Thresholds = THRESHOLDS) -> tuple[ArticleMatch, bool]:
    if story.source and story.source in (article.url, article.source):
        return ArticleMatch(100.0, False, [], [], "seed", {"same_url": story.source}), False
    if story.seed is None or weighed is None or cheap is None:
        return match_article(story.claims, "" if article.is_stub else article.text, t), \
            not article.is_stub
    if story.language and article.language and article.language != story.language:
        return names_match(story.seed, weighed), False
    ev = coverage.evidence(story.seed, weighed)
    tied: set[str] | None = None
    rest = _nothing_left
    if compare and not article.is_stub:
        result, tied, rest = _compare(story.claims, article.text, t)
        ev = coverage.with_claims(ev, coverage.claims_carried(result, story.claims))
        result.supported = None  # read: it need not travel back from the worker
    else:
        result = ArticleMatch(0.0, False, [ClaimMatch(c.position, None, 0.0, "absent")
                                           for c in story.claims])
    decision = coverage.decide(ev)
    result.relevance = round(100 * decision.probability, 1)
    result.kind, result.is_coverage = decision.kind, decision.is_coverage
    if tied is not None and result.is_coverage:  # only covering articles' verdicts are kept
        rest()  # a claim no candidate tells, told otherwise (`_told_otherwise`)
        result.additions = _additions(article.text, tied)
    result.evidence = {**ev.as_dict(), "claims": _claims_carried(result.matches)}
    # A stub's claims cannot be read (a paywall, a teaser): not scored, rather than all absent.
    return result, not article.is_stub


def _claims_carried(matches: list[ClaimMatch]) -> list[int]:
    return [m.claim_position for m in matches if m.verdict in CARRIED]


def names_match(seed: coverage.Weighed, article: coverage.Weighed) -> ArticleMatch:
    """Coverage in another language, where words and claims cannot be compared: the article
    names several of the seed's names, a fair share of them by rarity, and nothing says it was
    published outside the story's days."""
    ev = coverage.evidence(seed, article)
    share = ev.features["names_shared"]
    found = (share >= coverage.FOREIGN_SHARE and len(ev.shared_names) >= coverage.FOREIGN_NAMES
             and (ev.days_apart is None or ev.days_apart <= coverage.FOREIGN_DAYS))
    return ArticleMatch(round(100 * share, 1), found, [], [],
                        "coverage" if found else "unrelated",
                        {**ev.as_dict(), "claims_scored": False})


def match_article(claims: list[Claim], text: str, t: Thresholds = THRESHOLDS) -> ArticleMatch:
    """Score every claim against every sentence of `text` and decide each claim's verdict."""
    result, tied, rest = _compare(claims, text, t)
    rest()
    result.additions = _additions(text, tied)
    return result


def _additions(text: str, tied: set[str]) -> list[str]:
    """The article's statements that no claim is tied to: what it adds to the story."""
    read = _read(text)
    if read.statements is None:  # worked out once an article, whatever the stories
        read.statements = statements(read.sentences)
    return [s for s in read.statements if s not in tied]


def _compare(claims: list[Claim], text: str, t: Thresholds = THRESHOLDS
             ) -> tuple[ArticleMatch, set[str], Callable[[], None]]:
    """`match_article` but the additions, and the sentences tied to a claim, and what is left
    to do for a claim no candidate tells (`_told_otherwise`, which updates both): the additions
    and the rest are worked out only for the stories the article covers (only their verdicts
    are stored)."""
    read = _read(text)
    sentences = read.sentences
    if not claims or not sentences:
        absent = [ClaimMatch(c.position, None, 0.0, "absent") for c in claims]
        return ArticleMatch(0.0, False, absent, []), set(sentences), _nothing_left
    texts = tuple(c.text for c in claims)
    pairs = _could_support(texts, read.masks)
    scores = np.zeros((len(claims), len(sentences)), dtype=np.uint8)
    if pairs:
        rows, columns = np.array(pairs).T
        claim_texts = _processed_claims(texts)
        processed = read.processed
        for j in set(columns.tolist()) - processed.keys():
            processed[j] = utils.default_process(sentences[j])
        scores[rows, columns] = process.cpdist(
            [claim_texts[i] for i in rows.tolist()], [processed[j] for j in columns.tolist()],
            scorer=fuzz.token_set_ratio, score_cutoff=t.candidate, dtype=np.uint8, workers=1)
    candidates = _candidates(scores)
    same = _same_claim(texts, read, candidates)
    speakers = _speakers(text, sentences, candidates, claims)
    judged = [[judge(claim, sentences[j], float(scores[i, j]), speakers[j], t, same[(i, j)])
               for j in candidates[i]] for i, claim in enumerate(claims)]
    judged = [[_amounts_of_another_fact(_unless_anothers(m, texts, i), same[(i, j)], t)
               for m, j in zip(options, candidates[i], strict=True)]
              for i, options in enumerate(judged)]
    # The sentences that carry a claim, if not as its best sentence.
    tied = {m.sentence for options in judged for m in options
            if m.verdict not in ("partial", "absent")}
    matches = _best_matches(claims, judged, t)
    tied.update(m.sentence for m in matches if m.sentence)
    for i, m in enumerate(matches):
        if claims[i].kind == "quote" and m.verdict == "partial":
            found = quotation_over_two(claims[i], m.sentence, text, sentences)
            if found is not None:
                matches[i], run = found
                tied.update(run)
    tied.update(sentences[j] for j in np.nonzero(scores.max(axis=0) >= t.paraphrase)[0].tolist())
    supported = [_evidence(claim, options, [sentences[j] for j in candidates[i]], t)
                 if options else ClaimMatch(claim.position, None, 0.0, "absent")
                 for i, (claim, options) in enumerate(zip(claims, judged, strict=True))]
    return (ArticleMatch(0.0, False, matches, [], supported=supported), tied,
            lambda: _told_otherwise(claims, sentences, pairs, scores, matches, tied, t))


def _nothing_left() -> None:
    """What is left to do for an article with no sentence or a story with no claim."""


def _told_otherwise(claims: list[Claim], sentences: list[str], pairs: list[tuple[int, int]],
                    scores: np.ndarray, matches: list[ClaimMatch], tied: set[str],
                    t: Thresholds) -> None:
    """A claim no candidate tells may be told in part by a sentence under the fuzzy cut
    (`under_the_cut`), else over two sentences in a row (`over_two_sentences`): `matches` and
    the `tied` sentences updated. `pairs`: the prefilter's (claim, sentence) pairs; `scores`:
    the fuzzy scores (zero under the cut)."""
    passing: dict[int, set[int]] = {i: set() for i, m in enumerate(matches)
                                     if m.verdict == "absent"}
    for i, j in pairs:
        if i in passing:
            passing[i].add(j)
    for i, sentence_ids in passing.items():
        found_one = under_the_cut(claims[i], sentences, sentence_ids, scores[i], t)
        if found_one is not None:
            matches[i] = found_one
            tied.add(found_one.sentence or "")
            continue
        if len(sentence_ids) > 1:
            found = over_two_sentences(claims[i], sentences, sentence_ids, t)
            if found is not None:
                matches[i], run = found
                tied.update(run)


def under_the_cut(claim: Claim, sentences: list[str], passing: set[int], scores: np.ndarray,
                  t: Thresholds = THRESHOLDS) -> ClaimMatch | None:
    """A claim no candidate tells, told in part by a sentence the fuzzy scorer ranks under
    `t.candidate` (a long sentence, a claim's clause among others' words), when the same-claim
    model reads one of its clauses as one of the claim's (`clause_same`, the model's own
    threshold: no cut of ours): of its best-scoring few under the cut (as many as its
    candidates), the best such sentence judged, a part at most, no conflict read in it.
    `passing`: the sentences through the prefilter; `scores`: the claim's fuzzy scores (zero
    under the cut)."""
    below = [j for j in sorted(passing) if not scores[j]]
    if not below:
        return None
    fuzzy = process.cdist([_processed_claims((claim.text,))[0]],
                          [utils.default_process(sentences[j]) for j in below],
                          scorer=fuzz.token_set_ratio, workers=1)[0].tolist()
    best = sorted(zip(fuzzy, below, strict=True), key=lambda k: (-k[0], k[1]))[:CANDIDATES]
    # A sentence under the cut that carries no part of a statement and shares too few of its
    # words `judge` calls absent whatever the model reads: not read by the model (the analysis
    # of its clauses is the cost).
    found = [judge(claim, sentences[j], float(score), None, t) for score, j in best
             if (claim.kind != "statement" or _a_part(claim, sentences[j], t)
                 and not negation_flipped(claim.text, sentences[j]))
             and clause_same(claim.text, sentences[j]) >= t.clause_same]
    # A part at most; a sentence contradicting it (a denial in a long sentence) tells no part
    # of it: the scorer reads too little of the claim in it to show the contradiction.
    return max((replace(m, verdict="partial", conflicts=None) for m in found
                if m.verdict not in ("absent", "conflict")), key=_rank, default=None)


def _a_part(claim: Claim, sentence: str, t: Thresholds) -> bool:
    """What `judge` needs of a sentence to call it a part of a statement (the words it shares)."""
    return carries_part(claim.text, sentence, t) and shares_words(
        claim, sentence, word_cover(claim.text, sentence)[1], t, clauses=True)


def over_two_sentences(claim: Claim, sentences: list[str], passing: set[int],
                       t: Thresholds = THRESHOLDS) -> tuple[ClaimMatch, tuple[str, str]] | None:
    """A claim told in part over two sentences in a row, each with two of its words (names
    aside) that the other lacks, which the same-claim model reads together as the claim: the
    pair (joined) as a partial, and the two sentences. `passing`: the sentences that share
    words enough with the claim (the prefilter's), of which both must be, each with a stop."""
    words, names = claim_words(claim.text)
    plain = words - names
    runs = []
    for j in sorted(passing):
        # A headline or a credit line (no stop) is no part of a run of prose.
        if j + 1 not in passing or is_unterminated(sentences[j]) or is_unterminated(
                sentences[j + 1]):
            continue
        first, second = plain & sentence_words(sentences[j]), plain & sentence_words(
            sentences[j + 1])
        if len(first - second) >= 2 and len(second - first) >= 2:
            runs.append((j, f"{sentences[j]} {sentences[j + 1]}"))
    if not runs:
        return None
    scores = process.cdist([_processed_claims((claim.text,))[0]],
                           [utils.default_process(joined) for _, joined in runs],
                           scorer=fuzz.token_set_ratio, dtype=np.uint8, workers=1)[0].tolist()
    # Only the best few are read by the model, as a claim's candidate sentences are.
    kept = sorted(((score, j, joined) for score, (j, joined) in zip(scores, runs, strict=True)
                   if score >= t.candidate), key=lambda k: (-k[0], k[1]))[:CANDIDATES]
    if not kept:
        return None
    same = similarity.same_claim([claim.text] * len(kept), [joined for _, _, joined in kept])[1]
    found = []
    for (score, j, joined), one in zip(kept, same.tolist(), strict=True):
        m = judge(claim, joined, float(score), None, t, 1.0) if one else None
        if m is not None and m.verdict != "absent":
            # Each sentence alone carries no part of it: together, at most a part.
            found.append((replace(m, verdict="partial", conflicts=None),
                          (sentences[j], sentences[j + 1])))
    return max(found, key=lambda f: f[0].score, default=None)


_SAYS = re.compile(rf"\b{SPEECH_VERBS}\b", re.IGNORECASE)


def quotation_over_two(claim: Claim, shown: str | None, text: str, sentences: list[str]
                       ) -> tuple[ClaimMatch, tuple[str, str]] | None:
    """A quotation claim that the sentence `shown` tells in part, told whole by it and the
    sentence before or after it, both quoting, its words in their order (a speaker's words
    split in two: "“…,” he said. “…”"), by no other person: the pair (joined), verbatim."""
    if shown is None or shown not in sentences:
        return None
    j = sentences.index(shown)
    for a in (j - 1, j):
        if a < 0 or a + 1 >= len(sentences):
            continue
        quoted = [q for s in sentences[a:a + 2] for q in sentence_quotations(s)]
        if len(quoted) < 2 or not quoted_whole(claim.text, " ".join(quoted)):
            continue
        speakers = _people(text).speakers_to(sentences, a + 1)[a:a + 2]
        if any(two_persons(claim.speaker, who) for who in speakers if who):
            return None  # another person's words: the speaker conflict is the checks' to read
        if claim.speaker and any(who is None and _SAYS.search(unquoted(s))
                                 for s, who in zip(sentences[a:a + 2], speakers, strict=True)):
            return None  # a half attributed to someone not read as a person
        return (ClaimMatch(claim.position, f"{sentences[a]} {sentences[a + 1]}", 100.0,
                           "verbatim"), (sentences[a], sentences[a + 1]))
    return None


def _others_amounts(texts: tuple[str, ...], i: int) -> list[Number]:
    """The amounts, days and dates the seed tells in its claims other than the i-th."""
    return [n for k, text in enumerate(texts) if k != i for n in claim_amounts(text)]


def _unless_anothers(m: ClaimMatch, texts: tuple[str, ...], i: int) -> ClaimMatch:
    """A conflict only by amounts (or days) that the seed itself tells in its other claims is
    no contradiction: the sentence is about that other fact ("2,600 asked in the week ended
    May 2" beside the seed's "3,100 asked last week" and its own "about 2,600 asked in the week
    that ended on May 2"), so it says nothing of this claim; the claim's verdict is another
    sentence's, or absent. (`texts`: the claims', `m` the i-th's match.)"""
    if m.verdict != "conflict" or not all(c["kind"] == "number" for c in m.conflicts or ()):
        return m
    others = _others_amounts(texts, i)  # read only for a conflict: most matches are none
    found = sentence_amounts(m.sentence or "")
    if all(any(f.text == c["article"] and any(comparable(o, f) and agreement(o, f)
                                              for o in others) for f in found)
           for c in m.conflicts or ()):
        return ClaimMatch(m.claim_position, None, m.score, "absent")
    return m


def _amounts_of_another_fact(m: ClaimMatch, same: float, t: Thresholds) -> ClaimMatch:
    """A conflict by amounts in a sentence the model reads as another claim (`same`, P(same
    claim)) scoring under `t.number_conflict` is none: the sentence is at most a part of the
    claim. After `_unless_anothers`: a sentence of the seed's other fact stays absent."""
    if (m.verdict != "conflict" or m.score >= t.number_conflict
            or same >= similarity.model().threshold):
        return m
    kept = [c for c in m.conflicts or () if c["kind"] != "number"]
    return replace(m, verdict="conflict" if kept else "partial", conflicts=kept or None)


def _best_matches(claims: list[Claim], judged: list[list[ClaimMatch]],
                  t: Thresholds = THRESHOLDS) -> list[ClaimMatch]:
    """Each claim's best sentence, where a sentence that carries another claim whole is not
    also a part of this one by the words that other claim explains (one fact, one claim)."""
    judged = _of_the_claim(claims, judged)
    # Most claims of a compared article have no candidate sentence: they are passed over.
    best = [max(options, key=_rank) if options else None for options in judged]
    carriers: dict[str, list[tuple[frozenset[str], tuple[str, ...]]]] = {}
    for claim, m in zip(claims, best, strict=True):
        if m is not None and m.verdict in CARRIED:
            carriers.setdefault(m.sentence, []).append(
                (claim_words(claim.text)[0], tuple(claim.quotes)))
    kept = []
    for claim, options in zip(claims, judged, strict=True):
        if not options or not carriers:
            kept.append(options)
            continue
        mine = claim_words(claim.text)[0]
        # A quotation claim drawn from the statement the sentence carries is that statement's
        # words again, not another fact: the sentence may carry a part of it too.
        kept.append([m for m in options if m.verdict != "partial" or not any(
            (mine & sentence_words(m.sentence)) <= other
            for other, quotes in carriers.get(m.sentence, [])
            if other != mine and claim.text not in quotes)])
    owners = _part_owners(claims, [max(options, key=_rank) if options else None
                                   for options in kept])
    # A sentence that tells a claim's exact amount, one of its clauses in most of its words
    # (`tells_a_clause`) but those of the claim it is more of, quotes the statement's own
    # quotation, or has a clause that states one of the claim's (the same-claim model's
    # reading), or shares words of its own with the claim that the claim it is more of has not
    # (`OWN_WORDS`), tells that fact, whichever claim it is otherwise a part of: a sentence may
    # carry a fact of two claims.
    texts = tuple(claim.text for claim in claims)
    return [_shown(claim, [m for m in options if m.verdict != "partial"
                           or owners.get(m.sentence, i) == i
                           or tells_amount(claim.text, m.sentence)
                           or tells_a_clause(claim.text, m.sentence, t,
                                             claim_words(claims[owners[m.sentence]].text)[0])
                           or _quotes_own(claim, m.sentence, t)
                           or clause_same(claim.text, m.sentence) >= t.clause_same
                           or _specific(claim, m.sentence, _holding(texts), len(claims),
                                        claim_words(claims[owners[m.sentence]].text)[0])
                           >= OWN_WORDS])
            if options else ClaimMatch(claim.position, None, 0.0, "absent")
            for i, (claim, options) in enumerate(zip(claims, kept, strict=True))]


# A partial whose shared words are the story's (in many of the seed's claims: its names, its
# topic's nouns) tells nothing of this claim. Each shared word weighs ln(N / n), N the seed's
# claims and n those holding it; under STORY_WORDS of them in all, and no amount of the claim
# told, the sentence is not a part of it. Fitted by folds (one set of stories left out at a
# time) on the eight real-text sets (bench/README, Stop 56): every fold chose 4.25 or 4.0.
# Only for a seed of FEW_CLAIMS claims or more: with fewer, how many hold a word says little
# of the story (the fitted stories had 11 or more).
STORY_WORDS = 4.25
FEW_CLAIMS = 10
# A sentence that is the part of another claim (it tells more of it, `_part_owners`) is a part
# of this one too when the words it shares with this claim and not with the other weigh
# OWN_WORDS or more (each ln(N / n) as for STORY_WORDS): three words no other claim of a story
# of eight or more has, say. Fitted by leaving one story out at a time on the eight real-text
# sets (bench/README, Stop 58): of 2 to 8, 6 chosen in 58 of the 60 folds (5.5 ties with it).
OWN_WORDS = 6.0


def _of_the_claim(claims: list[Claim], judged: list[list[ClaimMatch]]) -> list[list[ClaimMatch]]:
    """Each claim's judged sentences without the partials that share only the story's words
    with it (`STORY_WORDS`)."""
    if len(claims) < FEW_CLAIMS or not any(m.verdict == "partial" for o in judged for m in o):
        return judged
    holding = _holding(tuple(claim.text for claim in claims))
    # (not a quotation's: its words are its statement's too, so each is held twice; and its
    # halves told over two sentences are read from its partials, `quotation_over_two`)
    return [options if claim.kind == "quote" else [
        m for m in options if m.verdict != "partial" or _specific(
            claim, m.sentence or "", holding, len(claims)) >= STORY_WORDS
        or tells_amount(claim.text, m.sentence or "")]
        for claim, options in zip(claims, judged, strict=True)]


@lru_cache(maxsize=64)
def _holding(texts: tuple[str, ...]) -> dict[str, int]:
    """Each content word of a story's claims with the number of claims holding it."""
    holding: dict[str, int] = {}
    for text in texts:
        for word in claim_words(text)[0]:
            holding[word] = holding.get(word, 0) + 1
    return holding


def _specific(claim: Claim, sentence: str, holding: dict[str, int], n: int,
              besides: frozenset[str] = frozenset()) -> float:
    """How specific to the claim, among the seed's `n` claims, the words it shares with the
    sentence (and not `besides`, another claim's) are: the sum of ln(n / claims holding the
    word)."""
    shared = (claim_words(claim.text)[0] & sentence_words(sentence)) - besides
    return sum(math.log(n / holding.get(word, 1)) for word in shared)


def _quotes_own(claim: Claim, sentence: str, t: Thresholds = THRESHOLDS) -> bool:
    """The statement is mostly a quotation (its words with their attribution), and the
    sentence quotes it, in its words (whole or a run): not a term in scare quotes."""
    if claim.kind != "statement" or not mostly_quoted(claim.text, tuple(claim.quotes)):
        return False
    found = list(sentence_quotations(sentence))
    return any(closest_quote(q, found, t)[2] for q in claim.quotes)


def _part_owners(claims: list[Claim], best: list[ClaimMatch | None]) -> dict[str, int]:
    """For each sentence that is the best partial of several claims, the one claim it is a part
    of: the one it tells most of (`_told`), then the one it scores best with. A sentence that
    shares some words with many claims is telling one of them in part, not all (one fact, one
    claim); the fuzzy score alone favours a short claim whose few words are all in the sentence
    over a long one it tells more of."""
    owners: dict[str, int] = {}
    for i, m in enumerate(best):
        if m is None or m.verdict != "partial":
            continue
        k = owners.get(m.sentence)  # read only when another claim has it: most have not
        if k is None or _told(claims[i], m) > _told(claims[k], best[k]):
            owners[m.sentence] = i
    return owners


def _told(claim: Claim, m: ClaimMatch) -> tuple[float, float]:
    """How much of a claim its partial sentence tells: the claim's words it shares over the
    square root of their number (the count alone favours a long claim, the share a short one),
    then the fuzzy score."""
    return _shared(claim, m.sentence) / math.sqrt(max(len(claim_words(claim.text)[0]), 1)), m.score


def _shared(claim: Claim, sentence: str | None) -> int:
    """How many of the claim's content words the sentence has."""
    return len(claim_words(claim.text)[0] & sentence_words(sentence or ""))


def statements(sentences: list[str]) -> list[str]:
    """The sentences that could be additions (what an article states that the seed does not,
    once no claim is tied to them): not headings (its headline), lines without a stop (a
    headline, a table's row, an embedded post), questions in the writer's words, bylines,
    promotional and credit lines, or scraps: what a claim of the seed could not be either."""
    return [s for s in sentences if len(s.split()) >= 6 and not is_heading(s)
            and not is_unterminated(s) and not is_question(s) and not is_promo(s)
            and not _BYLINE.match(s)]


_BYLINE = re.compile(r"(?:By|Reporting by|Written by|Additional reporting by)\s+[A-Z]")


@lru_cache(maxsize=1024)
def _analysed_claims(texts: tuple[str, ...]) -> list[similarity.Sentence]:
    return similarity.analyse_all(list(texts))


@lru_cache(maxsize=1024)
def _processed_claims(texts: tuple[str, ...]) -> list[str]:
    return [utils.default_process(text) for text in texts]


@dataclass
class _Reading:
    """An article's sentences as the matcher reads them, kept while it is matched against one
    story after another."""

    sentences: list[str]
    words: list[frozenset[str]]  # each sentence's content words
    processed: dict[int, str] = field(default_factory=dict)  # as the fuzzy scorer reads them
    analysed: dict[int, similarity.Sentence] = field(default_factory=dict)  # as the model does
    statements: list[str] | None = None  # the sentences that could be additions
    masks: list[dict[str, int]] = field(default_factory=list)  # `word_masks(words)`
    text: str = ""  # the article as read, its embedded posts quoted (`quoted_posts`)


@lru_cache(maxsize=2)
def _read(text: str) -> _Reading:
    # Not a line in capitals (a link to another story, `is_shouted`), unless the article is
    # written so.
    quoted = quoted_posts(text)
    sentences = split_sentences(quoted)
    shouted = [is_shouted(s) for s in sentences]
    if 0 < sum(shouted) < len(sentences) / 2:
        sentences = [s for s, loud in zip(sentences, shouted, strict=True) if not loud]
    # Each sentence's content words as the verdict checks read them (`sentence_words`): the
    # candidate sentences are then not read again for them.
    words = list(map(sentence_words, sentences))
    return _Reading(sentences, words, masks=word_masks(words), text=quoted)


# Sentences a mask of `word_masks` stands for: its bits fit in a few machine words, so a long
# page makes more masks, not longer ones (an OR of two masks stays cheap however long the page).
MASK_SENTENCES = 60


def word_masks(sentences: list[frozenset[str]]) -> list[dict[str, int]]:
    """For each run of MASK_SENTENCES sentences, each of their words with the sentences that
    hold it, as the bits of an int (bit j: the run's j-th sentence). Read once an article,
    for the claims of every story compared with it (`_could_support`)."""
    runs = []
    for start in range(0, len(sentences), MASK_SENTENCES):
        masks: dict[str, int] = {}
        for j, words in enumerate(sentences[start:start + MASK_SENTENCES]):
            bit = 1 << j
            for word in words:
                masks[word] = masks.get(word, 0) | bit
        runs.append(masks)
    return runs


def _could_support(texts: tuple[str, ...], runs: list[dict[str, int]]
                   ) -> list[tuple[int, int]]:
    """The (claim, sentence) pairs that share at least two content words (or all of a short
    claim's): the only ones that can reach any verdict but absent. The cheap prefilter that
    spares the fuzzy scorer the hopeless pairs, which are most pairs in most articles.
    (`runs`: the sentences' `word_masks`; the pairs come in no particular order.)"""
    needed, claims_with = _claim_index(texts)
    pairs = []
    for r, masks in enumerate(runs):
        once = [0] * len(texts)  # the run's sentences holding a word of the claim
        twice = [0] * len(texts)  # ...and holding two
        for word in claims_with.keys() & masks.keys():
            mask = masks[word]
            for i in claims_with[word]:
                twice[i] |= once[i] & mask
                once[i] |= mask
        first = r * MASK_SENTENCES
        for i, found in enumerate(twice):
            found = once[i] if needed[i] == 1 else found
            while found:
                low = found & -found
                pairs.append((i, first + low.bit_length() - 1))
                found ^= low
    return pairs


@lru_cache(maxsize=1024)
def _claim_index(texts: tuple[str, ...]) -> tuple[list[int], dict[str, list[int]]]:
    """Content words each claim must share with a sentence, and the claims of each word."""
    claims = [c.content for c in _analysed_claims(texts)]
    claims_with: dict[str, list[int]] = {}
    for i, words in enumerate(claims):
        for word in words:
            claims_with.setdefault(word, []).append(i)
    return [min(2, len(c)) or 1 for c in claims], claims_with


def _speakers(text: str, sentences: list[str], candidates: list[list[int]],
              claims: list[Claim]) -> list[str | None]:
    """Who speaks in each sentence, worked out only when a candidate sentence quotes someone
    for a claim whose quotation has a speaker: no other verdict reads the speaker."""
    if any(claims[i].speaker and claims[i].quotes and ('"' in sentences[j]
                                                      or "\u201c" in sentences[j])
           for i, js in enumerate(candidates) for j in js):
        # Read only up to the last candidate (reading is in order, a sentence's speaker never
        # depends on the sentences after it), and on from there for the next story's claims.
        return _people(text).speakers_to(sentences, max(j for js in candidates for j in js))
    return [None] * len(sentences)


@lru_cache(maxsize=2)
def _people(text: str) -> People:
    return People(_read(text).text)  # the text its sentences were read from


def _candidates(scores: np.ndarray, per_claim: int = CANDIDATES) -> list[list[int]]:
    """The best-scoring sentences of each claim (the scorer's cutoff already zeroed the rest)."""
    found: list[list[tuple[int, int]]] = [[] for _ in range(len(scores))]
    rows, columns = np.nonzero(scores)
    for i, j, score in zip(rows.tolist(), columns.tolist(), scores[rows, columns].tolist(),
                           strict=True):
        found[i].append((-score, j))  # best first, then in the article's order
    return [[j for _, j in sorted(pairs)[:per_claim]] if pairs else [] for pairs in found]


def _same_claim(texts: tuple[str, ...], read: _Reading,
                candidates: list[list[int]]) -> dict[tuple[int, int], float]:
    """P(same claim) for every candidate pair, in one batch."""
    pairs = [(i, j) for i, js in enumerate(candidates) for j in js]
    if not pairs:
        return {}
    analysed_claims = _analysed_claims(texts)
    analysed = read.analysed
    needed = sorted({j for _, j in pairs} - analysed.keys())
    analysed.update(zip(needed, similarity.analyse_all([read.sentences[j] for j in needed]),
                        strict=True))
    features = similarity.pair_features([analysed_claims[i] for i, _ in pairs],
                                        [analysed[j] for _, j in pairs])
    return dict(zip(pairs, similarity.model().probability(features).tolist(), strict=True))


_ORDER = {"absent": 0, "partial": 1, "paraphrase": 2, "reworded quotation": 2, "conflict": 2,
          "verbatim": 3}


def _rank(m: ClaimMatch) -> tuple[int, float]:
    return _ORDER[m.verdict], m.score


def _shown(claim: Claim, options: list[ClaimMatch]) -> ClaimMatch:
    """The sentence shown for a claim: the strongest verdict, the best score; but at the same
    verdict, a sentence of the text (with its stop) that shares as many of the claim's words
    as a line without one (the headline, a sub-heading, a caption), which the fuzzy scorer
    ranks high because its few words are nearly all the claim's."""
    best = max(options, key=_rank, default=ClaimMatch(claim.position, None, 0.0, "absent"))
    if not best.sentence or not is_unterminated(best.sentence):
        return best
    shared = _shared(claim, best.sentence)
    return max((m for m in options if _ORDER[m.verdict] == _ORDER[best.verdict]
                and not is_unterminated(m.sentence or "") and _shared(claim, m.sentence) >= shared),
               key=_rank, default=best)


def _evidence(claim: Claim, options: list[ClaimMatch], sentences: list[str],
              t: Thresholds) -> ClaimMatch:
    """A claim's best sentence as evidence of coverage: where none carries part of it, one that
    shares its words the looser way counts as a part (the story's words, if not the claim's)."""
    if not options:  # most claims of most compared articles: no candidate sentence
        return ClaimMatch(claim.position, None, 0.0, "absent")
    # The evidence is read as the coverage model was fitted: a part by its share of the claim's
    # words, not by an amount told again (a number many stories share).
    worded = [m if m.verdict != "partial" or shares_words(
        claim, s, word_cover(claim.text, s)[1], t, amounts=False) else ClaimMatch(
        claim.position, None, 0.0, "absent") for m, s in zip(options, sentences, strict=True)]
    best = max(worded, key=_rank, default=ClaimMatch(claim.position, None, 0.0, "absent"))
    if best.verdict != "absent":
        return best
    touching = [ClaimMatch(claim.position, s, m.score, "partial")
                for m, s in zip(options, sentences, strict=True)
                if shares_words(claim, s, word_cover(claim.text, s)[1], t, amounts=False)]
    return max(touching, key=_rank, default=best)
