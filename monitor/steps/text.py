"""What a sentence says, as plain data: sentences, words, numbers, quotations, names, negation.

Shared by `claims` (reading the seed) and `match` (reading each article), so both sides of a
comparison are analysed by the same code.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

# Escape sequences first, whole, so that their printable parameters do not survive as litter:
# CSI (ESC [ or 0x9B, parameters, final byte); OSC, DCS, SOS, PM and APC strings that end (BEL
# or ST) on the same line; then short ESC sequences (ESC, intermediates, final byte), which
# also takes the introducer of an unterminated string and leaves its text to be seen: a name
# must not be able to swallow the rest of a report.
ESCAPE_SEQUENCES = re.compile(
    r"(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)"
    r"|\x1b[\x20-\x2f]*[\x30-\x7e]?"
)

QUOTE_CHARS = "\u201c\u201d\u201e\u00ab\u00bb\""
# A quoted span: an opening mark, the words, a closing mark (straight quotes open and close).
_QUOTE_RE = re.compile(
    r"[\u201c\u201e\u00ab\"]\s*([^\u201c\u201d\u201e\u00ab\u00bb\"]*?)\s*[\u201d\u00bb\"]"
)
# Abbreviated titles, read in a name ("Gov. Ruiz" is one name: the period ends no sentence) but
# not among its words. "St. Louis" and "Mt. Kenya" keep theirs, read so only as a name's first
# word: "Market St. Police said" is a street's name, then a sentence.
TITLE_ABBREVIATIONS = frozenset(
    """Mr Mrs Ms Dr Prof Gov Sen Rep Gen Lt Col Sgt Capt Adm Rev Supt Insp Maj Cmdr Cpl Pvt Atty
    Pres Hon Sens Reps Govs Gens Messrs Sra""".split())
MONTH_ABBREVIATIONS = ("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
                       "nov", "dec")
# After these, a period ends no sentence.
_ABBREVIATIONS = {t.lower() for t in TITLE_ABBREVIATIONS} | set(MONTH_ABBREVIATIONS) | {
    "st", "mt", "jr", "sr", "inc", "corp", "co", "ltd", "no", "vs", "u.s", "u.k", "u.n", "e.g",
    "i.e", "dept", "ave", "blvd", "ste",
    # Seeds in other languages: "bzw." (or), "Mrd." (billion), "z.B." (for example).
    "bzw", "z.b", "d.h", "u.a", "nr", "vgl", "inkl", "mio", "mrd", "dña",
}
# After these, as written, a period ends no sentence either; in another case they are words
# or names that may end one ("filed with the SEC.", "the state of CA."). Ranks and titles
# before a name ("Brig. Gen. Ada Lund"), kept out of TITLE_ABBREVIATIONS so that the words
# of names read stay those the same-claim model was fitted on; German "ca." (about) and
# "sog." (so-called).
_CASED_ABBREVIATIONS = frozenset({"Brig", "Amb", "Sec", "Spc", "Drs", "Ft", "ca", "sog"})
STOPWORDS = frozenset(
    """a an the and or but if of to in on at by for with from into onto over under about
    as is are was were be been being has have had do does did that this these those it its
    their them they he she his her him we our us you your i me my who whom which what when
    where while than then so such also very just said says say told would will could should
    can may might must shall not no there here up out more most after before since until
    all any some each other another same own only both either neither one""".split()
)
NEGATIONS = frozenset(
    "not no never nobody nothing none neither nor cannot without".split()
)
# Words that make a clause say less than its words, or only on a condition: a contrast, a
# condition, a hedge ("will run ... every day" is not "will run only if ..."; "the ferry left"
# is not "perhaps the ferry left").
HEDGES = frozenset("""but while whereas although though unless except only if hardly barely
    scarcely almost nearly perhaps maybe possibly might""".split())

MONTHS = {
    m: i + 1
    for i, m in enumerate(
        "january february march april may june july august september october november december"
        .split()
    )
}
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
DAYTIMES = ("morning", "afternoon", "evening", "night")
SEASONS = ("spring", "summer", "fall", "autumn", "winter")
# What "last" or "this" dates as a time: "last week", "this morning", "last spring". The
# calendar's periods are those an amount is dated by ("next year": guards._ANCHOR).
CALENDAR_PERIODS = ("week", "month", "year")
PERIODS = (*CALENDAR_PERIODS, "weekend", *DAYTIMES, *SEASONS)
# Words that date a thing against another day ("yesterday", "last week", "in March", "next
# spring").
DATING_WORDS = ("last", "next", "overnight", "today", "yesterday", "tomorrow", *WEEKDAYS,
                *MONTHS, *PERIODS)
_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "single": 1, "half": 0.5,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
           "trillion": 1_000_000_000_000, "dozen": 12}
# "hundreds of tons": an order of magnitude, not a count.
_VAGUE = {"dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1_000, "millions": 1_000_000,
          "billions": 1_000_000_000}
# A "not" that ends a comparison stands for the verb it leaves out ("fewer cases than those who
# were not"): it says who is compared, not that the sentence is denied.
# Only a clause's last word can be that "not": once a "than" finds none, the rest of its clause
# is taken whole (the second branch, kept as it is), not read again from each later "than" in it
# (quadratic: 62 KB of "than " took 17 s).
_ELLIPTICAL_NOT = re.compile(
    r"\bthan\b(?:(?P<not>[^,;.!?]*?(?:\bnot|n't))(?=\s*(?:[,;.!?]|$))|[^,;.!?]*+)",
    re.IGNORECASE)
# Idioms whose negation words do not negate the claim.
_IDIOM_WORDS = ("no time", "no doubt", "not only", "no longer", "no less", "no more than",
                "none other")
_IDIOMS = re.compile(rf"\b(?:{'|'.join(_IDIOM_WORDS)})\b", re.IGNORECASE)
# "No. 1", "no. 3": the abbreviation of "number", not a negation.
_NUMBER_SIGN = re.compile(r"\bno\.\s*(?=\d)", re.IGNORECASE)
_NUMBER_WORD = "|".join(
    sorted(list(_UNITS) + list(_TENS) + list(_SCALES) + list(_VAGUE), key=len, reverse=True)
)
# "$1.2bn", "£90m": scale abbreviations; a lone "m", "k" or "b" only after a currency sign.
_SCALE_ABBREVIATIONS = {"bn": 1_000_000_000, "tn": 1_000_000_000_000, "mn": 1_000_000}
_SIGN_ABBREVIATIONS = {"m": 1_000_000, "k": 1_000, "b": 1_000_000_000}
_SCALE_WORD = "|".join([*_SCALES, *_SCALE_ABBREVIATIONS])
_AND_AFTER_SCALE = "|".join(rf"(?<={s}\s)" for s in ("hundred", "thousand", "million",
                                                     "billion"))
# A digit joined to capitals by a hyphen names a thing ("MVX-7", "F-35", "COVID-19"): no amount.
_NUMBER_RE = re.compile(
    rf"(?<![\w.])(?<![A-Z]-)(?:[$£€](?:\d[\d,]*(?:\.\d+)?(?:\s*(?:{_SCALE_WORD})\b|[mkb]\b)?)"
    rf"|\d[\d,]*(?:\.\d+)?%?(?:\s*(?:{_SCALE_WORD})\b)?)"
    rf"|\b(?:(?:{_NUMBER_WORD})(?:[\s-]+(?:(?:{_AND_AFTER_SCALE})and\s+)?(?:{_NUMBER_WORD}))*"
    rf"(?:\s+and\s+a\s+(?:half|quarter)(?:\s+(?:{'|'.join(_SCALES)}))?)?)\b",
    re.IGNORECASE,
)
# Percentage points and basis points: one kind of amount, in points ("50 basis points" is
# "half a percentage point" is "0.5 percentage point").
_FRACTIONS = {"half": 0.5, "a half": 0.5, "a quarter": 0.25, "quarter": 0.25,
              "three quarters": 0.75, "three-quarters": 0.75}
_POINTS_RE = re.compile(
    rf"(?<![\w.])(\d[\d,]*(?:\.\d+)?|a quarter|three[- ]quarters|quarter|a half|half"
    # (at most ten number words: a run of them with no points after it is read again from each
    # of its words, in linear time only when bounded)
    rf"|(?:{_NUMBER_WORD})(?:[\s-]+(?:{_NUMBER_WORD})){{0,9}})"
    r"(?:\s+of)?(?:\s+an?)?\s*(percentage[\s-]points?|basis[\s-]points?|bps?)\b",
    re.IGNORECASE,
)
# Words before an amount that say it is not exact: about 30, more than (a) million, up to 30.
_APPROX_RE = re.compile(
    r"\b(?:(about|around|roughly|approximately|nearly|almost|some|close to|an estimated"
    r"|estimated|approx\.?)|(more than|over|at least|upwards of|in excess of)"
    r"|(up to|less than|fewer than|under|at most))\s*(?:an?\s+)?$", re.IGNORECASE)
# What joins the two ends of a range: "4.75% to 5%", "4.75-5%", "between 4.75 and 5".
_RANGE_JOIN = re.compile(r"\s*(?:-|to|and)\s*", re.IGNORECASE)
_CURRENCIES = {"$": "$", "£": "£", "€": "€", "dollar": "$", "pound": "£", "euro": "€",
               "peso": "peso", "yen": "yen", "yuan": "yuan"}
CURRENCY_SIGNS = frozenset(c for c in _CURRENCIES if len(c) == 1)  # "$", "£", "€"
# The same amounts in digits only ("$1.2 billion", "29", "3.5%"): what a whole article is
# searched for, where reading every number word of every sentence would cost too much.
# Opening with the sign or digit itself (not with the look-behind that no letter or stop comes
# before it) lets the regex engine skip to each candidate rather than try every position.
_DIGITS_RE = re.compile(
    rf"[$£€\d](?<![\w.].)(?:(?<=[$£€])\d|(?<=\d))[\d,]*(?:\.\d+)?%?"
    rf"(?:\s*(?:{'|'.join(_SCALES)}))?", re.IGNORECASE)
_DATE_RE = re.compile(r"(?:\b(\d{1,2})\s+)?\b(" + "|".join(MONTHS) + r")\b(?:\s+(\d{1,2})\b)?",
                      re.IGNORECASE)
# A time of day: "2 p.m.", "2:00 PM", "11.30am", or on a 24-hour clock "14:00", "09:30" (not
# "9:15" nor "12:30", which may be morning or evening; nor "2:03:15", a race's time). A time
# zone written after it is part of it: "8 p.m. ET" is not "5 p.m. PT", nor "2 p.m. local time"
# a time in the reader's zone. A range's first end takes the second's half of the day when it
# has none: "from 6 to 8 p.m.", "2-4 p.m.", "between 1 and 3 p.m.".
_HALF = r"(?P<{}>[ap])(?:\.\s?m\b\.?|\s?m\b)"
_CLOCK_RE = re.compile(
    r"(?<![\w.:,])(?:(?:(?P<first>(?P<first_hour>\d{1,2})(?:[:.](?P<first_minutes>[0-5]\d))?"
    r"(?:\s*" + _HALF.format("first_half") + r")?)\s*(?:-|\u2013|to|until|till|and)\s*)?"
    r"(?P<hour>\d{1,2})(?:[:.](?P<minutes>[0-5]\d))?\s*" + _HALF.format("half")
    + r"|(?P<hour24>0\d|1[3-9]|2[0-3]):(?P<minutes24>[0-5]\d)(?![:\d])"
    r"|(?P<hour12>1[0-2]|[1-9]):(?P<minutes12>[0-5]\d)(?![:\d]|[.,\-\u2013]\d))"
    r"(?:\s+(?:(?-i:(?P<zone>ET|EST|EDT|CT|CST|CDT|MT|MST|MDT|PT|PST|PDT|GMT|UTC|BST|CET|CEST))\b"
    r"|(?P<local>local\s+time)\b))?",
    re.IGNORECASE)
# Words that make a time a bound: "after 2 p.m." (later), "by 5 p.m." (no later); not "until
# 5 p.m.", the end of a span ("open until 5 p.m." says nothing of 9 a.m.).
_CLOCK_BOUND = re.compile(r"\b(?:(after|since|past|later\s+than)|(before|by|ahead\s+of|"
                          r"prior\s+to|earlier\s+than))\s*$", re.IGNORECASE)
# Words before "9:15" that make it a time of day (a verse, a score or a clip's length has none).
_TIME_CUE = re.compile(r"\b(?:at|around|about|approximately|roughly|by|after|before|until|till|"
                       r"to|from|since|past|ahead\s+of|prior\s+to|later\s+than|earlier\s+than)"
                       r"\s*$", re.IGNORECASE)
_MAY_MONTH = re.compile(r"\b(?:in|since|until|by|from|early|late|mid|last|next|of|this)\s*-?$")
NUMBER_WORDS = frozenset(list(_UNITS) + list(_TENS) + list(_SCALES) + list(_VAGUE))
# What _NUMBER_RE needs in an ASCII text: a digit, a dollar sign or a number word.
_NUMBER_NEEDLES = ("$", *"0123456789", *sorted(NUMBER_WORDS))
_COUNT_WORDS = frozenset(w for w in [*_UNITS, *_TENS] if w not in ("half", "single"))
_FILLERS = frozenset("other more than of new additional about nearly almost some".split())
# Read from a run of stops' first only, and the run never given back: a long run of stops with
# no space after it ("......") was read again from each of its stops (quadratic).
_SENTENCE_END = re.compile(
    r"(?<![.!?])[.!?]++[\"\u201d\u00bb')\]]*+(?=\s+[\"\u201c\u00ab'(\[]?[A-Z0-9])")
_INITIALS = re.compile(r"[a-z](?:\.[a-z])*")
# Verbs that tell who said something whatever follows them (claims' `SAYING_VERBS`).
SAYING_VERBS = ("said", "says", "told", "added", "stated")
# A quotation's speaker, alone, after the stop that ends it ('“… happen?” Mr. Kask said.'):
# the same sentence, not one of its own.
# Not a pronoun ('… today.” He added, …' opens a sentence), nor a verb that another quotation
# follows ('”. Ruiz added, “…”').
_SPEAKER_AFTER_QUOTATION = re.compile(
    r"\s+(?!(?:He|She|It|We|They|I|You)\b)(?:(?:Mr|Mrs|Ms|Dr)\.\s+)?[A-Z][\w'\u2019-]*"
    r"(?:\s+[A-Z][\w'\u2019-]*){0,2}\s+(?:" + "|".join((*SAYING_VERBS, "asked", "asks"))
    + r")(?=\s*[.;!?]|\s*,(?!\s*[\"\u201c\u00ab'])(?![^.!?,]{0,80},\s*that\b))")
# Words that open a sentence and never go on a name or a title ("U.S. Trade Representative").
_SENTENCE_OPENER = re.compile(r"\s+(?:The|This|These|Those|That|There|It|Its|He|She|They|We|His|"
                              r"Her|Their|But|And|Yet|In|On|At|As|After|While|When|If)\b")
_WORD_RE = re.compile(r"[\w'-]+")
_DASHES = re.compile(r"[\u2010-\u2015]")

# Small numbers as an outlet may write them either way: "three" or "3", "twenty-one" or "21".
_SPELT_UNITS = {w: str(v) for w, v in _UNITS.items() if isinstance(v, int) and w != "single"}
_SPELT_TENS = {w: str(v) for w, v in _TENS.items()}
# A ten and a unit joined by a hyphen are one number ("twenty-one"); apart ("twenty, one of
# them") they are two.
_SPELT_COMPOUND = re.compile(r"\b(" + "|".join(_TENS) + r")[\u2010-\u2015-](one|two|three|four|"
                             r"five|six|seven|eight|nine)\b", re.IGNORECASE)


def spelt_compounds(text: str) -> str:
    """A text with "No." before a figure as "number", and each ten and unit joined by a hyphen
    ("Twenty-four") in digits: before punctuation goes, which tells them from "no 10" (none)
    and "twenty, one of them" (two numbers)."""
    text = _NUMBER_SIGN.sub("number ", text)
    return _SPELT_COMPOUND.sub(lambda m: str(_TENS[m.group(1).lower()]
                                             + _UNITS[m.group(2).lower()]), text)


def figures_alike(words: list[str]) -> list[str]:
    """Lower-case words (punctuation gone) with small numbers in digits: house styles differ
    there ("three" or 3), the speaker's words do not. A unit just after a ten stays a word:
    "twenty, one of them" is no 21, nor "20 1" a letter from it."""
    out: list[str] = []
    for i, w in enumerate(words):
        after_ten = i > 0 and words[i - 1] in _SPELT_TENS
        out.append(_SPELT_TENS.get(w) or (w if after_ten else _SPELT_UNITS.get(w)) or w)
    return out


@dataclass(frozen=True)
class Number:
    """A quantity in a sentence: its words as written, value, and what it measures (the unit).

    Units: "percent", "percentage point" (basis points converted), "money" ("money $" and so on
    when the currency is written), "year" and "hour" (durations converted), "month", "date",
    "weekday", "year-date", "clock" (a time of day in hours: "clock et" with its time zone,
    "clock 12h" for "at 9:15" on a clock of either half of the day, "clock 12h et" and so on),
    or the words after a count ("drug suspect"); "" when unknown.
    """

    text: str
    value: float  # a range's lower end
    unit: str
    vague: bool = False  # "hundreds", "dozens": a magnitude, not an exact count
    high: float | None = None  # a range's upper end ("4.75% to 5%")
    approx: str = ""  # "about" (about, around, nearly), "over" (more than), "under" (up to)
    per: str = ""  # a rate's span of time ("100,000 a day": "day"), "" for an amount

    def as_dict(self) -> dict:
        return {"text": self.text, "value": self.value, "unit": self.unit, "vague": self.vague,
                "high": self.high, "approx": self.approx, "per": self.per}


class Memo(dict):
    """`fn`'s results by argument, each worked out once: for what every article reads again
    (its words, names, amounts). Emptied when it holds `size`, so it follows the vocabulary
    of what is being read rather than growing with it."""

    def __init__(self, fn: Callable, size: int):
        super().__init__()
        self.fn, self.size = fn, size

    def __missing__(self, key: Hashable) -> Any:
        if len(self) >= self.size:
            self.clear()
        self[key] = found = self.fn(key)
        return found


def _lacks(lowered: str, text: str, needles: Iterable[str]) -> bool:
    """Whether an ASCII `text` (`lowered`, lower-cased) holds none of `needles`: then no regex
    that needs one of them matches it, ignoring case or not, and it need not be run. Outside
    ASCII, ignoring case, "\u017f" is an s, "\u212a" a k and "\u0131" an i: the regex runs."""
    return text.isascii() and not any(n in lowered for n in needles)


def normalise(text: str) -> str:
    """Fold typography (curly quotes, dashes, non-breaking spaces) so equal words compare equal."""
    return _NORMALISED[text]


def _normalised(text: str) -> str:
    return " ".join(_typography(text).split())


# A sentence is read by several steps while its article is matched (the prefilter, the verdict
# checks, the same-claim model, the speakers): its normalised text, words and names are each
# worked out once (in `bench/match_cpu.py --loop`, half the readings of words and two thirds of
# the normalisations were repeats, most within one article).
READINGS_KEPT = 4_096
_NORMALISED = Memo(_normalised, READINGS_KEPT)


_FRACTION_AFTER_DIGIT = re.compile("(\\d)([\u00bc-\u00be\u2150-\u215e])")


def _typography(text: str) -> str:
    # What normalise folds but whitespace, so that a whole article is folded at once.
    if text.isascii():  # nine texts in ten: NFKC, the curly marks and dashes are no-ops
        return text.replace("``", "\u201c").replace("''", "\u201d")
    # NFKC writes "2½" as "21⁄2", shown so in a claim and read as 21/2 by a reader: a space
    # keeps the whole apart from the fraction ("2 1⁄2", read as 2.5 by `numbers`).
    text = unicodedata.normalize("NFKC", _FRACTION_AFTER_DIGIT.sub(r"\1 \2", text))
    # Doubled single marks and TeX-style quotes stand for double quotation marks.
    text = text.replace("\u2018\u2018", "\u201c").replace("``", "\u201c")
    text = text.replace("\u2019\u2019", "\u201d").replace("''", "\u201d")
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    return _DASHES.sub("-", text)


# A single mark that may open a quotation (after a space, a bracket or a dash, before a letter, a
# number, a sign or an ellipsis; not an elision, "'til", "rock 'n' roll", nor a year, "'98",
# "'90s") or close one (after a letter, a number or a stop, before a space, a stop or the end).
_SINGLE_MARK = re.compile(
    r"(?P<open>(?<![^\s(\[/-])'(?=[^\W_]|[$#@]|\.\.\.)"
    r"(?!(?i:em|til|cause|cos|n|nuff|tis|twas)\b|\d\ds?\b))"
    r"|(?P<close>(?<=[\w.,!?;:%])'(?=[\s.,;:!?)\]-]|$))")
_STOPS = ".,!?;:"
_SENTENCE_STOP = re.compile(r"[.!?]\s+[A-Z]")


def single_quotations_doubled(text: str) -> str:
    """Each line that quotes in single marks only (as British outlets do: 'We will stay,' she
    said) with those quotations in double marks, the ones every reader looks for; apostrophes
    ("the workers' union", "it's", "'til") stay. A line with a double mark is left as it is:
    its single marks are quotations within quotations. Seeds are read so a paragraph at a
    time, articles a line at a time (`split_sentences`): the same lines either way."""
    if "'" not in text:
        return text
    return "\n".join(_line_doubled(line) for line in text.split("\n"))


def _line_doubled(line: str) -> str:
    if "'" not in line or any(c in line for c in QUOTE_CHARS):
        return line
    pairs: list[tuple[int, int]] = []
    opening = unclosed = None  # the opening being read, and an earlier one not closed yet
    closings: list[int] = []
    for m in itertools.chain(_SINGLE_MARK.finditer(line), [None]):
        if m is not None and m.lastgroup == "close":
            if opening is not None:
                closings.append(m.start())
            continue
        if opening is not None and closings:
            pairs.append(_pair(line, opening, closings, unclosed))
            unclosed = None
        elif opening is not None:
            unclosed = opening
        opening, closings = (m.start() if m is not None else None), []
    pairs = [p for p in pairs if p is not None]
    if not pairs:
        return line
    chars = list(line)
    for start, end in pairs:
        chars[start], chars[end] = "\u201c", "\u201d"
    return "".join(chars)


def _abbreviated(before: str) -> bool:
    # "the U.S.' allies": the stop is the abbreviation's, the mark a possessive's
    words_ = before.rsplit(maxsplit=1)
    return bool(words_) and is_abbreviation(words_[-1])


def _pair(line: str, opening: int, closings: list[int], unclosed: int | None
          ) -> tuple[int, int] | None:
    """The quotation `opening` starts, from the closing marks before the next opening: the
    first after a stop ('… the workers' pay,' she said), a mark after a letter being perhaps
    a plural's apostrophe; a mark after a letter that would close it past a sentence's end
    closes nothing. After an opening left unclosed ('The board ended its 'open door' policy,'
    she said), a mark after a letter then one after a stop close a quotation within another:
    the outer one is read."""
    stopped = [c for c in closings if line[c - 1] in _STOPS and not (
        line[c - 1] == "." and _abbreviated(line[max(0, c - 12):c - 1]))]
    if stopped and unclosed is not None and closings[0] < stopped[0]:
        return unclosed, stopped[0]
    if stopped:
        return opening, stopped[0]
    if _SENTENCE_STOP.search(line, opening, closings[0]):
        return None
    return opening, _past_possessive(line, closings)


# After a plural's mark, the one word it owns, then a mark: "'a farmers' charter'".
_OWNED_THEN_CLOSED = re.compile(r"[ \t]+[a-z][\w-]*")


def _past_possessive(line: str, closings: list[int]) -> int:
    """The first closing mark, or the next when the first is a plural's possessive: after an
    "s", one word in lower case, then a mark not after an "s" ('a farmers' charter'; not 'a
    circus' before workers' pay)."""
    first = closings[0]
    if len(closings) > 1 and line[first - 1] == "s" and line[closings[1] - 1] != "s" and (
            _OWNED_THEN_CLOSED.fullmatch(line, first + 1, closings[1])):
        return closings[1]
    return first


@lru_cache(maxsize=2)
def _folded_article(text: str) -> str:
    """`_typography` of a whole text, kept for the next reading of the same article: the
    coverage decision reads its words and names, and the claims compared its sentences."""
    return single_quotations_doubled(_typography(text))


def split_sentences(text: str) -> list[str]:
    """Split text into sentences; paragraphs never run together, abbreviations don't split."""
    sentences: list[str] = []
    for line in _folded_article(text).split("\n"):
        paragraph = " ".join(line.split())
        if paragraph:
            sentences.extend(_split_paragraph(paragraph))
    return sentences


def _split_paragraph(paragraph: str) -> list[str]:
    parts: list[str] = []
    start = counted = 0
    marks = (0, 0, 0)  # quotation marks (opening, closing, straight) from `start` to `counted`
    for m in _SENTENCE_END.finditer(paragraph):
        # The word before the stop, from a window: a slice from `start` would be read again at
        # each stop while abbreviations or a quotation keep the sentence open (quadratic).
        before = paragraph[max(start, m.start() - _WORD_WINDOW):m.start()].rsplit(maxsplit=1)
        # "(Nov. 18)": the abbreviation is read without the bracket or mark that opens it.
        written = before[-1].rstrip(".").lstrip("([\"'\u201c\u2018") if before else ""
        if written.lower().startswith(("then-", "ex-")):  # "then-Gov. Ana Ruiz", "ex-Sen. Lund"
            written = written.split("-", 1)[1]
        last = written.lower()
        # An initial ("K.") or initials ("T.J.") are part of a name, not a sentence's end;
        # but before a word that opens a sentence and never goes on a name ("… in the U.S.
        # The board said …") they end one.
        initials = _INITIALS.fullmatch(last)
        if (is_abbreviation(written) or initials) and not (
                initials and _SENTENCE_OPENER.match(paragraph, m.end())):
            continue
        marks = _add_marks(marks, paragraph[counted:m.end()])
        counted = m.end()
        if _inside_quote(*marks) or (m.group(0)[-1] in "\"\u201d\u00bb'"
                                     and _SPEAKER_AFTER_QUOTATION.match(paragraph, m.end())):
            continue
        parts.append(paragraph[start:m.end()].strip())
        start, marks = m.end(), (0, 0, 0)
    parts.append(paragraph[start:].strip())
    return [p for p in parts if p]


def is_abbreviation(word: str) -> bool:
    """Whether a period after `word`, as written, ends no sentence ("Gov", "Sept", "Inc")."""
    return word.lower() in _ABBREVIATIONS or word in _CASED_ABBREVIATIONS


# Longer than any abbreviation or run of initials that keeps a sentence open.
_WORD_WINDOW = 80


def _add_marks(marks: tuple[int, int, int], fragment: str) -> tuple[int, int, int]:
    """Quotation marks counted so far, and those of `fragment` (opening, closing, straight)."""
    return (marks[0] + sum(fragment.count(c) for c in "\u201c\u00ab\u201e"),
            marks[1] + sum(fragment.count(c) for c in "\u201d\u00bb"),
            marks[2] + fragment.count('"'))


def _inside_quote(opens: int, closes: int, straight: int) -> bool:
    # A quotation opened curly and closed straight (“… skull," she said) is closed: a typing
    # slip that left the rest of its paragraph one sentence.
    mixed = min(max(opens - closes, 0), straight)
    return opens - mixed > closes or (straight - mixed) % 2 == 1


_CONTRACTIONS = [(re.compile(p, re.IGNORECASE), r) for p, r in (
    (r"\bwon't\b", "will not"), (r"\bcan't\b", "cannot"), (r"n't\b", " not"),
    (r"'re\b", " are"), (r"'ve\b", " have"), (r"'ll\b", " will"), (r"'m\b", " am"),
    (r"\b(he|she|it|that|there|what|who)'s\b", r"\1 is"), (r"'d\b", " would"))]


def expand_contractions(text: str) -> str:
    """Spell contractions out ("he's" is "he is"), so they do not count as changed words."""
    text = normalise(text)
    for pattern, replacement in _CONTRACTIONS:
        text = pattern.sub(replacement, text)
    return text


def words(text: str) -> list[str]:
    """The words of a text, as every step reads them: lower-case, typography folded,
    abbreviations joined ("U.S." is "us"), hyphenated words apart, possessives dropped
    ("Sheinbaum's" is "sheinbaum") and "n't" read as "not"."""
    return list(_WORDS[text])  # a list of its own: the caller may change it


def _words_of(text: str) -> tuple[str, ...]:
    return tuple(_words_of_folded(_typography(text)))


def body_words_and_names(title: str, body: str) -> tuple[list[str], set[str]]:
    """`words(body)` and `name_words(f"{title}\n{body}")`, the body's typography folded once
    for both (folding is the same a line at a time)."""
    folded = _folded_article(body)
    return (_words_of_folded(folded), _names_of_normalised(
        " ".join(without_credits(f"{_typography(title)}\n{folded}").split())))


def _words_of_folded(text: str) -> list[str]:
    lowered = _join_abbreviations(without_tickers(text)).lower()
    if "'" not in lowered and "-" not in lowered:  # most sentences: no word to fold
        return _WORD_RE.findall(lowered)
    # Only the few words with an apostrophe or a hyphen are folded: found from that mark (the
    # word's letters before it are the last word of the text before), the words between them
    # read by the regex alone, not looked at one by one.
    found: list[str] = []
    last = 0
    for m in _FOLDED_RE.finditer(lowered):
        start = m.start()
        between = _WORD_RE.findall(lowered, last, start)
        word = m.group(0)
        if between and lowered.endswith(between[-1], last, start):
            word = between.pop() + word
        found += between
        found += _FOLDS[word]
        last = m.end()
    found += _WORD_RE.findall(lowered, last)
    return found


def _fold(word: str) -> tuple[str, ...]:
    """The words a word with an apostrophe or a hyphen is read as."""
    w = word.strip("'")
    if w.endswith("n't"):
        return _NEGATED_STEMS.get(w, w[:-3]), "not"
    return tuple(p for p in w.split("'", 1)[0].split("-") if p)


_FOLDS = Memo(_fold, 100_000)
_WORDS = Memo(_words_of, READINGS_KEPT)
# From a word's first apostrophe or hyphen to its end.
_FOLDED_RE = re.compile(r"['-][\w'-]*")


# An abbreviation ("U.S.", "e.g.") found from its first full stop: a pattern that opens with a
# literal is scanned for by the regex engine's fast search, one that opens with a word boundary
# is tried at every position of the text (four times slower on an article). The match starts
# one letter before the stop.
_ABBREVIATION = re.compile(r"\.(?<=\b[A-Za-z]\.)(?:[A-Za-z]\.)+")
_NEGATED_STEMS = {"won't": "will", "can't": "can", "shan't": "shall"}


def _join_abbreviations(text: str) -> str:
    """`text` with each abbreviation's stops dropped and a space after it ("U.S." is "US ")."""
    pieces: list[str] = []
    last = 0
    for m in _ABBREVIATION.finditer(text):
        start = m.start() - 1
        pieces += (text[last:start], text[start:m.end()].replace(".", ""), " ")
        last = m.end()
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)


