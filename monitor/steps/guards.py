"""What sets a difference aside: the claim and the sentence tell of another act, day, holder,
place, moment or actor, so an amount or a negation that differs contradicts nothing.

Whole sentences that share most words read alike whatever act, day or holder their amounts are
of ("extended on Wednesday" after "ordered on Monday", cases in one country against another's,
"likely to sway four" against "the two who voted"). Each guard takes the conflicts that
`conflicts.differences` found and returns those that stand and those it sets aside;
`verdicts.judge` applies them in turn.
"""

from __future__ import annotations

import itertools
import re

from monitor.steps import similarity
from monitor.steps.claims import TITLE_WORDS, Claim
from monitor.steps.conflicts import (
    ATTRIBUTION,
    CALENDAR_UNITS,
    CLAUSE_BREAK,
    MIN_CLAUSE_WORDS,
    claim_amounts,
    clause_holding,
    clause_texts,
    only_attribution,
    sentence_amounts,
)
from monitor.steps.text import (
    CALENDAR_PERIODS,
    IRREGULAR_VERB_STEMS,
    STOPWORDS,
    content_words,
    name_words,
    normalise,
    numbers,
    stem,
    unit_of,
    unquoted,
    verb_base,
)
from monitor.steps.text import words as _words  # `words` names a sentence's words below


def another_day(claim: Claim, sentence: str, conflicts: list[dict], notes: list[dict]
                ) -> tuple[list[dict], list[dict]]:
    """Another day or date in a sentence that states something else than the claim (only
    partly the same) is a later development ("extended on Wednesday" after "ordered on
    Monday"), noted, not a contradiction; unless the sentence states the claim once its days
    are the claim's (the day itself had made the two read less alike). So is another amount,
    unless the sentence or the amount's clause, given the claim's amounts, states the claim
    or its clause ("faces up to ten years" is not "the lawyers asked for four to five years")."""
    amounts = [c for c in conflicts if c["kind"] == "number"]
    if not amounts:
        return conflicts, notes
    aligned = sentence
    for c in amounts:
        aligned = aligned.replace(c["article"], c["claim"])
    if similarity.same_claim([claim.text], [aligned])[1][0]:
        # however alike the rest reads, two counts of other acts are two amounts ("people
        # ordered to leave" against "people moved")
        other = [c for c in amounts if c.get("unit") not in CALENDAR_UNITS
                 and _other_acts_after(claim.text, sentence, c["claim"], c["article"])]
    else:
        other = [c for c in amounts if c.get("unit") in CALENDAR_UNITS
                 or not _same_clause(claim.text, sentence, c["claim"], c["article"])
                 or not _same_measure(claim.text, sentence, c["claim"], c["article"])]
    return ([c for c in conflicts if c not in other],
            notes + [{**c, "kind": "another day" if c.get("unit") in CALENDAR_UNITS
                      else "another amount"} for c in other])


def another_acts_day(claim: str, sentence: str, conflicts: list[dict]
                     ) -> tuple[list[dict], list[dict]]:
    """The conflicts but days and dates of another act, and those as "another day" notes: even
    where the sentence reads as the claim, a day conflicts only when the sentence's clause
    holding it, given the claim's day, states the claim's clause holding that day ("Tuesday's
    release of the warrant" is not "the judge on Monday ordered it made public"). Whole
    sentences that share most words read alike whatever act their days are of; clauses do not."""
    other = [c for c in conflicts if c["kind"] == "number" and c.get("unit") in CALENDAR_UNITS
             and (_told_others(claim, sentence, c) or _years_of_two_things(claim, sentence, c)
                  or not _same_act(claim, sentence, c["claim"], c["article"]))]
    return [c for c in conflicts if c not in other], [{**c, "kind": "another day"} for c in other]


def _years_of_two_things(claim: str, sentence: str, conflict: dict) -> bool:
    """Whether one side's year dates a thing it names right after it ("the 2014 assault")
    while the other side's year dates a verb of another act, the thing named only after it
    ("convicted in 2016 of assaulting"): the year of the deed against the year of the
    verdict, two acts."""
    if conflict.get("unit") != "year-date":
        return False
    sides = ((sentence, conflict["article"], claim, conflict["claim"]),
             (claim, conflict["claim"], sentence, conflict["article"]))
    for text, year, other, other_year in sides:
        thing = re.search(rf"\b(?i:the|a|an|its|his|her|their|this|that)\s+{re.escape(year)}"
                          r"\s+([a-z]+)", text)
        if thing and _year_of_a_deed_before(other, other_year, stem(thing.group(1))):
            return True
    return False


def _year_of_a_deed_before(text: str, year: str, noun: str) -> bool:
    """Whether each time `year` is given it dates a verb ("convicted in 2016") and `noun` is
    named only after it ("of assaulting"), never before."""
    words = _words(text.lower())
    stems = [stem(w) for w in words]
    at = [i for i, w in enumerate(words) if w == year.lower()]
    return bool(at) and all(
        i >= 2 and words[i - 1] in ("in", "during") and words[i - 2].endswith("ed")
        and stems[i - 2] != noun and noun in stems[i + 1:] and noun not in stems[:i]
        for i in at)


# Who a source told something, and when: "confirmed to the Herald on Thursday", "said on
# Wednesday", "told Ana Ruiz on Monday", "on Monday said".
# (Verbs that tell something to someone only: "called Lund on Wednesday" is another act.)
_TELLING = r"(?:said|says|told|tells|stated|confirm(?:ed|s)|denied|denies)"
# (Whom, as a name: capitalised; "told reporters on Monday" names no one.)
_TOLD_ON = (r"\b(?i:{verb})\s+(?:(?:to\s+)?((?:the\s+)?(?:[A-Z][\w.'\u2019-]*\s+){{1,4}}))?"
            r"(?i:on\s+)?{day}\b")
_ON_TOLD = r"\b(?i:on\s+)?{day}\s+(?i:{verb})\b"


def _told_others(claim: str, sentence: str, conflict: dict) -> bool:
    """Whether both days are the days a source spoke, to others: each dates a verb of saying
    ("said on Tuesday", "confirmed to the Herald on Wednesday") and one names whom it was told
    that the other does not. A source telling two outlets on two days is no contradiction; the
    same saying dated on two days still is one."""
    ours, theirs = (_told_whom(claim, conflict["claim"]),
                    _told_whom(sentence, conflict["article"]))
    return ours is not None and theirs is not None and ours != theirs


def _told_whom(text: str, day: str) -> frozenset[str] | None:
    """Whom `day` dates the telling to (their name's words, empty when none is named), or None
    when the day dates no saying."""
    outside = unquoted(text)
    found = re.search(_TOLD_ON.format(verb=_TELLING, day=re.escape(day)), outside)
    if found:
        return frozenset(_words((found.group(1) or "").lower())) - STOPWORDS
    found = re.search(_ON_TOLD.format(verb=_TELLING, day=re.escape(day)), outside)
    return frozenset() if found else None


