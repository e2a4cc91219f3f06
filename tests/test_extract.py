"""`monitor extract`: what the crawl would store for a page, from a file or a URL."""

import json

import pytest

from monitor.jobs.demo import SITE
from tests.conftest import run_monitor

PAGE = SITE / "tribune/world/2025/08/09/pentagon-cartel-plans"


@pytest.mark.slow
def test_extract_json_gives_the_article_fields():
    result = run_monitor("extract", str(PAGE), "--json")
    article = json.loads(result.stdout)
    assert set(article) == {"source", "title", "author", "published", "language", "is_stub",
                            "text"}
    assert article["is_stub"] is False
    assert article["title"].startswith("Pentagon told to draw up options")
    assert article["author"] == "Dana Whitfield"
    assert article["published"] == "2025-08-09"
    assert article["text"].startswith("President Donald Trump has ordered the Pentagon")


@pytest.mark.slow
def test_extract_leaves_out_comments_cookie_notice_and_navigation():
    text = json.loads(run_monitor("extract", str(PAGE), "--json").stdout)["text"]
    for furniture in ("cookies", "border_watcher", "Subscribe", "Related stories", "Share on X"):
        assert furniture not in text


@pytest.mark.slow
def test_extract_reads_a_url_like_the_crawler(outlet_server):
    url = f"{outlet_server}/tribune/world/2025/08/09/pentagon-cartel-plans"
    from_url = json.loads(run_monitor("extract", url, "--json").stdout)
    from_file = json.loads(run_monitor("extract", str(PAGE), "--json").stdout)
    assert from_url["text"] == from_file["text"]


@pytest.mark.slow
def test_extract_reports_a_missing_file_and_exits_non_zero(tmp_path):
    result = run_monitor("extract", str(tmp_path / "nope.html"), check=False)
    assert result.returncode == 1
    assert "nope.html" in result.stderr and "Traceback" not in result.stderr


def test_page_bytes_are_decoded_by_what_fits_them():
    from monitor.steps.extract import decode_page

    spanish = "<p>El niño comió piñata en Querétaro, dijo la señora Peña.</p>"
    russian = "<p>Президент Мексики заявила, что вторжения в Мексику не будет.</p>"
    assert decode_page(spanish.encode("cp1252"), "utf-8") == spanish  # mislabelled
    assert decode_page(spanish.encode("cp1252"), None) == spanish  # undeclared
    assert decode_page(russian.encode("cp1251"), None) == russian
    assert decode_page(russian.encode("koi8-r"), "koi8-r") == russian  # declared and fitting


def test_short_undeclared_windows_1252_texts_are_read_as_windows_1252():
    # The detector ranks cp775, cp850 or cp1250 a hair above cp1252 for texts like these.
    from monitor.steps.extract import decode_page

    texts = ["Café owners said the “new rules” cost €20 a day. A vote is expected on 3 March.",
             "The “harbour levy” rose to €35, and the café’s owner said it was unfair.",
             "Dockworkers at São Vicente called the levy “unfair” — and costly at €35.",
             "Señora Peña paid €1,200 for the “façade” repairs.",
             "Müller’s bakery staff paid €1,200 for the “façade” repairs.",
             "The mayor’s office said the “new rules” cost €20 a day."]
    assert [decode_page(text.encode("cp1252"), None) for text in texts] == texts


def test_undeclared_pages_in_other_code_pages_are_read_in_them():
    from monitor.steps.extract import decode_page

    texts = {"cp1250": "<p>Zażółć gęślą jaźń, powiedział burmistrz miasta Łódź w środę.</p>",
             "cp1253": "<p>Ο πρόεδρος είπε ότι η κυβέρνηση θα συνεργαστεί με την Ουάσιγκτον.</p>",
             "iso8859_7": "<p>Ο δήμαρχος είπε ότι οι νέοι κανόνες κοστίζουν είκοσι ευρώ.</p>",
             "cp1255": "<p>ראש העיר אמר כי הכללים החדשים יעלו עשרים שקלים ביום.</p>",
             "shift_jis": "<p>市長は新しい規則が一日二十ユーロかかると述べた。</p>"}
    assert {code: decode_page(text.encode(code), None) for code, text in texts.items()} == texts


def test_only_html_is_read_as_a_web_page():
    from monitor.steps.extract import is_web_page

    assert is_web_page("text/html; charset=utf-8", b"")
    assert is_web_page("application/octet-stream", b"  <!DOCTYPE html><html>")
    assert not is_web_page("application/pdf", b"<html>")
    assert not is_web_page("", b"%PDF-1.4")