def stem(word: str) -> str:
    """A crude suffix stripper: enough to let 'designated' meet 'designates'. (Snowball's
    English stemmer was measured in its place and read worse: bench/README.md, 2026-12-04.)"""
    return _STEMS[word]


def _stem(word: str) -> str:
    whole = word
    for suffix in ("ations", "ation", "ings", "ing", "ies", "ied", "es", "ed", "ly", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return _american(word.rstrip("e"), whole)


# British endings of words the stem keeps a trace of: "centre(s)", "fibre(s)" (not "hatred",
# whose stem also ends in "tr"), "programme(s)" (not "Hamm", "Grimm").
_TRE_ENDINGS = ("tre", "tres", "bre", "bres")
_MME_ENDINGS = ("mme", "mmes")


def _american(root: str, word: str) -> str:
    """A word's stem (`root`) in American spelling, so that British and American outlets'
    words meet: honour and honor, organised and organized, centre and center, defence and
    defense, programme and program. Each mapping reads both spellings alike; a few words
    that only look British meet another word (timbre and timber, prise and prize)."""
    if len(root) < 4:
        return root
    at = root.find("our", 3)  # not "four", "hour", "tour", "journey", "source", "flour"
    if at >= 0:
        root = root[:at] + "or" + root[at + 3:]
    if root.endswith(("is", "ys")):
        return root[:-1] + "z"
    if root.endswith(("tr", "br")) and word.endswith(_TRE_ENDINGS):  # not "Petr"
        return root[:-1] + "er"
    if root.endswith("mm") and word.endswith(_MME_ENDINGS):
        return root[:-1]
    if root.endswith("enc"):
        return root[:-1] + "s"
    return root


# Bounded like the other memos: a hostile page's made-up words would otherwise pile up in
# a worker that reads thousands of pages.
_STEMS = Memo(_stem, 200_000)


# English verbs whose past forms a suffix stripper cannot take back to the verb ("paid", "won",
# "fell"): base, then its other forms. Used where a denied verb is looked for in another
# sentence ("did not pay" against "paid"), not in the stems every comparison reads.
_IRREGULAR_VERBS = """arise arose arisen; bear bore born borne; beat beaten; become became;
    begin began begun; bend bent; bite bit bitten; bleed bled; break broke broken; breed bred;
    bring brought; build built; buy bought; catch caught; choose chose chosen; come came;
    deal dealt; dig dug; draw drew drawn; drink drank drunk; drive drove driven; eat ate eaten;
    fall fell fallen; feed fed; feel felt; fight fought; find found; flee fled; fly flew flown;
    forbid forbade forbidden; forget forgot forgotten; forgive forgave forgiven; freeze froze
    frozen; get got gotten; give gave given; go went gone; grow grew grown; hang hung; hear
    heard; hide hid hidden; hold held; keep kept; know knew known; lay laid; lead led; leave
    left; lend lent; lose lost; make made; mean meant; meet met; pay paid; ride rode ridden;
    ring rang rung; rise rose risen; run ran; see saw seen; seek sought; sell sold; send sent;
    shake shook shaken; shoot shot; sing sang sung; sink sank sunk; sit sat; sleep slept; speak
    spoke spoken; spend spent; stand stood; steal stole stolen; stick stuck; strike struck;
    swear swore sworn; swim swam swum; swing swung; take took taken; teach taught; tear tore
    torn; tell told; think thought; throw threw thrown; understand understood; uphold upheld;
    wake woke woken; wear wore worn; win won; withdraw withdrew withdrawn; write wrote written"""
_VERB_BASES = {stem(form): stem(forms.split()[0])
               for forms in _IRREGULAR_VERBS.split(";") for form in forms.split()[1:]}
# The stems of those verbs' forms, their bases included ("hold", "held").
IRREGULAR_VERB_STEMS = frozenset(_VERB_BASES) | frozenset(_VERB_BASES.values())


def verb_base(word_stem: str) -> str:
    """The stem of a verb's base form for the stem of one of its irregular forms ("paid":
    "pay"), else the stem as given."""
    return _VERB_BASES.get(word_stem, word_stem)


# Units that mean the same quantity, compared after conversion; keyed by the stems of their
# words, singular and plural, as a number's unit is read (`_unit_after`).
_UNIT_FACTORS = {stem(w): factor for words, factor in (
    ("decade decades", ("year", 10)), ("century centuries", ("year", 100)),
    ("year years", ("year", 1)), ("month months", ("year", 1 / 12)),
    ("minute minutes", ("hour", 1 / 60)),
    ("hour hours", ("hour", 1)), ("day days", ("hour", 24)), ("week weeks", ("hour", 168)),
    ("fortnight fortnights", ("hour", 336))) for w in words.split()}



def unit_of(word: str) -> tuple[str, float] | None:
    """What a unit's word measures and its size in it, as amounts are converted ("days":
    ("hour", 24)); None for a word that is no such unit."""
    return _UNIT_FACTORS.get(stem(word))

def content_terms(text: str) -> list[str]:
    """The stemmed words that carry meaning, in order and with repeats."""
    return content_of(words(text))


def content_of(tokens: Iterable[str]) -> list[str]:
    """The stemmed content words among words already read (no stopwords, no single letters)."""
    # Most words were read before: one look-up each, whether to keep them and their stem.
    return [s for s in map(_CONTENT.__getitem__, tokens) if s is not None]


def _content(word: str) -> str | None:
    """A word's stem, or None for a stopword or a single letter."""
    return stem(word) if word not in STOPWORDS and len(word) > 1 else None


_CONTENT = Memo(_content, 200_000)


_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def _without_accents(text: str) -> str:
    if text.isascii():
        return text
    if unicodedata.is_normalized("NFKD", text) and not _COMBINING.search(text):
        return unicodedata.normalize("NFC", text)  # nothing to decompose, no mark to drop
    return unicodedata.normalize("NFC", _COMBINING.sub("", unicodedata.normalize("NFKD", text)))


def content_words(text: str) -> set[str]:
    """The stemmed words that carry meaning (no stopwords, no single letters)."""
    return set(content_terms(text))


_BARE_TITLES = frozenset("Mr Mrs Ms Dr".split())  # also written without the period


def _word_then(abbreviations: set[str] | frozenset[str], initials: bool = False) -> str:
    """A name's word, and its period when it is one of `abbreviations` (or, with `initials`,
    an initial: "Rosa K. Mendel", "J.D. Vance") and a capital follows."""
    behind = "|".join([*(rf"(?<=\b{a}\.)" for a in sorted(abbreviations)),
                       *([r"(?<=\b[A-Z]\.)"] if initials else [])])
    # Its letters as runs of one class between stops, not a choice made letter by letter: the
    # same words, for a third less of the regex engine's work a name.
    return rf"[\w'\u2019-]*(?:\.(?=\w)[\w'\u2019-]*)*(?:\.(?:{behind})(?=[ \t]+[A-Z]))?"


# A name: capitalised words, with the particles that join them ("Ciudad de México").
_NAME_PARTICLES = r"(?:de|del|la|los|of|the|al|bin|van|von|da)"
_AFTER_CAPITAL = (_word_then(TITLE_ABBREVIATIONS | {"St", "Mt", "Ft"})
                  + r"(?:[ \t]+(?:" + _NAME_PARTICLES + r"[ \t]+)*[A-Z]"
                  + _word_then(TITLE_ABBREVIATIONS) + ")*")
NAME_RE = re.compile(r"\b[A-Z]" + _AFTER_CAPITAL)
# A person's name read whole, initials and all ("Bobby K. Lund" is one person, not "Bobby K"
# and "Lund"): who speaks. The words of names (`name_words`) are still read by NAME_RE, as the
# same-claim model was fitted on them. It opens with the capital, its word boundary a look-behind
# (no word character before it), so that the engine skips from capital to capital.
PERSON_RE = re.compile(r"[A-Z](?<!\w[A-Z])"
                       + _word_then(TITLE_ABBREVIATIONS | {"St", "Mt", "Ft"}, True)
                       + r"(?:[ \t]+(?:" + _NAME_PARTICLES + r"[ \t]+)*[A-Z]"
                       + _word_then(TITLE_ABBREVIATIONS, True) + ")*")
# Capitalised words that open sentences, not names.
NOT_NAMES = frozenset(
    """The A An In On At By For From With And But Or Yet So If As While When Where After Before
    Almost Meanwhile However According Just Known Since During Although Though Also Still Even
    This That These Those It Its Their They He She His Her We Our I Earlier Later Last Next
    """.split()
)
_OPENS_SENTENCE = re.compile(r"(?:^|[.!?:]\s*|\n)[\s\"'(\u201c\u00ab]*$")


# Generational suffixes written after a family name ("James Ruiz Jr."): not the family name.
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def surname(name: str) -> str:
    """A person's family name, lower-cased: the last word of the name but a generational
    suffix, so that "Ana Ruiz Jr." and "Ruiz" name one person."""
    tokens = [t.strip(".,").lower() for t in name.split()]
    while len(tokens) > 1 and tokens[-1] in NAME_SUFFIXES:
        tokens.pop()
    return tokens[-1] if tokens else ""


def same_person(a: str, b: str) -> bool:
    """Whether two names of speakers may name one person: the same family name, or one name a
    single word that is the other's first ("Xi" and "Xi Jinping": the family name written
    first, as in Chinese, Korean or Vietnamese). Accents aside: "Rosselló" is "Rossello"
    where an outlet's type drops them."""
    a, b = _without_accents(a), _without_accents(b)
    if surname(a) == surname(b):
        return True
    short, full = sorted((a.split(), b.split()), key=len)
    return len(short) == 1 and len(full) > 1 and short[0].strip(".,").lower() == full[0].lower()


def name_words(text: str) -> set[str]:
    """The words of the names in a text (read as `words` reads them, accents dropped so that
    México is Mexico in any language), but the word opening a sentence, months, weekdays and
    photo credits: "Claudia Sheinbaum's" gives claudia and sheinbaum."""
    return set(_NAMES[text])  # a set of its own: the caller may change it


def _names_of(text: str) -> frozenset[str]:
    return frozenset(_names_of_normalised(" ".join(without_credits(_typography(text)).split())))


# Photo credits that extraction leaves in an article: who took or sells a picture, not whom the
# story is about. Read as names, a picture agency's words ("Images", "Photo") or a staff
# photographer's name would be shared by unrelated articles. A credit is told by its shape:
# names after a credit marker ("Photo: ", "Photo by ", "Image copyright ", "Credit: "), to the
# end of the line or bracket, or names joined by a slash (photographer/agency) that end a line
# or close a bracket, written where a caption or a sentence ends (or after a caption's bar); a
# slide show's label and count of pictures; a copyright line. A slash inside a sentence ("a
# Wire/Courier poll") joins two names of the story.
# At most seven words a run: a credit is a name or two, and an unbounded run made each of a
# long line's sentence ends scan to the line's end (quadratic: a 36 KB line of "A. A. …" took 12 s).
_CAPITALISED_RUN = r"[A-Z][\w.'&-]*(?:,?[ \t]+(?:(?:via|for|of|and)[ \t]+)?[A-Z][\w.'&-]*){0,6}"
_CREDIT_RE = re.compile(
    r"\b(?:Image (?:copyright|caption)|(?:Photo(?:graph)?|Image|Picture)(?: credit)?(?::| by)"
    r"|Credit:)(?:[ \t]+" + _CAPITALISED_RUN + r"(?:[ \t]*/[ \t]*" + _CAPITALISED_RUN + r")*)?"
    r"|(?:^|(?<=\()|(?<=[.!?\"]\s)|(?<=caption\s))" + _CAPITALISED_RUN
    + r"(?:[ \t]*/[ \t]*" + _CAPITALISED_RUN + r")+(?=[ \t]*(?:\)|$))"
    # After a caption, set off by a bar: "… the harbour. | Ola Berg/Wire Images"
    r"|(?<=\|\s)" + _CAPITALISED_RUN + r"(?:[ \t]*/[ \t]*" + _CAPITALISED_RUN + r")+"
    # An agency's photo credit in brackets: "(Wire photo: Ola Berg)"
    r"|\((?:[A-Z][\w.&'-]*[ \t]+){1,3}photo:[ \t]+" + _CAPITALISED_RUN
    + r"(?:[ \t]*/[ \t]*" + _CAPITALISED_RUN + r")*[ \t]*\)"
    r"|\bFILE PHOTO\b|(?:\b[A-Z][a-z]+[ \t]*)?\(\d+ (?:Images|Photos|Pictures)\)"
    # A copyright line, to its end: "Copyright © 2031 The Courier, LLC. …"
    r"|(?:\bCopyright[ \t]+)?\u00a9[^\n]*|\bCopyright[ \t]+\d{4}\b[^\n]*", re.MULTILINE)


# A wire story's agency is no name of it either, read only where a wire writes it, each shape
# read one way and bounded (a name run of its own, never one that could also be read as a
# join): a dateline's agency at a line's start, its place kept ("PORT ELLEN, Nova Scotia, Oct
# 14 (Wire Service) -"; with no place, one word before a dash and a capital, "(Wire) - The",
# so that a speaker in brackets, "(Ada Lund) - the mayor - said no.", stays); a byline at a
# line's start or in brackets, names and roles only to the bracket's or line's end
# ("(Reporting by Ada Lund in Nova; Editing by Ola Berg)"), so that a sentence opening
# "Reporting by Ada Lund of the Courier showed ..." keeps its names.
_PLACE_WORD = r"[A-Z][A-Z.'-]+"  # a dateline's place is written in capitals
_PLACE = _PLACE_WORD + r"(?:[ \t]+" + _PLACE_WORD + r"){0,4}"
_REGION = r"(?:[A-Z][\w.'-]*|\d{1,4})(?:[ \t]+(?:[A-Z][\w.'-]*|\d{1,4})){0,3}"
_AGENCY = r"[A-Z][\w.&'-]*(?:[ \t]+[A-Z][\w.&'-]*){0,3}"
_DASH = r"[-\u2013\u2014]"
_MONTH = r"(?:" + "|".join(m[:3].capitalize() for m in MONTHS) + r")[a-z]{0,6}\.?"
# An embedded post, signed at its end with its author, handle and date ("… — Ida Voss (@idavoss)
# May 4, 2021"): a copy of someone's post on the page. The seed's own sentence tells it; in an
# article it is its author's words (`quoted_posts`).
POST_SIGNATURE = re.compile(r"\s" + _DASH + r"+\s*[^()]{2,60}\(@\w{1,30}\)\s*" + _MONTH
                            + r" \d{1,2}, \d{4}\.?$")
_DASHED = re.compile(r"\s" + _DASH + r"+\s*")  # a dash set off before a name


def quoted_posts(text: str) -> str:
    """The text with each sentence of an embedded post in quotation marks (`POST_SIGNATURE`),
    read as its author's words as a quotation is, a sentence at a time as the page shows it:
    "“The quay is shut.” “Nobody sails.” — Ida Voss (@idavoss) …". A post quoting words
    itself is left as it is (quotation marks cannot nest here)."""
    if "(@" not in text:
        return text
    paragraphs = text.split("\n")
    for i, paragraph in enumerate(paragraphs):
        signed = POST_SIGNATURE.search(paragraph) if "(@" in paragraph else None
        if not signed:
            continue
        # The signature is after the post's last dash: "… our Men and Women - what a job! -
        # Ida Voss (@idavoss) …" signs "… what a job!".
        handle = paragraph.index("(@", signed.start())
        dash = [m.start() for m in _DASHED.finditer(paragraph, signed.start(), handle)][-1]
        words = paragraph[:dash].strip()
        if words and not any(mark in words for mark in '"\u201c\u201d'):
            quoted = " ".join(f"\u201c{s}\u201d" for s in split_sentences(words))
            paragraphs[i] = quoted + paragraph[dash:]
    return "\n".join(paragraphs)


_DATELINE_RE = re.compile(
    r"^(?P<place>[ \t]*(?:" + _PLACE + r"(?:(?:[ \t]*/[ \t]*|[ \t]+and[ \t]+)" + _PLACE
    + r"){0,3}(?:,[ \t]*" + _REGION + r"){0,2}"
    r"|" + _MONTH + r"[ \t]+\d{1,2})"
    r"[ \t]*)\(" + _AGENCY + r"\)(?=[ \t]*" + _DASH + r")"
    r"|^[ \t]*\([A-Z][\w.&'-]*\)(?=[ \t]*" + _DASH + r"+[ \t]*[A-Z\"\u201c])", re.MULTILINE)
# A picture's credit through an agency, in brackets after a caption's stop, ending its line:
# "… the harbour. (Harbour Police via Wire)"; a video's date and agency ending its caption:
# "… the harbour. (Oct. 14) Wire". Their runs hold no "via" and no comma of their own.
_PLAIN_RUN = r"[A-Z][\w.'&-]*(?:[ \t]+(?:(?:for|of|and)[ \t]+)?[A-Z][\w.'&-]*){0,6}"
_CAPTION_CREDIT_RE = re.compile(  # the bracket first: the regex engine skips to each one
    r"\((?:(?<=[.!?][ \t]\()" + _PLAIN_RUN + r"[ \t]+via[ \t]+" + _PLAIN_RUN + r"\)[ \t]*$"
    r"|" + _MONTH + r"[ \t]+\d{1,2}\)[ \t]*" + _AGENCY + r"(?:,[ \t]*" + _AGENCY
    + r"){0,2}[ \t]*$)", re.MULTILINE)
_BYLINE_ROLE = (r"(?:Additional[ \t]+|Editing[ \t]+and[ \t]+additional[ \t]+)?"
                r"(?:[Rr]eporting|Writing|Editing|Compiled|Reporting[ \t]+and[ \t]+writing)"
                r"[ \t]+by[ \t]+")
# A byline's names: capitalised words, joined by spaces, commas, "and", "&", or "in" a place.
_BYLINE_NAMES = (r"[A-Z][\w.'-]*(?:(?:,?[ \t]+(?:(?:and|in|&)[ \t]+)?|,)[A-Z][\w.'-]*){0,24}")
_BYLINE_RE = re.compile(
    r"(?:^|(?<=\())[ \t]*" + _BYLINE_ROLE + _BYLINE_NAMES
    + r"(?:[ \t]*;[ \t]*" + _BYLINE_ROLE + _BYLINE_NAMES + r"){0,7}[ \t]*(?=\)|$)",
    re.MULTILINE)
_BYLINE_SIGNS = ("porting by", "diting by", "riting by", "ompiled by")


# A company's stock ticker in brackets after its name: a Reuters code, its symbol then its
# exchange's suffix ("Acme Corp (ACME.N)", "(7203.T)", "(0089.HK)"), or an exchange's name then
# the symbol ("(NYSE: ACME)", "(Nasdaq: ACM, TSX: AC)"). Another outlet rarely repeats it: it is
# no name, word or amount of what a sentence states. Not a bracketed abbreviation ("(HB)"), a
# state ("(N.J.)", its last stop kept) or the exchange alone ("the New York Stock Exchange (NYSE)").
_EXCHANGE_SUFFIXES = ("N|O|OQ|A|K|P|L|PA|DE|F|HK|SS|SZ|T|TO|V|AX|KS|KQ|OL|MI|AS|MC|BR|CO|ST|HE|"
                      "S|SW|VX|SI|BO|NS|TW|TWO|SA|MX|JK|KL|BK|IS|J|WA|VI|LS|IR|I|TA|NZ|Z")
_EXCHANGES = ("NYSE(?: American| Arca)?|NASDAQ|Nasdaq|AMEX|LSE|TSX|TSXV|ASX|OTC|OTCQX|HKEX|SGX|"
              "BSE|NSE|SIX|TSE|Euronext|Xetra")
_TICKER = re.compile(
    r"\((?:[A-Z0-9]{1,6}\.(?:" + _EXCHANGE_SUFFIXES + r")|(?:" + _EXCHANGES
    + r")[ \t]*:[ \t]*[A-Z0-9]{1,6}(?:\.[A-Z]{1,2})?(?:[ \t]*[,;][ \t]*(?:" + _EXCHANGES
    + r")[ \t]*:[ \t]*[A-Z0-9]{1,6}(?:\.[A-Z]{1,2})?){0,3})\)")


def without_tickers(text: str) -> str:
    """A text with its stock tickers in brackets blanked (`_TICKER`), every other character
    where it was: no name, word or amount is read from them."""
    return _TICKER.sub(_blank_credit, text) if "(" in text else text


def without_credits(text: str) -> str:
    """A text with its photo credits and wire agencies blanked (`_CREDIT_RE`, `_DATELINE_RE`,
    `_CAPTION_CREDIT_RE`, `_BYLINE_RE`), every other character where it was: what names are
    read from. A caption's own words, what the picture shows, stay."""
    # Line by line: most lines of an article hold no sign of a credit and are not searched.
    lines = _credit_lines(text)
    if lines:
        pieces, last = [], 0
        for start, end in lines:
            pieces += (text[last:start], _CREDIT_RE.sub(_blank_credit, text[start:end]))
            last = end
        pieces.append(text[last:])
        text = "".join(pieces)
    # The wire's shapes, over the whole text (each reads within a line), where it holds their
    # signs: a bracket before a dash (typography folds every dash to "-"), a byline's role.
    if ")-" in text or ") -" in text:
        text = _DATELINE_RE.sub(_blank_agency, text)
    if "(" in text:
        text = without_tickers(_CAPTION_CREDIT_RE.sub(_blank_credit, text))
    if any(map(text.__contains__, _BYLINE_SIGNS)):
        text = _BYLINE_RE.sub(_blank_credit, text)
    return text


def _blank_agency(m: re.Match) -> str:
    place = m.group("place") or ""  # a dateline's place is the story's
    return place + " " * (len(m.group(0)) - len(place))


_CREDIT_SIGNS = ("/", "Image", "Photo", "PHOTO", "photo:", "Credit", "Picture", "Copyright",
                 "\u00a9")


# Every credit `_CREDIT_RE` finds holds a sign of `_CREDIT_SIGNS`; one whose only sign is a
# slash joins two runs of names, so a capital follows the slash.
_SLASH_THEN_CAPITAL = re.compile(r"/[ \t]*[A-Z]")


def _credit_lines(text: str) -> list[tuple[int, int]]:
    """Where each line that may hold a credit starts and ends, in order: found from the signs
    (a few look-ups of the whole text), not each line looked at for each sign."""
    found = set()
    for sign in _CREDIT_SIGNS:
        at = text.find(sign)
        while at >= 0:
            if sign == "/" and not _SLASH_THEN_CAPITAL.match(text, at):
                at = text.find(sign, at + 1)  # "and/or", "24/7", an address: not a credit's
                continue
            end = text.find("\n", at)
            end = len(text) if end < 0 else end
            found.add((text.rfind("\n", 0, at) + 1, end))
            at = text.find(sign, end)
    return sorted(found)


def _blank_credit(m: re.Match) -> str:
    return " " * len(m.group(0))


def _names_of_normalised(text: str) -> set[str]:
    text = _without_accents(text)
    return set().union(*map(_NAMES_IN_CONTEXT.__getitem__, _NAME_IN_CONTEXT.findall(text)))


# NAME_RE's names, each with the four characters before it (fewer at the start of the text), in
# one pass of the regex engine: whether a name opens a sentence is read from those characters.
# It opens with the capital, not with NAME_RE's word boundary (a look-behind after the capital
# instead), so that the engine skips from capital to capital rather than try every position.
# A match's groups: the characters before the name and its capital (one group of five, its
# look-behind's width), then the rest of the name.
_NAME_IN_CONTEXT = re.compile(
    r"[A-Z](?<!\w[A-Z])(?:(?<=([\s\S]{5}))|(?<=^([\s\S]{4}))|(?<=^([\s\S]{3}))"
    rf"|(?<=^([\s\S]{{2}}))|(?<=^([\s\S])))({_AFTER_CAPITAL})")


def _name_in_context(key: tuple[str, ...]) -> tuple[str, ...]:
    """The words of a name, given as `_NAME_IN_CONTEXT` finds it."""
    *before, rest = key
    before_and_capital = "".join(before)
    return _NAME_WORDS[before_and_capital[-1] + rest, _OPENS[before_and_capital[:-1]]]


def _opens(before: str) -> bool:
    """Whether a name after these (at most four) characters opens a sentence."""
    return _OPENS_SENTENCE.search(before) is not None


def words_of_name(name: str) -> tuple[str, ...]:
    """The words `name_words` reads in a name written on its own ("Tren de Aragua": tren, de,
    aragua), to tell which name a shared word belongs to."""
    return _name_words_of((_without_accents(normalise(name)), False))


def _name_words_of(key: tuple[str, bool]) -> tuple[str, ...]:
    """The words of a name as written, but its first when it opens a sentence (perhaps only
    capitalised for that)."""
    name, opens = key
    parts = name.split()[1:] if opens else name.split()
    # Read word by word: the words of words joined by spaces are each one's words in turn (no
    # reading crosses a space), and a new name is mostly known words (a known given name, a
    # known family name).
    return tuple(itertools.chain.from_iterable(map(_NAME_PART_WORDS.__getitem__, parts)))


def _name_part_words(part: str) -> tuple[str, ...]:
    """The words of one word of a name, none for a title or a word that opens sentences."""
    if part in NOT_NAMES or _is_title(part):
        return ()
    return tuple(w for w in _words_of(part)
                 if w not in MONTHS and w not in WEEKDAYS and w not in STOPWORDS and len(w) > 1)


def _is_title(part: str) -> bool:
    """An abbreviated title ("Sen." is one, the surname Sen is not)."""
    return part in _BARE_TITLES or (part.endswith(".") and part[:-1] in TITLE_ABBREVIATIONS)


# The same names come back article after article: each is read once, and each name with the
# characters before it looked up once.
_NAME_WORDS = Memo(_name_words_of, 100_000)
_NAME_PART_WORDS = Memo(_name_part_words, 100_000)
_NAMES_IN_CONTEXT = Memo(_name_in_context, 100_000)
# Half the names an article reads are new with the characters before them (42.9 of 86.5 in
# `bench/match_cpu.py --loop`'s articles), but those few characters are not: read once each.
_OPENS = Memo(_opens, 100_000)
_NAMES = Memo(_names_of, READINGS_KEPT)


def quotations(text: str) -> list[str]:
    """The words inside quotation marks, in order; a quotation its speaker interrupts (“The
    port,” she said, “will reopen.”) is one."""
    text = normalise(text)
    found: list[str] = []
    end = None
    for m in _QUOTE_RE.finditer(text):
        q = m.group(1)
        if found and end is not None and _INTERRUPTION.fullmatch(text[end:m.start()]):
            found[-1] = f"{found[-1]}, {q.strip(' ,.;:')}"
        else:
            found.append(q.strip(" ,.;:"))
        end = m.end() if q.rstrip().endswith(",") else None
    return [q for q in found if len(q.split()) >= 2 or len(q) > 12]


# What comes between the two parts of one quotation: a few words that say who speaks, ending
# on a comma (the first part ends on its comma inside the marks).
_INTERRUPTION = re.compile(r"\s+[^\u201c\u201d\u00ab\u00bb\".!?]{2,60},\s+")


def unquoted(text: str, mark: str = " ") -> str:
    """The text with every quoted span replaced by `mark`: what the writer says in their own
    words."""
    return _QUOTE_RE.sub(mark, normalise(text))


def _without_elliptical_not(m: re.Match) -> str:
    return " " if m.group("not") is not None else m.group(0)


def negated(text: str, number_sign: bool = True) -> bool:
    """True when the sentence carries an odd number of negations (a flip of meaning). "No. 1"
    is "number 1", no negation; without `number_sign` it is one, as the same-claim model
    (`similarity`) was fitted to read it."""
    lowered = text.lower()
    if number_sign and not _lacks(lowered, text, ("no.",)):
        text = _NUMBER_SIGN.sub(" ", text)
        lowered = text.lower()
    if not _lacks(lowered, text, _IDIOM_WORDS):
        text = _IDIOMS.sub(" ", text)  # no "than" nor "ruled" made: each idiom is a space
    if not _lacks(lowered, text, ("than",)):
        text = _ELLIPTICAL_NOT.sub(_without_elliptical_not, text)
    count = sum(1 for t in words(text) if t in NEGATIONS)
    if not _lacks(lowered, text, ("ruled",)):
        count += len(re.findall(r"\bruled[ -]out\b", text, re.IGNORECASE))
    return count % 2 == 1


def names_a_work(quotation: str) -> bool:
    """A quotation in title case ("Sleep and Memory Loss in Older Adults, 1990-2020"): the
    title of a report, a book or a film, not someone's words (three or more long words, each
    capitalised, not all in capitals as a shout is)."""
    long = [w for w in re.findall(r"[^\W\d_][\w'-]*", quotation) if len(w) >= 4]
    return len(long) >= 3 and all(w[0].isupper() for w in long) and not all(
        w.isupper() for w in long)


def _without_titles(text: str) -> str:
    """The text with the titles of works in quotation marks blanked: their numbers are part of
    a name ("…, 1990-2020"), not amounts the sentence states."""
    return _QUOTE_RE.sub(lambda m: " " * len(m.group(0)) if names_a_work(m.group(1))
                         else m.group(0), text)


def numbers(text: str) -> list[Number]:
    """Every quantity, date and duration in a sentence, with its unit, as values: ranges are
    one amount, basis points are percentage points, "$1.2bn" is 1.2e9 dollars. The numbers
    of a title in quotation marks are none (`names_a_work`), nor a stock ticker's."""
    text = without_tickers(_without_titles(normalise(text)))
    if "/" in text or "\u2044" in text:
        text = _MIXED_FRACTION.sub(_as_decimal, text)
    lowered = text.lower()
    months = not _lacks(lowered, text, MONTHS)  # read once, for the dates and their masking
    found = _dates(text, lowered, months)
    masked = _DATE_RE.sub(_blank, text) if months else text
    if ":" in text or "m" in lowered:  # what _CLOCK_RE needs
        times, masked = _times(masked)
        found += times
    if not _lacks(lowered, text, ("point", "bp")):  # what _POINTS_RE needs
        found += _points(masked)
        masked = _POINTS_RE.sub(_blank, masked)
    spans: list[tuple[int, int, Number]] = []
    # Half the sentences read for amounts hold no digit, sign nor number word: no regex for them.
    for m in () if _lacks(lowered, text, _NUMBER_NEEDLES) else _NUMBER_RE.finditer(masked):
        phrase = m.group(0).strip().rstrip(",.")
        value, vague = _value(phrase)
        if value is None or phrase.lower() in {"a", "an", "one", "half"}:
            continue
        if re.fullmatch(r"(?:19|20)\d\d", phrase):
            found.append(Number(phrase, float(phrase), "year-date"))
            continue
        unit, per = _unit_after(lowered, m.start() + len(phrase), phrase)
        approx = _approx(lowered[max(0, m.start() - 20):m.start()])  # not the whole text
        if approx == "over" and unit.split(" ")[0] in _UNIT_FACTORS and re.search(
                r"\bover\s*$", lowered[max(0, m.start() - 60):m.start()]):
            approx = ""  # "over two decades" is during them, not more than them
        spans.append((m.start(), m.start() + len(phrase),
                      Number(phrase, value, unit, vague, approx=approx, per=per)))
    # Only counts are converted: "August" is the calendar's month, "9 months" a duration.
    return found + [_convert(n) for n in _ranges(text, _units_shared(text, spans))]


# A whole number and a fraction: "19-1/2", "4 1/4", "2½" (read as 19.5, 4.25, 2.5). Unicode
# folding writes "2½" as "2 1⁄2" (`_typography`: a fraction slash), and a text "21⁄2" typed
# so: its last digit is the numerator.
_MIXED_FRACTION = re.compile(
    r"\b(\d+)[- ](\d)[/\u2044](\d{1,2})\b|(?<![\d.,])(\d*)(\d)\u2044(\d{1,2})\b")


def _as_decimal(m: re.Match) -> str:
    whole, numerator, denominator = (m.group(1, 2, 3) if m.group(2) else m.group(4, 5, 6))
    if not 0 < int(numerator) < int(denominator):
        return m.group(0)
    return f"{int(whole or 0) + int(numerator) / int(denominator):.4g}"


def _times(masked: str) -> tuple[list[Number], str]:
    """The times of day in a text, as hours past midnight ("2:30 p.m." is 14.5) in the unit
    "clock" ("clock et" with a time zone), and the text with them blanked out."""
    found, spans = [], []
    for m in _CLOCK_RE.finditer(masked):
        hour, minutes, half, zone = m.group("hour", "minutes", "half", "zone")
        unit = (f"clock {zone.lower()}" if zone else "clock local" if m.group("local")
                else "clock")
        if m.group("hour12") and not (zone or m.group("local") or _TIME_CUE.search(
                masked, max(0, m.start() - 25), m.start())):
            continue  # "John 3:16", a score "2:15", a clip's "3:06": read as before
        if m.group("hour24") or m.group("hour12"):
            # "at 9:15" may be morning or evening: one amount all the same, not 9 and 15,
            # compared only with another time written so
            clock = m.group("hour24", "minutes24") if m.group("hour24") else m.group(
                "hour12", "minutes12")
            found.append(Number(m.group(0), _hours(*clock, None),
                                unit if m.group("hour24") else unit.replace("clock", "clock 12h"),
                                approx=_clock_bound(masked, m.start())))
            spans.append(m.span())
            continue
        last = _hours(hour, minutes, half)
        if last is None:
            continue
        first, first_half, first_end = m.group("first"), m.group("first_half"), m.end("first")
        ranged = first and _a_range(masked, m.start(), masked[first_end:m.start("hour")])
        value = _hours(*m.group("first_hour", "first_minutes"), first_half or half) if (
            ranged or first_half) else None
        if value is not None:  # a range's first end, or a time of its own ("7 a.m. and …")
            value -= 12 if not first_half and value > last and value >= 12 else 0
            found.append(Number(first, value, unit if ranged else "clock",
                                approx=_clock_bound(masked, m.start())))
            spans.append((m.start(), first_end))
        # "from 6 to 8 p.m.": no bound on the range's second end
        approx = "" if ranged else _clock_bound(masked, m.start("hour"))
        found.append(Number(masked[m.start("hour"):m.end()], last, unit, approx=approx))
        spans.append((m.start("hour"), m.end()))
    return found, _blanked(masked, spans)


def _blanked(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with each of `spans` (in order, apart) blanked out, in one pass."""
    pieces, at = [], 0
    for start, end in spans:
        pieces += [text[at:start], " " * (end - start)]
        at = end
    return "".join(pieces) + text[at:]


def _hours(hour: str, minutes: str | None, half: str | None) -> float | None:
    """Hours past midnight of "2:30" in the half of the day `half` ("a", "p"); None when
    that is no time ("13 p.m.")."""
    if half is None:
        return int(hour) + int(minutes or 0) / 60
    if not 1 <= int(hour) <= 12:
        return None
    return int(hour) % 12 + (12 if half.lower() == "p" else 0) + int(minutes or 0) / 60


_BETWEEN = re.compile(r"\bbetween\s*$", re.IGNORECASE)


def _a_range(text: str, start: int, join: str) -> bool:
    """Whether two times joined by `join` are a range: "6 to 8 p.m."; "and" only after
    "between" ("between 1 and 3 p.m.", not "Ruiz, 45, and 3 p.m. …")."""
    # (read just before `start`: from the text's start, each time would read it all again)
    return join.strip().lower() != "and" or bool(
        _BETWEEN.search(text, max(0, start - 20), start))


def _clock_bound(text: str, start: int) -> str:
    """How a time at `start` bounds or approximates when: "over" ("after 2 p.m."), "under"
    ("by 5 p.m."), "about" ("around 2 p.m."), or "" (exact)."""
    before = text[max(0, start - 25):start]
    bound = _CLOCK_BOUND.search(before)
    if bound:
        return "over" if bound.group(1) else "under"
    return "about" if _approx(before.lower()) == "about" else ""


def _blank(m: re.Match) -> str:
    return " " * len(m.group(0))


def _approx(before: str) -> str:
    m = _APPROX_RE.search(before[-20:])
    if not m:
        return ""
    return "about" if m.group(1) else "over" if m.group(2) else "under"


def _points(masked: str) -> list[Number]:
    found = []
    for m in _POINTS_RE.finditer(masked):
        amount = m.group(1).lower()
        value = _FRACTIONS.get(amount)
        if value is None:
            value, _ = _value(amount)
        if value is None:
            continue
        if not m.group(2).lower().startswith("percentage"):
            value = value / 100  # basis points
        found.append(Number(m.group(0), value, "percentage point",
                            approx=_approx(masked[max(0, m.start() - 20):m.start()].lower())))
    return found


def _ranges(text: str, spans: list[tuple[int, int, Number]]) -> list[Number]:
    """Amounts with two ends joined by "to", a dash or "between ... and" read as one range."""
    found: list[Number] = []
    i = 0
    while i < len(spans):
        start, end, low = spans[i]
        if i + 1 < len(spans):
            next_start, next_end, high = spans[i + 1]
            join = text[end:next_start]
            between = join.strip().lower() == "and" and _after_between(text, start)
            unit = high.unit if not low.unit or low.unit == "percent" else low.unit
            if (_RANGE_JOIN.fullmatch(join) and (join.strip().lower() != "and" or between)
                    and low.value < high.value and not low.vague and not high.vague
                    and (not low.unit or _same_kind(low.unit, high.unit))):
                found.append(Number(text[start:next_end], low.value, unit, high=high.value,
                                    approx=low.approx, per=high.per))
                i += 2
                continue
        found.append(low)
        i += 1
    return found


# Amounts listed with one unit written after the last: "260 and 170 miles", "5, 6 or 7 percent".
# A comma joins a list only of three or more ("aged 51, and 14 people died" is no list), and
# only a measure is shared, not what is counted ("The driver was 45 and 14 people were hurt").
_MEASURES = frozenset(map(stem, """miles mile kilometres kilometers kilometre kilometer km
    metres meters metre meter feet foot inches inch yards acres hectares tons tonnes pounds
    kilograms kilos kg grams litres liters gallons barrels degrees points mph knots""".split()))
_LIST_WORD = re.compile(r"\s+(?:and|or)\s+", re.IGNORECASE)
_LIST_COMMA = re.compile(r",\s*(?:(?:and|or)\s+)?", re.IGNORECASE)


def _units_shared(text: str, spans: list[tuple[int, int, Number]]
                  ) -> list[tuple[int, int, Number]]:
    """Each amount of a list that has no unit of its own takes the unit written after the list's
    last amount ("260 and 170 miles": both miles), as a reader does."""
    joins = [("word" if _LIST_WORD.fullmatch(text, end, spans[i + 1][0]) else
              "comma" if _LIST_COMMA.fullmatch(text, end, spans[i + 1][0]) else "")
             for i, (_, end, _) in enumerate(spans[:-1])]
    spans = list(spans)
    for i in range(len(joins) - 1, -1, -1):
        start, end, n = spans[i]
        after = spans[i + 1][2]
        neighbours = joins[max(0, i - 1):i] + joins[i + 1:i + 2]
        listed = joins[i] == "word" or (joins[i] == "comma" and any(neighbours))
        if listed and not n.unit and _a_measure(after.unit) and not n.per and (
                n.vague == after.vague):
            spans[i] = (start, end, replace(n, unit=after.unit, per=after.per))
    return spans


def _a_measure(unit: str) -> bool:
    """Whether a unit read after an amount is a measure (miles, percent, dollars, days)."""
    first = unit.split(" ")[0]
    return (unit in ("percent", "percentage point") or unit.startswith("money")
            or first in _MEASURES or first in _UNIT_FACTORS)


def _after_between(text: str, start: int) -> bool:
    """Whether "between" (and spaces) comes just before `start`: read from there, not from the
    text's start (each "and" of a long sentence of numbers read it all again: quadratic)."""
    ends = start
    while ends > 0 and text[ends - 1].isspace():
        ends -= 1
    return bool(_BETWEEN.search(text, max(0, ends - len("between") - 1), start))


def _same_kind(a: str, b: str) -> bool:
    return a == b or (a.startswith("money") and b.startswith("money"))


def amounts_in_digits(text: str) -> list[float]:
    """The values of the amounts a text writes in digits, in order ("$1.2 billion" is 1.2e9)."""
    values = _DIGIT_VALUES
    return [v for v in map(values.__getitem__, _DIGITS_RE.findall(text)) if v is not None]


def _digit_value(phrase: str) -> float | None:
    """The value of an amount as written in digits (None: not an amount)."""
    return _value(phrase.strip().rstrip(",."))[0]


_DIGIT_VALUES = Memo(_digit_value, 100_000)


def _value(phrase: str) -> tuple[float | None, bool]:
    signed = phrase[:1] in "$£€"
    p = phrase.lower().replace(",", "").lstrip("$£€").rstrip("%")
    m = re.match(r"(\d+(?:\.\d+)?)\s*(\w+)?", p)
    if m:
        scale = m.group(2) or ""
        factor = (_SCALES.get(scale) or _SCALE_ABBREVIATIONS.get(scale)
                  or (_SIGN_ABBREVIATIONS.get(scale) if signed else None) or 1)
        return float(m.group(1)) * factor, False
    # "two and a half (million)": the fraction is added to the whole it follows; "two million
    # and a half": it is half of the whole's last scale.
    fraction = re.search(r"\s+and\s+a\s+(half|quarter)(?:\s+(\w+))?$", p)
    if fraction:
        whole, vague = _value(p[:fraction.start()])
        if whole is None:
            return None, False
        part = _FRACTIONS[fraction.group(1)]
        last = p[:fraction.start()].split()[-1]
        if fraction.group(2) is None and last in _SCALES:
            return whole + part * _SCALES[last], vague
        return (whole + part) * _SCALES.get(fraction.group(2), 1), vague
    total, current, vague = 0.0, 0.0, False
    for token in re.split(r"[\s-]+", p):
        if token == "and":
            continue
        if token in _VAGUE:
            return float(_VAGUE[token]) * max(current, 1), True
        if token in _UNITS:
            current += _UNITS[token]
        elif token in _TENS:
            current += _TENS[token]
        elif token in _SCALES:
            current = max(current, 1) * _SCALES[token]
            if _SCALES[token] >= 1000:
                total, current = total + current, 0.0
        else:
            return None, False
    return total + current, vague


# Read from the amount's end in place: a slice of the rest of the text, for each number of a
# long sentence, was quadratic.
_PERCENT_AFTER = re.compile(r"\s*(?:per\s?cent|percent)")
_CURRENCY_AFTER = re.compile(r"\s*(?:us\s+)?(dollar|peso|euro|pound|yen|yuan)")


_SHARE_WORDS = frozenset(("in", "of", "out", "the"))  # "seven in ten", "nine out of ten"
# A share's whole in digits ("4 in 10 voters", "5 of the 12 victims"): the share counts what
# the whole does. Not a year ("4 in 2019"), which says when, nor a span of time ("9 in 30
# hours") or a place ("48 in the 100-seat senate"), which say where and how fast.
_SHARE_OF_DIGITS = re.compile(r"\s+(?:in|out\s+of|of(?:\s+the)?)\s+"
                              r"(?!(?:1[89]|20)\d\d\b)\d{1,3}(?:,\d{3})*\b(?![.,-]\d)"
                              r"(?![\s-]+(?:seconds?|minutes?|hours?|days?|weeks?|fortnights?"
                              r"|months?|years?|decades?|centuries|century)\b)")


def _unit_after(lowered: str, end: int, phrase: str) -> tuple[str, str]:
    """What the amount ending at `end` measures, and the span of time of a rate ("a day")."""
    share = _SHARE_OF_DIGITS.match(lowered, end)
    if share:
        end = share.end()
    window = _WHEN.split(re.split(r"[\d,.;:()]", lowered[end:end + 50])[0])[0]
    rate = _RATE.search(" ".join(window.split()[:5]))
    per = _PER_WORDS.get(rate.group(2), rate.group(1) or rate.group(2)) if rate else ""
    if rate:  # "100,000 people a day": the count is of people, the day is the rate's
        window = " ".join(window.split()[:5])
        window = window[:rate.start()] + " " + window[rate.end():]
    if phrase.endswith("%") or _PERCENT_AFTER.match(lowered, end):
        return "percent", per
    if phrase[0] in "$£€":
        return f"money {_CURRENCIES[phrase[0]]}", per
    written = _CURRENCY_AFTER.match(lowered, end)
    if written:
        return f"money {_CURRENCIES[written.group(1)]}", per
    # The words after a number name what it counts ("29 drug suspects"); units agree when
    # they share one of those words, so "twenty-six suspects" meets "29 drug suspects".
    # A count in words begins another amount: "thirty nurses and twelve doctors" counts no
    # doctors thirty, "two to four weeks" is a range (the window stops at a figure in digits
    # the same way); but "seven in ten voters", "five of the twelve victims" are one share.
    # A span's possessive is its word: "6 weeks' leave" is 6 weeks (but "15 teachers' aides"
    # counts no teachers).
    words = [w[:-1] if w.endswith("s'") and w[:-2] in _SPAN_WORDS else w
             for w in re.findall(r"[a-z][a-z'-]*", window)[:4]]
    kept = [w not in NUMBER_WORDS and w not in STOPWORDS and w not in _FILLERS for w in words]
    counted = next((i for i, w in enumerate(words) if w in _COUNT_WORDS and (
        any(kept[:i]) or not _SHARE_WORDS.issuperset(words[:i]))), len(words))
    unit = [stem(w) for w, keep in zip(words[:counted], kept, strict=False) if keep]
    return " ".join(unit[:3]), per


# The spans a rate is counted by ("a day", "per quarter"), in days and in months: a month is 28
# to 31 days, so a rate counted by the day and one counted by the month agree within those
# bounds; within either reckoning the conversion is exact (7 days a week, 12 months a year).
SPAN_DAYS = {"second": 1 / 86_400, "minute": 1 / 1_440, "hour": 1 / 24, "day": 1, "week": 7,
             "fortnight": 14, "year": 365}
SPAN_MONTHS = {"month": 1, "quarter": 3, "year": 12}
_SPAN_WORDS = frozenset([*SPAN_DAYS, *SPAN_MONTHS, "decade"])
# A rate: so many a day, per week, each year, daily. "100,000 a day" counts things in a day, it
# is no length of time; "a year ago", "a week earlier" say when, not how often.
_SPANS = "|".join([*(s for s in SPAN_DAYS if s not in SPAN_MONTHS), *SPAN_MONTHS])
_RATE = re.compile(r"(?:^|\s)(?:a|an|per|each|every)\s+(" + _SPANS
                   + r")\b(?!\s+(?:ago|earlier|before|later|after|prior|from"
                   r"|since|until|or|and|on|of|in)\b)|(?:^|\s)(hourly|daily|weekly|monthly|yearly"
                   r"|annually)\b")
# "3.2 million a year ago": when the amount was counted, not how long anything lasted.
_WHEN = re.compile(r"(?:^|\s)(?:a|an|one)\s+(?:day|week|month|quarter|year)s?\s+(?:ago|earlier"
                   r"|before|later|after|prior)\b")
_PER_WORDS = {"hourly": "hour", "daily": "day", "weekly": "week", "monthly": "month",
              "yearly": "year", "annually": "year"}


def _dates(text: str, lowered: str, months: bool) -> list[Number]:
    found: list[Number] = []
    for m in _DATE_RE.finditer(lowered) if months else ():
        day = m.group(1) or m.group(3)  # "8 August" or "August 8"
        month = MONTHS[m.group(2)]
        if m.group(2) == "may" and not day and not _MAY_MONTH.search(
                lowered, max(0, m.start() - 60), m.start()):  # the words just before, in place
            continue  # "may" is far more often a verb than a month
        found.append(Number(text[m.start(2):m.end(2)], float(month), "month"))
        if day:
            found.append(Number(text[m.start():m.end()], float(month * 100 + int(day)), "date"))
    for i, w in enumerate(sorted(WEEKDAYS)):
        m = re.search(rf"\b{w}\b", lowered) if w in lowered else None
        if m:
            found.append(Number(text[m.start():m.end()], float(i), "weekday"))
    return found


def _convert(n: Number) -> Number:
    head = n.unit.split(" ")[0] if n.unit else ""
    if head in _UNIT_FACTORS:
        unit, factor = _UNIT_FACTORS[head]
        return replace(n, value=n.value * factor, unit=unit,
                       high=None if n.high is None else n.high * factor)
    return n


def same_unit(a: Number, b: Number) -> bool:
    """Two quantities count the same kind of thing (they share a unit word)."""
    if not a.unit or not b.unit:
        return False
    return bool(set(a.unit.split()) & set(b.unit.split()))


_ROUND_FIGURE = re.compile(rf"\d\.\d|\d\s*(?:{_SCALE_WORD}|[mkb])\b", re.IGNORECASE)


def rounding(n: Number) -> float | None:
    """How far the amount an approximate or round figure stands for may be from it: half its
    last written digit ("about 30": 5; "$1.2bn": 50 million); None for an exact number."""
    if n.unit.startswith("clock"):  # "11.30am" is exact; "about 2 p.m.", to the half hour
        return 0.5 if n.approx == "about" else None
    if not n.approx and not _ROUND_FIGURE.search(n.text):
        # a plain whole number is exact (30 and 29 are two numbers), but a round one of a
        # distance, area, weight or volume: "190 miles" for 187, "500 miles" for 490
        return round_measure(n.value) if rounded_measure(n.unit) else None
    digits = re.search(r"\d[\d,]*(?:\.(\d+))?", n.text)
    if digits is None:  # in words: "thirty" is to the ten, "twenty-six" to the unit
        return 10.0 ** _trailing_zeros(n.value) / 2
    decimals = len(digits.group(1) or "")
    written = float(digits.group(0).replace(",", ""))
    scale = n.value / written if written else 1.0
    return scale * 10.0 ** (-decimals if decimals else _trailing_zeros(written)) / 2


# Measures outlets round (and convert, rounding: "800km (500 miles)"): distances, areas,
# weights, volumes. Not points, degrees, speeds ("km/h"; a storm's 74 mph is a threshold),
# pounds (money too), nor words that also count things ("20 foot soldiers", "40 barrels of
# waste": people and things, exact).
_ROUNDED_MEASURES = frozenset(map(stem, """miles mile kilometres kilometers kilometre kilometer
    km metres meters metre meter yards acres hectares tons tonnes kilograms kilos kg litres
    liters gallons""".split()))
# How far a plain round measure may be from the figure it rounds, as a share of it: 2 percent
# ("190 miles" for 187, "500 miles" for 490; not "500 miles" for 480, nor "30 miles" for 29).
_MEASURE_ROUNDING = 0.02


def rounded_measure(unit: str) -> bool:
    """Whether a unit is a measure outlets round ("mil", "acr destroy"; not "km h", a speed)."""
    words = unit.split(" ")
    return words[0] in _ROUNDED_MEASURES and words[1:2] != ["h"]


def round_measure(value: float) -> float | None:
    """How far a plain round measure ("190 miles") may be from what it stands for: half its
    last written digit, at most 2 percent of it; None when it is no round figure ("187")."""
    zeros = _trailing_zeros(value) if value == int(value) else 0
    return min(10.0 ** zeros / 2, _MEASURE_ROUNDING * value) if zeros else None


def _trailing_zeros(value: float) -> int:
    whole, zeros = int(round(value)), 0
    while whole and whole % 10 == 0:
        whole, zeros = whole // 10, zeros + 1
    return zeros
