"""Seed text to claims: statements, quotations (with their speakers), numbers and names.

A seed as people paste it carries a section label, a headline, sub-headings and a promotional
footer; none of those are claims. Every remaining sentence that states something is a claim, and
every quotation of three words or more is a claim of its own, attributed to its speaker.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process, utils

from monitor.steps.text import (
    DATING_WORDS,
    DAYTIMES,
    HEDGES,
    MONTH_ABBREVIATIONS,
    MONTHS,
    NAME_SUFFIXES,
    NEGATIONS,
    NOT_NAMES,
    PERIODS,
    PERSON_RE,
    POST_SIGNATURE,
    STOPWORDS,
    TITLE_ABBREVIATIONS,
    WEEKDAYS,
    names_a_work,
    normalise,
    numbers,
    quotations,
    single_quotations_doubled,
    split_sentences,
    stem,
    surname,
    unquoted,
    without_credits,
    words,
)

# A sentence ends on a stop, perhaps inside closing quotation marks or brackets: a headline
# that ends on a quoted word ("… compares the inquiry to 'a circus'") does not.
_TERMINAL = re.compile(r"[.!?\u2026][\"\u201d'\u2019)\]]*$")
# A photo's caption: "FILE PHOTO: …", or what a picture shows, then its place and full date
# ("… walks past the court in Arden, Nova, May 4, 2021."; not "… on Tuesday, May 4, 2021."),
# perhaps followed by the photographer's credit ("WIRE/Ann Lee", "Mandatory Credit: …").
_PHOTO = re.compile(r"^(?:FILE )?PHOTO\b")
_MONTH = r"(?:" + "|".join(m.capitalize() for m in [*MONTHS, *MONTH_ABBREVIATIONS]) + r")"
# "… in this undated photo released by …", "… in this file picture", "In this May 4, 2021
# file photo, …": what a picture shows.
_IN_PHOTO = re.compile(r"\bin this (?:" + _MONTH + r"\.? \d{1,2}, \d{4},? )?(?:[\w-]+ ){0,2}"
                       r"(?:photo(?:graph)?|picture|image)\b", re.IGNORECASE)
# A sentence that opens so is a caption wherever it stands (an extraction may leave one at the
# head of the first paragraph).
# So does "This undated photo provided by … shows …".
_CAPTION_OPENING = re.compile(r"^" + _IN_PHOTO.pattern.removeprefix(r"\b") + r",|^This (?:[\w-]+ )"
                              r"{0,3}(?:photo(?:graph)?|picture|image)\b[^.]{0,80}?\bshows\b",
                              re.IGNORECASE)
_CAPTION_DATE = re.compile(r"(?<!day),\s+" + _MONTH + r"\.? \d{1,2}, \d{4}\.?$")
_PHOTO_CREDIT = re.compile(r"(?:\s+(?:\(?[A-Z]{2,}(?: Photo)?/[^/()]{2,40}\)?|Mandatory Credit:.*"
                           r"|Photo(?:graph)?(?: by|:) .*)"
                           # A pool photographer's credit after the stop: "Ann Lee/Pool via WIRE".
                           r"|(?<=[.!?])\s+[A-Z][^/()]{1,40}/[^/()]{1,40} via [A-Z]{2,})$")
# An agency's photo credit in brackets closing a paragraph ("(Wire Photo/Ann Lee, File)") is
# only ever a caption's: every sentence of that paragraph tells what the picture shows.
_BRACKETED_CREDIT = re.compile(r"\s\([A-Z][\w.]*(?: [A-Z][\w.]*)? Photo/[^/()]{2,60}\)$")
# A wire dateline opening a report ("ARDEN, Nova (Wire) - ", "ARDEN/CALDER (Wire) - ",
# "LA MARINA, Nova (Wire) - ", "(Wire) - "): where and who, not part of what the first sentence
# states. (One two-letter word at most before the place: more ways to read a run of capitals
# would make a line of them take for ever.)
# (Each run of letters taken whole, never given back: what may follow it is none of them; a
# long word of capitals was read again at each place it could have been split: quadratic.)
_DATELINE = re.compile(r"^(?:(?:[A-Z]{2}\.?[ \t]+)?[A-Z]{3}[A-Z.'/-]*+"
                       r"(?:,?[ \t]+(?:[A-Z][\w.'-]*+|\d{1,2}))*[ \t]*"
                       r"(?:\([^()]{1,40}\))?|\([^()]{1,40}\))[ \t]+[-\u2013\u2014][ \t]+"
                       r"(?=[\"\u201c\u2018']?[A-Z])")
# A signpost opening a paragraph ("Why it matters:", "The big picture:", "Driving the news:"):
# the outlet's layout, not part of what the sentence after it states.
_SIGNPOST = re.compile(
    r"^(?:why it matters|the big picture|between the lines|what['\u2019]s next|what they['\u2019]re"
    r" saying|(?:the )?bottom line|yes, but|driving the news|by the numbers|the backdrop|"
    r"flashback|(?:the )?state of play|zoom (?:in|out)|reality check|the intrigue|be smart|"
    r"worth noting|where it stands|what to watch|our thought bubble|catch up quick|"
    r"the latest|background|context|details)\s*:\s+(?=[\"\u201c\u2018']?[A-Z0-9])",
    re.IGNORECASE)
HEADLINE_WORDS = 30  # a first line without a stop, up to this long, is the headline
# A link to another story: "More: …", "Related: …", "See: …", "Now read: …", "… Read more".
_LINK = re.compile(r"^(?:more|(?:now |also )?read(?: more)?|related|(?:also )?see(?: also)?|"
                   r"go deeper)\s*:"
                   r"|\bread more\W*$"
                   # a live page's link line: "Storm updates: rivers crest; schools shut"
                   r"|^(?:[\w-]+\s+){0,2}(?:live\s+)?updates\s*:[^;]*;[^;]*;"
                   # a pointer to another piece: "For more on X, see our explainer.", "Read the
                   # full report here." (over the 3,277 real texts, 16 lines, each one such)
                   r"|^(?![^\n]*(?:(?<!\d)(?!(?:19|20)\d\d\b)\d|\bwhich\b"
                   r"|\bthat (?:shows?|found|finds)\b))"
                   r"(?:for (?:an? |the |more )?[^,.;]{0,80}, )?(?:see|read|check out|watch|"
                   r"listen to)\s+(?:our|the|this|these|[\w'\u2019&. -]{1,40}['\u2019]s?)\b"
                   r"(?:[^.!?]|\b(?:v|vs|St|Mr|Ms|Dr)\.){0,100}\b(?:explainers?|story|stories|articles?|coverage|piece|reports?|"
                   r"guides?|timeline|analysis|video|podcast|live blog|here)\b[^.!?]{0,60}[.!?]?$",
                   re.IGNORECASE)
_PROMO = re.compile(
    # (an address read from its first character only: from each one, a long word is read
    # again to its end)
    r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]+\.[\w.]+"
    r"|https?://|www\.|\bclick (?:on|here)\b|\bfollow us\b|\bsubscribe\b"
    r"|\bsign up\b|\bjoin (?:us|our)\b(?: on)?(?: [\w-]+){0,3} (?:group|community|page)\b"
    r"|\bnewsletter\b|\byour inbox\b|\bby signing up\b|\bagree to (?:our|the) privacy policy\b"
    # a note on the page itself: "Editor's note: This story was updated at 5 p.m. to …"
    r"|^(?:this|the) (?:story|article|post) has been updated\b"
    r"|^(?:editor['\u2019]s note|update)\s*:\s*(?:this|the) (?:story|article|post|column|report)"
    r" (?:has been|was) updated\b|^editor['\u2019]s note\s*:\s*as a public service\s*,"
    # a correction line at the foot: "This story has been corrected to show …", "An earlier
    # version of this story …", "Correction: …" (over the 3,277 real texts, 20 paragraphs,
    # every one a correction)
    r"|^(?:(?:editor['\u2019]s note|update)\s*:\s*)?(?:(?:correction|clarification)s?\s*:"
    r"|(?:this (?:story|article|version|report|post)|the (?:story|article))"
    r"(?: and (?:its )?headline)? (?:(?:has|"
    r"have) been |was |is )?(?:corrected|(?:updated|amended|changed) to (?:correct|fix|clarify|"
    r"reflect the correct|make clear|show))|this version corrects"
    r"|an? (?:earlier|previous) version of this (?:story|article|report|post))"
    r"|\bsend (?:us )?a tip\b"
    # a newsletter's sign-up box ends so: "… top stories. This site is protected by reCAPTCHA"
    r"|\bthis site is protected by recaptcha\b"
    # A box of background beside the story, folded on the page: "Q&A How does … work? Show
    # Hide …", "Quick guide …", "Timeline …" (its facts are the box's, often written later).
    r"|^(?:quick guide|q&a|timeline|explainer)\b[^\n]{0,200}?\bshow hide\b"
    r"|\bstay up to date on the latest\b|\bconsider making a contribution\b"
    r"|\byour financial contribution\b|\bvisit [\w'\u2019 ]{0,40}homepage\b"
    r"|\bdownload (?:our|the) app\b|\ball rights reserved\b|\u00a9"
    # A newsletter's, an alert's or an app's prompt, opening its line: "Get news alerts from
    # …", "Harbour headlines, delivered daily.", "Download the … app" (not "urged residents to
    # download the new tracing app").
    r"|^get (?:the )?(?:latest |breaking )?(?:news )?(?:alerts|updates|headlines)\b"
    r"|^get breaking news\b|^[^.!?]{0,60}\b(?:news|stories|headlines|briefing)\b[^.!?]{0,60}"
    r",\s*delivered (?:to you )?(?:(?:every|each) )?"
    r"(?:weekday|daily|weekly)(?: mornings?| evenings?)?\W*$"
    r"|(?:^|[:.!?]\s*)download (?:our|the)(?: [\w'\u2019-]+){0,3} app\b"
    r"|\bcopyright\b|^(?:read more|related|see also|advertisement)\b|" + _LINK.pattern +
    # Credit lines of syndicated and republished pieces, and of the writers who contributed.
    r"|\bcontributed to this (?:report|story|article)\b|(?:^|;)\s*contributing\s*:"
    # "Marsh reported from Dover, Del.": where the writer was, at the end of the story.
    r"|(?-i:^[A-Z][\w'\u2019-]+(?:(?:,| and)? [A-Z][\w'\u2019-]+){0,5} (?:reported|wrote) from "
    r"[A-Z][\w.'\u2019-]*(?:,? [A-Z][\w.'\u2019-]*){0,4}\s*(?:$|;\s*(?:[Cc]ontributing\s*:"
    r"|[A-Z][\w'\u2019-]+(?: [A-Z][\w'\u2019-]+)* (?:reported |wrote )?from [A-Z])))"
    # The writer's social accounts, a radio page's player, a funder's note.
    r"|^follow\s+(?:[\w.'-]+\s+){1,4}on\s+(?:twitter|facebook|instagram)\b"
    r"|\blisten\s*\u00b7\s*\d{1,2}:\d\d\b|\bdoes not provide editorial input\b"
    r"|\bsolely responsible for all content\b|\b(?:coverage|reporting|journalism)\b[^.]{0,80}"
    r"\bmade\s+possible\s+(?:in\s+part\s+)?(?:by|through)\s+(?:an?\s+)?(?:grants?|gifts?)\b"
    r"|\b(?:first|originally) (?:published|appeared)\b|^(?:this|the) (?:article|story) "
    r"(?:is|was|has been) (?:republished|reproduced|syndicated|adapted)\b",
    re.IGNORECASE,
)
_TITLES = {
    **dict.fromkeys(t.lower() for t in TITLE_ABBREVIATIONS),  # "Gov. Ruiz", "Sgt. Lee"
    "president": None, "vice-president": None, "prime": None, "minister": None,
    "secretary": None, "senator": None, "sen": None, "governor": None, "mayor": None,
    "general": None, "gen": None, "ambassador": None, "director": None, "chief": None,
    "judge": None, "attorney": None, "leader": None, "commander": None, "official": None,
    "representative": None, "rep": None, "lawmaker": None, "envoy": None, "adviser": None,
    "advisor": None, "analyst": None, "professor": None, "dr": None, "spokesperson": None,
    "spokeswoman": "f", "spokesman": "m", "mr": "m", "mrs": "f", "ms": "f",
    "congressman": "m", "congresswoman": "f", "chairman": "m", "chairwoman": "f",
    "king": "m", "queen": "f", "pope": "m", "sheriff": None, "chancellor": None,
    # A company's roles: "the company's CEO, Lena Brandt", "Chief Executive Officer Lena Brandt".
    "ceo": None, "executive": None, "officer": None,
    # A member of a parliament: "Labour MP Ada Lund", "the MP for Arden".
    "mp": None, "mep": None,
}
TITLE_WORDS = frozenset(_TITLES)  # lower-cased: "senator", "sen", "governor", …
# Ranks and offices written out before a name ("Retired Army Lieutenant Colonel Ada Lund",
# "Chief Justice Ada Lund", "House Speaker Ada Lund"): the person is Ada Lund. Unlike _TITLES
# they make a person only of a full name just after them (`_ranked`): "the Justice Department has
# argued" names no person, and its speaker is nobody.
_RANKS = frozenset({
    "lieutenant", "colonel", "captain", "sergeant", "corporal", "admiral", "brigadier",
    "marshal", "justice", "speaker", "commissioner", "superintendent", "detective", "inspector",
    "administrator", "counsel", "prosecutor", "rabbi", "ayatollah", "sheikh", "bishop",
    "cardinal", "sir", "dame", "whip"})
# The words that tell who speaks (People's reading): the one list of speech verbs.
_SPEECH_WORDS = (
    "said", "says", "say", "told", "tells", "stressed", "stresses", "argued", "argues", "added",
    "adds", "explained", "noted", "warned", "insisted", "declared", "stated", "claimed",
    "asserted", "emphasi[sz]ed", "remarked", "wrote", "tweeted", "posted", "announced", "vowed",
    "promised", "replied", "responded", "highlighted", "according to", "making it clear",
    "made it clear", "called", "described", "urged", "urges")
SPEECH_VERBS = "(?:" + "|".join(_SPEECH_WORDS) + ")"
# Two parts of them read as a clause's attribution (conflicts.ATTRIBUTION), kept apart because they
# read differently there. `SAYING_VERBS` (text's: sentences are split by them too) tell who said
# something whatever follows them.
# These also take an object ("posted a loss", "announced 300 jobs", "reported a rise"): they
# attribute only when a clause or a time follows. "reported", "reports" and "writes" are among
# them but not among People's speech verbs (as they were read before one list was made of both).
TELLING_VERBS = ("reported", "reports", "wrote", "writes", "tweeted", "posted", "announced")
# Words that name whom words were told to, before that person: "told Omar Haddad", "said to".
TOLD_TO = r"(?:told|asked|(?:said|wrote|spoke) to)"
_SPEECH = re.compile(rf"\b{SPEECH_VERBS}\b", re.IGNORECASE)
# "said lead investigator Halima Osei": the person named after the verb is the speaker, whatever
# role words (not in _TITLES) come between.
# A role word may be a compound glued to a place ("said Oslo-based engineer Ines Brandt").
# Just after a quotation, other verbs of speech put their speaker after them too ("…,” tweeted
# Ana Ruiz); elsewhere they may take a person as object ("warned Ana Ruiz", "posted Ruiz's bail").
# Verbs that tell speech only just after a quotation, with its speaker ("…,” she continued;
# “…,” recalled Ana Ruiz); elsewhere they tell other acts ("the strike continued", "she recalled
# the envoy"), so they are not among the speech verbs every reading shares (`SPEECH_VERBS`):
# read by `_LATER_SPEECH`, and a person named after one is the speaker, as after "tweeted".
_LATER_SPEECH_VERBS = ("continued", "testified", "concluded", "recalled", "quipped", "joked",
                       "observed", "countered", "conceded", "admitted", "acknowledged",
                       "cautioned", "recounted", "boasted", "pleaded", "complained", "predicted",
                       "lamented", "shared", "commented", "asked")
_AFTER_QUOTATION = ("added", "tweeted", "wrote", "posted", "stated", "noted", "explained",
                    "insisted", "declared", "replied", "responded", "argued", "warned", "stressed",
                    "remarked", "asserted", "claimed", "vowed", "promised", *_LATER_SPEECH_VERBS)
_SAID_BEFORE = re.compile(r"(?:\b(?:said|says)|[,?!]['\"\u2019\u201d]\s*(?:"
                          + "|".join(_AFTER_QUOTATION) + r"))"
                          r"\s+((?:(?:[A-Z][\w.]*-)?[a-z][a-z'-]*\s+){0,3})$")
# "U.S.-based", "Oslo-born": a capitalised word glued to what follows describes, it names no one.
_GLUED = re.compile(r"\.?-[a-z]")
_GLUED_WORD = re.compile(r"^.*?\S-[a-z][\w'-]*\s*")
_LETTER = re.compile(r"[^\W\d_]")
_PRONOUNS = {"she": "f", "her": "f", "he": "m", "him": "m", "his": "m"}
# A person's full name after a rank ("House Speaker Ada Lund", "Justice Ada K. Lund"): two to
# four capitalised words; one alone after a rank is as often a thing's ("Justice Department").
_RANKED_NAME = re.compile(r"[A-Z][\w'\u2019-]+(?: (?:[A-Z]\.)+)?(?: [A-Z][\w'\u2019-]+){1,2}")


def _ranked(tokens: list[str], before: list[str], name: str) -> bool:
    """Whether a rank is written just before `name`, a full name, in its words (`tokens`) or
    as the word before them (`before`, lower case): "House Speaker Ada Lund" makes Ada Lund
    known; "Captain of the Harbour Fire Department" and "Justice, Homeland Security" do not."""
    words = name.split()
    if words[0] not in tokens:
        return False
    at = tokens.index(words[0])
    return (tokens[at - 1].lower() if at else before[-1] if before else "") in _RANKS and bool(
        _RANKED_NAME.fullmatch(name)) and not any(
            w in NOT_NAMES or w.lower() in MONTHS or w.lower() in WEEKDAYS for w in words) and (
        words[-1].strip(".,") not in _THINGS)


# Last words that make a name after a rank a place, a body or a work, not a person ("Captain
# America Civil War", "Notre Dame Law School", "Sheikh Zayed Road", "Cardinal Health Inc").
_THINGS = frozenset("""Road Avenue Boulevard Square School University
    College Academy Cathedral Hospital Airport Station Center Centre Museum Stadium Inc Corp Co
    Ltd LLC Foundation Institute War Wars Act""".split())  # not surnames: Hall, Park, Bank
# Last words of a body's name, no one's surname: a name ending in one and joined to capitalised
# words before it ("the Department of Health and Human Services said", "the Council on Foreign
# Relations warned") is the end of that body's name, no person ("Human Services"). Alone,
# such a name ("Nova Airlines said") speaks as before. Not "States" or "Nations".
_JOINING = r"(?:and|of|on|for|&)"
_JOINED_BEFORE = re.compile(r"[A-Z][\w.'&-]*[ \t]+" + _JOINING + r"[ \t]+$")
_BODY_ENDS = frozenset("""Services Affairs Resources Relations Industries Securities Airlines
    Airways Forces Sciences Studies Systems Holdings Technologies Communications Operations
    Enterprises Investments Laboratories Networks Programs Programmes Statistics
    Standards""".split())


# Who speaks for a person or a body, written once for `People` and the speaker conflicts: a
# spokesperson, and after a possessive their office or spokesperson ("Kemp's press office").
SPOKESPERSON = r"spokes(?:man|woman|person)"
VOICE_AFTER_POSSESSIVE = rf"(?:press\s+)?(?:office|{SPOKESPERSON})"

# "the Kerr administration said", "a Kerr spokeswoman said": the name says whose people speak,
# not who speaks.
_NAME_AS_MODIFIER = re.compile(  # "Ruiz 2020 campaign manager Ada Lund": Lund speaks
    r"\s+(?:(?:\d{4}|re-?election|presidential|election)\s+)?(?:administration|government|"
    rf"campaign|camp|team|{SPOKESPERSON}|aides?|"
    r"advis[eo]rs?|officials?|allies|ally|lawyers?|attorneys?|deputy|deputies|family|"
    r"presidency|White House)\b")
MIN_QUOTE_WORDS = 3
TERM_WORDS = 5  # a quotation shorter than this, with no one said to say it, is a term
# Two texts this close (rapidfuzz ratio, 0-100) are the same words: the figure the matcher
# calls a claim "verbatim" at (conflicts.Thresholds.verbatim).
SAME_WORDS = 92.0
# Claims of one seed read at most. A real seed holds up to 167 (the 3,277 news-events texts), a
# long read some hundreds; each new claim is compared with every one kept (`_Told`), so a seed
# of tens of thousands (1 MB of short sentences, of near-duplicates) took minutes. Past this
# many the rest is left unread, and the seed says so (`Seed.notes`).
SEED_CLAIMS = 2_000
# A claim is first compared with at most this many kept claims holding its rarest word (`_Told`).
TOLD_LOOKS = 64


@dataclass
class Claim:
    """One thing the seed states: a sentence, or a quotation with its speaker."""

    position: int
    text: str
    kind: str  # "statement" or "quote"
    sentence: str  # the seed sentence the claim comes from
    speaker: str | None = None
    numbers: list[dict] = field(default_factory=list)
    quotes: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    # the speaker read from a "she said" that the sentence before ties to no one: a guess
    speaker_guessed: bool = False


# A word as written, its case kept: names are looked for in a headline so (`Seed.query`).
_WRITTEN_WORD = re.compile(r"\w+")


@dataclass
class Seed:
    """A seed article read into its headline, body and claims."""

    title: str
    body: str
    claims: list[Claim]
    # what the reading left out and why, for the user (`SEED_CLAIMS`)
    notes: list[str] = field(default_factory=list)

    def query(self, names: int = 1, words_: int = 2) -> str:
        """A search query from the seed: its most named name (a mention in the headline counts
        two more, one in the lead one more) and the headline's words its body uses most.
        Search pages and aggregators want every word of a query: with one name, not two, they
        find half as much again of the real coverage (`bench/query.py`)."""
        people = People(f"{self.title}. {self.body}")
        counts: dict[str, int] = {}
        for sentence in split_sentences(self.body):
            for name in people.names_in(sentence):
                if name.lower() not in MONTHS and name.lower() not in WEEKDAYS and len(name) > 3:
                    counts[name] = counts.get(name, 0) + 1
        # Named in the headline or the lead, a name is the story's own: the one named most
        # often may be an expert quoted at length whom other outlets never name.
        # (As written: "city" in the lead is no mention of a "City".)
        headline = set(_WRITTEN_WORD.findall(self.title))
        lead = set(_WRITTEN_WORD.findall(" ".join(self.body.split("\n")[:2])))
        for name in counts:
            last = (_WRITTEN_WORD.findall(name) or [""])[-1]
            counts[name] += 2 * (last in headline) + (last in lead)
        chosen: list[str] = []
        for name in sorted(counts, key=lambda n: (-counts[n], -len(n.split()), n)):
            if len(chosen) < names and not any(name in c or c in name for c in chosen):
                chosen.append(name)
        taken = " ".join(chosen).lower()
        body = words(self.body)
        keys = [w for w in dict.fromkeys(words(self.title))
                if w not in STOPWORDS and len(w) > 3 and w not in taken]
        keys.sort(key=lambda w: -body.count(w))
        return " ".join([f'"{n}"' if " " in n else n for n in chosen] + keys[:words_])


def read_seed(text: str) -> Seed:
    """Read a pasted or extracted seed article into its headline, body paragraphs and claims."""
    title, body = _title_and_paragraphs(text)
    claims = claims_from_body(body)
    notes = [f"only the first {SEED_CLAIMS:,} claims are read: the seed holds more "
             f"(claims.SEED_CLAIMS)"] if len(claims) > SEED_CLAIMS else []
    return Seed(title=title, body="\n".join(body), claims=claims[:SEED_CLAIMS], notes=notes)


# Lines of a hard-wrapped text (an e-mail, wire copy, a terminal's paste) are at most this
# long; a text with a longer line has a paragraph a line.
_WRAP_WIDTH = 100
_WRAP_SLACK = 8
_LIST_ITEM = re.compile(r"\s*(?:\d{1,3}[.)]|[*\u2022])\s")


def unwrapped(text: str) -> str:
    """A hard-wrapped plain text with each paragraph on one line again: a line is joined to
    the next where the next line's first word would not have fit on it, or where it stops
    mid-sentence and the next line goes on in lower case or with a figure."""
    lines = [line.rstrip() for line in text.splitlines()]
    width = max(map(len, lines), default=0)
    broken = [_broken_by_wrap(line, following, width)
              for line, following in itertools.pairwise(lines)]
    if width > _WRAP_WIDTH or sum(broken) < 2:
        return text
    out = [lines[0]]
    for was_broken, line in zip(broken, lines[1:], strict=True):
        if not was_broken:
            out.append("\n" + line)
        elif re.search(r"[^\W\d_]-$", out[-1]) and line.lstrip()[:1].isalpha():
            out.append(line.strip())  # a word cut at its hyphen stays one word
        else:
            out.append(" " + line.strip())
    return "".join(out) + "\n"


def _broken_by_wrap(line: str, following: str, width: int) -> bool:
    # (a hand-wrapped line may end a few characters short of the width; a list's numbered or
    # bulleted items start lines of their own)
    if not line.strip() or not following.strip() or _LIST_ITEM.match(following):
        return False
    goes_on = following.lstrip()[0]
    return (len(line) + 1 + len(following.split()[0]) > width - _WRAP_SLACK
            or not (_TERMINAL.search(line) or line.endswith(":"))
            and goes_on.isalnum() and not goes_on.isupper())


def seed_title_and_body(text: str) -> tuple[str, str]:
    """`read_seed`'s headline and body, without reading the claims (a stored story has them)."""
    title, body = _title_and_paragraphs(text)
    return title, "\n".join(body)