UNDATED = """<html><head><title>Measles cases rise</title></head><body><article>
<h1>Measles cases rise</h1>
<p>The county has confirmed 47 measles cases, its largest outbreak since 2019, and health
officials expect more in the coming weeks as families return from the holidays.</p>
<p>Clinics will open on Saturdays until the end of the month, the health department said,
and parents are asked to check their children's records before school starts.</p>
</article><footer><p>{footer}</p></footer></body></html>"""


@pytest.mark.parametrize("footer", ["Copyright 2026. All rights reserved.", "Contact us."])
def test_a_bare_year_in_the_text_is_no_publication_date(footer):
    from monitor.steps.extract import extract_article
    article = extract_article(UNDATED.format(footer=footer), "http://x.example/measles")
    assert "The county has confirmed 47" in article.text and article.published is None


# A page with no date of its own but the dates its article reports: a law's date, a photo's.
REPORTED_DATES = """<html><head><title>Lender sued over loans</title></head><body><article>
<h1>Lender sued over loans</h1>{byline}
<p>The state sued a payday lender on Monday, saying it broke a cap on interest that took
effect on August 1, 2017, and charged some borrowers more than twice the legal rate.</p>
<p>The lender said in a statement that it would fight the case and that its loans had been
approved by regulators. A hearing is set for the spring, the attorney general's office said.</p>
<p>Customers queue outside a branch in Dunmore on March 9, 2020. Photo: staff.</p>
</article></body></html>"""


def test_a_date_that_only_the_article_reports_is_no_publication_date():
    from monitor.steps.extract import extract_article
    article = extract_article(REPORTED_DATES.format(byline=""), "http://x.example/lender")
    assert "interest that took effect" in article.text and article.published is None


def test_a_day_is_recognised_however_an_article_writes_it():
    from monitor.steps.dates import writes_day
    for written in ("on August 1, 2017.", "on 1 Aug. 2017,", "from 2017-08-01", "on 8/1/2017",
                    "le 01.08.2017", "the 1st of August, 2017"):
        assert writes_day(f"A cap took effect\n{written}", "2017-08-01"), written
    assert not writes_day("It took effect on August 11, 2017.", "2017-08-01")
    assert not writes_day("It took effect on August 1, 2018.", "2017-08-01")


def test_a_date_written_beside_the_article_is_its_publication_date():
    from monitor.steps.extract import extract_article
    byline = '<span class="meta">Published on 14 May 2021</span>'
    article = extract_article(REPORTED_DATES.format(byline=byline), "http://x.example/lender")
    assert article.published == "2021-05-14"


def test_a_publication_date_on_new_years_day_is_kept():
    from monitor.steps.extract import extract_article
    page = UNDATED.format(footer="Copyright 2026.").replace(
        "<head>", '<head><meta property="article:published_time" content="2026-01-01T09:00:00Z">')
    assert extract_article(page, "http://x.example/measles").published == "2026-01-01"


# A news page marked up for paywalls as search engines ask (schema.org's isAccessibleForFree,
# the paywalled part named by a CSS selector): {part} is what the page holds in that part.
PAYWALLED = """<html lang="en"><head><title>Ferry fares to rise</title>
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle",
"headline": "Ferry fares to rise", "isAccessibleForFree": {free},
"hasPart": {{"@type": "WebPageElement", "isAccessibleForFree": false,
"cssSelector": ".locked"}}}}</script></head><body><article><h1>Ferry fares to rise</h1>
<p>Fares on the Nereth ferry will rise by a fifth from March, the harbour board decided on
Thursday after a meeting that ran late into the evening, with two members voting against.</p>
<div class="locked">{part}</div></article></body></html>"""
LOCKED_TEXT = ("<p>The board said fuel had cost it nine million more than planned last year and "
               "that the older of its two ships needed a new engine before the summer.</p><p>"
               "Commuters' groups said they would ask the council to cap the rise for season "
               "tickets, which about four thousand people hold.</p>")
PROMPT = "<p>Subscribe to read the rest of this article.</p>"


def test_a_page_declaring_its_paywalled_part_missing_is_a_stub():
    # The teaser alone is longer than a stub's few words, but the page says the rest is locked
    # and what it holds there is a prompt: matched, it would show every other claim left out.
    from monitor.steps.extract import extract_article
    page = PAYWALLED.format(free="false", part=PROMPT)
    assert extract_article(page, "http://x.example/fares").is_stub