def _same_act(claim: str, sentence: str, ours: str, theirs: str) -> bool:
    """Whether the sentence's clause holding `theirs`, with `ours` in its place, states the
    claim's clause holding `ours` (clauses as `clause_texts` reads them: "In March" goes with
    what follows it)."""
    mine = _near_amount(_clause_of(claim, ours)[0], ours)
    found = [_near_amount(clause, theirs) for clause in _clause_of(sentence, theirs)]
    # A day's clause as short as an aside may be of the act told next ("The council, meeting
    # on Monday, voted …"): that reading too.
    aside = len(found) > 1 and len(content_words(found[0])) <= MIN_CLAUSE_WORDS
    return _states(mine, [found[0], " ".join(found)] if aside else found[:1], ours, theirs)


# No sentence runs longer than this (the longest of the 116,952 in the news-events articles:
# 2,635 characters): a longer clause (a page's 1 MB sentence without a stop) is read by the
# same-claim model only this far around its amount. The model's ratios of two such clauses take
# time of the one's length times the other's (1 MB each: 50-100 s of CPU).
CLAUSE_CHARS = 5_000


def _near_amount(clause: str, amount: str) -> str:
    """The clause, or, when longer than CLAUSE_CHARS, that many characters of it around the
    first place of `amount` (whole words; from its start when it does not hold it)."""
    if len(clause) <= CLAUSE_CHARS:
        return clause
    at = max(0, clause.find(amount) - CLAUSE_CHARS // 2)
    start = clause.rfind(" ", 0, at) + 1 if at else 0
    end = clause.rfind(" ", start, start + CLAUSE_CHARS + 1)
    return clause[start:end if end > start else start + CLAUSE_CHARS]


def _clause_of(text: str, amount: str) -> list[str]:
    """The first of the text's clauses (`clause_texts`) holding `amount`, and the clause after
    it if any; or the text. (`clause_holding` cuts at every clause mark, as the amount
    checks read a clause; here a piece too short to be a clause goes with the next, as the
    same-claim model reads clauses: "In March" with what follows it.)"""
    clauses = clause_texts(text)
    at = next((k for k in range(1, len(clauses)) if amount in clauses[k]), 0)
    return list(clauses[at:at + 2]) if at else [clauses[0]]


def another_holder(claim: str, sentence: str, conflicts: list[dict]
                   ) -> tuple[list[dict], list[dict]]:
    """The conflicts but those of an amount said of another person or thing, and those: the
    claim's clause holding its amount and the sentence's clause holding theirs each name
    someone, and none the same ("cases confirmed in Italy" against "cases of CoronaVirus" in
    another country). A clause naming nobody ("she served eight months") may be of anyone:
    its amount is still compared. So with sums of money for other things
    (`_money_for_another`)."""
    other = [c for c in conflicts if c["kind"] == "number"
             and (_holders_differ(claim, _holder(claim, c["claim"]),
                                  sentence, _holder(sentence, c["article"]))
                  or _money_for_another(claim, sentence, c)
                  or _world_against_place(claim, sentence)
                  or _plan_given_up_elsewhere(claim, sentence, c))
             or c["kind"] == "negation" and _actors_differ(claim, sentence)]
    return [c for c in conflicts if c not in other], other


def another_object(claim: str, sentence: str, conflicts: list[dict]
                   ) -> tuple[list[dict], list[dict]]:
    """The conflicts but a flipped negation told of other things (`_objects_differ`), and that
    as a note: the words after the act may be other words for the same thing ("the bill" and
    "the measure"), so a reader is shown it rather than told either way."""
    other = [c for c in conflicts if c["kind"] == "negation" and _objects_differ(claim, sentence)]
    return ([c for c in conflicts if c not in other],
            [{**c, "kind": "another object"} for c in other])


_PLACING = frozenset("on in at into onto to from for with against about over under".split())


def _objects_differ(claim: str, sentence: str) -> bool:
    """Whether a flipped negation is told of other things: the act both tell is followed on
    each side by the same preposition and what follows it shares no word ("will not appear on
    those deposits" against "will appear on the paper checks"). "Will not appear on the paper
    checks" against "will appear on every check" is one thing."""
    acts = _word_bases(unquoted(claim)) & _word_bases(unquoted(sentence))
    ours, theirs = _placed(claim, acts), _placed(sentence, acts)
    return any(verb == other and prep == by and words.isdisjoint(found)
               for verb, prep, words in ours for other, by, found in theirs)


def _placed(text: str, acts: frozenset[str]) -> list[tuple[str, str, frozenset[str]]]:
    """Each word of `acts` in the text followed by a preposition: the act, the preposition, and
    the first three content words after it in its clause ("appear", "on", {"paper", "check"})."""
    found = []
    for clause in CLAUSE_BREAK.split(unquoted(text)):
        words = _words(clause.lower())
        for k, word in enumerate(words[:-1]):
            base = _word_bases(word) & acts
            if base and words[k + 1] in _PLACING:
                after = list(itertools.islice(
                    (w for rest in words[k + 2:] for w in content_words(rest)), 3))
                if after:
                    found.append((min(base), words[k + 1], frozenset(after)))
    return found


_WORD = re.compile(r"[\w'\u2019-]+")
_DEMONYM = re.compile(r"i|n|an|ian|ese|ish")
_OPENING_PHRASE = re.compile(r"\W*(?:at|in|on|during|after|before|for|with|under|amid)\b"
                             r"[^,]{0,60},\s*", re.IGNORECASE)
_BY_AGENT = re.compile(r"\b(?:be|been|being|was|were|is|are)\s+\w+(?:ed|en)\s+by\s+"
                       r"((?:the\s+)?[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*)*)")
_PRONOUN_SUBJECT = re.compile(r"[\s,]*(?:that\s+)?(?:it|he|she|they|we)\b", re.IGNORECASE)


def _actors_differ(claim: str, sentence: str) -> bool:
    """Whether a flipped negation is told of other actors: each side names who does the act
    both tell, before it, and none is the other's ("Norway would not join" against "Denmark
    … joining"; not "Iraq" against "the Iraqi cabinet", nor a place named after the act)."""
    acts = frozenset(content_words(unquoted(claim)) & content_words(unquoted(sentence))) - (
        frozenset(map(stem, name_words(claim))) | frozenset(map(stem, name_words(sentence)))
        | _TITLE_STEMS)
    # A title two people share names neither ("Rep. Ana Ruiz", "Rep. Ivo Kask").
    ours, theirs = _actors(claim, acts), _actors(sentence, acts)
    shared = ours & theirs & _TITLE_STEMS
    ours, theirs = ours - shared, theirs - shared
    if any(_people_of(a, b) or _people_of(b, a) for a in ours for b in theirs):
        return False  # a place and its people's word: "Iraq", "the Iraqi government"
    return _holders_differ(claim, ours, sentence, theirs)


_TITLE_STEMS = frozenset(map(stem, TITLE_WORDS))  # "rep", "sen", "senat", "governor", …


def _people_of(place: str, word: str) -> bool:
    """Whether `word` is the word for the people of `place` ("iraqi" of "iraq")."""
    return word.startswith(place) and _DEMONYM.fullmatch(word[len(place):]) is not None


def _actors(text: str, acts: frozenset[str] = frozenset()) -> frozenset[str]:
    """Whom a sentence tells of, for a negation (what they did or would not do): the names
    outside who says it, before the first word of `acts` (the act), and the speaker's when what
    is said opens on a pronoun ("Iraq said it would not join"); not a speaker of words about
    others ("the council will not approve it, Ana Ruiz said")."""
    outside = told = unquoted(text)
    said = ATTRIBUTION.search(outside)
    if said and not _PRONOUN_SUBJECT.match(outside, said.end()):
        # what is said is the longer side: "X said the council …", "The council …, X said"
        before, after = outside[:said.start()], outside[said.end():]
        told = after if len(after.split()) > len(before.split()) else (
            before[:before.rfind(",")] if "," in before else before)  # not "…, Ana Ruiz said"
    # who does it comes before it ("… signed the bill in Sacramento"), after any opening phrase
    # ("At the pact talks, Norway …"), or after "by" in the passive ("… be joined by Norway")
    agent = _BY_AGENT.search(told)
    start = _OPENING_PHRASE.match(told)
    act = next((m.start() for m in _WORD.finditer(told, start.end() if start else 0)
                if stem(m.group(0).lower()) in acts), None)
    told = agent.group(1) if agent else told[:act]
    # An opening "He" or "For" is no name ("He said he does not know", "For many people").
    opening = _opening(outside) if outside.startswith(told) and not (
        set(_words(" ".join(outside.split()[:1]))) & STOPWORDS) else frozenset()
    return frozenset(map(stem, name_words(told))) | opening


# Where a count is of the whole world ("Globally, …", "… worldwide"), and where a sentence
# tells it of one place ("in the United States", "across Canada").
# Not "the world's" nor "in the world": mostly a superlative ("the world's highest toll").
_WORLD = re.compile(r"\b(?:globally|global\s+(?:death\s+)?(?:toll|total|tally|count|cases|deaths|"
                    r"figures?)|worldwide|world-wide|(?:around|across|throughout) the "
                    r"(?:world|globe))\b", re.IGNORECASE)
_IN_PLACE = re.compile(r"\b(?:in|across|throughout|within)\s+(?:the\s+)?"
                       r"((?:[A-Z][\w.'\u2019-]*\s*){1,4})")


# A plan or deal given up: "walked away from a plan to invest", "pulled out of a deal".
_GIVEN_UP = re.compile(r"\b(?:walk(?:ed|s)?\s+away\s+from|pull(?:ed|s)?\s+out\s+of|"
                       r"back(?:ed|s)?\s+out\s+of|withdr[ea]w\s+from|abandon(?:ed|s)?|"
                       r"scrap(?:ped|s)?|ditch(?:ed|es)?)\s+(?:an?|the|its|their|his|her)\s+"
                       r"(?:[\w-]+\s+){0,2}?(?:plans?|deals?|offers?|proposals?|bids?|projects?)\b",
                       re.IGNORECASE)


# A plan or deal told of as given up in any words: a claim that tells of one may tell of the
# plan given up ("the council's plan … was dropped"); one still kept ("under its offer") not.
_A_PLAN = re.compile(r"\b(?:plans?|deals?|offers?|proposals?|bids?|projects?)\b", re.IGNORECASE)
_DROPPED = re.compile(r"\b(?:dropped|scrapped|abandoned|cancell?ed|shelved|withdrawn|ditched"
                      r"|given\s+up|gave\s+up|walked\s+away|pulled\s+out|backed\s+out|"
                      r"called\s+off|killed)\b", re.IGNORECASE)


def _plan_given_up_elsewhere(claim: str, sentence: str, conflict: dict) -> bool:
    """Whether the sentence's amount is of a plan given up in another place ("walked away from
    a plan to invest $4 billion … in Peru") against a claim that tells of no plan given up and
    does not name that place: another plan's amount. A claim of a plan given up in any words
    ("the council's plan … was dropped"), or naming the place anywhere ("plan for Peru"), may
    tell of the same plan: compared."""
    clause = clause_holding(sentence, conflict["article"]) or ""
    given_up = _GIVEN_UP.search(clause)
    if not given_up or given_up.start() > clause.find(conflict["article"]):
        return False
    if _GIVEN_UP.search(claim) or _A_PLAN.search(claim) and _DROPPED.search(claim):
        return False
    place = _places(clause)
    return bool(place) and not place & (_places(claim) | frozenset(map(stem, name_words(claim))))


def _world_against_place(claim: str, sentence: str) -> bool:
    """Whether one side's amounts are the world's and the other's one place's: it says no
    word of the world and tells them "in" a named place ("Globally, 13 million cases" against
    "3.4 million cases … in the United States"; not where someone spoke, "…, the agency told
    reporters in Geneva"), unless the world's side tells of that place too ("41,000 worldwide,
    including 12,000 in Canada")."""
    world = _WORLD.search(claim) is not None, _WORLD.search(sentence) is not None
    if world[0] == world[1]:
        return False
    other, whole = (sentence, claim) if world[0] else (claim, sentence)
    place = _places(other)
    return bool(place) and not place & _places(whole)


def _places(text: str) -> frozenset[str]:
    """The named places a text tells something "in" ("in the United States"), outside its
    clauses of who said it ("…, the agency told reporters in Geneva")."""
    told = " , ".join(p for p in CLAUSE_BREAK.split(unquoted(text)) if not (
        only_attribution(p) or ATTRIBUTION.search(p) and not numbers(p)))
    return frozenset(stem(w) for m in _IN_PLACE.finditer(told)
                     for w in name_words("in " + m.group(1)))


# "$5 billion in aid for states" and "$5 billion for the wall" say what money is for; "for the
# year" says when. Only "for" names a purpose: "in damages", "in revenue", "in pay" name kinds
# of money, and two kinds may be one sum ("$300,000 in damages", "$500,000 in compensation").
_FOR = re.compile(r"\s*(?:(?:dollars|euros|pounds)\s+)?"
                  r"(?:in\s+(?!(?:the|a|an|its|their)\b)[\w'-]+\s+)?for\s+"
                  r"((?:[\w'\u2019-]+\s*){1,8})", re.IGNORECASE)
_TIME_WORDS = frozenset(map(stem, """year years month months quarter quarters week weeks day
    days time period fiscal first last next this total""".split()))


def _money_for_another(claim: str, sentence: str, conflict: dict) -> bool:
    """Whether two sums of money are for other things, as the words right after each say
    ("$7.8 billion in aid for states hit by storms" against "$5.7 billion for the wall"): each
    names what it is for, and they share no word. A sum that names nothing is compared."""
    if not conflict["unit"].startswith("money"):
        return False
    ours, theirs = _what_for(claim, conflict["claim"]), _what_for(sentence, conflict["article"])
    return bool(ours and theirs and ours.isdisjoint(theirs))


def _what_for(text: str, amount: str) -> frozenset[str]:
    """What a sum of money is for: the first three content words of a "for …" right after it
    (or after its kind, "in aid for …"), names, amounts and words of time aside."""
    clause = clause_holding(text, amount)
    found = _FOR.match(clause, clause.find(amount) + len(amount)) if clause else None
    if not found:
        return frozenset()
    kept = [w for word in found.group(1).split() if word[:1].islower()
            for w in content_words(word) if w not in _TIME_WORDS]
    return frozenset(kept[:3])


def another_moment(claim: str, sentence: str, conflicts: list[dict]
                   ) -> tuple[list[dict], list[dict]]:
    """The conflicts but amounts of another moment, and those as notes: two rates anchored in
    times that differ ("before the strike, 3.5%" against "14.7% in April"), or an amount
    forecast or hoped for against one counted ("likely to sway four" against "the two who
    voted"). A time or an expectation on one side alone is no other moment; days and dates
    have their own rules (`another_acts_day`)."""
    if not any(c["kind"] == "number" for c in conflicts):
        return list(conflicts), []  # most sentences judged: nothing here to set aside, no reading
    # A time of day told otherwise is noted, never counted: a story's times date its acts
    # ("started at 3 a.m.", "under control by 7 a.m.", "the tribunal, which sat from 9 a.m.,
    # adjourned at 4 p.m."), and which act a time dates is more than its words tell.
    snapshots = _snapshots_of_other_hours(claim, sentence)
    dated_apart = _dated_otherwise(claim, sentence)
    other = [c for c in conflicts if c["kind"] == "number" and (
        c.get("unit") not in CALENDAR_UNITS and (_rates_of_other_times(claim, sentence, c)
                                                 or _forecast_against_count(claim, sentence, c)
                                                 or dated_apart)
        or _tallies_of_other_days(claim, sentence, c)
        or c.get("unit") in _SPAN_UNITS and _spans_since_other_events(claim, sentence, c)
        or c.get("unit") not in CALENDAR_UNITS and snapshots
        or c.get("unit", "").startswith("clock"))]
    return ([c for c in conflicts if c not in other],
            [{**c, "kind": "another moment"} for c in other])


def _dated_otherwise(claim: str, sentence: str) -> bool:
    """Whether the sentence is set at a time the claim does not name: it opens with a month,
    a year or a date ("In October, …"), or tells its amounts as of a time ("as of 11 p.m.",
    "By midday, …"; not "On Tuesday evening, …", one event's time told more precisely), and
    the claim names no time at all (a claim's "on Monday" may be the sentence's "June
    3"). Over real coverage such amounts were of another moment or event (another month's
    sinking) in every conflict read (bench/README, numconf50). A date elsewhere in the
    sentence may be the same event's, told more precisely ("killed 14 people on June 3"), or
    another act's ("the fire, which broke out at 3 a.m."), or name a thing ("the 2026
    budget"): no sign of another moment."""
    setting = _SET_AT.match(sentence) or _AS_OF.search(sentence)  # (read on their words only)
    if not setting or _CLAIM_WHEN.search(claim):
        return False
    at = setting.group(0)
    # (a part of the day only against a claim naming none: "the morning ferry" does not keep
    # "In 2019, …" a conflict)
    dated = bool(_BY_DAY_PART.search(at) and not _DAY_PART.search(claim)) or any(
        n.unit in _DATING or n.unit.startswith("clock") for n in sentence_amounts(at))
    return dated and not any(n.unit in CALENDAR_UNITS or n.unit.startswith("clock")
                             for n in claim_amounts(claim))


_DATING = frozenset({"month", "date", "year-date"})  # what sets a sentence at another time
# A sentence set at a time: opening with a preposition of time ("In March a ferry sank", "On
# June 3, …"), or telling its amounts "as of" a time; the words read for a date after them.
_SET_AT = re.compile(r"\s*(?:in|on|by|since|until|through|as\s+of)\s[^,;:]{1,25}", re.IGNORECASE)
_AS_OF = re.compile(r"\bas\s+(?:of|at)\s[^,;:]{1,25}", re.IGNORECASE)
# A part of the day: a claim that names one names its time.
_DAY_PARTS = (r"(?:mid-?)?morning|midday|noon|(?:mid-?)?afternoon|evening|nightfall|midnight|"
              r"dawn|dusk|daybreak")
_DAY_PART = re.compile(rf"\b(?:{_DAY_PARTS})\b", re.IGNORECASE)
# An amount told as of a part of the day ("By midday, …", "By late afternoon", "as of this
# morning", "By Tuesday night"; not "by night", as "by day"), as "By 1 p.m., …" is.
_BY_DAY_PART = re.compile(rf"\b(?i:by|as\s+of)\s+(?:(?:[A-Za-z][a-z]*\s+){{0,2}}(?:{_DAY_PARTS})|"
                          r"(?:[A-Za-z][a-z]*\s+){1,2}night)\b")
# Words by which a claim names its time without a date ("yesterday", "last night").
_CLAIM_WHEN = re.compile(r"\b(?:yesterday|today|tonight|overnight|(?:last|this|next)\s+"
                         r"(?:night|week|month|year|weekend))\b", re.IGNORECASE)


def loose_windows(claim: str, sentence: str, conflicts: list[dict]
                  ) -> tuple[list[dict], list[dict]]:
    """The conflicts but two spans of time looking back that agree as far as the coarser is
    said loosely, and those as rounded notes: "in the past 36 hours" and "the past two days",
    "over the past 18 months" and "the past two years". A count of whole units looking back
    is loose speech; a sentence's term ("18 months" against "two years") is not."""
    loose = [c for c in conflicts if c["kind"] == "number" and c.get("unit") in ("hour", "year")
             and _within_window(_window(claim, c["claim"]), _window(sentence, c["article"]))]
    return ([c for c in conflicts if c not in loose],
            [{**c, "kind": "rounded"} for c in loose])


_WINDOW = r"\b(?:past|last|previous)\s+{}\s+([a-z]+)"


def _window(text: str, amount: str) -> tuple[float, float] | None:
    """A span looking back ("the past two days"): its count and its unit's size (in hours or
    years, as `numbers` converts), or None."""
    if len(re.findall(rf"\b{re.escape(amount)}\b", text, re.IGNORECASE)) != 1:
        return None  # "over the last two years, and the plan runs two years": which one?
    m = re.search(_WINDOW.format(re.escape(amount)), text, re.IGNORECASE)
    size = unit_of(m.group(1)) if m else None
    found = next((n for n in numbers(m.group(0)) if n.text == amount), None) if size else None
    return (found.value / size[1], size[1]) if found and found.high is None else None


def _within_window(ours: tuple[float, float] | None, theirs: tuple[float, float] | None
                   ) -> bool:
    """Two spans in different units, the coarser a count of one to three whole units (not
    decades or centuries), the finer rounding to it: 36 hours for two days, not 25 or 60."""
    if not ours or not theirs or ours[1] == theirs[1]:
        return False
    (count, size), (finer, small) = sorted((ours, theirs), key=lambda w: -w[1])
    within = finer * small / size
    return count in (1, 2, 3) and size not in (10, 100) and count - 0.5 <= within < count + 0.5


def _rates_of_other_times(claim: str, sentence: str, conflict: dict) -> bool:
    """Two percentages, each anchored in a time, the times differing. Only rates and shares:
    a level is of its moment, while a count of what happened ("four died after the ferry
    capsized", "five died on Monday") is of its event, whichever time each names."""
    if conflict.get("unit") != "percent" and not (_level(claim, conflict["claim"])
                                                  and _level(sentence, conflict["article"])):
        return False
    ours, theirs = _anchors(claim, conflict["claim"]), _anchors(sentence, conflict["article"])
    if not (ours and theirs):
        return False
    if _share_anchor(ours, theirs):
        # one day, other parts of it: "late Tuesday night" is not "early Tuesday afternoon"
        mine, found = (_parts_of_day(claim, conflict["claim"]),
                       _parts_of_day(sentence, conflict["article"]))
        return bool(mine and found) and mine.isdisjoint(found)
    # Anchors of one kind that differ are other moments; "in April" against "last month" may
    # be one. "Before X" is a baseline: another moment than any time the other side tells
    # but a "before" ("in April", "last month", "after the strike").
    kinds = {k for k, _ in ours}, {k for k, _ in theirs}
    baseline = ("before" in kinds[0]) != ("before" in kinds[1])
    return bool(kinds[0] & kinds[1]) or baseline


_SPAN_UNITS = frozenset({"year", "hour"})  # durations, in their base units
# What a span of time is counted from, said next to it: "40 years since the choir's founding",
# "30 years after the founding", "for the first time in 22 years" (since the last time). Not a
# term's "jailed for 10 years after the attack" (`_A_TERM`: when, not counted from).
_SINCE_EVENT = re.compile(r"\s+[a-z]+\s+(?:since|after)\s+(?:(?:the|a|an|its|his|her|their)\s+)?"
                          r"([a-z][\w'\u2019-]*(?:\s+[a-z][\w'\u2019-]*){0,3})", re.IGNORECASE)
_A_TERM = re.compile(r"\bfor\s+(?:(?:nearly|almost|about|over|some|up\s+to|more\s+than)\s+)?\Z",
                    re.IGNORECASE)
_FIRST_TIME_IN = re.compile(r"\b(?:first|last)\s+time\s+in\s+(?:(?:nearly|almost|about|over|"
                            r"some|more\s+than)\s+)?\Z", re.IGNORECASE)


def _spans_since_other_events(claim: str, sentence: str, conflict: dict) -> bool:
    """A span counted from an event against one counted from the last time: "50 years since
    the band's formation" against "for the first time in 25 years". Two counted from events
    are compared, whatever words tell them ("after the crash", "after the accident")."""
    kinds = {_counted_from(claim, conflict["claim"]), _counted_from(sentence, conflict["article"])}
    return kinds == {"event", "last time"}


def _counted_from(text: str, amount: str) -> str | None:
    """What the span `amount` is counted from, said next to it: "event" ("since the
    founding"), "last time" ("the first time in"), or None."""
    clause = _clause_of(text, amount)[0]
    at = re.search(rf"(?<![\w.]){re.escape(amount)}(?!\w)", clause)
    if at is None:
        return None
    before = max(0, at.start() - 40), at.start()
    if _A_TERM.search(clause, *before):
        return None
    if _SINCE_EVENT.match(clause, at.end()):
        return "event"  # "the first time in 31 years since the war ended" too
    return "last time" if _FIRST_TIME_IN.search(clause, *before) else None


# A level named before its value ("Category 2", "alert level 3"): a state, of its moment as a
# rate is.
_LEVEL = re.compile(r"\b(?:category|level|stage|phase|grade|tier)\s+$", re.IGNORECASE)
# The part of a day an amount was so in ("late Tuesday night", "early Tuesday afternoon"):
# "early" and "late" alone say no part; an evening is the night's start.
_PART_OF_DAY = {"morning": "morning", "midday": "afternoon", "noon": "afternoon",
                "afternoon": "afternoon", "evening": "night", "night": "night",
                "overnight": "night", "midnight": "night", "tonight": "night"}


def _level(text: str, amount: str) -> bool:
    """Whether `amount` is a level's value, named right before it ("Category 2")."""
    clause = clause_holding(text, amount) or ""
    at = clause.find(amount)
    return at >= 0 and _LEVEL.search(clause[:at]) is not None


def _parts_of_day(text: str, amount: str) -> frozenset[str]:
    """The parts of a day the clause holding `amount` names ("night" for "late … night")."""
    return frozenset(_PART_OF_DAY[w] for w in _words(_clause_of(text, amount)[0].lower())
                     if w in _PART_OF_DAY)


def _share_anchor(ours: frozenset[tuple], theirs: frozenset[tuple]) -> bool:
    """Whether two clauses name one anchor ("before the strike", "before the dock strike")."""
    return any(k == j and (v == w or (isinstance(v, frozenset) and bool(v & w)))
               for k, v in ours for j, w in theirs)


_AS_OF = re.compile(r"\bas of\s+((?:[\w.:,]+\s*){1,4})", re.IGNORECASE)


def _tallies_of_other_days(claim: str, sentence: str, conflict: dict) -> bool:
    """Two running tallies, each "as of" a day that differs ("As of Wednesday, 136,000
    deaths" against "As of Tuesday, … 137,000 deaths"): every amount of the two is of its own
    day, and so is that day (not another day of the same act)."""
    ours, theirs = _as_of(claim), _as_of(sentence)
    if not (ours and theirs):
        return _tallies_risen_on_other_days(claim, sentence, conflict)
    # two days of one kind: "as of Monday" and "as of June 3" may be one day
    if ours & theirs or not {u for u, _ in ours} & {u for u, _ in theirs}:
        return False
    if conflict.get("unit") in CALENDAR_UNITS:  # the tally's own day, not a day of what it tells
        return any(n.text == conflict["claim"] for n in numbers(_AS_OF.search(claim).group(1)))
    return True


# A tally told as changed to a count: "the toll had risen to 112", "rose to", "climbed to".
_RISEN_TO = re.compile(r"\b(?:(?:had|has|have)\s+(?:risen|climbed|jumped|grown|increased)|"
                       r"rose|climbed|jumped|grew|increased)\s+to\s+(?:about\s+|at\s+least\s+)?"
                       r"(\d[\d,.]*)", re.IGNORECASE)


def _tallies_risen_on_other_days(claim: str, sentence: str, conflict: dict) -> bool:
    """Two tallies each told as risen to a count that differs, on days that differ, the later
    day's count the higher ("had risen to 112 by late Monday" against "had risen to 175 early
    Tuesday"): the later is an update, and every amount of the two is of its own day. Still
    compared: the same count on two days (one tally's day told otherwise); a lower count a day
    later (a toll risen does not fall); a side that names the other's day too ("risen to 175
    on Tuesday, up from 140 on Monday": Monday's count told otherwise); other days than the
    tallies' that differ ("the storm that struck on Monday" against "on Tuesday"), and a day
    that is not the tally's."""
    ours, theirs = _risen_on(claim), _risen_on(sentence)
    if not (ours and theirs) or ours[0] == theirs[0] or ours[1] & theirs[1]:
        return False
    later = _later(ours[1], theirs[1])
    if later is None or later != (theirs[0] > ours[0]):
        return False
    named = _days_named(claim), _days_named(sentence)
    if named[0] & theirs[1] or named[1] & ours[1]:
        return False
    others = named[0] - ours[1], named[1] - theirs[1]
    if others[0] and others[1] and others[0] != others[1]:
        return False  # another day of what is counted: "struck on Monday", "on Tuesday"
    if conflict.get("unit") in CALENDAR_UNITS:  # the tally's own day
        return bool(_days_named(conflict["claim"]) & ours[1])
    return True


def _risen_on(text: str) -> tuple[float, frozenset[tuple]] | None:
    """The count a text's tally has risen to, and the days and dates it had by: those told
    right after the count, before the clause's end or another amount ("risen to 112 by late
    Monday", "rose to 175 early Tuesday"), or opening its clause ("On Tuesday the toll rose
    to 175"); not days of what the tally counts ("the storm that struck on Monday")."""
    found = _RISEN_TO.search(text)
    if not found:
        return None
    counted = next((n for n in numbers(text[found.start(1):found.end(1) + 12])
                    if n.unit not in CALENDAR_UNITS), None)
    if counted is None:
        return None
    after = _AFTER_COUNT.match(text, found.end(1))
    days = _days_named(after.group(0)) if after else frozenset()
    if not days:
        clause = clause_holding(text, found.group(0)) or ""
        opening = _OPENING_DAY.match(clause)
        days = _days_named(opening.group(0)) if opening else frozenset()
    return (counted.value, days) if days else None


# What follows a risen count up to the clause's end or the next amount: " by late Monday",
# " by March 30" (a month's day is the date's, no other amount).
_AFTER_COUNT = re.compile(r"[^,;:\d]{1,60}(?:(?<=[A-Za-z] )\d{1,2}\b(?![.,:]?\d))?")
# A clause opening on its day: "On Tuesday the toll rose", "By late Tuesday".
_OPENING_DAY = re.compile(r"\s*(?i:on|by|until|through|as\s+of)\s+(?:(?i:early|late)\s+)?"
                          r"[A-Z][a-z]+(?:\s+\d{1,2}\b)?")
# The week's days in order: "Tuesday" a day after "Monday".
_WEEK = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _days_named(text: str) -> frozenset[tuple]:
    """The days and dates a text names, as (unit, value); weekdays as their place in the week."""
    return frozenset(("weekday", float(_WEEK.index(n.text.lower()))) if n.unit == "weekday"
                     and n.text.lower() in _WEEK else (n.unit, n.value)
                     for n in numbers(text) if n.unit in CALENDAR_UNITS)


def _later(ours: frozenset[tuple], theirs: frozenset[tuple]) -> bool | None:
    """Whether `theirs` is later than `ours`, read on a kind of day both name (weekdays up to
    three days apart, as the next days; dates within a year; years), or None when no kind tells."""
    for unit, span, ahead in (("date", None, None), ("weekday", 7, 3), ("month", 12, 6),
                              ("year-date", None, None)):
        mine = [v for u, v in ours if u == unit]
        found = [v for u, v in theirs if u == unit]
        if len(mine) != 1 or len(found) != 1 or mine == found:
            continue
        if span is None:
            return found[0] > mine[0]
        step = (found[0] - mine[0]) % span
        return step <= ahead
    return None


_AS_OF_HOUR = re.compile(r"\b(?:as of|at|by)\s+(\d{1,2})(?::(\d\d))?\s*([ap])\.?m\b",
                         re.IGNORECASE)


def _snapshots_of_other_hours(claim: str, sentence: str) -> bool:
    """Whether the two sides' amounts are of two hours ("as of 11 p.m., moving at 17 mph"
    against "at 2 p.m., … 16 mph"): snapshots of their hours. The same hour ("as of 11 p.m."
    and "at 11 p.m."), or an hour on one side only, is compared: an undated count may be
    the same count misreported."""
    ours, theirs = _as_of_hour(claim), _as_of_hour(sentence)
    return ours is not None and theirs is not None and ours != theirs


def _as_of_hour(text: str) -> tuple[str, str, str] | None:
    """The hour a text's amounts are of ("as of 11 p.m.", "at 11 p.m.", "by 11 p.m.")."""
    found = _AS_OF_HOUR.search(text)
    return (found.group(1), found.group(2) or "00", found.group(3).lower()) if found else None


def _as_of(text: str) -> frozenset[tuple]:
    """The days and dates a text's tally is "as of" (its first "as of …")."""
    found = _AS_OF.search(text)
    return frozenset((n.unit, n.value) for n in numbers(found.group(1))
                     if n.unit in CALENDAR_UNITS) if found else frozenset()


def _forecast_against_count(claim: str, sentence: str, conflict: dict) -> bool:
    """One amount forecast or hoped for, the other an exact count: not a bound, a range
    or a loose amount ("could face up to 10 years" against "faces up to 20 years" is one
    fact's two bounds; "dumping 20 to 30 inches" may be a forecast read in another clause)."""
    ours, theirs = _expected(claim, conflict["claim"]), _expected(sentence, conflict["article"])
    if ours == theirs:
        return False
    counted = (sentence_amounts(sentence), conflict["article"]) if ours else (
        claim_amounts(claim), conflict["claim"])
    return any(n.text == counted[1] and not (n.approx or n.vague or n.high is not None)
               for n in counted[0])


# When an amount was so, beside a day or date: "before the strike", "since the war", "now".
_ANCHOR = re.compile(r"\b(?:(before|prior to|ahead of|until)|after|since|during)\s+"
                     r"(?:(?:the|a|an|its|his|her|their)\s+)?"
                     r"((?!(?:then|that|it|this)\b)[a-z][\w-]*(?:\s+[a-z][\w-]*){0,3})"
                     r"|\b(yesterday|today|now|currently|(?:last|this|next)\s+(?:"
                     + "|".join(CALENDAR_PERIODS) + r"))\b",
                     re.IGNORECASE)
_PRESENT = {"today": "now", "currently": "now"}


def _anchors(text: str, amount: str) -> frozenset[tuple]:
    """The times the clause holding `amount` anchors it in: its days and dates (a date also
    as its month), and phrases of time ("before the strike", "last year")."""
    clause = _clause_of(text, amount)[0]
    found: set[tuple] = set()
    for n in numbers(clause):
        if n.unit in CALENDAR_UNITS:
            found.add((n.unit, n.value))
            if n.unit == "date":
                found.add(("month", n.value // 100))
    for before, head, word in _ANCHOR.findall(clause):
        found.add(("before" if before else "after", frozenset(content_words(head))) if head
                  else ("when", _PRESENT.get(word.lower(), " ".join(word.lower().split()))))
    return frozenset(found)


# Words that make an amount expected or hoped for, not counted: "likely to sway four". Not
# "could", "need", "require" ("the ferry could carry 300", "won the 52 votes it needed" tell
# what was so), nor "less likely to" (what people answered). Any case ("Expected turnout of
# 40%") but the modal "may", which is not the month.
_EXPECTING = re.compile(r"\b(?i:(?<!more )(?<!less )(?:un)?likely|expect(?:s|ed|ing)?|"
                        r"forecast(?:s|ed|ing)?|predict(?:s|ed|ing)?|projected|"
                        r"anticipat(?:e|es|ed|ing)|might|hop(?:e|es|ed|ing))\b|\bmay\b")


def _expected(text: str, amount: str) -> bool:
    """Whether the clause holding `amount` tells it as expected or hoped for."""
    return _EXPECTING.search(_AS_IT_WAS.sub(" ", clause_holding(text, amount) or "")) is not None


# Idioms that tell an amount as it was, not as expected: "40 attended, as expected", "400
# families in need", "the lifeboats required by law", "only 40 could be rescued".
_AS_IT_WAS = re.compile(r"\b(?:as|than)\s+(?:\w+\s+){0,2}?(?:expected|forecast|predicted|"
                        r"anticipated|hoped)\b|\bin need\b|\brequired by\b|\bcould be\b|"
                        r"\blikely (?=\w+ed\b)", re.IGNORECASE)


def _holders_differ(claim: str, ours: frozenset[str], sentence: str, theirs: frozenset[str]
                    ) -> bool:
    """Whether both holders are named and nothing says they are one: neither names the
    other's opening word ("Lund served", a word `name_words` does not read as a name), nor
    writes the other's initials ("The ECB")."""
    if not ours or not theirs or ours & theirs:
        return False
    return (ours.isdisjoint(_opening(sentence)) and theirs.isdisjoint(_opening(claim))
            and ours.isdisjoint(_initials(sentence)) and theirs.isdisjoint(_initials(claim)))


def _opening(text: str) -> frozenset[str]:
    """The stem of a text's opening word when it is a name of one word: capitalised, the next
    word not ("Lund served"; in "Attorney General William Barr" the name goes on)."""
    first = text.split(maxsplit=2)[:2]
    if len(first) == 2 and first[0][:1].isupper() and first[1][:1].islower():
        return frozenset(map(stem, _words(first[0])))
    return frozenset()


_NAME_RUN = re.compile(r"\b[A-Z][\w'’-]*(?:\s+(?:(?:of|the|and|for)\s+)?[A-Z][\w'’-]*)+")


def _initials(text: str) -> frozenset[str]:
    """The initials of each run of capitalised words ("European Central Bank": "ecb"), as a
    holder's stem would read them."""
    return frozenset(stem("".join(w[0] for w in run.split()
                                  if w[0].isupper() and w.lower() not in STOPWORDS).lower())
                     for run in (m.group() for m in _NAME_RUN.finditer(text)))


def _holder(text: str, amount: str) -> frozenset[str]:
    """Whom or what `amount` is said of: the words of the names in its clause (stems), but
    those of who says it ("Ana Ruiz said fares will rise 5%": the fares', not Ruiz's) and of
    the amount itself ("1.4 Million")."""
    clause = clause_holding(text, amount) or normalise(text)
    said = ATTRIBUTION.search(clause)
    if said:
        at = clause.find(amount)
        clause = clause[said.end():] if at >= said.end() else clause[:said.start()]
    # As stems: "Americans" and "American workers" are of one holder.
    named = frozenset(map(stem, name_words(clause) - set(_words(amount))))
    return named or _named_before(text, amount)


def _named_before(text: str, amount: str) -> frozenset[str]:
    """The name an amount's clause is set off after, when the clause opens on the amount and
    the piece before is that name alone ("Port Lira, 80 miles to the north, …": Port Lira's).
    Not a day or date: "Washington, U.S., March 11" is a dateline, not the place's."""
    if any(n.unit in CALENDAR_UNITS for n in numbers(amount)):
        return frozenset()
    pieces = CLAUSE_BREAK.split(normalise(text))
    at = next((k for k, p in enumerate(pieces) if amount in p), 0)
    if not at or not pieces[at].lstrip().startswith(amount):
        return frozenset()
    before = pieces[at - 1].split()
    if not before or not all(w[:1].isupper() for w in before):
        return frozenset()
    return frozenset(map(stem, _words(" ".join(before).lower())))


def _same_clause(claim: str, sentence: str, ours: str, theirs: str) -> bool:
    """Whether the sentence's clause holding `theirs`, with `ours` put in its place, states the
    claim's clause holding `ours`: the same fact with another amount."""
    mine = clause_holding(claim, ours) or claim
    return _states(mine, [clause_holding(sentence, theirs) or sentence], ours, theirs)


def _states(mine: str, found: list[str], ours: str, theirs: str) -> bool:
    """Whether any of the clauses `found`, with `theirs` put in `ours`'s place, states `mine`
    (the same-claim model): the same fact, told with another amount or day."""
    aligned = [clause.replace(theirs, ours) for clause in found]
    return bool(similarity.same_claim([mine] * len(aligned), aligned)[1].any())


def _same_measure(claim: str, sentence: str, ours: str, theirs: str) -> bool:
    """Whether the two amounts measure the same act: the word nearest before either is among
    the words right before the other, or one has none to tell ("approved $40 million" is not
    "has spent $12 million of it", however alike the rest of the two clauses reads)."""
    (mine, my_words), (found, their_words) = (_measure_words(claim, ours),
                                              _measure_words(sentence, theirs))
    if mine and found:
        return bool(mine & their_words or found & my_words)
    return not _other_acts_after(claim, sentence, ours, theirs)


def _other_acts_after(claim: str, sentence: str, ours: str, theirs: str) -> bool:
    """Whether two counts tell other acts of what they count ("1,000 people ordered to leave"
    against "hundreds of people moved"): each is followed by a verb (`_act_after`), the two
    verbs differ, neither is in the other's clause, and the two clauses share no word but what
    is counted. Two verbs of one event ("3,200 dockworkers began a strike at the port" against
    "2,300 dockworkers walked off at the port") share the rest."""
    mine, found = _act_after(claim, ours), _act_after(sentence, theirs)
    if not (mine and found) or mine == found:
        return False
    my_clause, their_clause = (clause_holding(claim, ours) or "",
                               clause_holding(sentence, theirs) or "")
    counted = frozenset(w for n in claim_amounts(claim) if n.text == ours
                        for w in (n.unit or "").split())
    my_words, their_words = _word_bases(my_clause), _word_bases(their_clause)
    if (my_words & their_words) - counted:
        return False
    return mine not in their_words and found not in my_words


# Words between a count and its verb that are no verb themselves ("have been ordered", "could
# need", "who have just filed").
_AUXILIARIES = frozenset("""have has had been be being was were is are will would could can may
    might should must who which that just also already now still""".split())
_SAYING = {"said": "say", "says": "say", "say": "say", "told": "tell", "tells": "tell"}


def _act_after(text: str, amount: str) -> str | None:
    """The verb told of what an amount counts: after the words of what it counts (as `numbers`
    reads its unit, "of people"), past auxiliaries, a word after an auxiliary ("have been
    ordered", "could need"), ending in -ed or -ing, or a form of an irregular verb ("held");
    as its base's stem. None when anything else follows ("136,000 jobs in May")."""
    clause = clause_holding(text, amount)
    unit = next((n.unit for n in claim_amounts(text) if n.text == amount and n.unit), "")
    if not clause or not unit:
        return None
    counted = frozenset(unit.split())
    read = _words(clause[clause.find(amount) + len(amount):])[:8]
    at = next((k for k, word in enumerate(read[:4]) if stem(word) in counted), None)
    if at is None:
        return None
    helped = False
    for word in read[at + 1:]:
        verb = word in _SAYING or (len(word) > 4 and word.endswith(("ed", "ing"))) or (
            stem(word) in IRREGULAR_VERB_STEMS)
        if stem(word) in counted and not verb and not helped:
            continue  # what it counts goes on: "American workers"
        if word in _AUXILIARIES or word.endswith("ly"):
            helped = True
        elif word in STOPWORDS:
            return None
        else:
            return _SAYING.get(word) or verb_base(stem(word)) if helped or verb else None
    return None


def _word_bases(text: str) -> frozenset[str]:
    """The text's content words as stems, a verb's forms as its base ("held" as "hold")."""
    return frozenset(verb_base(w) for w in content_words(text))


def _measure_words(text: str, amount: str) -> tuple[frozenset[str], frozenset[str]]:
    """What `amount` measures in its clause: the content word nearest before it, and all of
    those among the three words before it ("approved", "spent"), names and amounts aside."""
    clause = clause_holding(text, amount) or ""
    before = clause[:clause.find(amount)].split()[-3:] if clause else []
    kept = [frozenset(content_words(w)) for w in before
            if not w[:1].isupper() and not any(ch.isdigit() for ch in w)]
    nearest = next((w for w in reversed(kept) if w), frozenset())
    return nearest, frozenset().union(*kept)


def another_count(claim: str, sentence: str, conflicts: list[dict]
                  ) -> tuple[list[dict], list[dict]]:
    """The conflicts but counts of another thing, and those as "another amount" notes: an
    outcome other than the claim's ("40 injured" against "12 killed", deaths against cases),
    a part against a whole ("six of the injured" against "14 injured"), or a parent's
    children ("a father of three"). Over real coverage each such conflict read was of another
    quantity (bench/README, numconf50)."""
    other = [c for c in conflicts if c["kind"] == "number"
             and c.get("unit") not in CALENDAR_UNITS and _counts_apart(claim, sentence, c)]
    return ([c for c in conflicts if c not in other],
            [{**c, "kind": "another amount"} for c in other])


# A share's "of the" names what it is a share of, not a whole it is part of.
_SHARES = frozenset({"percent", "percentage point"})


# Outcomes no one person or thing has two of: counted dead are not counted injured, nor cases.
_OUTCOMES = {w: kind for kind, ws in (
    ("death", "killed kill kills killing dead died die dies death deaths fatalities fatality"
              " lives"),
    ("injury", "injured injuring injures injury injuries hurt wounded wounding"),
    ("hospital", "hospitalized hospitalised hospitalizations hospitalisations"),
    ("case", "case cases infections infected"),
    ("missing", "missing")) for w in ws.split()}
_OUTCOME_BEFORE = 3  # words just before an amount that may be its verb ("injured at least 71")
_OUTCOME_AFTER = 6  # words after it, up to the next amount or clause mark ("40 people were hurt")
_REACH = 80  # characters read either side of an amount
# Where the words tied to an amount end: another amount, a clause mark, or "and" ("2,100
# cases and 310 deaths": the cases are not the deaths).
_STOP = re.compile(r"[\d,;:()]|\b(?:and|or|but|while|with)\b", re.IGNORECASE)
# A part of a whole: "six of the injured", "among them two". ("Including 12,000 in Canada"
# may be the count another outlet gives for Canada alone.)
_PART_AFTER = re.compile(r"\s+of\s+(?:them|those|these|whom|which|the\s+(?:injured|dead|wounded"
                         r"|hurt|victims|infected|missing|sick))\b", re.IGNORECASE)
_PART_BEFORE = re.compile(r"\b(?:among\s+them|of\s+whom|of\s+which|of\s+them)"
                          r"\s+(?:(?:the|at\s+least|about|some)\s+)?$", re.IGNORECASE)
# A count besides others told before: "two other men", "35 others", "another 40", "40 more",
# "an additional 40", "a further 40" (not "more than 40", "40 more than"). Over real coverage
# such a count was against the whole each time (bench/README, stop 55: "two other men and one
# woman were also detained" against "three men and a woman have been arrested").
_BESIDES_AFTER = re.compile(r"\s+(?:other|others|more|additional|further)\b(?!\s+than\b)",
                            re.IGNORECASE)
_BESIDES_BEFORE = re.compile(r"\b(?:another|(?:the|an?)\s+(?:other|additional|further))\s+"
                             r"(?:(?:estimated|about|some|nearly|almost|at\s+least)\s+)?$",
                             re.IGNORECASE)
# A parent's children are no count of what the story counts: "a father of three". ("A family
# of four died" is a toll.)
_FAMILY = re.compile(r"\b(?:mother|father|parent|mom|mum|dad|grandmother|grandfather|"
                     r"grandparent)\s+of\s+$", re.IGNORECASE)


def _counts_apart(claim: str, sentence: str, conflict: dict) -> bool:
    """Whether the two amounts count other things: other outcomes, a part against a whole
    (or a count besides others against one that is not), or either a family's size."""
    ours, theirs = _around(claim, conflict["claim"]), _around(sentence, conflict["article"])
    if ours is None or theirs is None:
        return False
    outcomes = _outcome(*ours), _outcome(*theirs)
    return (None not in outcomes and outcomes[0] != outcomes[1]
            or conflict.get("unit") not in _SHARES and (_part(*ours) != _part(*theirs)
                                                         or _besides(*ours) != _besides(*theirs)
                                                         and not _base_shared(claim, sentence,
                                                                              conflict))
            or any(_FAMILY.search(before) for before, _ in (ours, theirs)))


def _around(text: str, amount: str) -> tuple[str, str] | None:
    """The text just before and just after the first `amount` standing alone in it."""
    at = re.search(rf"(?<![\w.,]){re.escape(amount)}(?!\w)", text)
    if at is None:
        return None
    return text[max(0, at.start() - _REACH):at.start()], text[at.end():at.end() + _REACH]


def _outcome(before: str, after: str) -> str | None:
    """The outcome an amount counts: the nearest outcome word of the few just before it
    ("killing all 48"), else the one after it up to another amount or clause mark; None when
    two outcomes follow ("14 people injured in the blast later died": which is counted?)."""
    near = _LOWER_WORD.findall(_STOP.split(before)[-1].lower())[-_OUTCOME_BEFORE:]
    found = [_OUTCOMES[w] for w in near if w in _OUTCOMES]
    if found:
        return found[-1]
    words = _LOWER_WORD.findall(_STOP.split(after)[0].lower())
    following = [_OUTCOMES[w] for w in words if w in _OUTCOMES]
    first = next((_OUTCOMES[w] for w in words[:_OUTCOME_AFTER] if w in _OUTCOMES), None)
    return first if len(set(following)) == 1 else None


_LOWER_WORD = re.compile(r"[a-z]+")


def _part(before: str, after: str) -> bool:
    """Whether an amount is told as a part of a whole ("six of the injured")."""
    return bool(_PART_AFTER.match(after) or _PART_BEFORE.search(before))


def _besides(before: str, after: str) -> bool:
    """Whether an amount is counted besides others told before ("two other men", "another
    40"): a part of some whole, not the whole."""
    return bool(_BESIDES_AFTER.match(after) or _BESIDES_BEFORE.search(before))


def _base_shared(claim: str, sentence: str, conflict: dict) -> bool:
    """Whether both tell another count alike (the others' count: "killed two and injured 40
    others" against "killed two and injured 52"): the counts besides them compare."""
    a = {n.value for n in sentence_amounts(claim)
         if n.unit not in CALENDAR_UNITS and n.text != conflict["claim"]}
    b = {n.value for n in sentence_amounts(sentence)
         if n.unit not in CALENDAR_UNITS and n.text != conflict["article"]}
    return bool(a & b - {None})