def _title_and_paragraphs(text: str) -> tuple[str, list[str]]:
    return _title_and_body([single_quotations_doubled(normalise(p))
                            for p in re.split(r"\n", text) if normalise(p)])


def _title_and_body(paragraphs: list[str]) -> tuple[str, list[str]]:
    title = ""
    body: list[str] = []
    for i, paragraph in enumerate(paragraphs):
        if is_promo(paragraph) or _is_caption(paragraph) or POST_SIGNATURE.search(paragraph) or (
                paragraph.startswith(".@")) or (
                title and not _TERMINAL.search(paragraph) and same_words(paragraph, title)):
            # (".@handle …" opens a post's line, signed in a later paragraph: the post's words)
            continue  # the headline again, without a stop, is no claim either
        # Above the first sentence of the body, a line without a stop is headline matter: the
        # headline, a second wording of it (a page's <title> and its <h1> often differ), a
        # kicker or a standfirst without a stop ("The latest on the storm (times are local):").
        above_body = not body and is_unterminated(paragraph)
        if body and _leads_in(paragraph, paragraphs[i + 1:i + 2]):
            body.append(paragraph)  # "The Avalon Herald reports:": who speaks the next
            continue
        if is_heading(paragraph, last=i == len(paragraphs) - 1) or above_body or (
                not title and not body and i < HEADLINE_MATTER
                and _repeated_below(paragraph, paragraphs[i + 1:])):
            if not title and len(paragraph.split()) > 3:
                title = paragraph
            continue
        body.append(paragraph)
    return title or (body[0][:120] if body else ""), body


# A page's headline matter (headlines, kicker, standfirst) is in its first paragraphs; looking
# for a headline repeated below from every paragraph of a page that never starts its body
# (hostile: lead-ins, quotations) would read the page again a paragraph.
HEADLINE_MATTER = 10


def _leads_in(paragraph: str, after: list[str]) -> bool:
    """A short paragraph ending in a colon before one that opens with a quotation ("Ruiz
    tweeted:", "The Avalon Herald reports:"): it tells who speaks the quotation, not a heading."""
    return paragraph.endswith(":") and len(paragraph.split()) <= 14 and bool(after) and (
        after[0][:1] in "\"\u201c") and bool(
            _SPEECH.search(paragraph) or _TELLS_ITS_TEXT.search(paragraph)
            or paragraph[:-1].rstrip().endswith("words"))  # "In Justice Ruiz's words:"


def _is_caption(paragraph: str) -> bool:
    """A photo's caption, a paragraph of its own: not a claim."""
    if _PHOTO.search(paragraph) or _BRACKETED_CREDIT.search(paragraph):
        return True
    picture = _PHOTO_CREDIT.sub("", paragraph)
    return bool(_CAPTION_DATE.search(picture) or _IN_PHOTO.search(picture)) and len(
        split_sentences(picture)) == 1


def reports_speech(sentence: str) -> bool:
    """A sentence that says someone said something ("said", "told", "according to")."""
    return bool(_SPEECH.search(unquoted(sentence)))


def states_nothing(sentence: str) -> bool:
    """A question, or a link to another story: no claim, and no support for one."""
    return is_question(sentence) or bool(_LINK.search(sentence))


def _repeated_below(paragraph: str, below: list[str]) -> bool:
    """A headline written as a sentence, which the body then repeats: the same words again."""
    return len(split_sentences(paragraph)) == 1 and any(
        same_words(paragraph, sentence) for p in below for sentence in split_sentences(p))


def same_words(a: str, b: str) -> bool:
    """Two texts in nearly the same words (typography, case and punctuation aside)."""
    return fuzz.ratio(utils.default_process(a), utils.default_process(b)) >= SAME_WORDS


def is_heading(paragraph: str, last: bool = False) -> bool:
    """A section label, headline or sub-heading: short and without closing punctuation."""
    n_words = len(paragraph.split())
    if _TERMINAL.search(paragraph):
        return False
    return n_words <= 14 or (not last and n_words <= 20 and paragraph.istitle())


def is_shouted(sentence: str) -> bool:
    """A line of four words or more in capitals only: over real coverage, a link to another
    story ("STORM SURGES: WHAT ARE THEY?"), a heading or a prompt, never the story's own
    sentence (900 such lines in the 3,277 news-events texts, 801 of them one outlet's links)."""
    return not _LOWER.search(sentence) and len(sentence.split()) >= 4 and bool(
        _UPPER.search(sentence))


_LOWER, _UPPER = re.compile(r"[^\W\d_A-Z]"), re.compile(r"[A-Z]")


def is_unterminated(sentence: str) -> bool:
    """A line without a stop, no longer than a headline (HEADLINE_WORDS): a headline, a photo
    credit, a row of a table, a run of links or an embedded post's text, not a sentence."""
    return not _TERMINAL.search(sentence) and len(sentence.split()) <= HEADLINE_WORDS


def is_promo(paragraph: str) -> bool:
    """A promotional, copyright or credit line ("This article was first published by ...")."""
    return bool(_PROMO.search(paragraph)) or _credits_writers(paragraph)


# "Reporters Ana Ruiz and Ivo Berg contributed (reporting)": the writers named in the stretch
# without a full stop that ends with "contributed". Read from that end: a pattern from each
# "writers" to the paragraph's end read a long paragraph again from each (quadratic).
_CONTRIBUTED_END = re.compile(r"\bcontributed(?:\s+reporting)?\W*$", re.IGNORECASE)
_WRITERS_NAMED = re.compile(r"\b(?:writers?|reporters?|correspondents?)\s+[A-Z]", re.IGNORECASE)


def _credits_writers(paragraph: str) -> bool:
    end = _CONTRIBUTED_END.search(paragraph)
    if end is None:
        return False
    starts = paragraph.rfind(".", 0, end.start()) + 1
    return _WRITERS_NAMED.search(paragraph, starts, end.start()) is not None


def claims_from_body(paragraphs: list[str]) -> list[Claim]:
    """Every statement and quotation of the body paragraphs, in reading order."""
    sentences: list[str] = []
    openings: set[int] = set()  # the sentences opening a paragraph, by their place
    for p in paragraphs:
        openings.add(len(sentences))
        sentences += [s for s in split_sentences(
            _SIGNPOST.sub("", _DATELINE.sub("", p, count=1), 1)) if not _CAPTION_OPENING.search(s)]
    # (one sentence a line: a name ending a line without a stop, "… - President Kask", is not
    # read on into the next line's first word, "Kask Shortly")
    people = People("\n".join(sentences))
    claims: list[Claim] = []
    for i, sentence in enumerate(sentences):
        # A quotation that runs on into the next paragraph leaves its closing mark off: read
        # as closed, it is its speaker's words (not the writer's statement).
        read = _closed(sentence)
        quotes = quotations(read)
        if not quotes and _leads_in(sentence, sentences[i + 1:i + 2]):  # who speaks next
            people.read(sentence)
            continue
        speaker = people.speaker(read) if quotes else None
        if read is not sentence and i in openings:
            # opening its paragraph, whose it is may be told only where the quotation closes,
            # paragraphs on ("…," said Kask), not by who spoke before: no one's, not the wrong
            # one's (after '“…,” Lund said.' in its own paragraph it goes on as hers)
            speaker = None
        # What the sentence says outside its quotations is read once, not once a quotation (a
        # sentence of 3,000 quotations: 14 s for 93 KB, quadratic).
        said = _said_outside(read) if quotes else False
        own = [q for q in quotes if _quotation_claim(q, said, speaker)]
        # A "she said" the sentence before does not tie to one person is a guess from earlier
        # text: shown, but another person named for the words is no conflict (`conflicts`).
        guessed = people.guessed if speaker else False
        names = people.names_in(sentence)
        facts = {"numbers": [n.as_dict() for n in numbers(sentence)], "names": names}
        if (_states_something(read, quotes, own) and not states_nothing(sentence)
                and not (own and _attribution_only(read, speaker))):
            claims.append(Claim(0, sentence, "statement", sentence,
                                speaker=speaker, speaker_guessed=guessed, quotes=quotes,
                                **facts))
        for quote in own:
            claims.append(Claim(0, quote, "quote", sentence, speaker=speaker,
                                speaker_guessed=guessed,
                                quotes=[quote], numbers=[n.as_dict() for n in numbers(quote)],
                                names=people.names_in(quote)))
        people.read(sentence)
    kept: list[Claim] = []
    told = _Told()
    for claim in _without_repeats(claims):
        if told.add(claim.text):
            claim.position = len(kept) + 1
            kept.append(claim)
            if len(kept) > SEED_CLAIMS:  # one more than are read: the seed holds more
                break
    return kept


# The words of a claim as compared for a repeat: stemmed, articles aside ("31-19" and "31 to 19"
# both hold 31 then 19).
_ARTICLES = frozenset({"a", "an", "the"})
# A claim this short (words, articles aside) is never read as another's repeat: a few words
# stand in order inside many sentences that say something else.
REPEAT_MIN_WORDS = 4
REPEAT_LOOKS = 20
# Words the longer quotation's stretch may hold besides the shorter's: none (one word more is
# often another fact: "won the vote", "'s rival won the vote"; review57a).
REPEAT_OTHER_WORDS = 0
# Where a stretch is looked for: a hostile seed's long claims are not read word by word from
# each place their first word stands.
REPEAT_STARTS = 40

# Words that make the longer claim say another thing than the shorter it holds, when the
# shorter lacks them (stems): a denial, a hedge, a condition, a contrast (`NEGATIONS`,
# `HEDGES`), a doubt ("few believe the bridge will reopen", "the bridge will reopen, the owners
# claim"), or another time ("the ferry carried cars until 2019", "two years ago").
_SAYS_OTHERWISE = frozenset(map(stem, (
    *NEGATIONS, *HEDGES, "deny", "denies", "denied", "doubt", "doubts", "false", "untrue",
    "wrong", "whether", "believe", "believes", "think", "thinks", "hope", "hopes", "expect",
    "expects", "claim", "claims", "alleged", "allegedly", "reportedly", "may", "could", "would",
    "should", "suggest", "suggests", "unlikely", "likely", "possible", "unclear", "uncertain",
    "dispute", "disputes", "reject", "rejects", "fear", "fears", "rumour", "rumor", "unless",
    *DATING_WORDS, "ago", "since", "until", "till", "before", "after", "earlier", "later", "then",
    "now", "day", "days", "hour", "hours", "decade", "decades", "century", "soon", "once")))
# A year: "until 2019" is another time than the shorter claim's.
_YEAR = re.compile(r"1[89]\d\d|20\d\d")


def _repeat_words(text: str) -> list[str]:
    return [stem(w) for w in words(text) if w not in _ARTICLES]


@lru_cache(maxsize=64)
def _sentence_context(sentence: str) -> frozenset[str]:
    """A sentence's years and words of time or doubt (`_Read.context`), read once however many
    of its quotations ask (one sentence of thousands of quotations was read again for each)."""
    around = set(_repeat_words(sentence))
    return frozenset(_SAYS_OTHERWISE.intersection(around) | {
        w for w in around if _YEAR.fullmatch(w)})


class _Read:
    """A claim as `_without_repeats` compares it, read once however many claims ask: a pair's
    tests then cost the shorter claim's length, not the longer's (a hostile seed's one huge
    claim holding thousands of short ones)."""

    def __init__(self, claim: Claim) -> None:
        self.claim = claim
        self.words = _repeat_words(claim.text)
        self.tokens = set(self.words)
        self.values = {n["value"] for n in claim.numbers}
        self.otherwise = _SAYS_OTHERWISE.intersection(self.tokens)
        self.years = {w for w in self.tokens if _YEAR.fullmatch(w)}
        # its sentence's years and words of time or doubt, the attribution's too
        self.context = _sentence_context(claim.sentence)
        self._at: dict[str, list[int]] | None = None

    def at(self, word: str) -> list[int]:
        """Where `word` stands among the claim's words."""
        if self._at is None:
            self._at = {}
            for k, w in enumerate(self.words):
                self._at.setdefault(w, []).append(k)
        return self._at.get(word, [])


def _inside(small: list[str], big: _Read) -> bool:
    """`small`'s words in order in one stretch of `big`'s with at most `REPEAT_OTHER_WORDS`
    other words in it: the shorter claim told again within the longer, not words scattered
    over it. Looked for from the first `REPEAT_STARTS` places of `small`'s first word."""
    b = big.words
    for start in big.at(small[0])[:REPEAT_STARTS]:
        k, end, others = 1, start + 1, 0
        while k < len(small) and end < len(b) and others <= REPEAT_OTHER_WORDS:
            if b[end] == small[k]:
                k += 1
            else:
                others += 1
            end += 1
        if k == len(small) and others <= REPEAT_OTHER_WORDS:
            return True
    return False


def _without_repeats(claims: list[Claim]) -> list[Claim]:
    """The claims less a fragment of a quotation that the same person's longer quotation holds
    word for word ("a gift to the harbour towns" and "…, and it is a gift to the harbour
    towns"), and less a sentence the page prints again with a credit, caption or headline
    glued to it (`_glued`: the clean one is kept). One fact, one claim: an outlet is not
    counted twice for leaving it out. Never dropped (`_repeat_of`, after review57a): a
    statement inside a longer statement (one word more is often another fact), a quotation
    whose speaker is another, nobody or a guess, nor one whose sentence gives a year or a
    word of time, doubt or condition that the longer's lacks, nor a claim with a number the
    longer lacks."""
    read = [_Read(c) for c in claims]
    having: dict[str, list[int]] = {}
    for i, r in enumerate(read):
        for token in r.tokens:
            having.setdefault(token, []).append(i)
    dropped: set[int] = set()

    def looked_at(i: int):
        # Looked for among the claims with its rarest word, at most REPEAT_LOOKS of them: a
        # seed of thousands of claims in a few words is read in linear time.
        small = read[i]
        if len(small.words) < REPEAT_MIN_WORDS or i in dropped:
            return ()
        rarest = min(small.tokens, key=lambda t: len(having[t]))
        return (j for j in itertools.islice(having[rarest], REPEAT_LOOKS)
                if j != i and j not in dropped and len(read[j].words) > len(small.words))

    for i, claim in enumerate(claims):  # first the glued twins: the clean one is kept
        if claim.kind == "statement":
            dropped.update([j for j in looked_at(i) if read[i].tokens <= read[j].tokens
                            and _glued(claim, claims[j])][:1])
    for i in range(len(claims)):
        for j in looked_at(i):
            if not _repeat_of(read[i], read[j]):
                continue
            dropped.add(i)
            break
    return [c for i, c in enumerate(claims) if i not in dropped]