@pytest.mark.parametrize("free, part", [("false", LOCKED_TEXT), ("true", PROMPT)])
def test_a_paywalled_page_that_holds_its_whole_text_or_a_free_page_is_no_stub(free, part):
    from monitor.steps.extract import extract_article
    article = extract_article(PAYWALLED.format(free=free, part=part), "http://x.example/fares")
    assert not article.is_stub and "ferry will rise by a fifth" in article.text


@pytest.mark.parametrize("page", [
    PAYWALLED.format(free="false", part=LOCKED_TEXT).replace(".locked", "svg|a"),
    PAYWALLED.format(free="false", part=LOCKED_TEXT).replace(
        "<title>", '<script type="application/ld+json">' + "[" * 5000 + "]" * 5000
        + "</script><title>")])
def test_paywall_markup_that_cannot_be_read_loses_no_article(page):
    # A namespaced selector, JSON nested past Python's stack: the page's length decides.
    from monitor.steps.extract import extract_article
    article = extract_article(page, "http://x.example/fares")
    assert not article.is_stub and "ferry will rise by a fifth" in article.text


def test_escape_sequences_in_a_page_leave_no_litter_in_its_title_or_text():
    # The parser drops a raw ESC: read first, "\x1b[2J" would be stored as "[2J".
    from monitor.steps.extract import extract_article
    page = PAYWALLED.format(free="true", part=LOCKED_TEXT).replace(
        "<h1>Ferry fares to rise", "<h1>\x1b[2J\x1b]0;owned\x07Ferry fares to rise").replace(
        "<title>Ferry", "<title>\x1b[31mFerry")
    article = extract_article(page, "http://x.example/fares")
    assert article.title == "Ferry fares to rise"
    assert "[2J" not in article.text and "owned" not in article.text and "[31m" not in article.text


FARES = """<html><head><title>Ferry fares rise</title><meta name="author" content="{author}">
</head><body><article><h1>Ferry fares rise by twelve per cent</h1>
<p>The ferry company raised its fares by twelve per cent on Monday, the first rise in four
years, and said the money would pay for two new boats.</p>
<p>Commuters said they would take the bridge instead, and the council asked the company to
freeze the price of season tickets until the spring.</p></article></body></html>"""


@pytest.mark.parametrize("byline", [
    "By Rosa Delgado, Island Courier Staff Writer", "Analysis by Rosa Delgado",
    "Rosa Delgado November", "Rosa Delgado Monday, November",
    "Rosa Delgado is a reporter for the Island Courier"])
def test_the_author_is_the_name_without_the_bylines_date_or_job(byline):
    from monitor.steps.extract import extract_article
    page = FARES.format(author=byline)
    assert extract_article(page, "http://x.example/fares").author == "Rosa Delgado"


def test_an_author_named_like_a_month_keeps_the_name():
    from monitor.steps.extract import extract_article
    page = FARES.format(author="Nell May")
    assert extract_article(page, "http://x.example/fares").author == "Nell May"


CARD_PAGE = """<html lang="en"><head><title>Nereth ferry fares to rise</title></head><body>
<article><h1>Nereth ferry fares to rise</h1>
<p>Fares on the Nereth ferry will rise by a fifth from March, the harbour board decided on
Thursday after a meeting that ran late into the evening, with two members voting against.</p>
<p>Sen. Ada Lund <span class="card">Ada Marie LundLund presses rail plan as budget talks
stall Voters in Corvale reject school levy MORE</span> (D-Nova) said the rise would hurt
commuters, and Rep. Tom McAvoy <span class="card">Thomas (Tom) Eli McAvoyCouncil delays
vote on parking fees MORE</span> (R-Nova) said it was overdue.</p></article></body></html>"""


def test_link_cards_run_into_a_name_are_no_part_of_the_article():
    # Their headlines are other stories' words: left in, the article shares them with stories
    # it does not cover, and a claim's sentence carries them.
    from monitor.steps.extract import extract_article
    article = extract_article(CARD_PAGE, "http://x.example/fares")
    assert ("Sen. Ada Lund (D-Nova) said the rise would hurt commuters, and Rep. Tom McAvoy "
            "(R-Nova) said it was overdue.") in " ".join(article.text.split())
    assert "levy" not in article.text and "MORE" not in article.text


