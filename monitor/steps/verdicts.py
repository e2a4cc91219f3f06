"""The verdict of one claim against one sentence: verbatim, paraphrase, partial, conflict, absent.

The sentence's wording against the claim (fuzzy score, the claim's words and clauses it
carries, the same-claim model), whether a quotation claim could be its words, and the
conflicts (`conflicts`) that make the verdict a conflict.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process, utils

from monitor.steps import similarity
from monitor.steps.claims import (
    TITLE_WORDS,
    Claim,
    organisation_head,
    reports_speech,
    states_nothing,
)
from monitor.steps.conflicts import (
    CALENDAR_UNITS,
    CLAIMS_KEPT,
    CLAUSE_BREAK,
    SENTENCES_KEPT,
    THRESHOLDS,
    Thresholds,
    agreement,
    claim_amounts,
    claim_words,
    clause_texts,
    comparable,
    differences,
    distinctive_part,
    inside_other,
    much_shorter,
    names_speaker,
    nearer_another,
    only_attribution,
    quotation_words,
    quoted_whole,
    run_window,
    sentence_amounts,
    sentence_quotations,
    sentence_words,
    shared_run,
    two_persons,
    unit_left_out,
)
from monitor.steps.guards import (
    another_acts_day,
    another_count,
    another_day,
    another_holder,
    another_moment,
    another_object,
    loose_windows,
)
from monitor.steps.text import (
    CURRENCY_SIGNS,
    IRREGULAR_VERB_STEMS,
    MONTHS,
    NOT_NAMES,
    SAYING_VERBS,
    WEEKDAYS,
    Number,
    content_words,
    quotations,
    same_person,
    split_sentences,
    stem,
    unquoted,
)

VERDICTS = ("verbatim", "paraphrase", "reworded quotation", "partial", "conflict", "absent")
# The verdicts of a sentence that tells the whole claim, in its words or others.
CARRIED = ("verbatim", "paraphrase", "reworded quotation", "conflict")


@dataclass
class ClaimMatch:
    """The best sentence of one article for one claim, and what it says about the claim."""

    claim_position: int
    sentence: str | None
    score: float
    verdict: str
    conflicts: list[dict] | None = None
    notes: list[dict] | None = None  # what agrees only loosely: a rounded amount


def judge(claim: Claim, sentence: str, score: float, speaker: str | None = None,
          t: Thresholds = THRESHOLDS, same: float | None = None) -> ClaimMatch:
    """The verdict of one sentence on one claim, given their fuzzy score and P(same claim)."""
    if same is None:
        same = float(similarity.same_claim([claim.text], [sentence])[0][0]) / 100
    verdict = _wording(claim, sentence, score, same >= similarity.model().threshold, t, speaker)
    if verdict == _CLAUSE_PART:
        # One clause told again, under `t.partial_cover` of the whole claim's words: too little
        # of it to tell the claim's fact from another (another day's close, another count in
        # the same place), so its amounts, quotations and speakers are not compared.
        return ClaimMatch(claim.position, sentence, score, "partial")
    # A quotation of three words word for word in another person's mouth ("do the job") is
    # theirs too: no more the claim told than in other words. Only another person the sentence
    # names: one read from "he said" is a guess.
    if (verdict in ("paraphrase", "partial") or verdict == "verbatim" and claim.kind == "quote"
            and two_persons(claim.speaker, speaker) and names_speaker(sentence, speaker or "")
            ) and not _could_be_theirs(claim, sentence, speaker, t):
        verdict = "absent"
    conflicts = notes = None
    if verdict != "absent":
        found, noted = differences(claim, sentence, speaker, t, part=verdict == "partial")
        told = len(found)
        if same < similarity.model().threshold:
            found, noted = another_day(claim, sentence, found, noted)
        set_aside = len(found) < told
        found, days = another_acts_day(claim.text, sentence, found)
        if (days or set_aside) and verdict == "paraphrase":
            verdict = "partial"  # what it tells of another day or act is at most part of it
        noted += days
        found, others = another_holder(claim.text, sentence, found)
        if others and not found:  # its amounts are another's: it tells another fact
            return ClaimMatch(claim.position, None, score, "absent")
        found, objects = another_object(claim.text, sentence, found)
        found, counts = another_count(claim.text, sentence, found)
        found, moments = another_moment(claim.text, sentence, found)
        moments += objects + counts
        if moments and verdict == "paraphrase":
            verdict = "partial"  # an amount of another time or a forecast is at most part of it
        noted += moments
        found, windows = loose_windows(claim.text, sentence, found)
        noted += windows
        conflicts, notes = found or None, noted or None
        if not claim.speaker and verdict == "paraphrase" and any(
                n["kind"] == "another speaker" for n in noted):
            verdict = "partial"  # words no one named says, told otherwise by someone: a part
        if verdict == "paraphrase" and leaves_out_an_amount(claim.text, sentence):
            verdict = "partial"  # the claim's fact without its figure: part of it
        if conflicts:
            verdict = "conflict"
        elif any(n["kind"] == "reworded quotation" for n in noted):
            verdict = "reworded quotation"
    return ClaimMatch(claim.position, sentence if verdict != "absent" else None, score,
                      verdict, conflicts, notes)


def _could_be_theirs(claim: Claim, sentence: str, speaker: str | None, t: Thresholds) -> bool:
    """Whether a sentence could tell a quotation claim (someone's words) in other words or in
    part: it quotes them (a run of them, or close words), gives its words to their speaker
    (names them, or its quotation is theirs), or reports what someone said without naming who
    ("she said", "the minister told"). A sentence in the writer's own voice, or quoting
    another person's other words, tells nobody's quotation, whatever words of the story it
    shares with it. So with a statement that is mostly someone's quoted words: a sentence
    quoting other words, of someone it does not name as that speaker, does not tell it."""
    if claim.kind != "quote":
        # A statement that is mostly its speaker's quotation ("…," said Ada Lund) is theirs
        # too: not another named person's words reported, quoted or not.
        return not _quotes_another(claim, sentence, speaker, t) and not (
            claim.speaker and mostly_quoted(claim.text, tuple(claim.quotes))
            and not sentence_quotations(sentence) and _voiced_by_another(sentence, claim.speaker))
    # A quotation of one word of its own ("That is unacceptable") is found in its words or in
    # the speaker's reported words ("Ruiz dismissed the offer as unacceptable"), not in a
    # sentence quoting the speaker's other words ("a “rapid exit” would be unacceptable"): too
    # few words to tell a rewording from another statement.
    words, names = claim_words(claim.text)
    quoted = list(sentence_quotations(sentence))
    if claim.speaker and (len(words - names) > 1 or not quoted) and (
            names_speaker(sentence, claim.speaker)
            or (speaker and same_person(speaker, claim.speaker))):
        return True
    mine = utils.default_process(claim.text)
    if quoted:
        run = _voiced_as_theirs(claim, sentence, speaker)
        close = [q for q in quoted if inside_other(q, claim.text)
                 or run and shared_run(claim.text, q) is not None
                 or fuzz.ratio(utils.default_process(q), mine) >= t.quote_related]
        if close and two_persons(claim.speaker, speaker):
            # Another person's few words ("vote to acquit") are theirs, not the claim told:
            # only as much as a speaker conflict needs is the claim's quotation.
            return any(distinctive_part(claim.text, q) for q in close)
        return bool(close)
    return reports_speech(sentence) and not (
        claim.speaker and _voiced_by_another(sentence, claim.speaker))


def _quotes_another(claim: Claim, sentence: str, speaker: str | None, t: Thresholds) -> bool:
    """The claim is mostly its speaker's quoted words ("…," said Ada Lund) and the sentence
    quotes other words (none of the claim's, nor close to them) without naming that speaker."""
    if not claim.speaker or not mostly_quoted(claim.text, tuple(claim.quotes)):
        return False
    quoted = sentence_quotations(sentence)
    if not quoted or names_speaker(sentence, claim.speaker) or (
            speaker and same_person(speaker, claim.speaker)):
        return False
    run = _voiced_as_theirs(claim, sentence, speaker)
    return not any(inside_other(q, mine) or run and shared_run(mine, q) is not None
                   or fuzz.ratio(utils.default_process(q), utils.default_process(mine))
                   >= t.quote_related for q in quoted for mine in claim.quotes)


# A verb of speech in the writer's words, the name right before it ("Kask told"), or, after
# "said" and the like, the name right after it that ends the sentence or its clause ("…, said
# Moen.", "according to Moen,"): who says the words.
_SAID = re.compile(r"\b(?:" + "|".join((*SAYING_VERBS, "tells", "wrote", "writes",
                                         r"according\s+to")) + r")\b")
_NAME_BEFORE = re.compile(r"\b([A-Z][\w'\u2019.-]*)((?:\s+[A-Z][\w'\u2019.-]*){0,3})\s+$")
# Words before a capitalised run that make it no person's name: a body or a role ("the Ministry
# said", "The Prime Minister told"), a place ("officials in Osland said").
_NO_PERSON_BEFORE = re.compile(r"\b(?:the|in|of|at|from|for|by|across|near)\s+$", re.IGNORECASE)
_NAME_AFTER = re.compile(r"\s+([A-Z][\w'\u2019.-]*)(?:\s+[A-Z][\w'\u2019.-]*){0,3}\s*(?:[,.;]|$)")


def _voiced_by_another(sentence: str, speaker: str) -> bool:
    """Whether the sentence reports the words of someone it names who is not the claim's
    speaker ("Kask told the Gazette that …", "…, said Moen." for a quotation of Ada Lund's):
    it tells that person's words, whatever of the story they share. A pronoun or a role ("she
    said", "the minister told") may stand for the speaker; a sentence naming the speaker
    anywhere gives the words to them."""
    if names_speaker(sentence, speaker):
        return False
    outside = unquoted(sentence)
    mine = {w.lower() for w in _NAME_WORD.findall(speaker)}
    for verb in _SAID.finditer(outside):
        # "told the Gazette" is whom the words were told to: its speaker comes before it.
        after = None if verb.group().startswith("t") else _NAME_AFTER.match(outside, verb.end())
        found = after or _NAME_BEFORE.search(outside, max(0, verb.start() - 40), verb.start())
        name = found.group(1).rstrip(".") if found else None
        if name and _a_persons_name(outside, found.start(1), found.group(0)) and not (
                _NOT_A_VOICE.intersection((name, name.lower()))) and name.lower() not in mine:
            return True
    return False


def _a_persons_name(outside: str, start: int, run: str) -> bool:
    """Whether capitalised words at `start` may name a person: not after "the" or a
    preposition ("what the Charter says", "officials in Osland said"), not titles alone nor a
    body's name ("The Prime Minister told", "The Finance Ministry said", "Police said": the
    speaker's role, or a body, not another person)."""
    if _NO_PERSON_BEFORE.search(outside, max(0, start - 10), start):
        return False
    words = [w.strip(".,;") for w in run.split()]
    # ("President Ana Ruiz said" names her: a title before a name)
    return not all(w.lower() in TITLE_WORDS for w in words) and not (
        organisation_head(" ".join(words)))


_NAME_WORD = re.compile(r"[\w'\u2019-]+")
# Capitalised words next to a verb of speech that name no one: a sentence's opening word, a
# day or a month ("as I said in March").
_NOT_A_VOICE = NOT_NAMES | WEEKDAYS | frozenset(MONTHS) | frozenset(
    "Some Many Most Others Mr Mrs Ms Dr".split())


# "…,” she said" and the like: a speaker the sentence does not name (a pronoun may stand for
# the claim's speaker); "a spokeswoman said", "Kari Holm told" name another.
_PRONOUN_SAID = re.compile(r"\b(?:he|she)\s+(?:\w+\s+)?(?:said|says|told|added|stated)\b|"
                           r"\b(?:said|says|told|added)\s+(?:he|she)\b", re.IGNORECASE)


def _voiced_as_theirs(claim: Claim, sentence: str, speaker: str | None) -> bool:
    """Whether a sentence's quotation may be the claim's speaker's words: given to them (read
    or named), or to nobody the sentence names; any, when the claim's speaker is not known. A
    run of words quoted in another person's mouth ("we are doing everything we can to make
    sure") is a phrase two people say."""
    if not claim.speaker or names_speaker(sentence, claim.speaker) or (
            speaker and same_person(speaker, claim.speaker)):
        return True
    return not speaker and not (reports_speech(sentence)
                                and not _PRONOUN_SAID.search(unquoted(sentence)))


def _wording(claim: Claim, sentence: str, score: float, same: bool, t: Thresholds,
             speaker: str | None = None) -> str:
    cover, specific = word_cover(claim.text, sentence)
    a, b = _claim_processed(claim.text), _sentence_processed(sentence)
    # Verbatim is the claim's own words, every one: a word swapped ("walkout" for "strike")
    # or dropped makes a rewording, however close the letters stay.
    if cover == 1.0 and len(b) >= 0.8 * len(a) and fuzz.partial_ratio(a, b) >= t.verbatim:
        return "verbatim"
    quoted = sentence_quotations(sentence) if claim.kind == "quote" else ()
    if any(quoted_whole(claim.text, q) for q in quoted):
        return "verbatim"  # its words all quoted, in their order: "No. 1" for "number one"
    if states_nothing(sentence):
        return "absent"  # a question asks what a claim states; a link points to another story
    if refuses_comment(claim.text) and not _REFUSAL.search(sentence):
        return "absent"  # a refusal to comment tells nothing else of what it names
    mine = quotation_words(claim.text) if quoted else ""
    closeness = {q: fuzz.ratio(quotation_words(q), mine) for q in quoted}
    related = [q for q in quoted if closeness[q] >= t.quote_related
               and not nearer_another(claim.text, q, closeness[q], claim)]
    if related:
        # Only a run of the claim's own words, much shorter: part of the quotation, quoted.
        # So is a quotation with one of its sentences left out, whatever words of the rest
        # the article changed: what it leaves unsaid, it does not tell.
        shortened = all(len(q) < len(claim.text) and much_shorter(claim.text, q)
                        and inside_other(claim.text, q) for q in related)
        return "partial" if shortened or _leaves_out_a_sentence(
            claim.text, sentence) else "paraphrase"
    told = cover >= t.contains and score >= t.paraphrase
    if quoted and not told and _voiced_as_theirs(claim, sentence, speaker) and _run_quoted(
            claim.text, quoted, t):
        # A run of its words inside a longer quotation that goes on otherwise: part of it,
        # quoted, as a shortened quotation is. Not when the sentence carries its words all but
        # a few, the rest in the writer's words, a word dropped or a clause said twice.
        return "partial"
    if same or told:
        return "paraphrase"
    if claim.kind == "quote" and not _quotes_part_of_phrase(claim, sentence):
        # Part of a quoted phrase ("luxury pier operators") is told in its own words, quoted:
        # a sentence sharing two of them in the writer's voice tells another fact of the story.
        return "absent"
    if not carries_part(claim.text, sentence, t):
        return "absent"
    if shares_words(claim, sentence, specific, t):
        return "partial"
    return _CLAUSE_PART if shares_words(claim, sentence, specific, t, clauses=True) else "absent"


# `_wording`'s partial of a sentence that tells one clause of the claim again and little else
# of it (`tells_a_clause`): `judge` reads no conflict in it.
_CLAUSE_PART = "partial, a clause"


def _run_quoted(claimed: str, quoted: tuple[str, ...], t: Thresholds) -> bool:
    """A run of the claim's quotation inside one of the sentence's that is not the claim's
    quotation nearly whole, a word aside ("one word no president" for "one word that no"):
    read over the words around the run only, however long the sentence's quotation."""
    mine = quotation_words(claimed)
    for q in quoted:
        at = shared_run(claimed, q)
        if at is not None and fuzz.partial_ratio(
                mine, run_window(q, at, len(mine.split()))) < t.quote_same:
            return True
    return False


_EDITORS_WORDS = re.compile(r"\[[^\[\]]*\]")
_WORD_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")


def _leaves_out_a_sentence(quotation: str, sentence: str) -> bool:
    """Whether a quotation of several sentences has one of two content words or more that
    the article's sentence leaves out: under half of its words quoted, and at most half in
    the sentence's words, quoted or the writer's."""
    # A clause is not enough: asides, addresses and a rewording's synonyms are clauses too.
    # The editor's bracketed words are not the speaker's; "mud-fest" is "mudfest".
    parts = split_sentences(_EDITORS_WORDS.sub(" ", quotation))
    if len(parts) < 2:
        return False
    quoted = content_words(_WORD_HYPHEN.sub("", " ".join(sentence_quotations(sentence))))
    told = content_words(_WORD_HYPHEN.sub("", sentence))
    # Half its words quoted, or more than half in the writer's words too: told.
    return any(len(words) >= 2 and len(words & quoted) < 0.5 * len(words)
               and len(words & told) <= 0.5 * len(words)
               for words in (content_words(_WORD_HYPHEN.sub("", p)) for p in parts))


def _quotes_part_of_phrase(claim: Claim, sentence: str) -> bool:
    """Whether a sentence quotes two of a quoted phrase's content words (three or fewer, names
    aside), or its one; True for a longer quotation, whose part may be told in other words."""
    words, names = claim_words(claim.text)
    said = words - names
    if len(said) > 3:
        return True
    quoted = {w for q in sentence_quotations(sentence) for w in content_words(q)}
    return len(said & quoted) >= min(2, len(said))


# A refusal to comment, and what it refuses to comment on: "declined to comment on the suit",
# "did not respond to requests for comment", "could not talk about individual cases". Not
# "did not say who owned it" (a sentence saying who did contradicts it), "did not respond to
# the request for help", "could not be reached by boat", "with no comment period".
_NOT = r"(?:(?:did|does|do|would|could|can|will|has|have|had)(?: not|n't)|won't|can't|cannot)"
_REFUSAL = re.compile(
    r"\b(?:(?:declin|refus)\w* (?:(?:to|further) (?:comment|discuss|elaborate|be interviewed"
    r"|speak)|comment|interview)"
    rf"|{_NOT} (?:immediately )?(?:respond|reply|return|answer)\w*\b[^,;.]{{0,40}}?"
    r"\b(?:comment|inquir\w*|calls|messages|e-?mails|questions|requests? for (?:comment|an "
    r"interview))"
    rf"|{_NOT} (?:comment|discuss|talk about|elaborate)"
    rf"|{_NOT} (?:immediately )?(?:respond|reply)\w*(?=\s*[,.;]|\s*$)"
    rf"|{_NOT} (?:immediately )?be reached(?= for comment|\s*[,.;]|\s*$)"
    r"|(?:not|un)available for comment|(?:had|has|have|made|offered|gave) no (?:immediate "
    r"|further )?comment\b|no immediate comment)(?:\s+(?:on|about|regarding)\b[^,;.]*)?",
    re.IGNORECASE)
# What joins a refusal to something else the claim tells: "but has said it would comply",
# "…, saying the matter was before the court", "after the council voted".
_MORE_CLAUSES = re.compile(r"\b(?:but|while|although|though|whereas|yet|and|saying|who|which|"
                           r"after|before|because|since|when)\b|;", re.IGNORECASE)
# An "and" with more words after it before the refusal: "The council and the builder both".
_SUBJECTS_AND = re.compile(r"\band\b(?!\s*(?:(?:also|then|has|have|had|both)\s+)?$)")
# An act of its own before the refusal ("voted", "fell 5 percent", "quit"): the "and" then
# joins a statement, not several who refused. Irregular past forms are read by their stems.
_ACTED = re.compile(r"\b(?:[a-z]{2,}ed|quit|shut|cut|hit|put|set|cost|let)\b|\d")
_LOWER_WORD = re.compile(r"\b[a-z]+\b")


def _acts(words: str) -> bool:
    """Whether words say what someone did (`_ACTED`, or an irregular verb's form)."""
    return bool(_ACTED.search(words)) or any(
        stem(w) in IRREGULAR_VERB_STEMS for w in _LOWER_WORD.findall(words))


# Beyond who refused (a name, a title, "through a spokeswoman"), a claim says more.
REFUSER_WORDS = 5


@lru_cache(maxsize=CLAIMS_KEPT)  # asked of each candidate sentence: read once a claim
def refuses_comment(claim: str) -> bool:
    """Whether a claim only tells that someone declined to comment (nothing joined to it)."""
    refusal = _REFUSAL.search(claim)
    if not refusal:
        return False
    before, after = claim[:refusal.start()], claim[refusal.end():]
    # "Flex and Quanta declined": an "and" inside who refused joins names, not clauses;
    # "… denied the report and declined", "The council voted and the builder" join statements.
    if not _acts(before):
        before = _SUBJECTS_AND.sub(" ", before)
    joined = _MORE_CLAUSES.search(before) or _MORE_CLAUSES.search(after)
    return not joined and len(content_words(before + " " + after)) <= REFUSER_WORDS


def shares_words(claim: Claim, sentence: str, specific: float, t: Thresholds,
                 amounts: bool = True, clauses: bool = False) -> bool:
    """Whether a sentence shares enough of the claim's words to be in its story: the looser
    reading of a part, which `carries_part` then narrows. With `clauses`, a sentence that
    tells one clause of a long claim again (`tells_a_clause`) shares enough, however few of
    the whole claim's words it has."""
    # Part of a quotation is some of its words: its speaker and role named again are not.
    # Part of a claim is more than who said it: "the city's finance department said" alone
    # is another statement from the same source. Fewer of its words do with its exact amount.
    return bool((specific >= t.partial_cover
                 or (specific and amounts and tells_amount(claim.text, sentence))
                 or (specific and clauses and tells_a_clause(claim.text, sentence, t)))
                and (not mostly_quoted(claim.text, tuple(claim.quotes))
                     or word_cover(" ".join(claim.quotes), sentence)[1] > 0)
                and said_words(claim.text) & sentence_words(sentence))


def tells_amount(claim: str, sentence: str) -> bool:
    """The sentence states one of the claim's amounts, the same value of the same kind (not a
    day or a date, which many facts share): a fact of the claim told again, in whatever
    words ("was 1,200, according to …" for "1,200 travellers asked for …"), or rounded ("about
    31 million" for "30.8 million people")."""
    found = sentence_amounts(sentence)
    return any(n.unit not in CALENDAR_UNITS and (agreed := agreement(n, m))
               and (agreed == "same" or _a_count_rounded(n, m) or _a_time_rounded(n, m))
               and (comparable(n, m) or unit_left_out(n, m))
               for n in claim_amounts(claim) for m in found)


# A claim's day, date, time of day (with its zone or half of the day: "clock et", "clock
# local", "clock 12h") or a person's age: details a sentence telling the claim often leaves
# out (review57b), not part of what it states.
def _a_detail(unit: str) -> bool:
    return unit in CALENDAR_UNITS or unit.startswith(("clock", "year-old"))


def leaves_out_an_amount(claim: str, sentence: str) -> bool:
    """Whether the sentence tells one of the claim's amounts written in figures in no form:
    neither its value (in figures or words, "$4m" or "four million dollars" for "$4 million";
    rounded) nor another value of its kind (a conflict's matter). Not counted: a day, a date,
    a time of day or an age (many outlets leave out "on Tuesday" or give it as a date, and
    tell the claim), a figure of no unit (the 13 of "Feb. 13, 2020" is read as one), an amount
    in words ("eight-year", "single", "millions"), "9th", which `numbers` reads as 9, or a
    name's number ("Case 4000"): on real text those were left out by paraphrases as often as
    by parts."""
    found = sentence_amounts(sentence)
    return any(n.unit and not _a_detail(n.unit) and not n.vague and _in_figures(n.text, claim)
               and not any(agreement(n, m) or comparable(n, m) for m in found)
               for n in claim_amounts(claim))


def _in_figures(amount: str, text: str) -> bool:
    """Whether an amount is written in figures in the text, a figure of its own (its first
    run of digits among `_own_figures`)."""
    first = _FIGURE.search(amount)
    return bool(first) and first.group().rstrip(",.") in _own_figures(text)


_FIGURE = re.compile(r"\d[\d,.]*")


@lru_cache(maxsize=CLAIMS_KEPT)
def _own_figures(text: str) -> frozenset[str]:
    """The runs of digits of a text that stand as figures of their own somewhere in it: no
    letter or digit right after (the "th" of "9th"; "1960s") or before, and not after a
    capitalised word, which makes them a name's ("Case 4000", "Flight 752") or a day's
    ("Jan. 22"); a sentence's opening word ("The", "In") aside. One pass over the text."""
    own = set()
    for m in _FIGURE.finditer(text):
        figure = m.group().rstrip(",.")
        end = m.start() + len(figure)
        before = text[m.start() - 1] if m.start() else ""
        # ("$15bn", "$4m": a currency's figure may run on into its multiplier)
        if not (end < len(text) and text[end].isalnum() and before not in CURRENCY_SIGNS) and not (
                before.isalnum()) and not _after_a_name(
                text[max(0, m.start() - NAME_REACH):m.start()]):
            own.add(figure)
    return frozenset(own)


NAME_REACH = 30  # characters before a figure read for the capitalised word of a name


def _after_a_name(before: str) -> bool:
    """Whether the text before a figure ends with a capitalised word and a space."""
    words = before.split()
    if not before.endswith(" ") or not words:
        return False
    word = words[-1].rstrip(".")
    return word[:1].isupper() and word.isalpha() and word not in NOT_NAMES


def _a_count_rounded(n: Number, m: Number) -> bool:
    # Not a value inside a range ("11 dead" is inside "1 to 3 million"), nor a time of day
    # near another ("after 2 a.m.", "5 a.m."), nor a value a loose word reaches from afar
    # ("almost eight months" for six): other facts more often than one rounded.
    if n.high is not None or m.high is not None or n.unit.startswith("clock"):
        return False
    return (abs(n.value - m.value) <= ROUNDED_REACH * max(abs(n.value), abs(m.value))
            or _round_figure_of(n, m) or _round_figure_of(m, n))


def _a_time_rounded(n: Number, m: Number) -> bool:
    # "around 3:30 a.m." for 3:36 a.m.: the one time told about, the other exact, a quarter
    # of an hour apart at most (`agreement` allows half an hour: "around 9 p.m." is no call
    # at 9:25); a bound ("after 2 a.m.") reaches other moments of the night.
    return (n.unit.startswith("clock") and abs(n.value - m.value) <= TIME_REACH
            and sorted((n.approx, m.approx)) == ["", "about"])


TIME_REACH = 0.25  # hours


def _round_figure_of(exact: Number, loose: Number) -> bool:
    """Whether `loose` is `exact` rounded at its own leading digit, the way its word says:
    "more than 200" for 230 (down), "nearly 100" for 87, "about $2 million" for $1.7 million.
    Not under 10, where a loose word reaches other facts ("almost eight months" for six)."""
    if not loose.approx or loose.value < 10:
        return False
    step = 10 ** math.floor(math.log10(loose.value))
    if loose.value % step:  # "about 2.5 million" is no round figure
        return False
    rounded = {"over": math.floor, "under": math.ceil}.get(loose.approx, round)
    return rounded(exact.value / step) * step == loose.value


# How far a rounded amount may be from the claim's and still tell it again ("more than 20
# years" for 21, "about 31 million" for 30.8 million): chosen by reading what rounding changed
# over 400 real stories (bench/README, 2026-12-05).
ROUNDED_REACH = 0.1



@lru_cache(maxsize=CLAIMS_KEPT)
def said_words(claim: str) -> frozenset[str]:
    """The claim's content words but names and those of its attribution clauses."""
    words, names = claim_words(claim)
    parts = CLAUSE_BREAK.split(unquoted(claim))
    if len(parts) < 2:  # "The port added 300 jobs": one clause says what, not who said it
        return words - names
    said = [part for part in parts if only_attribution(part)]
    return words - names - frozenset(w for part in said for w in content_words(part))


@lru_cache(maxsize=CLAIMS_KEPT)
def mostly_quoted(claim: str, quotes: tuple[str, ...]) -> bool:
    """Most of the claim's words (names aside) are inside its quotations: a quotation with its
    attribution ("…,” said Dr. Helen Okafor, the county's chief medical officer)."""
    words, names = claim_words(claim)
    quoted = claim_words(" ".join(quotes))[0]
    return bool(quotes) and len((words - names) & quoted) >= 0.5 * len(words - names)


def word_cover(claim: str, sentence: str) -> tuple[float, float]:
    """Shares of the claim's content words the sentence carries: all, and all but names."""
    words, names = claim_words(claim)
    plain = words - names
    shared = words & sentence_words(sentence)
    return (len(shared) / max(len(words), 1),
            len(shared - names) / max(len(plain), 1) if len(shared - names) >= 2 else 0.0)


def carries_part(claim: str, sentence: str, t: Thresholds) -> bool:
    """Whether a sentence carries part of what the claim says, not only a few of its words
    spread over it: more than a third of the words of one of its clauses or quotations, or one
    of its amounts told again (the same or another value of it)."""
    words = sentence_words(sentence)
    return any(len(part & words) >= t.part_of_clause * len(part)
               for part in _claim_parts(claim)) or tells_amount(claim, sentence) or any(
        comparable(n, m) for n in claim_amounts(claim) for m in sentence_amounts(sentence))


def tells_a_clause(claim: str, sentence: str, t: Thresholds = THRESHOLDS,
                   besides: frozenset[str] = frozenset()) -> bool:
    """Whether the sentence has half the words of one clause of the claim (or of one of its
    quotations) or more, `t.clause_words` of them at least: that clause told again, a part of
    the claim however long the rest of it (the share of the whole claim's words undercounts a
    part of a claim of many clauses). Not a clause that only says who said it. With `besides`
    (another claim's words), only the sentence's words that are not among them count."""
    words = sentence_words(sentence) - besides
    return any(len(part & words) >= max(t.clause_words, t.clause_told * len(part))
               for part in _told_parts(claim))


@lru_cache(maxsize=CLAIMS_KEPT)
def _told_parts(claim: str) -> tuple[frozenset[str], ...]:
    """The content words of each clause of a claim that says more than who said it, and of
    each of its quotations."""
    parts = [frozenset(content_words(p)) for p in CLAUSE_BREAK.split(unquoted(claim))
             if not only_attribution(p)]
    return tuple(parts + [frozenset(content_words(q)) for q in quotations(claim)])


@lru_cache(maxsize=CLAIMS_KEPT)
def _claim_parts(claim: str) -> tuple[frozenset[str], ...]:
    """The content words of each clause of a claim (of two words or more) and of each of its
    quotations; the whole claim's when no clause has two."""
    parts = [frozenset(content_words(p)) for p in CLAUSE_BREAK.split(unquoted(claim))]
    parts += [frozenset(content_words(q)) for q in quotations(claim)]
    return tuple(p for p in parts if len(p) >= 2) or (claim_words(claim)[0],)


def clause_same(claim: str, sentence: str) -> float:
    """P(same claim), in percent, of the likeliest pair of a clause of the claim (or the claim
    whole) and a clause of the sentence (or the sentence whole), whole against whole aside.
    Only pairs about the claim's fact count: they share two words saying what the claim says
    (`said_words`: not names, not who said it), and the sentence's clause tells no amount
    the claim's does not, nor names only others (people, places, bodies) than the claim."""
    claim_texts, sentence_texts = clause_texts(claim), clause_texts(sentence)
    said = said_words(claim)
    pairs = [(a, b) for a in range(len(claim_texts)) for b in range(len(sentence_texts))
             if (a or b) and len(sentence_words(claim_texts[a]) & said
                                 & sentence_words(sentence_texts[b])) >= 2]
    claim_clauses, sentence_clauses = _analysed_clauses(claim), _analysed_clauses(sentence)
    pairs = [(a, b) for a, b in pairs if sentence_clauses[b].numbers <= claim_clauses[a].numbers
             and (not sentence_clauses[b].names
                  or sentence_clauses[b].names & claim_clauses[0].names)]
    if not pairs:
        return 0.0
    p = similarity.model().probability(similarity.pair_features(
        [claim_clauses[a] for a, _ in pairs], [sentence_clauses[b] for _, b in pairs]))
    return 100 * float(p.max())


@lru_cache(maxsize=SENTENCES_KEPT)
def _analysed_clauses(text: str) -> list[similarity.Sentence]:
    """The text's `clause_texts`, each analysed for the same-claim model."""
    return similarity.analyse_all(list(clause_texts(text)))


@lru_cache(maxsize=CLAIMS_KEPT)
def _claim_processed(text: str) -> str:
    return utils.default_process(text)


@lru_cache(maxsize=SENTENCES_KEPT)
def _sentence_processed(sentence: str) -> str:
    return utils.default_process(sentence)


def decide_pairs(first: list[str], second: list[str], t: Thresholds = THRESHOLDS,
                 model: similarity.PairModel | None = None) -> list[tuple[float, bool]]:
    """For aligned sentence pairs: a score (0–100) and whether both state the same claim.

    The first sentence is read as a claim and worded against the second exactly as the matcher
    words an article's sentence against a claim: the same claim is a verbatim or paraphrase
    wording. Agreement on numbers, quotations and speakers is a separate question (a conflict
    is the same claim told differently), so it does not enter this decision.
    """
    model = model or similarity.model()
    scores = process.cpdist(first, second, scorer=fuzz.token_set_ratio,
                            processor=utils.default_process, workers=1)
    same = model.probability(similarity.pair_features(similarity.analyse_all(first),
                                                      similarity.analyse_all(second)))
    out = []
    for a, b, score, p in zip(first, second, scores.tolist(), same.tolist(), strict=True):
        wording = _wording(Claim(0, a, "statement", a), b, float(score), p >= model.threshold, t)
        out.append((round(100 * p, 1), wording in ("verbatim", "paraphrase")))
    return out