def _repeat_of(small_read: _Read, big_read: _Read) -> bool:
    """`small` is `big` told again, or a part of it: see `_without_repeats`."""
    small, big = small_read.claim, big_read.claim
    if small.sentence == big.sentence or len(small_read.words) >= len(big_read.words):
        return False
    # Only a fragment of a quotation quoted again whole by the same person, read as theirs both
    # times (review57a: a statement inside a longer one is too often another fact, one word
    # apart; a speaker passed to a quotation of nobody's gave a crowd's words a name).
    if not (small.kind == big.kind == "quote" and small.speaker == big.speaker is not None
            and not small.speaker_guessed and not big.speaker_guessed):
        return False
    if small_read.context ^ big_read.context:
        return False  # "In 2019 Lund promised: …" against Monday's; "Lund denied saying: …"
    s_set = small_read.tokens
    return (small_read.values <= big_read.values and s_set <= big_read.tokens
            and not big_read.otherwise - s_set and not big_read.years - s_set
            and _inside(small_read.words, big_read))


# A sentence's stop inside a text (a stop then a space: not "3.5"), and a headline's end: a word
# or a bracket, then the space before the glued sentence.
_STOP_THEN_SPACE = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s")
_ENDS_ON_WORD = re.compile(r"[\w)]\s+$")
# What a caption, credit or headline glued to a sentence may add to it, at most (characters).
GLUE_CHARS = 300
# A bracket closing a sentence that holds a credit's slash ("[File: Ivo Berg/Harbour Press]").
_CREDIT_IN_BRACKETS = re.compile(r"\s*[\[(][^\[\]()]{0,80}/[^\[\]()]{0,80}[\])]\s*")


def _glued(small: Claim, big: Claim) -> bool:
    """Whether `big` is the sentence `small` with a credit, caption or headline glued before
    or after it (a page printing a picture's caption and a story's first line into one
    "sentence"): `small` whole inside `big`'s text, and what is around it a credit, a
    headline before it (no stop, then `small`'s first word, which opens a sentence: "The",
    "About", not a name that a longer sentence may hold: "US President Ada Lund ..."), or
    after a "|" a credit or a headline (no sentence: `_AFTER_BAR`)."""
    if (big.kind != "statement" or small.sentence == big.sentence
            or len(big.text) > len(small.text) + GLUE_CHARS):
        return False
    core = small.text.rstrip(_STOPS_AND_CLOSERS)
    at = big.text.find(core)
    if at < 0 or not core:
        return False
    before, after = big.text[:at], big.text[at + len(core):].lstrip(_STOPS_AND_CLOSERS)
    return _glued_before(before, core) and _glued_after(after) and bool(
        before.strip() or after.strip())


_STOPS_AND_CLOSERS = ".!?\"'\u201d\u2019 "


def _glued_before(before: str, core: str) -> bool:
    if not before.strip() or not without_credits(before).strip(" |()[]"):
        return True
    if before.rstrip().endswith("|"):  # a credit or headline before it, not a sentence
        return not _TERMINAL.search(before.rstrip(" |"))  # (review57c)
    first, head = core.split()[0], before.rsplit("|", 1)[-1]
    return (first[0].isupper() and first.lower() in STOPWORDS and len(head.split()) <= 25
            and head.strip()[:1].isupper() and not _STOP_THEN_SPACE.search(head)
            and bool(_ENDS_ON_WORD.search(head)))


# After a "|", a credit, a site's name or a headline: capitalised, no stop at its end (not "|
# the pool will close in June", review57a).
_AFTER_BAR = re.compile(r"\s*\|\s*[A-Z][^|]{0,200}?(?<![.!?])\s*")


def _glued_after(after: str) -> bool:
    return (not after.strip() or _AFTER_BAR.fullmatch(after)
            or not without_credits(after).strip(" |()[]")
            or bool(_CREDIT_IN_BRACKETS.fullmatch(after)))


# A sentence opening on a quotation mark with no other mark after it (straight or curly).
_OPEN_QUOTATION = re.compile(r'\s*(?:"|\u201c)[^"\u201c\u201d]*')
_CLOSING = {'"': '"', "\u201c": "\u201d"}


def _closed(sentence: str) -> str:
    """The sentence with its quotation closed at its end when it opens on a quotation mark and
    has no other: the convention for a quotation that runs on into the next paragraph, whose
    sentences open on the mark and never close it. Any other sentence as it is."""
    if not _OPEN_QUOTATION.fullmatch(sentence):
        return sentence
    return sentence.rstrip() + _CLOSING[sentence.lstrip()[0]]


class _Told:
    """The claims kept so far, for telling whether a claim in nearly the same words
    (`same_words`) is already there: one claim, told once. Each text is prepared for the
    comparison once, not once a pair, and compared with the kept texts in one call of
    rapidfuzz's (`process.extractOne`), only those of a length that can come within
    `SAME_WORDS` of it (a ratio counts at least the difference in length as edits); first with
    the last `TOLD_LOOKS` kept that hold its rarest word among them, where a near copy is
    found, at once. A seed of thousands of kept claims in a few words was read pair by pair in
    Python: minutes a MB."""

    def __init__(self) -> None:
        self._texts: list[str] = []
        self._by_length: dict[int, list[str]] = {}
        self._seen: set[str] = set()
        self._having: dict[str, list[str]] = {}  # the kept texts holding each word

    def add(self, text: str) -> bool:
        """Keep `text` unless a kept text is in nearly the same words: whether it was kept."""
        prepared = utils.default_process(text)
        if prepared in self._seen:  # the same words again
            return False
        if not prepared:  # (rapidfuzz scores two empty texts 100: compared the old way)
            if any(fuzz.ratio(t, prepared) >= SAME_WORDS for t in self._texts):
                return False
        else:
            n = len(prepared)
            # ratio = 100 (1 - edits / (n + m)) and edits >= |n - m|: beyond these lengths
            # no ratio reaches SAME_WORDS (one more each side, for rounding).
            reach = 1 - SAME_WORDS / 100
            low = int(n * (1 - reach) / (1 + reach)) - 1
            high = int(n * (1 + reach) / (1 - reach)) + 1
            near: list[str] = []
            for m in range(max(low, 0), high + 1):
                near += self._by_length.get(m, ())
            held = [self._having[w] for w in set(prepared.split()) if w in self._having]
            likely = min(held, key=len)[-TOLD_LOOKS:] if held else []
            for texts in (likely, near):
                best = process.extractOne(prepared, texts, scorer=fuzz.ratio, processor=None,
                                          score_cutoff=SAME_WORDS - 0.5)
                if best is not None and fuzz.ratio(best[0], prepared) >= SAME_WORDS:
                    return False
        self._texts.append(prepared)
        self._seen.add(prepared)
        for word in set(prepared.split()):
            self._having.setdefault(word, []).append(prepared)
        self._by_length.setdefault(len(prepared), []).append(prepared)
        return True


# Words after a quotation that go on to say something of their own ("…,” said the union, which
# represents 3,200 dockworkers; "…,” she said, adding that …).
_GOES_ON = frozenset({"who", "which", "whose", "that", "adding", "saying", "noting", "after",
                      "before", "because", "while", "as", "when", "where", "but", "although"})


# Whom the words were told to, also who said them: "told the Harbour Gazette", "told reporters".
_TOLD_WHOM = re.compile(r"\btold\s+(?:(?:the|a|an)\s+)?(?:reporters|journalists|"
                        r"[A-Z][\w.'&\u2019-]*(?:\s+[A-Z][\w.'&\u2019-]*)*)")


# Who speaks, then a colon or comma and the one quotation ending the sentence: "The union
# said on Monday: “…”", the verb of speech at most `_SAID_TAIL` words before the colon (not
# "Ruiz said it was a day of grief for the town: “…”", which tells something itself).
_SAID_THEN_QUOTATION = re.compile(r"([^\u2026]*)[:,]\s*\u2026\W*")
_SAID_TAIL = 6
_TOLD_OWN_FACT = frozenset({"and", "is", "are", "was", "were", "will", "would", "has", "have",
                            "had"})
_REPORTED_CLAUSE = frozenset({"that", "he", "she", "they", "it", "we", "i", "there", "his", "her",
                              "their", "its"})
# Words before the verb that say the words were not said, or not so, or only on a condition
# ("Ruiz falsely told reporters:", "If the vote fails, Ruiz added:", "The papers allegedly say:").
_TOLD_HEDGED = NEGATIONS | {"if", "unless", "allegedly", "reportedly", "falsely", "wrongly",
                            "supposedly", "purportedly", "mistakenly"}
# Verbs of speech that also take an object ("announced Berg's sacking, posting:"): after them
# only whom, where or when the words were told ("announced on Monday:").
_TAKES_AN_OBJECT = frozenset({*TELLING_VERBS, "called", "described", "urged", "urges", "vowed",
                              "promised", "highlighted"})
_NOT_AN_OBJECT = frozenset({"on", "in", "at", "to", "via", "during", "after", "before", "late",
                            "early", "earlier", "later", "this", "last", "from", "with", "for",
                            "about", "online", "today", "yesterday", "tonight", "again", "also",
                            *WEEKDAYS})


def _attribution_only(sentence: str, speaker: str | None) -> bool:
    """A sentence that only says who said its quotation, after it ("“…,” said Dr. Helen
    Okafor, the county's chief medical officer.") or before it ("Ada Lund told reporters on
    Monday: “…”"): its quotation is its one claim."""
    if not quotations(sentence) or normalise(sentence)[:1] not in "\"\u201c" and not (
            _said_just_before(unquoted(sentence, " \u2026 "))):
        return False
    outside = words(_SPEECH.sub(" ", _TOLD_WHOM.sub(" ", unquoted(sentence))))
    named = set(words(speaker or ""))
    rest = [w for w in outside if w not in STOPWORDS and w not in _TITLES and w not in _RANKS
            and w not in named]
    return len(rest) <= 4 and not _GOES_ON.intersection(outside)


def _said_just_before(outside: str) -> bool:
    """Whether a sentence's words (`unquoted`) end in its one quotation just after its verb
    of speech and whom or where the words were told ("told Fox News on Monday:")."""
    m = _SAID_THEN_QUOTATION.fullmatch(outside)
    said = m and list(_SPEECH.finditer(m.group(1)))
    if not said or len(said) > 1:  # "Ruiz said the plan is ready and told Berg: “…”"
        return False
    tail = words(m.group(1)[said[0].end():])
    # (not "Ruiz said she had been threatened:", what was said in the writer's words, nor
    # "Ruiz denied the charge and tweeted:", "The plan is late, Ruiz added:", facts of its own;
    # a first "And" and a "has" before the verb aside)
    before = words(m.group(1)[:said[0].start()])
    told = before[before[:1] == ["and"]:len(before) - (before[-1:] in (["has"], ["had"]))]
    if (before and said[0].group(0).lower() in _TAKES_AN_OBJECT and tail
            and tail[0] not in _NOT_AN_OBJECT):  # (not "Wrote Ada Lund:", its speaker after it)
        return False
    hedged = {w for k, w in enumerate(before) if w in _TOLD_HEDGED and not (
        w == "if" and before[k - 1:k] == ["asked"])}  # ("Asked if …, Ruiz said:" only asks)
    return len(tail) <= _SAID_TAIL and not (tail and tail[0] in _REPORTED_CLAUSE) and not (
        _TOLD_OWN_FACT.intersection(told + tail)) and not hedged


def _states_something(sentence: str, quotes: list[str], own: list[str]) -> bool:
    """Five words of three letters or more, or numbers, outside the quotations that are claims
    of their own: a short quotation ("is “always fatal”, says the agency") is part of the
    statement. A number makes a short sentence specific ("The firm employs 3,200 people.")."""
    outside = _SPEECH.sub(" ", " ".join([unquoted(sentence), *(q for q in quotes if q not in own)]))
    return len([w for w in words(outside) if len(w) > 2 or w[0].isdigit()]) >= 5


def is_question(sentence: str) -> bool:
    """A question in the writer's own words (a sub-heading such as "What happens next?", a
    rhetorical question): it states nothing to check. A quoted question is reported speech."""
    return unquoted(sentence).rstrip(" \"'\u2019)]").endswith("?")


def _quotation_claim(quote: str, said: bool, speaker: str | None) -> bool:
    """Whether a quotation is a claim of its own: three words or more, and, when its sentence
    neither names who said it nor says that someone said it (nor is all quotation, a speaker's
    words going on: `said`, as `_said_outside` reads the sentence), a sentence's worth
    (TERM_WORDS): such a short quotation is a term or a name in quotation marks (a condition
    "called “…”", a nickname, scare quotes), which its sentence's statement carries. A title in
    quotation marks is no one's words either."""
    n = len(quote.split())
    return n >= MIN_QUOTE_WORDS and not names_a_work(quote) and not _a_title(quote) and (
        speaker is not None or n >= TERM_WORDS or said)


def _said_outside(sentence: str) -> bool:
    """Whether the sentence, outside its quotations, says that someone said something (not a
    name given: "is called"), or is all quotation (a speaker's words going on)."""
    outside = unquoted(sentence)
    return bool(_SPEECH.search(_NAMING.sub(" ", outside))) or not words(outside)


# Words a title leaves in lower case: "Meet the Press", "Medicare for All", "Fox & Friends".
_TITLE_SMALL_WORDS = frozenset("a an and & at by for in of on or the to vs vs. with".split())


def _a_title(quote: str) -> bool:
    """A short quotation in title case: a show's, a book's or a programme's name ("Meet the
    Press", "Green New Deal", "Fox & Friends"), not someone's words."""
    words = [w.strip("\"'\u201c\u201d\u2018\u2019(),.?!:") for w in quote.split()]
    words = [w for w in words if _LETTER.search(w)]
    capitalised = [w for w in words if w[:1].isupper()]
    return (0 < len(words) <= 6 and len(capitalised) >= 2 and not all(
        w.isupper() for w in capitalised)
        and all(w[:1].isupper() or w.lower() in _TITLE_SMALL_WORDS for w in words))


# "is called", "what's called", "so-called": a name given, not words said.
_NAMING = re.compile(r"(?:\b(?:is|are|was|were|be|been|being)\s+|['\u2019]s\s+|\bso-)"
                     r"(?:often\s+|also\s+|now\s+|sometimes\s+)?called\b", re.IGNORECASE)


# "the Bishop", "The King": a capitalised word after "the" names an office or a thing.
_THE_CAPITALISED = re.compile(r"\b[Tt]he\s+([A-Z][\w-]*)")


def _is_title_word(word: str) -> bool:
    """A word `_clean_name` cuts off a name as a title or rank ("Rep.", "Bishop", "Judge")."""
    return word.lower().strip(".") in _TITLES or word.lower() in _RANKS


def _titles_before_name(tokens: list[str]) -> list[int]:
    """Where the words of `_TITLES` stand in a name's words, but a family name that is one
    ("Rep. Ana King" is titled "Rep.", not a king, and no "he"), as `_clean_name` keeps it."""
    titled = [i for i, t in enumerate(tokens) if t.lower().strip(".") in _TITLES]
    if len(titled) > 1 and titled[-1] == len(tokens) - 1 and len(tokens) - titled[-2] > 2:
        titled.pop()
    return titled


# A possessive's or a contraction's mark: "'s" ("Ruiz's"), a lone apostrophe ending a word
# ("Jones' plan"), "I'm", "We'll"; not one inside a name ("O'Dell", "D'Souza", "Ra'ad").
_POSSESSIVE = re.compile(r"['\u2019](?:(?i:s|m|ll|re|ve|d|t)\b|(?![^\W\d_]))\s*")


def _split_possessives(raw: str) -> list[str]:
    return [part for part in _POSSESSIVE.split(raw) if part.strip()]


def _clean_name(raw: str) -> str:
    """A name without titles, connecting words or trailing dots ("President Claudia Sheinbaum.")."""
    # (words dropped by moving where the name starts or ends, not by copying what is left
    # for each word: a long run of capitals, "The The …", was copied again for each)
    tokens = raw.replace("\u2019", "'").rstrip(".'").split()
    end = len(tokens)
    while end > 2 and tokens[end - 1] in _AFTER_NAME:  # "Ada Lund MP", not "One MP"
        end -= 1
    tokens = tokens[:end]
    titled = [i for i, t in enumerate(tokens) if t.lower().strip(".") in _TITLES
              or t.lower() in _RANKS]
    # A title word that ends the name is the name's ("Prime Minister John Major"), unless
    # nothing of two words would be left ("Attorney General" names no one).
    while len(titled) > 1 and titled[-1] == len(tokens) - 1 and len(tokens) - titled[-2] > 2:
        titled.pop()
    if titled:
        tokens = tokens[titled[-1] + 1:]
        if tokens[:1] == ["of"]:  # "Secretary of State Ada Lund": the office, then the name
            tokens = _name_after_office(tokens[1:])
    start, end = 0, len(tokens)
    while start < end and (tokens[start] in NOT_NAMES or tokens[start].islower()
                           or _time_then_name(tokens, start)):
        start += 2 if _time_then_name(tokens, start) else 1
    while end > start and tokens[end - 1].islower():
        end -= 1
    return " ".join(tokens[start:end])


_AFTER_NAME = frozenset({"MP", "MEP"})  # letters written after a name, titles all the same
_TITLE_ABBREVIATIONS = frozenset(t.lower() for t in TITLE_ABBREVIATIONS)
# Words of kin that tell the gender of the person they describe: "His wife, Ana Ruiz, said".
_KIN = {**dict.fromkeys("wife mother daughter sister widow girlfriend grandmother aunt niece"
                        .split(), "f"),
        **dict.fromkeys("husband father son brother widower boyfriend grandfather uncle nephew"
                        .split(), "m")}
# Words between "former" and a title that make it another noun's: "a former aide to President …"
_LINKING = frozenset({"to", "of", "for", "at", "with", "under", "in", "and"})
# Words before a month or a day that make it a time, not a given name ("In May Ruiz said",
# "On Monday Ruiz told"): the name is the words after it.
_TIME_BEFORE = frozenset({"in", "on", "since", "until", "by", "early", "late", "earlier",
                          "later", "last", "this", "next"})


# A given name, then a month written as a family name ("Theresa May", "Vera March"); not a
# word of time or a preposition before it ("Last May", "Through March"), nor a date ("May 4").
_GIVEN_THEN_MONTH = re.compile(r"\b([A-Z][a-z]+)[ \t]+("
                               + "|".join(m.capitalize() for m in MONTHS) + r")\b(?![ \t]*\d)")
_NOT_GIVEN = _TIME_BEFORE | STOPWORDS | WEEKDAYS | MONTHS.keys() | {
    "through", "throughout", "during", "around", "between", "within", "toward", "towards",
    "till", "til", "every", "past", "mid", "beginning", "starting", "ending", "including"}


def _months_as_names(text: str) -> set[str]:
    """The months `text` writes as someone's family name after a given name ("Theresa May"):
    there, "May said" is that person speaking, not a date."""
    return {m.group(2).lower() for m in _GIVEN_THEN_MONTH.finditer(text)
            if m.group(1) not in NOT_NAMES and m.group(1).lower() not in _NOT_GIVEN}


def _time_then_name(tokens: list[str], start: int = 0) -> bool:
    """Whether `tokens` (from `start`) open with a word of time before a month or a day, then
    more words: "In May Ruiz", "on Monday Ruiz" (not "June Ruiz", nor "In May" alone)."""
    return len(tokens) - start > 2 and tokens[start].lower() in _TIME_BEFORE and (
        tokens[start + 1].lower() in MONTHS or tokens[start + 1].lower() in WEEKDAYS)


def _name_after_office(tokens: list[str]) -> list[str]:
    """The person's name at the end of an office's words ("Veterans Affairs Ada K. Lund"): its
    last two words, with an initial or a generational suffix among them not counted. None
    after a place written with "the" alone ("of the United States", "of the Joint Chiefs of
    Staff")."""
    keep = 2 + sum(1 for t in tokens[-3:] if re.fullmatch(r"(?:[A-Z]\.)+", t)
                   or t.lower().strip(".") in NAME_SUFFIXES)
    if tokens[:1] == ["the"] and (len(tokens) <= keep + 1 or any(
            t.islower() for t in tokens[-keep:])):
        return []
    return tokens[-keep:]