@pytest.mark.parametrize("text, shown", [
    ("Rep. Tom Vale Thomas R. ValeHarbour fees rise Council stalls MORE (R-Nova) said.",
     "Rep. Tom Vale (R-Nova) said."),
    ("Mayor Bill de Blasio Bill de BlasioCity fares rise again tonight MORE said.",
     "Mayor Bill de Blasio said."),
    ("Sen. Ada Lund Ada Marie LundAda Park opens to public Rail plan stalls MORE (D-Nova) said.",
     "Sen. Ada Lund (D-Nova) said."),
    ("His son, Tom Vale Jr. Thomas (Tom) Eli ValeVale Jr makes speech Fares rise MORE, was there.",
     "His son, Tom Vale Jr., was there."),
    ("Aide Ada Lund Ada Marie LundMORE said fares would rise. Rep. Tom Vale Thomas (Tom) "
     "ValeFerry fares rise tonight MORE (R-Nova) agreed.",
     "Aide Ada Lund said fares would rise. Rep. Tom Vale (R-Nova) agreed."),
    ("Aide Ada Lund Ada Marie LundPay rise for Prof. Tom Vale stalls MORE said fares rose.",
     "Aide Ada Lund said fares rose."),
    ("Aide Ada Lund Ada Marie LundRuiz vs. Vale debate set MORE said fares rose.",
     "Aide Ada Lund said fares rose."),
])
def test_a_link_card_goes_and_the_shown_name_stays_whole(text, shown):
    from monitor.steps.extract import without_link_cards
    assert without_link_cards(text) == shown


@pytest.mark.parametrize("text", [
    "\u201cNO MORE CUTS,\u201d the crowd chanted outside the Nereth Harbour Board offices.",
    "Ada Lund Ada Lund is how the ballot lists her.\n\nMORE FROM THE NERETH DAILY",
    "Fares rose again. Ada Lund said the board had no choice. LEARN MORE about fares.",
    "Sirhan Sirhan was denied parole on Wednesday. Outside, relatives held signs: NO MORE.",
    "Police in Corvale City, Corvale said two were hurt; marchers' banners said NO MORE.",
    "Tom Vale Jr., Eli Vale and Ana Vale spoke; the crowd chanted FOUR MORE YEARS as they left.",
    "Ada Lund of New Corvale, New Corvale's 10th district, wrote the MORE Act, which passed.",
    "The court sat at The Hague. The court heard the case and said NO MORE delays.",
    "Under LundCare, VeleCare and the rest, costs rose. Ada Lund said MORE would follow.",
    "Ruiz wrote: \u201cTHE BOARD WANTS THE FARES HIGH AND MORE CUTS!\u201d Aides said nothing.",
    "Marchers chanted \u201cWE WANT FERRIES WE WANT FARES NO MORE\u201d outside the pier.",
    "Former Governor Ana Ruiz Ana Ruiz will call on the board to pass the MORE Act on Monday.",
    "Vale Chairman Tom Vale said the firm backs the MORE Act, aides said.",
    "Sales rose 4% in 2019. Ruiz Group Chair Ana Ruiz said it wants MORE stores.",
    "Aide Ada Lund Ada Marie LundPay rise vote was no. Then fares rose MORE said fares rose."])
def test_capitals_that_are_no_link_card_are_kept(text):
    # Removed by mistake, real text of any outlet would be lost without a trace.
    from monitor.steps.extract import without_link_cards
    assert without_link_cards(text) == text