def _office_to(before: list[str]) -> bool:
    """Words before a name that end in an office held to a place ("ambassador to", "envoy
    to"): the name's first words are that place's. ("A spokesman for" names an employer, whose
    name is no place's: "for" is left out.)"""
    return len(before) > 1 and before[-1] == "to" and (
        before[-2].strip(".,") in _TITLES or before[-2] in _RANKS)


def _said_before(before: str, after: str) -> bool:
    """A speech verb, then at most three words of a role ("lead investigator"), just before;
    unless a verb follows the name: "said Ana Ruiz was late" reports what Ana Ruiz did."""
    m = _SAID_BEFORE.search(before)
    return bool(m) and not any(w in STOPWORDS for w in m.group(1).split()) and not (
        _REPORTED.match(after))


# "said the storm was", "said Ana Ruiz had": a name followed by a verb is the subject of what
# was said, not the one who said it.
_REPORTED = re.compile(r"\s+(?:is|was|were|are|has|had|have|will|would|could|can|should|"
                       r"may|might|must|did|does|do|remains|remained)\b")
# "Ana Ruiz, the port's director, said": a name, a description set off by commas, then the verb.
_APPOSITION_THEN_SAID = re.compile(r",[^,.;\"\u201c\u201d]{1,80},\s*" + _SPEECH.pattern,
                                   re.IGNORECASE)
# "Ana Ruiz, who served under mayors Lund, Berg and Haddad, said": a clause about the name, its
# commas and all, then the verb (read up to `_CLAUSE_REACH` characters after the name).
# Not past a second subject joined to the first ("Lena Holt, who died on Sunday, and her
# brother, Omar Holt, said": his words, `_SECOND_SUBJECT`).
# (a person set off by commas after it: not a list's last item, "…, Ida Berg, and the whole
# crew, said")
_SECOND_SUBJECT = (r",\s+and\s+(?:his|her|its|their|the|a|an)\s[^,.;]{1,60},\s*[A-Z][\w'\u2019-]*"
                   r"(?:\s+[A-Z][\w'\u2019-]*){0,3},")
_CLAUSE_ABOUT_THEN_SAID = re.compile(r",\s*(?:who|whose|whom)\b(?:(?!" + _SECOND_SUBJECT
                                     + r")[^.;\"\u201c\u201d]){1,200}?,\s*"
                                     r"(?:(?:has|had|also|later|then)\s+)?(?!according)"
                                     + SPEECH_VERBS + r"\b")
_CLAUSE_REACH = 250
# Before a name, what makes it a place or a source, not the verb's subject: "Ivo Berg, 76, of
# Tarn, who …, said", "According to reporter Ivo Berg, who …, the mayor said".
_NOT_THE_SUBJECT_BEFORE = re.compile(r"\b(?:of|from|in|at|near|according\s+to\b[^.;,]*)\s*$",
                                     re.IGNORECASE)


def _clause_about_then_said(text: str, m: re.Match) -> bool:
    """Whether the name at `m` is the subject of a verb of speech after a clause about it
    (`_CLAUSE_ABOUT_THEN_SAID`)."""
    return bool(_CLAUSE_ABOUT_THEN_SAID.match(text, m.end(), m.end() + _CLAUSE_REACH)
                and not _NOT_THE_SUBJECT_BEFORE.search(text, max(0, m.start() - 60), m.start()))
# "His wife, Ana Ruiz, said", "One eyewitness, Ana Ruiz, has said": a name set off by commas
# after what describes it, then the verb.
# after a common noun ("wife, ", "lawyer, "), not a place's or a person's name ("Manchester,
# New Hampshire, he said", "Ada Lund, R-Texas, said").
_DESCRIPTION_BEFORE = re.compile(r"\b[a-z][a-z'\u2019-]*, $")
# "The mayor of Dunmore, Ivo Kask, said": a role of a place or body named, then the name.
_WHOSE_ROLE_BEFORE = re.compile(r"\b[a-z][a-z'\u2019-]*\s+of\s+(?:the\s+)?[A-Z][\w.'\u2019&-]*"
                                r"(?:\s+(?:of\s+)?[A-Z][\w.'\u2019&-]*){0,4},\s*$")
_SET_OFF_THEN_SAID = re.compile(r",\s*(?:(?:has|had|also|later|then)\s+)?(?!according)"
                                + SPEECH_VERBS + r"\b")
# "Will Osei, chairman of the Traders Guild, asked": a name, then its role between commas.
_APPOSITION = re.compile(r",\s+((?:the\s+|an?\s+)?(?:[\w'\u2019-]+\s+)?[\w'\u2019-]+)"
                         r"[^,.;\"\u201c\u201d]{0,70},")


# "Lena Moritz lost her son in the fire but said that": the subject's own clause of lower-case
# words, then "and" or "but" and the verb; with no comma, the verb has no other subject.
# A role set off by commas may come first ("Ada Lund, wife of the harbour master, lost …"),
# and a thing's name set off by commas inside ("lost her 12-metre boat, Swift, in the storm").
_CLAUSE_WORDS = r"[a-z][a-z0-9'\u2019 -]{0,80}?"
_CLAUSE_THEN_SAID = re.compile(r"(?:,\s+[a-z][^,.;\"\u201c\u201d]{0,80},)?\s+" + _CLAUSE_WORDS
                               + r"(?:,\s+[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*){0,2},\s+"
                               + _CLAUSE_WORDS + r")?\s(?:and|but)\s+"
                               r"(?:(?:also|later|then)\s+)?(?:said|says|told|added)\b")
_PERSONAL = re.compile(r"\b(?:she|he|her|his|him|herself|himself)\b")
# Only stops, closing marks and spaces between a sentence's start and what follows.
_SENTENCE_BEFORE = re.compile(r"(?:^|[.!?][\"'\u201d\u2019)]*|\n)\s*$")


def _subject_then_said(text: str, m: re.Match) -> bool:
    """Whether the full name at `m` opens a sentence whose clause then says it said something
    and speaks of it as a person ("Lena Moritz lost her son … but said that"): not a country
    or a company ("North Korea fired two missiles and said"), which a pronoun would then find."""
    clause = _CLAUSE_THEN_SAID.match(text, m.end(), m.end() + _CLAUSE_REACH)
    return bool(" " in m.group(0) and clause and _PERSONAL.search(clause.group(0))
                and _SENTENCE_BEFORE.search(text, max(0, m.start() - 4), m.start())
                and not organisation_head(m.group(0)))


def _role_after(after: str) -> str | None:
    """The role a name is described by between commas just after it ("Will Osei, chairman of
    the Traders Guild, ..."), a word of _TITLES; none when the commas hold a speech verb ("In
    New York, the mayor said, ..." names a place)."""
    m = _APPOSITION.match(after)
    if not m or _SPEECH.search(m.group(0)):
        return None
    return next((w for w in (t.strip("'\u2019").lower() for t in m.group(1).split())
                 if w in _TITLES), None)


# A name is read again each time a text names it, and by every article's `People` twice
# (`__init__`, then `person` for each sentence read): worked out once while it recurs.
@lru_cache(maxsize=4_096)
def _person_name(raw: str) -> str:
    """A person's name without titles and without where they work ("Halima Osei of the
    Kestrel Institute" is Halima Osei): a person's name has no "of" in it. One word before
    "of" names no person: "Bank of Avalon" is the bank's whole name."""
    name, *where = re.split(r"\s+of\s+", _clean_name(raw), maxsplit=1)
    titled = any(t.lower().strip(".") in _TITLES or t.lower() in _RANKS  # "President Xi of
                 for t in raw.split())                                    # China" is Xi
    return name if not where or " " in name or titled else f"{name} of {where[0]}"


# A name of one word, then where the person works ("Marsh of the Gull Point firm"), as
# `_person_name` leaves it (one word before "of" may be a body's whole name: "Bank of Avalon").
_ONE_WORD_OF = re.compile(r"([^\W\d_][\w'\u2019-]*) of ")
# Two capitalised words in a row, a given name and a family name perhaps ("Per Marsh").
_GIVEN_AND_FAMILY = re.compile(r"\b([A-Z][\w'\u2019-]*)\s+(?=([A-Z][\w'\u2019-]*)\b)")


# Words a headline in capitals holds that no name does ("TO", "THE", "SAYS", "MORE"): all
# but those that are names too ("Theresa May", "Will Hurd").
_NOT_IN_NAMES = STOPWORDS - {"may", "will"}


def _headline_words(name: str) -> bool:
    """Whether `name` is words of a line in capitals, not a name: "TO REOPEN SCHOOLS IN THE
    FALL" (after "GOVERNOR"), a link's "MORE" (not "ADA LUND")."""
    return name.isupper() and any(w.lower() in _NOT_IN_NAMES for w in name.split())


# "His rival, …": a possessive, then a noun or two and a comma: a person described whose name
# follows between commas.
_POSSESSIVES = frozenset({"his", "her"})
_DESCRIBED = re.compile(r"\s+[a-z][\w'-]*(?:\s+[a-z][\w'-]*)?,")


# A person's full name as a later single-name mention may shorten it: two or three capitalised
# words ("Xi Jinping", "Kim Jong Un"), none a day, month or sentence opener.
_FULL_NAME = re.compile(r"[A-Z][a-z'\u2019-]+(?: [A-Z][a-z'\u2019-]+){1,2}")


def _given_first(known: dict[str, str | None], by_surname: dict[str, str],
                 text: str) -> dict[str, str]:
    """Single names of `known` people that are the first word of exactly one known full name,
    and no known person's family name, mapped to that full name: where the family name is
    written first ("Xi Jinping" then "Xi said", "Kim Jong Un" then "Kim"), a later mention of
    it is the same person, not someone else of that name. A full name whose last word `text`
    writes in lower case is a body's or a thing's ("Nova Airlines", "Health Ministry"), not
    a person's: a country that speaks is not that airline."""
    # Only a full name whose first word is a known single name, and no family name, may be
    # one: the text is read for their last words (most texts have none).
    single = by_surname.keys() - {surname(full) for full in known if " " in full}
    fulls = [full for full in known if _FULL_NAME.fullmatch(full) and (
        full.split()[0].lower() in single) and not any(
        w.lower() in MONTHS or w.lower() in WEEKDAYS or w in NOT_NAMES for w in full.split())]
    lower = _lower_words(text, {full.split()[-1].lower() for full in fulls}) if fulls else set()
    firsts: dict[str, list[str]] = {}
    for full in fulls:
        if full.split()[-1].lower() not in lower:
            firsts.setdefault(full.split()[0].lower(), []).append(full)
    return {key: fulls[0] for key, fulls in firsts.items() if len(fulls) == 1}


_PARTICLES = frozenset({"de", "del", "la", "le", "los", "van", "von", "da", "di", "du", "al",
                        "el", "bin", "ibn", "ben", "st"})


def _inside_sentence(word: str, text: str) -> bool:
    r"""Whether `text` writes `word` after a word, comma or semicolon and a space, up to a word
    boundary: `re.search(rf"[\w,;]\s+{re.escape(word)}\b", text)`, by finding the word rather
    than compiling a pattern for each word (most of reading a text's people, names being many)."""
    at = text.find(word)
    while at >= 0:
        end, k = at + len(word), at - 1
        while k >= 0 and text[k].isspace():
            k -= 1
        if (-1 < k < at - 1 and (_is_word(text[k]) or text[k] in ",;")
                and _word_boundary(text, end)):
            return True
        at = text.find(word, at + 1)
    return False


def _word_boundary(text: str, at: int) -> bool:
    r"""Whether a regex's `\b` holds at `at`: a word character on one side only."""
    return (at > 0 and _is_word(text[at - 1])) != (at < len(text) and _is_word(text[at]))


def _is_word(ch: str) -> bool:
    r"""A regex's `\w` (Unicode): a letter, digit or numeral, or "_"."""
    return ch.isalnum() or ch == "_"


# Words that title a person before a family name and that `_person_name` keeps ("Coach Berg"):
# no first name of another person of that family name (`People._another_first_name`).
_NOT_GIVEN = TITLE_WORDS | _RANKS | frozenset(_KIN) | {w.lower() for w in TITLE_ABBREVIATIONS} | (
    frozenset("""coach father mother brother sister deputy trooper principal premier councilman
    councilwoman councillor councilor alderman alderwoman assemblyman assemblywoman agent
    trustee miss madam lord lady prince princess king queen major dean provost treasurer
    auditor comptroller controller imam pastor ald del mx officer chief judge""".split()))


_WORD_INSIDE = re.compile(r"(?<=[\w,;])\s+((\w+)(?:[-'\u2019]\w+)*)")
# A word written in lower case as a word of its own (`_written_lower`): letters but the capitals
# A-Z, digits, "_", apostrophes and hyphens, then none of those (a "’" may come before it,
# not after it). `_LOWER_RUN` is a run of those with "’" too, for the words with one inside.
_LOWER_WORD = re.compile(r"(?<![\w.@'-])(?:[^\WA-Z]++|['-]++)++(?![\w@'\u2019-]|\.\w)")
_LOWER_RUN = re.compile(r"(?:[^\WA-Z]|['\u2019-])+")
_LETTERS = re.compile(r"[^\W\d_A-Z]+")
_WORD = re.compile(r"\w+")


def _words_written(text: str) -> tuple[set[str], set[str]]:
    """The words `text` writes in lower case as words of their own (`_lower_words`) and the
    words it writes after a word, comma or semicolon (`_inside_sentence`), with any hyphened or
    apostrophed part after them ("Jean-Luc": "Jean" and "Jean-Luc")."""
    return _lower_words(text), set(itertools.chain.from_iterable(_WORD_INSIDE.findall(text)))


def _lower_words(text: str, wanted: Iterable[str] = ()) -> set[str]:
    """The words `text` writes in lower case as words of their own, by `_written_lower`'s rule,
    read in one pass: each with no closing mark in it, and those of `wanted` with one ("o’neil").
    Each word looked for in the whole text read it again for each known name (47 s for 1 MB
    naming people "Ada Qxxxx" who spoke)."""
    found = set(_LOWER_WORD.findall(text))
    marked = {w for w in wanted if "\u2019" in w}
    lengths = {len(w) for w in marked}
    for m in _LOWER_RUN.finditer(text) if marked else ():
        start, end = m.span()
        after = text[end:end + 2]
        if after and (_is_word(after[0]) or after[0] == "@"
                      or after[0] == "." and len(after) > 1 and _is_word(after[1])):
            continue
        # a word starts where the run does, or just after a closing mark inside it
        before = text[start - 1:start]
        starts = [] if before and (_is_word(before) or before in ".@'-") else [start]
        at = text.find("\u2019", start, end)
        while at >= 0:
            starts.append(at + 1)
            at = text.find("\u2019", at + 1, end)
        found.update(text[k:end] for k in starts if end - k in lengths and text[k:end] in marked)
    return found


def _written_lower(word: str, text: str) -> bool:
    """Whether `text` writes `word` in lower case as a word of its own: not the start of a
    contraction ("don't" for Don) or a piece of an address ("ada.lund@…" for Ada)."""
    # `re.search(rf"(?<![\w.@'-]){re.escape(word.lower())}(?![\w@'\u2019-]|\.\w)", text)`,
    # each place of the word looked at, not a pattern compiled for each word.
    wanted = word.lower()
    at = text.find(wanted)
    while at >= 0:
        end = at + len(wanted)
        before, after = text[at - 1:at] if at else "", text[end:end + 2]
        if not (before and (_is_word(before) or before in ".@'-")) and not (after and (
                _is_word(after[0]) or after[0] in "@'\u2019-"
                or after[0] == "." and len(after) > 1 and _is_word(after[1]))):
            return True
        at = text.find(wanted, at + 1)
    return False


# "Rep. Ada Lund Adeline (Ada) Ada Lund…": a page writes a name, then the formal one with the
# nickname in parentheses; the word before "(Ada)" is the formal name's first.
_NICKNAME_NEXT = re.compile(r"[ \t]*\([A-Z][a-z'\u2019-]+\)")


def _before_nickname(text: str, m: re.Match) -> str:
    """A name run as read (`m` in `text`), without a last word followed by a nickname in
    parentheses when two words come before it (the given name "Ada (Ada)" alone stays)."""
    name = m.group(0)
    if name.count(" ") >= 2 and _NICKNAME_NEXT.match(text, m.end()):
        return name.rsplit(maxsplit=1)[0]
    return name


# "some Democrats", "more moderate Republicans": a capitalised plural after a quantifier.
_QUANTIFIER = r"\b(?:some|many|most|few|several|other|fellow|more|all|both|these|those)\s+"


def _groups(names: Iterable[str], text: str) -> set[str]:
    """The one-word names that are groups', not persons' ("Democrats said", then "she told" is
    no Democrat's): plurals `text` writes after a quantifier, perhaps with one word between
    ("more moderate Democrats"). Read from each quantifier once, for every name: each name
    looked for in the whole text read it again for each one (quadratic)."""
    wanted = {n for n in names if " " not in n and n.endswith("s")}
    lengths = sorted({len(n) for n in wanted})
    found: set[str] = set()
    for m in _QUANTIFIER_RE.finditer(text) if wanted else ():
        between = _WORD_BETWEEN.match(text, m.end())
        for start in (m.end(), between.end()) if between else (m.end(),):
            word_end = _UNSPACED.match(text, start).end()  # a name has no space in it
            for length in lengths:
                end = start + length
                if end > word_end:
                    break
                if text[start:end] in wanted and (end == len(text) or not _is_word(text[end])):
                    found.add(text[start:end])
    return found


_QUANTIFIER_RE = re.compile(_QUANTIFIER)
_WORD_BETWEEN = re.compile(r"[a-z]+\s+")  # "more moderate Democrats"
_UNSPACED = re.compile(r"\S*")


# "according to one person familiar with the talks", "according to two officials briefed on
# the matter who spoke on condition of anonymity": an unnamed source, however many words.
_UNNAMED_WHO = r"(?:people|persons?|sources?|officials?|diplomats?|aides?|insiders?|executives?)"
_UNNAMED_HOW = (r"(?:familiar with|with (?:[\w-]+\s+)?knowledge of|briefed on|close to|"
                r"involved in)")
UNNAMED_SOURCE = re.compile(r"\s*according to\s+(?:[\w-]+\s+){0,3}?" + _UNNAMED_WHO
                            + r"\s+" + _UNNAMED_HOW + r"\b", re.IGNORECASE)
# "A source close to Trump said": the name tells whose source, not who speaks.
_UNNAMED_SUBJECT = re.compile(r"\b" + _UNNAMED_WHO + r"\s+" + _UNNAMED_HOW + r"\b",
                              re.IGNORECASE)
# "…,” said a source close to Haddad", "said one person familiar with Haddad's thinking": an
# unnamed source after the verb; the name tells whose source, not who speaks.
_UNNAMED_AFTER = re.compile(r"\s+(?:[a-z][\w-]*\s+){0,3}?" + _UNNAMED_WHO + r"\s+"
                            + _UNNAMED_HOW + r"\b")
# "Speaking on Sunday, ", "Asked about the vote, ", "After meeting Haddad, ", "In a statement, ":
# a clause opening a sentence before its subject (an opener, then words up to a comma).
_OPENING_CLAUSE = re.compile(
    r"\W*(?:In|On|Of|At|By|For|From|With|After|Before|While|When|During|Since|Despite|Following|"
    r"Asked|Pressed|Earlier|Later|(?!According\b)[A-Z][a-z]{2,}ing)\b"
    r"[^,;\"\u201c\u201d\u2026]{0,80}+,\s+")
# "On Wednesday she said", "Last week Ruiz told": a time opening a sentence without a comma,
# then its subject (a pronoun or a capitalised word).
_DAYTIME = r"(?:\s+(?:" + "|".join(DAYTIMES) + r"))?"
_WEEKDAY = "|".join(d.capitalize() for d in WEEKDAYS)
_OPENING_TIME = re.compile(
    r"\W*(?:(?:On|Since|Until|By)\s+(?:" + _WEEKDAY + r")" + _DAYTIME
    + r"|(?:On|Since|Until|By|In|Early|Late|Earlier|Later)\s+(?:this\s+|last\s+|"
    r"that\s+)?" + _MONTH + r"(?:\.?\s+\d{1,2}(?:st|nd|rd|th)?)?"
    r"|(?:Last|This|Earlier\s+this|Later\s+that|Later\s+this|Early\s+last|Late\s+last)\s+"
    r"(?:" + "|".join([*PERIODS, "day"]) + "|" + _WEEKDAY + r")" + _DAYTIME
    + r"|Yesterday|Today|Tonight)\s+(?=(?:she|he|the)\b|[A-Z])")
_CLAUSE_END = re.compile(r"[,;.]")
# A person the text does not name opening a sentence ("Another woman", "One man"), and the
# stand-in each is read as, so that a later "she" or "he" is no one named before.
_UNNAMED_PEOPLE = {**dict.fromkeys(
    "woman girl mother grandmother daughter wife sister widow".split(), "(a woman)"),
    **dict.fromkeys("man boy father grandfather son husband brother widower".split(), "(a man)")}
# What such a person does as the subject of a sentence, right after the noun or its "of …"
# ("A mother of three wept", "An old woman stood"): a verb in the past, not "was" or "had"
# (what was done to her, "A woman was found", may leave the next "she" to someone named; so
# may a participle of what was done to her, "A woman injured in the crash", "arrested near").
_UNNAMED_ACTS = (r"(?-i:[a-z]+ed(?!\s+(?:in|near|by|at|on|from|after|during|outside|inside"
                 r"|for|with|over|under|into)\b)|wept|stood|sat|knelt|ran|fled|came|went|fell|"
                 r"held|lost|sang|spoke|wrote|woke|saw|heard|felt|knew|kept|brought|drove|swam|"
                 r"stole)")
# Kin of someone the text does not name ("The victim's mother called …", "Her daughter told …")
# are people unnamed too: not "Ruiz's mother" (a name: `read` makes no stand-in then).
# (Kin told of by "his", "her", "their" only when they speak: "Her mother lived above the
# loft" leaves the next "she" to the woman named before, whose mother that is.)
_UNNAMED_PERSON = re.compile(r"[^\w\"\u201c\u2018']*(?:(?:(?:an?|another|one)\s+(?:[a-z-]+\s+)?|"
                             r"(?-i:[Tt]he)\s+(?-i:[a-z-]+)['\u2019]s\s+)("
                             + "|".join(_UNNAMED_PEOPLE)
                             + r")(?=\s*,(?!\s*(?-i:[A-Z]))|\s+(?:who|" + SPEECH_VERBS + r")\b"
                             r"|(?:\s+of\s+(?:[\w-]+\s+){1,3}?|\s+)" + _UNNAMED_ACTS + r"\b)"
                             r"|(?:his|her|their)\s+(" + "|".join(_UNNAMED_PEOPLE)
                             + r")(?=\s*,(?!\s*(?-i:[A-Z]))|\s+(?:who|" + SPEECH_VERBS + r")\b))",
                             re.IGNORECASE)
# A name after "of" is whose role the subject holds ("The mayor of Dunmore, Ivo Kask, said"),
# not who speaks; but an office, a city, a government speak in its name ("The office of Sen.
# Ada Lund said", "on behalf of Pope Leo", "member of Congress Ada Lund"). So with a place or
# body after a role and "in" or "at" ("the former health commissioner in Dunmore added", "a
# professor at Harbourline said"): where the speaker serves, not who speaks.
_OF_BEFORE = re.compile(r"\b(?!(?:offices?|behalf|city|town|village|state|government|ministry"
                        r"|members?)\s)[a-z][a-z'\u2019-]*\s+(?:of|in|at)\s+$")
_SPEAKER_TOKEN = re.compile(r"\b(?:[Ss]he|[Hh]e|[Hh]er|[Hh]is)\b|" + PERSON_RE.pattern)
# "She said", "In the article, she …" (read after the opening clause); not a pronoun inside a
# quotation opening a sentence.
# A role in lower case opening a sentence, then the name set off by commas: "The spokesman,
# Ada Lund, …", "The board's chair, Ada Lund, …".
_ROLE_BEFORE_NAME = re.compile(r"\W*(?:[Tt]he|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir)\s+"
                               r"(?:[a-z][\w'\u2019-]*\s+){0,3}?([a-z][\w-]*),\s+(?=[A-Z])")
# ... roles only people have, beyond titles and ranks ("The board's chair, Ada Lund, …"; not
# "The city, Port Arden, …")
_PEOPLES_ROLES = frozenset("""chair chairperson head founder owner lawyer spokesperson coach
    manager economist researcher scientist author editor organiser organizer activist witness
    resident neighbour neighbor driver pilot victim survivor doctor nurse teacher student
    worker farmer leader member partner boss""".split())
_PRONOUN_OPENING = re.compile(r"[^\w\"\u201c\u2018']*(she|he)\b", re.IGNORECASE)


# Words that make a title another office with the title after them ("vice president").
_OFFICE_QUALIFIERS = frozenset({"vice", "deputy", "prime", "press", "foreign", "assistant"})
# A title naming a holder of its own: "a former senator", "another president", ", the Skyss
# president" and ", president of Skyss" after a name (not "Later that week, the president").
_ANOTHER_HOLDER_BEFORE = re.compile(r"(?:\b(?:[Aa]n?|[Aa]nother|[Oo]ne)\s+"
                                    r"(?:(?!(?:the|for|of|by|with|from|after|to|as|in|on|at)\b)"
                                    r"[\w-]+\s+){0,2}"
                                    r"|,\s+(?:the\s+(?:[A-Z][\w.'\u2019-]*\s+){1,2})?)$")
_HOLDER_OF = re.compile(r"\s+of\s+(?:the\s+)?[A-Z]")
_OF_THE_PLACE = re.compile(r"\s+of\s+the\s+[A-Z]")
# A party in a title's first words ("The GOP leader", "The Democratic chairman"), and a
# person named set off by commas ("…, Ada Lund, saying"): `People._titles_speaker`.
_OPENING_READ = 40  # characters of a sentence's opening read for a party (twice for an office)
_OFFICE_LINKS = frozenset({"of", "in", "at", "for", "on", "to"})
_PARTIES = r"Republican|Democratic|Democrat|GOP|Labour|Conservative|Liberal"
_PARTY = re.compile(r"\b(?:" + _PARTIES + r"|Tory)\b")
_SET_OFF_NAME = re.compile(r",\s+(?:[A-Z][\w.'\u2019-]*\s+){1,3}[A-Z][\w'\u2019-]*,")
_OPENING_MARK = re.compile("[\"\u201c]")


def _first_mark(sentence: str) -> int:
    """Where a sentence's first quotation mark is (its end if none)."""
    mark = _OPENING_MARK.search(sentence)
    return mark.start() if mark else len(sentence)


# A subject that is only a title: "the former vice president", "the senator".
# "the Speaker" as written in capitals too.
# A party before the title is the holder's ("the former Republican governor"), as "former" is.
_TITLE_SUBJECT = re.compile(r"\W*[Tt]he\s+(?:(?:former|then|outgoing|incoming|new|current|"
                            r"acting|" + _PARTIES + r")\s+)*((?:[A-Za-z-]+\s+)?[A-Za-z-]+)\s*")


# Verbs of speech that go on from the quotation before ("added", "continued").
_ADDING = re.compile(r"(?:added|adds|continued|continues)", re.IGNORECASE)

# A title's office or unnamed spokesperson speaks as its holder does ("the governor's office
# said", "said the mayor's spokesman"), as a person's does ("Kemp's office", `_THEIR_VOICE`).
_TITLES_VOICE = r"['\u2019]s\s+" + VOICE_AFTER_POSSESSIVE
_TITLES_VOICE_ENDING = re.compile(_TITLES_VOICE + r"\s*\Z")
# A title just after the verb, to a stop, a clause or the words of when or where: "…,”
# responded the senator, who …", "said the former president on Monday",
# "said the governor's office".
_TITLE_AFTER = re.compile(r"\s+([Tt]he\s+(?:[A-Za-z-]+\s+){0,3}?[A-Za-z-]+)(?:" + _TITLES_VOICE
                          + r")?(?=\s*(?:[,.;:!?]|$)"
                          r"|\s+(?:in|on|at|to|after|before|when|while|late|early|this|last|"
                          r"during)\b)")
# After such a title, the first stop, clause about its holder or name after a comma: a name
# there ("said the president at Nova Bank, Ivo Berg") tells whose title it is, no earlier holder.
_AFTER_TITLE = re.compile(r"[.;:!?]|,\s*(?:(?:who|whose|whom|which)\b|([A-Z]))")


# A title's abbreviation and the office a later "the governor" names: "Gov. Ada Lund" holds it.
_OFFICE_OF_ABBREVIATION = {"gov": "governor", "sen": "senator", "rep": "representative",
                           "gen": "general", "pres": "president", "prof": "professor"}


# Titles that name no office of one holder: "the representative" is a firm's as often as a
# member of a house ("Rep. Ada Lund").
_NO_ONES_OFFICES = frozenset({"representative"})
# An unnamed holder of a title: "One Republican senator familiar with the talks said".
# (the title in lower case, no name after it: not "this week after President Ana Ruiz")
_UNNAMED_HOLDER = re.compile(r"\b(?:[Aa]n?|[Aa]nother|[Oo]ne|[Tt]his)\s+(?:[\w-]+\s+){0,2}?("
                             + "|".join(sorted(t for t in _TITLES if len(t) > 3))
                             + r")\b(?![-\u2019']|\s+[A-Z])")


def _office(words: list[str]) -> str:
    """An office's name from its last one or two words ("Vice President": "vice president",
    "Senator": "senator", "Gov.": "governor")."""
    words = [_OFFICE_OF_ABBREVIATION.get(w, w) for w in words[-2:]]
    if len(words) == 2 and not (words[0] in _TITLES or words[0] in _OFFICE_QUALIFIERS):
        words = words[1:]
    return " ".join(words)


# A quotation a sentence's subject speaks without a verb before it: after a colon ("Ruiz hit
# back: “…”") or "saying" ("Ruiz rejected the plan, saying “…”").
# Not "as the agency has been saying, …" (a verb with its own subject), "by saying nothing".
# Or the words an accuser puts on the accused ("Quill accused the board of “…”"), not words put
# on the subject ("Berg was accused of “…”").
# Each with a quotation after it (`_introduced`).
_INTRODUCED = re.compile(r":(?=\s*\u2026)|(?<!been )(?<!is )(?<!was )(?<!are )(?<!were )"
                         r"(?<!being )(?<!stand )(?<!stands )(?<!stood )(?:\bsaying\b(?!\s+nothing)"
                         r"|\baccused\b(?!\s+(?:of|by)\b)[^\u2026]{1,80}?\bof\b(?=[^\u2026,;]{0,60}\u2026))")
# ... not an accusation told in a clause about the subject ("Lund, whom rivals have long
# accused of “…”"): the words are others' ("Lund, who has long accused …" are hers).
_ACCUSED_IN_CLAUSE = re.compile(r"\bwhom\b[^,;\u2026]{0,60}$")


def _introduced(outside: str) -> re.Match | None:
    """The first colon, "saying" or "accused … of" (`_INTRODUCED`) that a quotation follows
    (`unquoted`'s mark), looked for only before the last one: each read to the end of the
    text for a mark after it was quadratic ("saying" 10,000 times in a sentence: 7 s)."""
    end = outside.rfind("\u2026") + 1
    for m in _INTRODUCED.finditer(outside, 0, end):
        if not m.group(0).startswith("accused") or not _ACCUSED_IN_CLAUSE.search(
                outside, max(0, m.start() - 80), m.start()):
            return m
    return None
# Words just before the colon or "saying" that give the quotation after it to another than the
# subject: it quotes, cites, reads or recalls someone named ("Berg cited Ana Ruiz:") or from a
# text ("she read a line from a treaty:"), cites a document ("cited a city report saying"), is
# asked or told ("was asked:"), or names what carries the words ("held signs:", "a banner
# that read:").
_NOT_THEIRS = re.compile(
    r"(?:\b(?:quot|cit|read|recit|recall)\w*\s+(?:[A-Z][\w.'\u2019-]*\s*){1,4}"
    r"(?:words|remarks)?|\bcit\w*\s+(?:an?|the|his|her|their)\s+(?:[\w-]+\s+){0,2}(?:report|study|"
    r"survey|poll|document|letter|memo)|\b(?:quot|read|recit)\w*\s+(?:[\w'-]+\s+){0,4}from\s+"
    r"[^:]{0,60}|\b(?:was|were|been|being|is|are)\s+(?:asked|told)|"
    r"\b(?:signs?|slogans?|banners?|headlines?|sayings?|mottos?)|\bread(?:ing|s)?"
    # words heard from another, or quoted from one named in lower case ("heard the driver
    # shout:", "quoted the judge:")
    r"|(?<!is )(?<!was )(?<!be )(?<!been )(?<!being )\b(?:over)?heard\s+(?:[\w'\u2019-]+\s+){0,4}"
    r"(?:shout|say|yell|scream|cry|cried|call|tell|chant|warn)\w*"
    r"|\bquot\w*\s+(?:the|a|an|his|her|their)"
    r"\s+(?:[\w-]+\s+){0,2}[\w-]+"
    # another's words in a clause of their own ("…, with a spokesman for the guild saying")
    r"|,\s+with\s+(?:an?|the|his|her|its|their)\s+(?:[\w'\u2019.-]+\s+){0,5}[\w'\u2019.-]+)\W*$")


def _theirs(before: str) -> bool:
    """Whether the words before a colon or "saying" leave the quotation after it to the
    sentence's subject (see `_NOT_THEIRS`)."""
    return _NOT_THEIRS.search(before) is None


# A sentence's words outside its quotations (`unquoted`) that are one quotation opening it,
# then words in lower case to its end.
_RUNS_ON = re.compile(r"[^\w\u2026]*\u2026[ \t]+[a-z][^\u2026]*")
# ... a quotation that ends on a word, no stop or comma: the sentence runs on ('"… can use" to
# protect'), where '"We will not sign," a docker shouted' names who says it.
_RUNS_ON_UNSTOPPED = re.compile(r"[^\w\"\u201c]*[\"\u201c][^\"\u201d]*\w[\"\u201d][ \t]+[a-z]")
# ... unless those words tell who says it ('"No" the union chief replied', '"Not at all" was
# the reply from the union', '"We will not sign" was shouted by dockers').
_SAID_BY = re.compile(r"\b(?:" + SPEECH_VERBS + r"|repl(?:y|ied|ies)|answer(?:ed|s)?|response"
                      r"|shout(?:ed|s)?|by|from)\b", re.IGNORECASE)
_QUOTED_PRONOUN = re.compile(r"\W*(she|he)\b", re.IGNORECASE)


# An organisation speaks a quotation when its name is the subject: "the Interior Ministry said",
# "the embassy said", "said the White House", "a Pentagon spokesman said" (a spokesperson with no
# name speaks for it), "the NHC bulletin warned" (its document). The words that make a name an
# organisation's, last (its head: "Ministry", or "Ministry of Foreign Affairs"):
_ORGANISATION_HEADS = frozenset("""embassy consulate ministry department agency office commission
    council committee court service bureau administration police center centre institute
    foundation association union party company corporation corp inc board authority government
    command military army navy campaign organization organisation house pentagon kremlin
    treasury secretariat parliament cabinet firm""".split())
# Heads written in lower case after a capitalised name: "the Trump campaign", "the Saudi
# government" ("the Kerr administration" names whose people speak, `_NAME_AS_MODIFIER`).
_LOWER_HEADS = ("administration|campaign|government|military|embassy|ministry|department|"
                "agency|police|army|navy|company")
# (A capital first: the look-ahead for a hyphen read on from every place tried, a run of
# stops or marks again from each of its characters, 16 KB of "'" 0.8 s, quadratic.)
_CAP = r"(?=[A-Z])(?!(?:The|An?)\b)(?![\w.&'\u2019]*-[a-z])[A-Z][\w.&'\u2019-]*"  # "Oslo-based"
# Not "the Kremlin on Thursday", "the Embassy in May".
_NOT_A_DATE = r"(?!(?:" + "|".join(d.capitalize() for d in [*WEEKDAYS, *MONTHS]) + r")\b)"
_HEAD = "(?:" + "|".join(h.capitalize() for h in _ORGANISATION_HEADS) + ")"
_ORGANISATION = (
    rf"(?:(?:{_CAP}\s+){{0,5}}{_HEAD}(?:\s+(?:of|for|in)\s+(?:the\s+)?{_NOT_A_DATE}{_CAP}"
    rf"(?:(?:,\s+{_CAP})+,?\s+and\s+{_CAP}|\s+(?:and\s+)?{_CAP}){{0,5}})?(?![\w-])"
    rf"|(?:{_CAP}\s+){{1,4}}(?:{_LOWER_HEADS})\b"
    # capitalised words joined to a body's last word: "U.S. Citizenship and Immigration
    # Services", "Council on Foreign Relations" (not "Nova Airlines" alone: see `_BODY_ENDS`)
    rf"|(?:{_CAP}\s+){{1,4}}{_JOINING}\s+(?:{_CAP}\s+){{0,3}}(?:{'|'.join(_BODY_ENDS)})\b"
    rf"|[A-Z]{{2,6}}\b)")
_NAMED_ORGANISATION = re.compile(_ORGANISATION)
# What an organisation says through: its document or an unnamed spokesperson.
_ITS_VOICE = (r"(?:['\u2019]s?\s+)?(?:\s*(?:statement|report|memo|letter|bulletin|release|"
              rf"filing|advisory|notice|{SPOKESPERSON}))")
# Words between a subject and its verb: "on Sunday", "later", "also", "quickly".
_THEN = (r"(?:\s+on\s+(?:" + "|".join(d.capitalize() for d in WEEKDAYS) + r"))?"
         r"(?:\s+[a-z]+ly|\s+also|\s+later|\s+then)?\s*")
# "the statement said", "the report says": its issuer, when the text names one before.
_DOCUMENTS = ("statement", "report", "memo", "memorandum", "letter", "bulletin", "filing",
              "advisory")
# The subject: "the Interior Ministry", "the embassy", "a ministry spokeswoman", perhaps set off
# by commas ("the embassy, which …,"), perhaps an adverb before the verb.
_ORGANISATION_SUBJECT = re.compile(
    rf"\W*(?:(?:[Tt]he\s+)?(?P<named>{_ORGANISATION})|[Tt]he\s+(?P<noun>{'|'.join(_ORGANISATION_HEADS)}))"
    rf"(?:{_ITS_VOICE})?(?:\s*,[^,]{{1,80}},)?{_THEN}"
    r"|\W*[Aa]n?\s+(?:(?P<voiced>" + _ORGANISATION + r")|(?P<voicenoun>"
    + "|".join(_ORGANISATION_HEADS) + rf"))\s+{SPOKESPERSON}" + _THEN
    + r"|\W*[Tt]he\s+(?P<document>" + "|".join(_DOCUMENTS) + ")" + _THEN)
# After the verb: "…,” said the White House; “…,” according to the agency; "…,” said the
# statement (its issuer's, as "the statement said").
_ORGANISATION_AFTER = re.compile(
    rf"\s+(?:(?:[Tt]he\s+)?(?P<named>{_ORGANISATION})|the\s+(?P<noun>"
    + "|".join(_ORGANISATION_HEADS) + r")|the\s+(?P<document>" + "|".join(_DOCUMENTS)
    + rf"))(?:{_ITS_VOICE})?(?=\s*(?:[,.;:]|$|\s+(?:in|on|at|"
    r"to|late|early|this|last|after|before|when|while)\b))")
# News agencies and outlets: "according to Reuters" credits a report, it quotes no one.
_NEWS_AGENCIES = frozenset({"AP", "AFP", "CNN", "BBC", "NBC", "CBS", "ABC", "NPR", "UPI", "DPA",
                            "WSJ", "NYT", "FT", "Associated Press"})
# Capitals that name a post, not a body: "the PM said", "the CEO told".
_POSTS = frozenset({"PM", "CEO", "CFO", "COO", "CTO", "DA", "MP", "MEP", "AG", "VP", "POTUS"})
_ANY_HEAD = re.compile(_HEAD + r"\b|\b(?:" + _LOWER_HEADS + r")\b")
_KIND_BEFORE = re.compile(r"\b(?:an?|as)\s+$", re.IGNORECASE)
# "the company" is "Acme Inc." named before.
_HEAD_ALIASES = {"inc": "company", "corp": "company", "corporation": "company"}