@pytest.mark.parametrize("furniture", [
    "SEE ALSO: Nereth harbour board delays the ferry vote again",
    "Read more: Corvale fares rise for the third year running",
    "RELATED: What the new port levy means for commuters",
    "More:Ferry pilots strike over rotas. Talks resume Monday.",
    "WATCH:",
    "Watch: The Nereth ferry's last crossing, explained",
    "Full Coverage: Nereth harbour",
    "FILE PHOTO: Ada Lund speaks at a rally in Arden, Nova, May 4, 2021. WIRE/Tom Vale",
    "Photo: Tom Vale/Wire Images",
    "Image copyright Wire Images Image caption Ada Lund spoke at the pier on Tuesday",
    "Media playback is unsupported on your device Media caption Ada Lund: \u201cFares rise\u201d",
    "Media caption The ferry left the pier late",
    "JUST WATCHED Lund: fares must rise Replay More Videos ... MUST WATCH Lund: fares 01:23",
    "Photos: The ferry's last day The ferry leaves the pier. Hide Caption 1 of 9 Photos: The ferry",
    "(SOUNDBITE OF FERRY HORN)",
    "[Related: Ferry pilots vote on a strike]",
    "- Photos: The Nereth ferry's last crossing",
    "CLOSE Ferry fares rise again in Nereth as the harbour board votes. NERETH DAILY",
    "CLOSE",
    "Photos: " + "The ferry leaves the pier at dawn for the islands. " * 10 + "Hide Caption 1 of 9",
    "NERETH PILOTS SAY THEY WILL WALK OUT, AS BOARD'S CHAIR CALLS STRIKE “RECKLESS”",
    "McCARTHY HARBOUR BILL PASSES THE SENATE AFTER A LONG NIGHT",
])
def test_a_line_of_page_furniture_goes(furniture):
    from monitor.steps.extract import without_page_furniture
    text = (f"The harbour board raised ferry fares by 4% on Tuesday.\n\n{furniture}\n\n"
            "Commuters said they would protest outside the board's offices.")
    assert without_page_furniture(text) == (
        "The harbour board raised ferry fares by 4% on Tuesday.\n\n"
        "Commuters said they would protest outside the board's offices.")


@pytest.mark.parametrize("line", [
    "See also the board's earlier ruling, which set fares for two years.",
    "Read more than the headline: the levy applies only to cars, the board said.",
    "The board said: see also our statement of May 4.",
    "Watch the vote live: it starts at 10 a.m., the board said.",
    "More from Ada Lund's speech (as delivered):",
    "Media reports said the ferry left the pier late on Tuesday.",
    "Image rights, the board said, belong to the photographer.",
    "Just watched the vote. Pretty rough for the board, Ada Lund wrote.",
    "(AP) \u2014 The harbour board raised ferry fares by 4% on Tuesday.",
    "Related: " + "the board said fares would rise again next year and commuters " * 8,
    "Image copyright " + "law gives the photographer of the pier every right to the picture " * 6,
    "WATCH: Today I signed the harbour bill. \u2014 Ana Ruiz (@AnaRuiz) May 1, 2020",
    "Close to 300 commuters protested outside the board's offices on Monday.",
    "NATO, EU and UN envoys met the NERETH harbour board on Monday.",
    "NERETH FARES RISE",
    "FARES RISE AGAIN — Ana Ruiz (@AnaRuiz) May 1, 2020",
])
def test_a_sentence_that_only_mentions_furniture_words_is_kept(line):
    # Removed by mistake, a paragraph of the article would be lost without a trace.
    from monitor.steps.extract import without_page_furniture
    text = f"The harbour board raised ferry fares by 4% on Tuesday.\n\n{line}"
    assert without_page_furniture(text) == text


def test_a_page_loses_its_furniture_lines_on_extraction():
    from monitor.steps.extract import extract_article
    page = ("<html><body><article><h1>Fares rise</h1>"
            "<p>The harbour board raised ferry fares by 4% on Tuesday, its chair Ada Lund said, "
            "after a year of losses on the Nereth crossing and a long dispute with the pilots.</p>"
            "<p>SEE ALSO: Nereth pilots walk out over new rotas</p>"
            "<p>Commuters said they would protest outside the board's offices on Friday, and "
            "the pilots' union said it would join them with a march from the pier.</p>"
            "</article></body></html>")
    article = extract_article(page, "http://x.example/fares")
    assert "SEE ALSO" not in article.text and "walk out" not in article.text
    assert "Commuters said they would protest" in article.text


def test_a_text_written_in_capitals_throughout_is_kept_whole():
    # An old wire style: every line in capitals is the article itself, not links around it.
    from monitor.steps.extract import without_page_furniture
    text = ("THE HARBOUR BOARD RAISED FERRY FARES BY 4% ON TUESDAY.\n\n"
            "COMMUTERS SAID THEY WOULD PROTEST OUTSIDE THE BOARD'S OFFICES.\n\n"
            "The board meets again in May.")
    assert without_page_furniture(text) == text


def test_a_post_in_capitals_above_its_authors_handle_is_kept():
    from monitor.steps.extract import without_page_furniture
    text = ("Mayor Ana Ruiz posted on her account on Tuesday evening.\n\n"
            "\u201cFARES WILL NOT RISE AGAIN WHILE I AM MAYOR OF HALDEN!\u201d\n\n"
            "\u2014 Ana Ruiz (@AnaRuiz) May 1, 2020\n\nThe board meets in May.")
    assert without_page_furniture(text) == text