def organisation_head(name: str) -> str | None:
    """An organisation's head noun, as `People` reads them ("U.S. Embassy in Manila":
    embassy; "NHC": nhc); None for a person's name, or for a news agency or outlet
    (`_NEWS_AGENCIES`, "… News Agency", "… Press"): they report, not speak."""
    tokens = [t.strip(".,").lower() for t in name.split()]
    if name in _NEWS_AGENCIES or "news" in tokens or "press" in tokens:
        return None
    if re.fullmatch(r"[A-Z]{2,6}", name):
        return None if name in _POSTS else name.lower()  # "the NHC", "the FBI": its own head
    head = next((t for t in reversed(tokens) if t in _ORGANISATION_HEADS), None)
    # "U.S. Citizenship and Immigration Services": services; and a body's plural after a
    # name alone, "Nova Airlines" (no one's surname), is no person either
    if not head and len(tokens) > 1 and name.split()[-1] in _BODY_ENDS:
        head = tokens[-1]
    return _HEAD_ALIASES.get(head, head) if head else None


# The last words of a newspaper's, an agency's or a broadcaster's name ("St. Louis Post-Dispatch",
# "Avalon Herald"): it reports, and speaks only what a sentence quotes of its own text.
_PUBLICATION_WORDS = frozenset("""press news post times journal tribune herald gazette dispatch
    chronicle globe magazine wire telegraph guardian observer inquirer examiner courier register
    star reuters bloomberg axios politico""".split())


# Publication words that are people's names too ("Michael Bloomberg", "Emily Post", "Bill
# Press"): a publication's only after "the" or with more words ("The Star", "Detroit Free Press").
_NAMES_TOO = frozenset({"post", "press", "star", "bloomberg", "globe"})


def is_publication(name: str, reporting: bool = False) -> bool:
    """Whether a name is a newspaper's, a news agency's or a broadcaster's ("The Associated Press",
    "Avalon Herald", "AP"); `reporting`: named as what reports ("As Bloomberg reports")."""
    tokens = [t.strip(".,").lower() for t in re.split(r"[\s-]+", name) if t.strip(".,")]
    bare = tokens[1:] if tokens[:1] == ["the"] else tokens
    if name in _NEWS_AGENCIES or "news" in tokens or bare == ["ap"] or (
            len(bare) > 1 and bare[0] == "press"):  # "the Press Association"
        return True
    if not tokens or tokens[-1] not in _PUBLICATION_WORDS:
        return False
    # two words, the second a name too: "Michael Bloomberg", but "As Boston Globe reports"
    return reporting or tokens[-1] not in _NAMES_TOO or tokens[0] == "the" or len(tokens) != 2


# A sentence that quotes a publication's or an organisation's own text: "As The Avalon Herald
# notes, “…”", "According to the Herald, “…”" (the quotation right after: its words, not someone
# it reports), a paragraph "The Avalon Herald reports:" before the quotation.
_BODY_NAME = r"(?P<name>[A-Z][\w.&'\u2019-]*(?:[ \t]+[A-Z][\w.&'\u2019-]*){0,4})"
_ITS_TEXT_VERBS = (r"(?:notes|noted|reports|reported|writes|wrote|says|said|explains|explained|"
                   r"observes|observed|puts it|put it)")
_TELLS_ITS_TEXT = re.compile(rf"\b{_ITS_TEXT_VERBS}\b")
_QUOTES_ITS_TEXT = re.compile(
    r"\W*(?:As[ \t]+(?:[Tt]he[ \t]+)?" + _BODY_NAME + r"[ \t]+" + _ITS_TEXT_VERBS + r"\s*,"
    r"|According[ \t]+to[ \t]+(?:[Tt]he[ \t]+)?" + _BODY_NAME.replace("name", "to") + r"\s*,"
    r"|(?:[Tt]he[ \t]+)?" + _BODY_NAME.replace("name", "colon") + r"[ \t]+" + _ITS_TEXT_VERBS
    + r"\s*:)\s*(?:\u2026|$)")


def publication_quoted(outside: str) -> str | None:
    """The publication or organisation whose own text a sentence quotes (`_QUOTES_ITS_TEXT`),
    read from its words outside the quotation ("As The Avalon Herald notes, …")."""
    m = _QUOTES_ITS_TEXT.match(outside)
    group = m and next((g for g in ("name", "to", "colon") if m.group(g)), None)
    if not group:
        return None
    if _SPEECH.search(outside, m.end()):
        return None  # "According to the Herald, “…,” a port source said": the source's words
    name = m.group(group)
    if not is_publication(name, reporting=True):
        return name if organisation_head(name) else None
    # "The Washington Post", "The Boston Globe", with its article: as a speaker, it reads as the
    # publication it is wherever it goes, not as a person ("Michael Bloomberg")
    the = outside[max(0, m.start(group) - 4):m.start(group)].lower().rstrip() == "the"
    return "The " + name if the or not is_publication(name) else name


def organisations_in(sentence: str) -> list[tuple[str, str]]:
    """Each organisation a sentence names in capitals with more words than its head ("the U.S.
    Embassy in Manila"), with its head noun ("embassy"): whom "the embassy" is later."""
    found = []
    if not _ANY_HEAD.search(sentence):  # most sentences name none: a cheap look first
        return found
    for m in _NAMED_ORGANISATION.finditer(sentence):
        head = organisation_head(m.group(0))
        # not "designated a Foreign Terrorist Organization": a kind, not one body
        # (`_KIND_BEFORE` looks only just before the name: from the sentence's start, every
        # name would read the sentence again)
        if head and " " in m.group(0) and not _KIND_BEFORE.search(
                sentence, max(0, m.start() - 8), m.start()):
            found.append((m.group(0), head))
    return found


_A_DOCUMENT = re.compile(r"\ban?\s+(?:[\w-]+\s+){0,2}?(" + "|".join(_DOCUMENTS) + r")\b")
_DOCUMENT_BY = re.compile(r"\s+(?:from|by|issued by|released by)\s+(?:the\s+)?([^,.;]{1,80})")
# The subject, then its verb or a clause: not "CLOSE The former mayor" (a page's button).
_OPENING_ORGANISATION = re.compile(r"\W*(?:[Tt]he\s+)?(" + _ORGANISATION + r")(?=,|\s+[a-z])")
# Or the subject of the verb after a quotation: "“…,” the Harbour Board said in a statement."
_ORGANISATION_AFTER_QUOTATION = re.compile(r"[,.!?][\"\u201d]\s*(?:[Tt]he\s+)?(" + _ORGANISATION
                                           + r")\s+(?:said|says|added)\b")


def documents_issued(sentence: str, opening: int = 0) -> list[tuple[str | None, str]]:
    """Each document a sentence names, with the organisation that issued it: "a report by the
    GAO", or the organisation opening it after `opening` ("The Democratic National Committee
    skewered the company in a memo", "In a statement, the White House said"), or the subject
    after a quotation ("“…,” the White House said in a statement"); None when it
    is no organisation's ("Ruiz said in a statement", "a letter from senators")."""
    found: list[tuple[str | None, str]] = []
    opener = _OPENING_ORGANISATION.match(sentence, opening)
    after_quotation = None if opener else _ORGANISATION_AFTER_QUOTATION.search(sentence)
    for m in _A_DOCUMENT.finditer(sentence):
        by = _DOCUMENT_BY.match(sentence, m.end())
        # (one the subject after a quotation issued only if named after it)
        issuer = _NAMED_ORGANISATION.match(by.group(1)) if by else opener or (
            after_quotation if after_quotation and after_quotation.end() <= m.start() else None)
        name = issuer.group(issuer.lastindex or 0) if issuer else None
        name = name if name and organisation_head(name) else None
        found.append((name, m.group(1)))
    return found


# The later verbs of speech (`_LATER_SPEECH_VERBS`) where they tell speech.
_LATER_SPEECH = re.compile(r"\b(?:" + "|".join(_LATER_SPEECH_VERBS) + r")\b")
# Between the quotation and such a verb: at most its subject's four words ("she", "Ana Ruiz").
_SUBJECT_AFTER_QUOTATION = re.compile(r"[\s,]*(?:[\w.'\u2019-]+\s+){0,4}")


# After such a verb as speech: the clause's end, its speaker, when or where ("…,” she continued
# in a statement", "quipped to reporters", "recalled this week"); as another act, its object:
# "Ruiz acknowledged the anger", "as Ruiz continued her speech", "has continued to spin".
_AN_OBJECT = re.compile(r"\s+(?:the|a|an|her|his|their|its|our|my|your|these|those)\b"
                        r"|(?<=continued)\s+to\b"
                        r"|(?<=asked)\s+(?:for|to|about|that|if|whether)\b", re.IGNORECASE)


# Such a verb opening a quotation after a colon tells speech too: "But she admitted: “…”".
_COLON_THEN_QUOTATION = re.compile(r"\s*:\s*\u2026")
# Only a name (its title's words capitalised) between a comma and its verb: "…, Kask said",
# "…, Defence Secretary Ivo Kask has said"; not "…, a senior analyst for Tallink said".
_NAME_THEN_VERB = re.compile(r"\s*(?:[A-Z][\w.'\u2019-]*\s+){1,5}"
                             r"(?:(?:has|had|also|later|then)\s+)?")
# "Ivo Kask later said": between a name and its verb of speech, a word of when or of more.
_ADVERB_BEFORE_VERB = re.compile(r"\s+(?:also|later|then)(?=\s)")
# Just after a name: "Ivo Kask admitted: “…”" names a person who speaks (not "was asked:").
_LATER_VERB_THEN_QUOTATION = re.compile(
    r"\s+(?:" + "|".join(v for v in _LATER_SPEECH_VERBS if v != "asked") + r")\s*:\s*[\"\u201c]")


def _speech_after_quotation(outside: str) -> re.Match | None:
    """The first `_LATER_SPEECH` verb just after a quotation (`unquoted`'s mark) and its
    subject, or just before a colon and a quotation."""
    for m in _LATER_SPEECH.finditer(outside):
        if _COLON_THEN_QUOTATION.match(outside, m.end()) and not _ASKED_OF.search(
                outside, max(0, m.start() - 12), m.end()):
            return m
        quoted = outside.rfind("\u2026", max(0, m.start() - 80), m.start())
        if quoted >= 0 and _SUBJECT_AFTER_QUOTATION.fullmatch(outside, quoted + 1, m.start()) \
                and not _AN_OBJECT.match(outside, m.end()) \
                and not _ASKED_OF.search(outside, quoted + 1, m.end()):
            return m
    return None


# "…,” when asked about it': the one asked, not the one asking (the quotation's speaker).
_ASKED_OF = re.compile(r"\b(?:when|if|once|after|before|was|were|is|are|be|been|being|"
                       r"get|got|gets)\s+asked$")


# A person issuing a statement: the quotation after it, all quoted, is the statement's.
_ISSUED_STATEMENT = re.compile(r"\b(?:issued|released|put out|sent out)\s+an?\s+"
                               r"(?:[a-z]+\s+){0,2}?statement\b")


# "Kemp's office said", "…,” said Ruiz's press office", "Ruiz's spokesman told": a person's
# office, or spokesperson left unnamed, speaks for that person (as "a spokesperson for Ruiz"
# does): the office or spokesperson just before the verb, or ending the words after it. Not
# "Ruiz's spokesman, Ivo Berg, said" (Berg speaks), "Ruiz's office manager said".
_THEIR_VOICE = re.compile(
    r"['\u2019]s?\s+" + VOICE_AFTER_POSSESSIVE +
    r"(?:(?=\s*(?:[.;:]|,(?!\s*[A-Z])|$))|\s+(?:(?:also|later|then|[a-z]+ly)\s+)?"
    + SPEECH_VERBS + r"\b)")


def _their_voice(outside: str, token: re.Match, verb: re.Match,
                 subject_ends: int | None) -> str | None:
    """The name written before "'s office" or "'s spokesman" (`_THEIR_VOICE`) at `token`, a
    name read with its possessive ("Kemp's"), when that office is the whole subject of the
    quotation's verb `verb` (`_voices_the_verb`); None elsewhere."""
    word = token.group(0)
    base = _POSSESSIVE.split(word)[0] if word.endswith(("s", "'", "\u2019")) else ""
    voice = _THEIR_VOICE.match(outside, token.start() + len(base)) if base != word else None
    if not base or not voice or not _voices_the_verb(outside, token.start(), voice, verb,
                                                     subject_ends):
        return None
    return base


# "a Ruiz spokeswoman said", "…,” said a Ruiz spokesman": a spokesperson left unnamed, the name
# before it saying for whom, speaks for that person as "Ruiz's spokeswoman" does. Not "a Ruiz
# spokesman, Ivo Berg, said" (Berg speaks).
_MODIFIER_VOICE = re.compile(
    rf"\s+{SPOKESPERSON}(?:(?=\s*(?:[.;:]|,(?!\s*[A-Z])|$))|\s+(?:(?:also|later|"
    r"then|[a-z]+ly)\s+)?" + SPEECH_VERBS + r"\b)")
_ARTICLE_BEFORE = re.compile(r"\b(?:[Aa]n?|[Tt]he)\s+$")
_ARTICLE_OPENING = re.compile(r"^(?:(?:An?|The)(?:\s+|$))+")


def _modifier_voice(outside: str, token: re.Match, word: str, verb: re.Match,
                    subject_ends: int | None) -> str | None:
    """The name `word` at `token` when an unnamed spokesperson it modifies ("a Ruiz
    spokeswoman", `_MODIFIER_VOICE`) is the whole subject of `verb` (`_voices_the_verb`)."""
    voice = _MODIFIER_VOICE.match(outside, token.end())
    if not voice:
        return None
    article = _ARTICLE_BEFORE.search(outside, max(0, token.start() - 5), token.start())
    start = article.start() if article else token.start()
    return word if _voices_the_verb(outside, start, voice, verb, subject_ends) else None


# What may come before an office that speaks, in its subject after any opening clause ("In a
# court filing, Kemp's office said"): its document or spokesperson ("A statement from Kemp's
# office"). Read back from the office, at most `_VOICE_REACH` characters.
_VOICE_FROM = re.compile(r"[\s,;:]*(?:(?:(?:[Aa]n?|[Tt]he)\s+)?(?:[Ss]tatement|[Tt]weet|[Pp]ost|"
                         r"[Ll]etter|[Ee]mail|[Rr]elease|[Ii]nformation|"
                         r"[Ss]pokes(?:man|woman|person))\s+from\s+)?")
_VOICE_REACH = 40
# What may come between an office and its verb: a clause about it ("Kemp's office, which Ruiz
# visited, said").
_VOICE_TO_VERB = re.compile(r"\s*,\s*(?:which|who|whose)\b[^,]*,\s*(?:(?:also|later|then|"
                            r"[a-z]+ly)\s+)?")
# A quotation's own verb just after it: "“…,” Kemp said", "“…,” a neighbour said".
_OWN_VERB_AFTER = re.compile(r"[\s,]*(?:[\w.'\u2019-]+\s+){0,4}" + SPEECH_VERBS + r"\b")
_SPACES = re.compile(r"\s*")
# A verb of the one just named, not of a clause about them ("Berg, who Ruiz called").
_THEIR_OWN_VERB = re.compile(r"\s+(?:(?!wh)[\w.'\u2019-]+\s+){0,4}" + SPEECH_VERBS + r"\b")
# From a verb to the quotation it introduces: its object and a colon, or nothing.
_TO_QUOTATION = re.compile(r"(?:[^,;:.\u2026]{0,60}:)?\s*")


def _voices_the_verb(outside: str, start: int, voice: re.Match, verb: re.Match,
                     subject_ends: int | None) -> bool:
    """Whether an office whose words start at `start` (`voice`: its words after the name) is
    the whole subject of `verb`: just after it ("said Kemp's office"), or the words before it,
    from the quotation or an opening clause, to the verb ("Kemp's office said", "A statement
    from Kemp's office said"), the quotation the verb's own. Not "said a caller to Kemp's
    office", "A letter sent to Kemp's office said", "Kemp's office said Ruiz had told her: “…”"."""
    if subject_ends is None:
        return _SPACES.match(outside, verb.end()).end() == start
    # each office's words read back a few characters only: a subject may hold many
    reach = max(0, start - _VOICE_REACH)
    opened = outside.rfind("\u2026", reach, start) + 1
    comma = outside.rfind(",", max(reach, opened), start) + 1
    if not (opened or comma or not reach) or not _VOICE_FROM.fullmatch(
            outside, max(opened, comma), start):
        return False
    if voice.end() != verb.end() and not _VOICE_TO_VERB.fullmatch(outside, voice.end(),
                                                                   subject_ends):
        return False
    return _speaks_the_quotation(outside, start, verb)


def _speaks_the_quotation(outside: str, start: int, verb: re.Match) -> bool:
    """Whether the subject starting at `start` speaks the quotation through `verb`: one before
    the subject ("“…,” Kemp's office said"), or the one after the verb with no verb or break
    between them and none just after it (not "the governor said that Berg wrote: “…”")."""
    quotation = outside.find("\u2026", verb.end())
    if quotation < 0 or outside.rfind("\u2026", 0, start) >= 0:
        return True
    between = outside[verb.end():quotation]
    return not (";" in between or _SPEECH.search(between)
                or _OWN_VERB_AFTER.match(outside, quotation + 1))


def _named_speaker_before_quotation(outside: str, verb: re.Match) -> bool:
    """Whether someone named between `verb` and the quotation after it speaks it with a verb
    of their own ("said that Berg wrote: “…”", "said Berg had told her: “…”")."""
    quotation = outside.find("\u2026", verb.end())
    return quotation >= 0 and any(
        _OWN_VERB_AFTER.match(outside, m.end(), quotation)
        for m in PERSON_RE.finditer(outside, verb.end(), quotation))


def _titled(sentence: str, m: re.Match) -> bool:
    """Whether the name at `m` is written with a title just before it ("President Ana Ruiz",
    "president Ruiz"; not "President of the United States")."""
    words = sentence[max(0, m.start() - 20):m.start()].split()[-1:] + m.group(0).split()
    return any(t.lower().strip(".,") in _TITLES and after[:1].isupper()
               for t, after in itertools.pairwise(words))


# A clause about whoever was just named: ", who …", ", whose …", ", which …".
_CLAUSE_ABOUT = re.compile(r",\s*(?:who|whose|whom|which)\b")


def _clause_about_end(outside: str, at: int) -> int | None:
    """Where a clause about the one named after `at` starts, if one does."""
    m = _CLAUSE_ABOUT.search(outside, at)
    return m.start() if m else None


_ACCORDING = re.compile(r"\W*according\s+to\b", re.IGNORECASE)
_SECOND_SUBJECT_RE = re.compile(_SECOND_SUBJECT, re.IGNORECASE)


def _before_clause_about(outside: str, starts: int, subject_ends: int) -> int:
    """Where a subject ending at `subject_ends` ends once a clause about it, set off by commas
    just before the verb, is left out (", whose members include …,"); else `subject_ends`.
    Not one about a source the subject follows ("According to Ivo Berg, who …, Ruiz said")."""
    starts = max(starts, outside.rfind("\u2026", 0, subject_ends) + 1)  # after any quotation
    if _ACCORDING.match(outside, starts):
        return subject_ends
    m = _CLAUSE_ABOUT.search(outside, starts, subject_ends)
    closing = outside.rfind(",", m.end(), subject_ends) if m else -1
    if m and _SECOND_SUBJECT_RE.search(outside, m.end(), subject_ends):
        return subject_ends  # "…, who died, and her brother, Omar Holt, said": his words
    return m.start() if m and closing >= 0 and not outside[closing + 1:subject_ends].strip() \
        else subject_ends


PRONOUN_REACH = 50  # people named last that a pronoun may stand for
_PLACE_KEY = 64  # characters after a capital by which `_capitals` sorts its places


def _capitals(text: str) -> tuple[list[str], list[int]]:
    """The places of the capitals A-Z in `text`, sorted by the `_PLACE_KEY` characters from
    each (those characters, then the places): where a name starting with a capital stands is
    one range of them."""
    starts = sorted((m.start() for m in re.finditer("[A-Z]", text)),
                    key=lambda at: text[at:at + _PLACE_KEY])
    return [text[at:at + _PLACE_KEY] for at in starts], starts


class People:
    """Who is named in a text, so that "she said" resolves to the person last named."""

    def __init__(self, text: str):
        self.text = text
        self.known: dict[str, str | None] = {}  # full name -> gender ("f", "m" or None)
        # People in the order they were last named (a dict for its order: one named again
        # moves to its end at once, where a list was searched through, a name at a time).
        self.recent: dict[str, None] = {}
        self.holders: dict[str, str | None] = {}  # "vice president" -> its one holder named
        self._former: dict[tuple[str, str], bool] = {}  # (office, holder) -> only "former"
        self._held: dict[str, set[str]] = {}  # office -> every holder named
        # person -> the people named with a title in the sentence that last named them
        self._titled_with: dict[str, set[str]] = {}
        # (office, person, "former" asked) -> those people and whether another of them holds
        # `office`, read once: each "the president said" read that sentence's names (quadratic)
        self._together: dict[tuple[str, str, bool], tuple[set[str], bool]] = {}
        self.last_speaker: str | None = None  # of the last quotation whose speaker was read
        self.quoting: str | None = None  # who speaks the quotation of the sentence just read
        self._last_place = 0  # where the sentence last asked about stands in the text
        self._said: str | None = None
        # Whether the speaker last read is a guess: a "she said" standing for someone whom the
        # sentence before neither opens with nor gives its quotation to (`_sure`).
        self.guessed = False
        self._said_guessed = False
        self._quoting_guessed = False
        self._sure: set[str] = set()  # whom the sentence just read opens with or quotes
        self._from_pronoun: str | None = None  # whom a pronoun of the sentence stood for
        self._months_as_names = _months_as_names(text)
        for m in PERSON_RE.finditer(text):
            self._meet(m)
        for name in _groups(self.known, text):
            del self.known[name]
        # The first known person of each family name, looked up by `person` (called for every
        # name of every sentence read) instead of comparing with each known name in turn.
        self._by_surname: dict[str, str] = {}
        for full in self.known:
            self._by_surname.setdefault(surname(full), full)
        self._by_surname.update(_given_first(self.known, self._by_surname, text))
        self._words: tuple[set[str], set[str]] | None = None  # by `_text_words`
        self._capitals: tuple[list[str], list[int]] | None = None  # by `_first_and_last`
        self._places: dict[str, tuple[int, int] | None] = {}
        self._read_to = 0  # sentences read by `speakers_to`
        self._speakers: list[str | None] = []
        self._only_holders: dict[tuple[str, str], bool] = {}
        self._organisations: dict[str, str] = {}  # head noun -> the organisation named last
        self._unread_for_organisations: list[str] = []  # read only when "the embassy" speaks
        self._documents: dict[str, str | None] = {}  # "memo" -> the issuer of the last named
        self._offices_written: set[str] | None = None  # by `_title_as_surname`
        # offices an unnamed holder spoke for since a holder was named ("One senator said")
        self._unnamed_holders: set[str] = set()
        self._families: dict[str, set[str]] | None = None  # by `_one_family`
        self._read_as: dict[str, str] = {}  # by `_as_read`

    def _meet(self, m: re.Match) -> None:
        """Note a person the text names at `m` (with a title, or said to speak), and the
        office they hold."""
        text = self.text
        before = text[max(0, m.start() - 30):m.start()].lower().split()
        title = before[-1].strip(".,") if before else ""
        if before and before[-1].endswith(".") and title not in _TITLE_ABBREVIATIONS:
            title = ""  # "… said the president. Kask is …": a sentence's end, no title of his
        after = text[m.end():m.end() + 100]
        if _GLUED.match(after) or not _GLUED_WORD.sub("", m.group(0)):
            return
        title = title if title in _TITLES else _role_after(after) or title
        adverb = _ADVERB_BEFORE_VERB.match(after)
        verb = after[adverb.end():] if adverb else after
        speaks = (_SPEECH.match(verb[:12].strip()) or _LATER_VERB_THEN_QUOTATION.match(verb)
                  or _said_before(text[max(0, m.start() - 60):m.start()], after)
                  or _APPOSITION_THEN_SAID.match(after)
                  or _clause_about_then_said(text, m)
                  or (_SET_OFF_THEN_SAID.match(after) and " " in m.group(0) and (
                      _DESCRIPTION_BEFORE.search(text, max(0, m.start() - 30), m.start())
                      or _WHOSE_ROLE_BEFORE.search(text, max(0, m.start() - 80), m.start())))
                  or _subject_then_said(text, m))
        # "the South Carolina Republican said" describes a person, it does not name one.
        if (m.group(0).startswith("The ") or before and before[-1] == "the") and not any(
                t.lower().strip(".") in _TITLES for t in m.group(0).split()):
            return
        for raw in _split_possessives(_GLUED_WORD.sub("", _before_nickname(text, m))):
            tokens = raw.split()
            titled = _titles_before_name(tokens)
            if titled:
                title = tokens[titled[-1]].lower().strip(".")
            elif before and _time_then_name(before[-1:] + tokens):
                raw = " ".join(tokens[1:])  # "… on Monday Ruiz said": Ruiz
            elif _office_to(before) and len(tokens) > 2:
                # "Ambassador to Nova Ada Lund": the office's place, then the person (a
                # title inside the name, "counsel to Nova Gov. Ada Lund", is cut off anyway)
                title, raw = before[-2].strip(".,"), " ".join(_name_after_office(tokens))
            name = _person_name(raw)
            if name and not _headline_words(name) and (
                    title in _TITLES or speaks or _ranked(tokens, before, name)) and (
                    name.lower() not in MONTHS.keys() - self._months_as_names) and (
                    name.lower() not in WEEKDAYS) and not (
                    name.split()[-1] in _BODY_ENDS and _JOINED_BEFORE.search(
                        text, max(0, m.start() - 40), m.start())):
                self.known.setdefault(name, _TITLES.get(title) or _KIN.get(title))
                if title in _TITLES:
                    self._hold_title(tokens, titled, before, title, name)
                elif ranked := [i for i, t in enumerate(tokens) if t.lower() in _RANKS]:
                    # "House Speaker Ada Lund": the Speaker, for "the Speaker said"
                    self._hold_title(tokens, ranked, before, tokens[ranked[-1]].lower(),
                                     name)

    def person(self, name: str) -> str | None:
        """The full name of a known person that `name` refers to ("Sheinbaum")."""
        raw, name = name, _person_name(name)
        if not name:
            return self._title_as_surname(raw)  # "Bishop said", after Rep. Tom Bishop
        if (of := _ONE_WORD_OF.match(name)) and (
                full := self._by_surname.get(of.group(1).lower())) and " of " not in full and (
                self._one_family(of.group(1))) and (
                " " in full or full.lower() not in self._text_words()[0]) and not (
                organisation_head(full) or organisation_head(of.group(1))):
            # "said Marsh of the Gull Point firm", after Tove Marsh: she; not "State of the
            # Union" after "the State said" (a word the text writes in lower case), nor a
            # body's whole name ("Department of Justice" after the Justice Department)
            return full
        full = self._by_surname.get(surname(name))
        # "Sen. Ana Berg" is herself, not "Tom Berg" named first; "Van Hollen" is Chris Van Hollen
        if " " in name and name in self.known and not (full and full.endswith(" " + name)):
            return name
        if full and self._another_first_name(name, full):
            return None  # "Tom Berg" is not Ana Berg, named before
        return full

    def _title_as_surname(self, raw: str) -> str | None:
        """The known person whose family name is a title's word ("Tom Bishop", "Ana King"),
        written without the given name ("Bishop", "Rep. Bishop") or in full: `_person_name`
        cuts a title off, leaving nothing. Not when the text writes the word as an office
        ("the Bishop", "the King")."""
        words = raw.replace("\u2019", "'").rstrip(".'").split()
        first = 0  # (a cursor, not the list cut again for each title: "Mr. Mr. Mr. …" stays linear)
        while len(words) - first > 1 and _is_title_word(words[first]):
            first += 1  # "Rep. Bishop"
        words = words[first:]
        if not words or not _is_title_word(words[-1]):
            return None
        full = self._by_surname.get(surname(words[-1]))
        if not full or not _FULL_NAME.fullmatch(full) or _is_title_word(full.split()[0]) or not (
                full == " ".join(words) or len(words) == 1 and full.endswith(" " + words[0])):
            return None
        if self._offices_written is None:  # (the text read once, not once for each word)
            self._offices_written = {m.group(1) for m in _THE_CAPITALISED.finditer(self.text)}
        return None if words[-1] in self._offices_written else full

    def _another_first_name(self, name: str, full: str) -> bool:
        """Whether a two-word `name` ("Tom Berg") has a first name other than `full`'s ("Ana
        Berg"): another person of that family name. Not an initial ("A. Berg"), a title
        (`_NOT_GIVEN`: "Coach Berg"), a possessive ("Nova's Berg") or a word opening sentences
        only ("Unlike Berg"); nor when `full` is no plain person's name (`_FULL_NAME`)."""
        first, *rest = name.split()
        if len(rest) != 1 or surname(name) != rest[0].lower() or " " not in full or (
                full.endswith(" " + name)):
            return False
        given = full.split()[0]
        word = first.strip(".").lower()
        if first == given or len(word) == 1 or word in _NOT_GIVEN or not _FULL_NAME.fullmatch(
                full) or _POSSESSIVE.search(first):  # "A. Berg", "Coach Berg", "Nova's Berg"
            return False
        # a first name is written inside sentences, not only opening them ("Unlike Berg, …"),
        # and never in lower case (as `_inside_sentence`, `_written_lower`: the text's words
        # read once, not the text again for each name)
        lower, inside = self._text_words()
        as_lower = first.lower()  # (letters alone: "Jean-Luc" is not looked for in lower case)
        written_lower = as_lower in lower and as_lower.islower() and _LETTERS.fullmatch(as_lower)
        return not written_lower and first in inside

    def _text_words(self) -> tuple[set[str], set[str]]:
        if self._words is None:
            self._words = _words_written(self.text)
        return self._words

    def _only_opens(self, word: str) -> bool:
        """A capitalised word that opens a sentence is no name's when the text writes it in lower
        case ("other", "many") and never capitalised inside a sentence; a name's particle ("De
        Blasio") is the name's, and a word in capitals ("NEW HAVEN") is not capitalised for
        opening a sentence."""
        if len(word) < 2 or word.lower() in _PARTICLES or word.isupper():
            return False
        # the text's words read once (a word of other characters looked for in it): each
        # sentence's first word looked for in the whole text was quadratic
        lower, inside = self._text_words()
        as_lower = word.lower()
        if "\u2019" not in as_lower and _LOWER_RUN.fullmatch(as_lower):
            written_lower = as_lower in lower
        else:
            written_lower = _written_lower(word, self.text)
        if not written_lower:
            return False
        return not (word in inside if _WORD.fullmatch(word) else _inside_sentence(word, self.text))

    def names_in(self, sentence: str) -> list[str]:
        """Proper names in a sentence (people resolved to their full names)."""
        found: list[str] = []
        # a name opens the sentence when only spaces and quotation marks come before it (read
        # once: the words before each name, sliced and stripped, made a long sentence quadratic)
        opening = len(sentence) - len(sentence.lstrip(" \"\u201c"))
        for m in PERSON_RE.finditer(without_credits(sentence)):
            at_start = m.start() <= opening
            for raw in _split_possessives(m.group(0)):
                name = _clean_name(raw) or self._title_as_surname(raw) or ""
                # A lone capitalised word opening a sentence is a name only if the text
                # capitalises it elsewhere too.
                if not name or (at_start and " " not in name
                                and not self._named_elsewhere(name, sentence)):
                    continue
                if at_start and " " in name and self._only_opens(name.split()[0]):
                    # "Other Harbour Board members said"; "Under the Harbour Board" is the
                    # Harbour Board, not "the Harbour Board"
                    name = _clean_name(name.split(maxsplit=1)[1])
                    if not name:
                        continue
                name = self.person(name) or name
                if name not in found:
                    found.append(name)
                at_start = False
        return found

    def _named_elsewhere(self, name: str, sentence: str) -> bool:
        """Whether the text holds `name` outside (the first place of) `sentence`. Sentences are
        asked about in order, so each is looked for from the last one's place: from the text's
        start, a long text would be read again a sentence (quadratic)."""
        at = self.text.find(sentence, self._last_place)
        if at < 0:
            at = self.text.find(sentence)
        if at < 0:
            return self._first_and_last(name) is not None
        self._last_place = at
        places = self._first_and_last(name)
        return places is not None and (places[0] + len(name) <= at
                                       or places[1] >= at + len(sentence))

    def _first_and_last(self, name: str) -> tuple[int, int] | None:
        """Where the text holds `name` first and last (None: nowhere). A name of a capital and
        at most `_PLACE_KEY` characters is looked up among the places of the text's capitals,
        sorted by what follows each: a name opening each of many sentences looked for in the
        whole text was quadratic (a seed of 1 MB of sentences each opening with another name:
        41 s)."""
        if name not in self._places:
            if "A" <= name[:1] <= "Z" and len(name) <= _PLACE_KEY:
                if self._capitals is None:
                    self._capitals = _capitals(self.text)
                keys, starts = self._capitals
                lo = bisect_left(keys, name, key=lambda k: k[:len(name)])
                hi = bisect_right(keys, name, lo, key=lambda k: k[:len(name)])
                held = starts[lo:hi]
                self._places[name] = (min(held), max(held)) if held else None
            else:
                first = self.text.find(name)
                self._places[name] = None if first < 0 else (first, self.text.rfind(name))
        return self._places[name]

    def speaker(self, sentence: str) -> str | None:
        """Who speaks the quotation in a sentence: the person or pronoun outside the quotes."""
        outside = unquoted(sentence, " \u2026 ")
        self._from_pronoun = None
        who = self._speaker_of(outside) or publication_quoted(outside)
        # (all quoted, or a quotation opening it that runs on in lower case, naming no one:
        # '"…," Ruiz said. "…" to protect their stores.')
        goes_on = who is None and self.quoting and (not _LETTER.search(outside) or (
            _RUNS_ON.fullmatch(outside) is not None and _RUNS_ON_UNSTOPPED.match(sentence)
            and not PERSON_RE.search(outside) and not _SAID_BY.search(outside)
            and _TERMINAL.search(sentence) is not None))
        if goes_on:
            # '"…," Ruiz said. "…"': a quotation that goes on, all quoted, is still hers
            who = self.quoting
        introduced = _introduced(outside)
        # (not "Ruiz said Berg had told her: “…”", whoever Berg is: his words, not hers)
        if who is None and introduced and _theirs(outside[:introduced.start()]) and not (
                self._another_speaker(outside, _SPEECH.search(outside, self._opening_end(outside),
                                                  introduced.start()), known=False)):
            who = self._subject(sentence)  # "Ruiz hit back: “…”", "…, saying “…”"
        self.last_speaker = who or self.last_speaker
        self._said = who
        self.guessed = self._said_guessed = bool(
            self._quoting_guessed if goes_on else who and self._guess(who))
        return who

    def _guess(self, who: str) -> bool:
        """Whether `who`, read from the sentence just asked about, is a pronoun's guess: one
        the sentence before neither opens with nor gives its quotation to. Over real coverage,
        "she said" standing for anyone else named before was another person in every speaker
        conflict it made (bench/README, conflicts50)."""
        return who == self._from_pronoun and who not in self._sure

    def _speaker_of(self, outside: str) -> str | None:
        """Who speaks, read from a sentence's words outside its quotations (`unquoted`)."""
        said = _SPEECH.search(outside) or _speech_after_quotation(outside)
        if not said:
            return None
        # Words between the quotation and the verb are who speaks ("The president later
        # tweeted that he paid Cohen", "The White House said … Democrats"): ones naming no
        # known person name no speaker, and the names after the verb are whom it tells of.
        # "According to" names its source after it ("At a gathering, according to the agency,
        # Rouhani said"): the verb read is the next one.
        verb = next((m for m in _SPEECH.finditer(outside, said.start())
                     if not m.group(0).lower().startswith("according")), None) if (
            _SPEECH.match(outside, said.start())) else said
        subject_ends = verb.start() if verb and _LETTER.search(
            outside, outside.rfind("\u2026", 0, verb.start()) + 1, verb.start()) else None
        # With no verb but "according to" an unnamed source, no one named speaks: "according
        # to one person familiar with the talks, who met Ruiz".
        starts = self._opening_end(outside)
        if verb and starts > verb.start():  # "When Lund stated …, Moreno asked": the next verb
            verb = _SPEECH.search(outside, starts)
            subject_ends = verb.start() if verb else None
        if verb and subject_ends is None and _UNNAMED_AFTER.match(outside, verb.end()):
            return None
        if not verb and UNNAMED_SOURCE.match(outside, said.start()):
            starts = said.end()
            clause_end = _CLAUSE_END.search(outside, starts)
            subject_ends = clause_end.start() if clause_end else len(outside)
        # "A source close to Lund said"; not "Ruiz, an official involved in the talks, said",
        # nor "According to sources close to the talks, Ruiz said" (the subject's own clause).
        last = outside.rfind(",", starts, subject_ends) + 1 if subject_ends is not None else 0
        # "Lund was “meticulous” in her planning, Kask said": after the quotation, the name
        # set off by a comma just before the verb speaks, not the one the sentence opens with.
        if last and "\u2026" in outside[starts:last] and _NAME_THEN_VERB.fullmatch(
                outside, last, subject_ends) and any(
                self.person(m.group(0)) for m in PERSON_RE.finditer(outside, last, subject_ends)):
            starts = last
        unnamed = (_UNNAMED_SUBJECT.search(outside, max(starts, last), subject_ends)
                   if subject_ends is not None else None)
        if unnamed and not any(self.person(m.group(0))
                               for m in PERSON_RE.finditer(outside, max(starts, last),
                                                           unnamed.start())):
            return None
        # Named after the verb, the speaker comes before any clause about them ("…,” tweeted
        # one rider, whose profile says she …": not whom "she" resolves to); before it too:
        # "The guild, whose members include Brightco and Lumen, said" is the guild's.
        if subject_ends is None:
            names_end = _clause_about_end(outside, (verb or said).end())
        else:
            names_end = _before_clause_about(outside, starts, subject_ends)
        # "Ruiz said that Berg wrote: “…”": Berg's, named after a person's verb with a verb
        # of his own that reaches the quotation
        if subject_ends is not None and (other := self._another_speaker(outside, verb)):
            return other
        named = self._named_speaker(outside, starts, names_end, verb or said, subject_ends)
        if named is not None:
            return named
        # (an organisation or title read as if the clause about it were left out)
        return self._titled_speaker(outside, starts, None if subject_ends is None else names_end,
                                    verb or said, verb)

    def _named_speaker(self, outside: str, starts: int, names_end: int | None,
                       verb: re.Match, subject_ends: int | None) -> str | None:
        """The speaker a name or a pronoun of the subject gives, or the first named after
        the verb (`verb`, "according to" if no verb), before `names_end`."""
        for token in _SPEAKER_TOKEN.finditer(outside, starts):
            if names_end is not None and token.start() >= names_end:
                break
            word = _before_nickname(outside, token)
            if word.lower() in _POSSESSIVES and _DESCRIBED.match(outside, token.end()):
                continue  # "His rival, Ada Lund, said": whose rival, not who spoke
            if word.lower() in _PRONOUNS:
                resolved = self._resolve(_PRONOUNS[word.lower()])
                if resolved:
                    self._from_pronoun = resolved
                    return resolved
            elif (voiced := _their_voice(outside, token, verb, subject_ends)) and (
                    who := self.person(voiced)):
                return who  # "Kemp's office said"
            elif (voiced := _modifier_voice(outside, token, word, verb, subject_ends)) and (
                    body := _ARTICLE_OPENING.sub("", voiced)):
                # "a Kemp spokeswoman said": Kemp's; "a FedEx spokesman": the company's
                return self.person(body) or body
            elif _NAME_AS_MODIFIER.match(outside, token.end()) or _OF_BEFORE.search(
                    outside, max(0, token.start() - 40), token.start()):
                continue  # "The mayor of Dunmore, Ivo Kask, said": whose mayor, not who spoke
            elif (who := self.person(word)) is not None:
                return who
        return None

    def _titled_speaker(self, outside: str, starts: int, subject_ends: int | None,
                        verb_or_said: re.Match, verb: re.Match | None) -> str | None:
        """With no name, the holder of a title or office the sentence gives the words to, or
        an organisation."""
        if subject_ends is None:  # "…,” said the senator, who …"; said the White House
            at = verb_or_said.end()
            title = _TITLE_AFTER.match(outside, at)
            if title and (named := _AFTER_TITLE.search(outside, title.end())) and named.group(1):
                title = None
            return (title and self.holder(title.group(1))) or self._organisation_after(
                outside, at)
        # A title for subject is its one holder the text names ("The former vice president
        # told reporters", after Vice President Ada Lund), as is its office; else an
        # organisation.
        subject = outside[starts:subject_ends]
        voice = _TITLES_VOICE_ENDING.search(subject)  # "the governor's office said"
        holder = self.holder(subject[:voice.start()] if voice else subject)
        if not holder:
            return self._organisation_subject(outside, starts, subject_ends)
        # Not when the quotation after the verb is another's: one a person named after the
        # verb speaks ("The governor said that Berg wrote: “…”"), or, for an office, any other
        # (as for a person's office, `_voices_the_verb`).
        if _named_speaker_before_quotation(outside, verb) or voice and not (
                _speaks_the_quotation(outside, subject_ends, verb)):
            return None
        if verb and _ADDING.fullmatch(verb.group(0)) and self.quoting and self.quoting != holder \
                and self._holds(self.quoting, subject[:voice.start()] if voice else subject):
            # "“…,” the president added": the president who spoke just before goes on, not
            # another president named since (whom the words were told to)
            return self.quoting
        return holder

    def _holds(self, name: str, subject: str) -> bool:
        """Whether the text names `name` with the title the subject gives ("the president")."""
        m = _TITLE_SUBJECT.fullmatch(subject)
        office = _office(m.group(1).lower().split()) if m else ""
        former = "former" in subject.lower()
        # "the former president" is one named only as former; "the president" one not
        return any(self._as_read(n) == name and bool(self._former.get((office, n))) == former
                   for n in self._held.get(office, set()))

    def _another_speaker(self, outside: str, verb: re.Match | None,
                         known: bool = True) -> str | None:
        """The person the text knows, named between `verb` and the quotation after it, who
        speaks it with a verb of their own that reaches it ("said that Berg wrote: “…”", "said
        Berg told him on Monday: “…”"; not "said Berg is right but added, “…”", "posted that
        Berg, who he called “…”"), if any; with `known` False, the name as written of someone
        the text does not know too."""
        quotation = outside.find("\u2026", verb.end()) if verb else -1
        if quotation < 0 or outside.rfind("\u2026", 0, verb.start()) >= 0:
            return None  # "“…,” Ruiz said, to which Berg replied: “…”": the first is hers
        # named in the verb's own clause: not "warned that …, Ruiz said: “…”" (hers)
        comma = outside.find(",", verb.end(), quotation)
        for m in PERSON_RE.finditer(outside, verb.end(), quotation if comma < 0 else comma):
            own = _THEIR_OWN_VERB.match(outside, m.end(), quotation)
            if own and _TO_QUOTATION.fullmatch(outside, own.end(), quotation) and (
                    who := self.person(m.group(0)) or (None if known else m.group(0))):
                return who
        return None

    def _organisation_subject(self, outside: str, starts: int, ends: int) -> str | None:
        """The organisation the subject between `starts` and `ends` names ("the Interior
        Ministry", "In a statement, the embassy"), after the last quotation, read whole or
        its last clause after a comma ("Meanwhile, the ministry")."""
        subject = outside[max(starts, outside.rfind("\u2026", 0, ends) + 1):ends]
        m = _ORGANISATION_SUBJECT.fullmatch(subject) or _ORGANISATION_SUBJECT.fullmatch(
            subject, subject.rfind(",") + 1)
        return self._organisation(m) if m else None

    def _organisation_after(self, outside: str, at: int) -> str | None:
        """The organisation named just after a verb at `at` ("said the White House")."""
        m = _ORGANISATION_AFTER.match(outside, at)
        return self._organisation(m) if m else None

    def _organisation(self, m: re.Match) -> str | None:
        """The organisation a match of `_ORGANISATION_SUBJECT` or `_AFTER` names: a name as
        written, or its head alone ("the embassy", "the Embassy") as the fuller name with that
        head read last ("U.S. Embassy in Manila"); a lower-case head no name gives is no one's."""
        groups = m.groupdict()
        if groups.get("document"):  # "the memo": whom the text said issued a memo
            self._read_organisations()
            return self._documents.get(groups["document"])
        name = groups.get("named") or groups.get("voiced")
        head = organisation_head(name or groups.get("noun") or groups.get("voicenoun") or "")
        if not head:
            return None
        if name and name.lower().strip(".") != head:
            return re.sub(r"(?<=[a-z]{2})\.$", "", name)  # "… and Explosives.", not "U.S."
        self._read_organisations()
        return self._organisations.get(head) or name

    def _read_organisations(self) -> None:
        """Note the organisations and their documents named in the sentences read since the
        last call (read only when a quotation's subject asks: few do)."""
        for sentence in self._unread_for_organisations:
            self._organisations.update((h, n) for n, h in organisations_in(sentence))
            self._documents.update((d, n) for n, d in documents_issued(
                sentence, self._opening_end(sentence)))
        self._unread_for_organisations = []

    def _subject(self, sentence: str) -> str | None:
        """The person opening a sentence, after any opening clause: a name (not a possessive,
        "Ruiz's plan") or a pronoun, resolved."""
        start = self._opening_end(sentence)
        pronoun = _PRONOUN_OPENING.match(sentence, start)
        if pronoun:
            self._from_pronoun = self._resolve(_PRONOUNS[pronoun.group(1).lower()])
            return self._from_pronoun
        role = _ROLE_BEFORE_NAME.match(sentence, start)
        if role:  # "The spokesman, Ada Lund, rejected it, saying …"
            name = PERSON_RE.match(sentence, role.end())
            if not name or not sentence.startswith(",", name.end()):
                return self._titles_speaker(sentence, start)  # "The president, …, saying"
            full = _person_name(name.group(0))
            # a role only people have makes a full name a person the text had not known
            return self.person(full) or (full if " " in full and role.group(1).lower() in (
                TITLE_WORDS | _RANKS | _KIN.keys() | _PEOPLES_ROLES) else None)
        name = PERSON_RE.match(sentence, start)
        if name and sentence.startswith(("'s", "\u2019s"), name.end()):
            return None
        # "The president hit back: “…”": the one person the text names with that title
        return (name and self.person(_before_nickname(sentence, name))
                or self._titles_speaker(sentence, start))

    def _titles_speaker(self, sentence: str, start: int) -> str | None:
        """The one holder of the title a sentence opens with, as who speaks its quotation after
        a colon or "saying": not a title with a party ("The GOP leader": the text's one leader
        may be the other party's), nor when a person is named set off by commas before the
        quotation ("The chairman of the panel, Ada Lund, …", "a statement from its director,
        Ada Lund, saying")."""
        before = sentence[start:start + _OPENING_READ]
        if _PARTY.search(before) or _SET_OFF_NAME.search(sentence, start, _first_mark(sentence)):
            return None
        words = sentence[start:start + 2 * _OPENING_READ].split()
        # a longer office ("The secretary of state", "The chief of staff", "The general
        # secretary", "The judge in the other case"): not the short title's holder
        n = next((n for n in (2, 3) if words[n - 1:n] and words[n - 1].lower() in _TITLES
                  and words[n - 1].lower() not in _OFFICE_QUALIFIERS), 0)
        if n and len(words) > n + 1 and (
                words[n] in _OFFICE_LINKS and words[n + 1][:1].islower()
                or words[n].lower().strip(",:") in _TITLES):
            return None
        return self._holder_opening(sentence, start)

    def _holder_opening(self, sentence: str, start: int) -> str | None:
        """The one person the text names with the title a sentence opens with, at `start`
        ("The president said …": President Ana Ruiz)."""
        if not self.holders or not sentence.startswith(("The ", "the "), start):
            return None
        words = sentence[start:].split()
        # not a title opening a thing's name: "The Justice Department", "The Speaker Series"
        return next(filter(None, (self.holder(" ".join(words[:n])) for n in (2, 3, 4)
                                  if not words[n:n + 1] or not words[n][:1].isupper())), None)

    def _hold_title(self, tokens: list[str], titled: list[int], before: list[str], title: str,
                    name: str) -> None:
        """Note that the text names `name` with `title` (inside the name's words, at `titled`,
        or just before them); an office two people hold in the text is no one's."""
        words = ([t.lower().strip(".") for t in tokens[max(0, titled[-1] - 1):titled[-1] + 1]]
                 if titled else [w.strip(".,") for w in before[-2:]])
        if not words or words[-1] != title:
            words = [title]  # a role after the name: "Lena Brandt, president of Skyss"
        office = _office(words)
        self.holders[office] = name if self.holders.get(office, name) == name else None
        self._held.setdefault(office, set()).add(name)
        # "former President Ada Lund" holds the office no more: "the president" is another's
        # unless some mention titles her without "former"
        at = titled[-1] if titled else len(tokens)
        near = [w.lower().strip(".,") for w in (before + tokens[:at])[-3:]]
        # of the title, not of another noun: "a former aide to President Ada Lund" is not
        former = "former" in near and not _LINKING.intersection(near[near.index("former"):])
        self._former[office, name] = self._former.get((office, name), True) and former

    def holder(self, subject: str) -> str | None:
        """The person the text names with the title a subject gives ("the former vice
        president": Vice President Ada Lund), when only one holds it."""
        m = _TITLE_SUBJECT.fullmatch(subject)
        words = m.group(1).lower().split() if m else []
        office = _office(words)
        if office in _NO_ONES_OFFICES or office in self._unnamed_holders:
            return None  # "the representative" (a firm's too); "One senator said …"
        # a word before the title that `_office` leaves out makes another office: "the
        # company president" is not the country's
        name = self.holders.get(office) if words and office == " ".join(words) else None
        if not name and words and office == " ".join(words) and office in self.holders:
            return self._last_holder(office, subject)
        if not name or self._held_no_more(office, name, subject):
            return None
        if (office, name) not in self._only_holders:  # each sentence "The …" asks again
            self._only_holders[office, name] = self._only_holder(office, name)
        return name if self._only_holders[office, name] else None

    def _last_holder(self, office: str, subject: str) -> str | None:
        """Of the people the text names with `office`, the one named last before this sentence
        ("President Xi …; President Ana Ruiz said …; the president added")."""
        # each as the sentences read name them: "Senator Kask" is Ivo Kask, named before
        held = {self._as_read(n) for n in self._held.get(office, set())}
        if "former" in subject.lower() and any(self._former.get((office, n)) for n in held):
            # "the former governor": of those named only as former, not a later holder
            held = {n for n in self._held[office] if self._former.get((office, n))}
            held |= {self._as_read(n) for n in held}
        name = next((n for n in reversed(self.recent) if n in held), None)
        # two holders named together last ("President Ana Ruiz met President Ivo Berg"): either
        if name and self._titled_together(office, name, held, "former" in subject.lower()):
            return None
        return None if name and self._held_no_more(office, name, subject) else name

    def _one_family(self, surname: str) -> bool:
        """Whether the text names at most one person of this family name ("Tove Marsh", not
        also "Per Marsh"): then "Marsh of the firm" is that one."""
        if self._families is None:  # one pass over the text, however many names ask
            self._families = {}
            for given, family in _GIVEN_AND_FAMILY.findall(self.text):
                # (not a title, "Mayor Marsh", nor a word opening a sentence, "The Marsh")
                if given.lower() not in _TITLES and given.lower() not in STOPWORDS:
                    self._families.setdefault(family, set()).add(given)
        return len(self._families.get(surname, ())) <= 1

    def _as_read(self, name: str) -> str:
        """A holder's name as `read` notes it ("Burr", titled: RICHARD BURR, named before),
        if that is a person's name of at most three words (not a headline's ending in it)."""
        # once a name: read each time "the governor" speaks, it made long texts quadratic
        if name not in self._read_as:
            full = self.person(name)
            self._read_as[name] = full if full and len(full.split()) <= 3 else name
        return self._read_as[name]

    def _titled_together(self, office: str, name: str, held: set[str], former: bool) -> bool:
        """Whether the sentence that last named `name` names with a title another holder of
        `office` that the subject may be: "the former president" is one called former."""
        titled = self._titled_with.get(name, set())
        cached = self._together.get((office, name, former))
        if cached is None or cached[0] is not titled:
            another = any(n != name and (self._former.get((office, n)) if former else not
                                         self._held_no_more(office, n, ""))
                          for n in held & titled)
            cached = self._together[office, name, former] = (titled, another)
        return cached[1]

    def _held_no_more(self, office: str, name: str, subject: str) -> bool:
        """Whether `name` is only ever a former holder of `office` and the subject does not say
        "former": "the president" is not the former president."""
        return bool(self._former.get((office, name))) and "former" not in subject.lower()

    def _only_holder(self, office: str, name: str) -> bool:
        """Whether no mention of `office` in the text names another holder: "Lena Brandt,
        president of Skyss", "a former senator", "Brandt, the Skyss president" (whom `People`
        may not know). "The president", "elected president", "President Ana Ruiz" are
        `name`'s; a "vice president" holds another office than a "president"."""
        for m in re.finditer(rf"\b{re.escape(office)}\b", self.text, re.IGNORECASE):
            before = self.text[max(0, m.start() - 40):m.start()]
            words = before.split()
            if " " not in office and words and words[-1].lower() in _OFFICE_QUALIFIERS:
                continue
            titled = PERSON_RE.match(self.text, m.end() + 1)
            if titled and self.person(titled.group(0)) == name:
                continue  # the holder's own titled mention: "On Monday, President Ana Ruiz"
            if _OF_THE_PLACE.match(self.text, m.end()) and not (
                    _ANOTHER_HOLDER_BEFORE.search(before)):
                continue  # "the President of the United States": names no one (`_meet`)
            if _ANOTHER_HOLDER_BEFORE.search(before) or _HOLDER_OF.match(self.text, m.end()):
                return False
        return True

    def _note_unnamed_holders(self, sentence: str, named: list[str]) -> None:
        """Note the offices whose holder a sentence names (one of them speaks again as "the
        senator") or leaves unnamed ("One Republican senator familiar with …"): then "the
        senator" is that one, no senator named before."""
        for office in list(self._unnamed_holders):
            held = self._held.get(office, set())
            if any(n in held or any(self.person(h) == n for h in held) for n in named):
                self._unnamed_holders.discard(office)
        for m in _UNNAMED_HOLDER.finditer(sentence):
            before = sentence[:m.start(1)].split()[-1:]
            office = _office([*(w.lower() for w in before), m.group(1).lower()])
            if office in self._held:
                self._unnamed_holders.add(office)

    def _opening_end(self, text: str) -> int:
        """Where the subject starts after a clause opening `text` ("After meeting Haddad, Ruiz
        said"): names inside that clause are not who speaks; 0 when no such clause opens it."""
        m = _OPENING_TIME.match(text) or _OPENING_CLAUSE.match(text)
        return m.end() if m and not self.person(m.group(0).split()[0]) else 0

    def _named_last(self, name: str) -> None:
        self.recent.pop(name, None)
        self.recent[name] = None

    def _resolve(self, gender: str, but: str | None = None) -> str | None:
        # Only the people named last: a "she" is one of them, and looking further back for
        # every pronoun read a text of many men named, each followed by "she", again each time
        # (quadratic: 500 KB took 21.6 s).
        for name in itertools.islice(reversed(self.recent), PRONOUN_REACH):
            if name != but and self.known.get(name) in (None, gender):
                self.known[name] = gender
                return None if name in _UNNAMED_PEOPLE.values() else name
        return None

    def speakers(self, sentences: list[str]) -> list[str | None]:
        """The speaker of each sentence's quotations (None without quotes), reading in order."""
        found = []
        for sentence in sentences:
            found.append(self.speaker(sentence) if quotations(sentence) else None)
            self.read(sentence)
        return found

    def speakers_to(self, sentences: list[str], last: int) -> list[str | None]:
        """`speakers` of `sentences` up to the one at `last` (at least), read once: a sentence's
        speaker depends on those before it only, so a later call reads on from where this one
        stopped, and what it returns is what `speakers` gives for those sentences."""
        for sentence in sentences[self._read_to:last + 1]:
            self._speakers.append(self.speaker(sentence) if quotations(sentence) else None)
            self.read(sentence)
        self._read_to = max(self._read_to, last + 1)
        return self._speakers

    def read(self, sentence: str) -> None:
        """Note who a sentence names, most recent last, but the person opening it (its
        subject, whom the next sentence's "he" or "she" is about before anyone named after)."""
        if sentence.endswith(":") and not quotations(sentence) and _theirs(
                sentence[:-1]):  # "Ruiz tweeted:", then “…”
            known = dict(self.known)  # a guess: the pronoun it resolves tells no gender
            outside = unquoted(sentence, " \u2026 ")
            self._from_pronoun = None
            self._said = (self._speaker_of(outside) or self._subject(sentence)
                          or publication_quoted(outside))
            self._said_guessed = bool(self._said and self._guess(self._said))
            self.known = known
        elif _ISSUED_STATEMENT.search(sentence) and not quotations(sentence):
            # "Ruiz issued a statement on Monday, repeating her stance." then “…” alone
            known = dict(self.known)
            self._from_pronoun = None
            self._said = self._subject(sentence)
            self._said_guessed = bool(self._said and self._guess(self._said))
            self.known = known
        self.quoting, self._said = self._said, None
        self._quoting_guessed, self._said_guessed = self._said_guessed, False
        self._unread_for_organisations.append(sentence)
        # A pronoun opening it ("In the article, she …") is about someone named before it, not
        # anyone it names after.
        opening = self._opening_end(sentence)  # "Speaking on Sunday, Ana Ruiz had …"
        pronoun = _PRONOUN_OPENING.match(sentence, opening)
        subject = self._resolve(_PRONOUNS[pronoun.group(1).lower()]) if pronoun else None
        named = subject is None
        # (where the words after the opening start: a name at or before it is the subject)
        first_word = len(sentence) - len(sentence[opening:].lstrip())
        titled: set[str] = set()  # the people it names with a title
        named_any = False
        named_now: list[str] = []
        for m in PERSON_RE.finditer(sentence):
            who = self.person(_before_nickname(sentence, m))
            if who:
                named_any = True
                named_now.append(who)
                self._named_last(who)
                if _titled(sentence, m):
                    titled.add(who)
                self._titled_with[who] = titled
                # not in a quotation opening it
                if named and subject is None and opening <= m.start() <= first_word:
                    subject = who
        if self._held:
            self._note_unnamed_holders(sentence, named_now)
        if pronoun is None and self.holders and sentence.startswith(("The ", "the "), opening):
            subject = self._holder_opening(sentence, opening)
        if subject is None and not named_any and (
                unnamed := _UNNAMED_PERSON.match(sentence)
                or _UNNAMED_PERSON.match(sentence, opening)):
            # "Another woman, sitting on her step, said …": the next "she" is hers, no one's
            # named before
            subject = _UNNAMED_PEOPLE[(unnamed.group(1) or unnamed.group(2)).lower()]
            self.known[subject] = "f" if subject == _UNNAMED_PEOPLE["woman"] else "m"
        if subject:
            self._named_last(subject)
            if subject not in self._titled_with or self._titled_with[subject] is not titled:
                self._titled_with[subject] = set()  # "She …", "The president …": they alone
        # Whom the next sentence's "she said" surely stands for: this one's subject, named or
        # a pronoun standing for one named so just before, and whom it gives its quotation to.
        sure = {subject} if subject and (pronoun is None or subject in self._sure) else set()
        self._sure = sure | ({self.quoting} if self.quoting and not self._quoting_guessed
                             else set())
        # One opening a quotation is of someone named before, not who speaks it ("“He has
        # done a great deal,” she said"): it tells their gender.
        quoted = None if pronoun else _QUOTED_PRONOUN.match(sentence)
        if quoted:
            self._resolve(_PRONOUNS[quoted.group(1).lower()], but=self.last_speaker)
