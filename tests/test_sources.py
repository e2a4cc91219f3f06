"""Reading feeds, sitemaps, search pages and aggregator answers (no network needed)."""

import gzip
from datetime import UTC, datetime

import pytest

from monitor.steps.dates import parse_date
from monitor.steps.outlets import Outlet
from monitor.steps.urls import canonical_url, looks_like_article
from spiders.aggregators import gdelt_articles, google_news_items
from spiders.base import Modified, Newest, publication_day
from spiders.feeds import FeedReader, feed_entries, read_all
from spiders.search import result_link
from spiders.sitemaps import SitemapReader, sitemap_entries

RSS2 = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
<item><title>A</title><link>https://example.com/a-story-here</link>
<pubDate>Fri, 08 Aug 2025 18:40:00 GMT</pubDate></item>
<item><title>B</title><guid isPermaLink="true">https://example.com/b-story-here</guid></item>
</channel></rss>"""
RSS091 = b"""<?xml version="1.0" encoding="ISO-8859-1"?><rss version="0.91"><channel>
<title>T</title><item><title>Caf\xe9</title><link>https://example.com/cafe-story</link></item>
</channel></rss>"""
RSS1 = b"""<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://example.com/"><title>T</title></channel>
<item rdf:about="https://example.com/rdf-story"><title>R</title>
<link>https://example.com/rdf-story</link><dc:date>2025-08-09T12:00:00Z</dc:date></item>
</rdf:RDF>"""
ATOM = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
<entry><title>E</title><link rel="self" href="https://example.com/feed/1"/>
<link rel="alternate" href="https://example.com/atom-story"/>
<updated>2025-08-09T06:30:00Z</updated></entry></feed>"""


def test_rss_2_items_with_links_guids_and_dates():
    assert feed_entries(RSS2) == [("https://example.com/a-story-here",
                                   "Fri, 08 Aug 2025 18:40:00 GMT"),
                                  ("https://example.com/b-story-here", None)]


def test_rss_091_in_latin_1():
    assert feed_entries(RSS091) == [("https://example.com/cafe-story", None)]


def test_rss_1_rdf_with_dublin_core_dates():
    assert feed_entries(RSS1) == [("https://example.com/rdf-story", "2025-08-09T12:00:00Z")]


def test_atom_takes_the_alternate_link_and_the_updated_date():
    assert feed_entries(ATOM) == [("https://example.com/atom-story", "2025-08-09T06:30:00Z")]


def test_a_paged_feed_gives_the_address_of_its_older_items():
    rss = (b'<?xml version="1.0"?><rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">'
           b'<channel><atom:link rel="next" href="https://example.com/feed?page=2"/><item>'
           b"<link>https://example.com/a-story-here</link></item></channel></rss>")
    reader = FeedReader()
    assert read_all(reader, rss) == [("https://example.com/a-story-here", None)]
    assert reader.next_page == "https://example.com/feed?page=2"


def test_an_entrys_own_next_link_is_not_the_feeds_next_page():
    atom = ATOM.replace(b'rel="self"', b'rel="next"')
    reader = FeedReader()
    read_all(reader, atom)
    assert reader.next_page is None


def test_malformed_feed_gives_no_items_and_no_error():
    assert feed_entries(b"<rss><channel><item><link>") == []
    assert feed_entries(b"this is not xml at all") == []


def test_a_feed_cut_short_gives_the_items_before_the_cut_and_says_it_was_cut():
    whole = RSS2.split(b"</channel>")[0] + b"<item><title>Half an it"
    reader = FeedReader()
    assert read_all(reader, whole) == feed_entries(RSS2)
    assert reader.cut_short


def test_a_whole_feed_is_not_cut_short():
    reader = FeedReader()
    read_all(reader, RSS2 + b"\n\n")
    assert not reader.cut_short and not reader.malformed


def test_a_feed_malformed_in_the_middle_but_whole_is_read_and_not_taken_for_cut_short():
    feed = RSS2.replace(b"</channel>", b"<item><title><b>Q and A</title><link>"  # a tag left open
                        b"https://example.com/last-story</link></item></channel>")
    reader = FeedReader()
    entries = read_all(reader, feed + b"\n<!-- served in 3 ms -->\n")
    assert entries[:len(feed_entries(RSS2))] == feed_entries(RSS2)
    assert reader.malformed and not reader.cut_short


# Each slip made libxml2's recovery drop every later `&amp;`: the second address lost "&".
@pytest.mark.parametrize("slip", [b"Q & A", b"Q&nbsp;and&rsquo;A", b"Q &#27; A", b"Q \x0b A",
                                  b"Caf\xe9 owners"],
                         ids=["raw &", "HTML entities", "forbidden character", "control character",
                              "not UTF-8"])
def test_a_slip_in_a_feed_loses_no_address_and_is_not_malformed(slip):
    feed = (b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>' + slip
            + b"</title><item><link>https://example.com/story?id=3&page=2</link></item>"
            b"<item><link>https://example.com/story?id=4&amp;page=1</link></item>"
            b"<item><link><![CDATA[https://example.com/story?id=5&page=1]]></link></item>"
            b"</channel></rss>")
    for piece in (len(feed), 7):  # whole, or in pieces that cut references in two
        reader = FeedReader()
        entries = [e for start in range(0, len(feed), piece)
                   for e in reader.feed(feed[start:start + piece])] + reader.close()
        assert [link for link, _ in entries] == [
            "https://example.com/story?id=3&page=2", "https://example.com/story?id=4&page=1",
            "https://example.com/story?id=5&page=1"]
        assert not reader.malformed and not reader.cut_short


def test_a_feed_through_feedburner_gives_the_articles_own_address():
    feed = (b'<rss version="2.0" xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0">'
            b"<channel><item><link>https://feeds.feedburner.com/~r/nereth/~3/x1/</link>"
            b"<feedburner:origLink>https://nereth.example/news/port-strike</feedburner:origLink>"
            b"</item></channel></rss>")
    assert feed_entries(feed) == [("https://nereth.example/news/port-strike", None)]


def test_feed_entities_are_not_expanded_nor_fetched(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    xxe = (f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file://{secret}">]>'
           '<rss><channel><item><link>https://example.com/&x;</link></item></channel></rss>')
    assert all("SECRET" not in link for link, _ in feed_entries(xxe.encode()))


def test_a_sitemap_cut_short_gives_the_entries_before_the_cut_and_says_it_was_cut():
    reader = SitemapReader()
    entries = read_all(reader, b'<?xml version="1.0"?><urlset><url><loc>https://example.com/a'
                               b'</loc></url><url><loc>https://example.com/b</loc>')
    assert entries[0] == ("https://example.com/a", None)
    assert reader.cut_short and not reader.malformed


def test_a_sitemap_malformed_but_whole_is_not_cut_short():
    reader = SitemapReader()
    entries = read_all(reader, b'<?xml version="1.0"?><sm:urlset xmlns:sm="http://www.sitemaps'
                               b'.org/schemas/sitemap/0.9"><sm:url><sm:loc>https://example.com/'
                               b'a</sm:loc><b></sm:url></sm:urlset>')
    assert entries == [("https://example.com/a", None)]
    assert reader.malformed and not reader.cut_short


def test_a_sitemaps_raw_ampersands_keep_every_address_whole():
    _, entries = sitemap_entries(
        b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<url><loc>https://example.com/a?x=1&y=2</loc></url>"
        b"<url><loc>https://example.com/b?x=1&amp;y=2</loc></url></urlset>")
    assert entries == [("https://example.com/a?x=1&y=2", None),
                       ("https://example.com/b?x=1&y=2", None)]


def test_news_sitemap_gives_publication_dates():
    body = b"""<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
    xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url>
    <loc>https://example.com/news-story</loc><lastmod>2025-08-10</lastmod><news:news>
    <news:publication_date>2025-08-08T21:00:00Z</news:publication_date></news:news></url>
    </urlset>"""
    assert sitemap_entries(body) == ("urlset", [("https://example.com/news-story",
                                                 "2025-08-08T21:00:00Z")])


def test_a_sitemap_entry_with_only_lastmod_gives_when_it_changed_not_when_published():
    body = b"""<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    <url><loc>https://example.com/story</loc><lastmod>2025-08-10</lastmod></url></urlset>"""
    [(_, date)] = sitemap_entries(body)[1]
    assert date == "2025-08-10" and publication_day(date) is None


def test_gzip_sitemap_index():
    body = gzip.compress(b"""<?xml version="1.0"?><sitemapindex
    xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap>
    <loc>https://example.com/sitemap-1.xml.gz</loc><lastmod>2025-08-01</lastmod></sitemap>
    </sitemapindex>""")
    assert sitemap_entries(body) == ("sitemapindex", [("https://example.com/sitemap-1.xml.gz",
                                                       "2025-08-01")])


def test_truncated_gzip_sitemap_gives_no_entries_and_no_error():
    assert sitemap_entries(gzip.compress(b"<urlset>" * 100)[:30])[1] == []


def test_search_results_keep_article_links_on_the_outlet_site():
    links = ["https://example.com/tag/mexico", "https://example.com/about",
             "https://other.example/2025/08/09/elsewhere-story",
             "https://example.com/world/2025/08/09/pentagon-plans-against-cartels?utm_source=x",
             "https://example.com/world/mexico-rejects-invasion-talk"]
    outlet = Outlet("Example", "example.com")
    assert [result_link(link, outlet) for link in links] == [
        None, None, None, "https://example.com/world/2025/08/09/pentagon-plans-against-cartels",
        "https://example.com/world/mexico-rejects-invasion-talk"]


def test_gdelt_artlist_json():
    body = b"""{"articles": [{"url": "https://news.example/a-story", "title": "A",
    "seendate": "20250808T183000Z", "domain": "news.example", "language": "English"}]}"""
    (article,) = gdelt_articles(body)
    assert article["url"] == "https://news.example/a-story"
    assert gdelt_articles(b"{}") == []  # GDELT's answer when nothing matched


def test_a_gdelt_answer_that_is_not_json_is_not_taken_for_an_empty_one():
    # GDELT answers its rate limit in plain text with status 200: a failed source, not "none".
    assert gdelt_articles(b"Please limit requests to one every 5 seconds") is None
    assert gdelt_articles(b"<html>rate limited</html>") is None


def test_google_news_rss_items_name_their_outlet():
    body = b"""<?xml version="1.0"?><rss version="2.0"><channel><item>
    <title>Story - Example Times</title><link>https://news.google.com/rss/articles/CBMi</link>
    <pubDate>Sat, 09 Aug 2025 10:00:00 GMT</pubDate>
    <source url="https://times.example">Example Times</source></item></channel></rss>"""
    (item,) = google_news_items(body)
    assert item["outlet"] == "Example Times" and item["outlet_url"] == "https://times.example"


def test_a_google_news_answer_that_is_not_rss_is_not_taken_for_an_empty_one():
    assert google_news_items(b"<html><body>Before you continue to Google</body></html>") is None
    assert google_news_items(b'<?xml version="1.0"?><rss version="2.0"><channel/></rss>') == []


def test_canonical_urls_drop_tracking_fragments_and_amp():
    assert canonical_url("https://Example.com:443/a/story-one.amp.html?utm_source=x&id=3#top") \
        == "https://example.com/a/story-one.html?id=3"
    assert canonical_url("https://amp.example.com/news/story-one/amp") == \
        "https://example.com/news/story-one"


def test_links_that_are_not_articles():
    assert not looks_like_article("https://example.com/tag/mexico")
    assert not looks_like_article("https://example.com/author/jane-doe-smith")
    assert not looks_like_article("https://example.com/world")
    assert looks_like_article("https://example.com/world/2025/08/09/story")
    assert not looks_like_article("https://example.com/news/live")  # a hub of live pages


def test_a_link_under_a_headline_is_an_article_whatever_its_address():
    assert looks_like_article("https://example.com/news/articles/c8x2k4",
                              "Pentagon told to plan strikes on cartels")
    assert looks_like_article("https://example.com/world/live/2026/nov/17/cartel-plans")  # live
    assert not looks_like_article("https://example.com/news/articles/c8x2k4", "World news")
    assert not looks_like_article("https://example.com/tag/mexico", "Everything about Mexico here")
    assert not looks_like_article("https://example.com/", "Back to the front page")


def test_a_story_window_is_its_date_give_or_take_its_days_seven_by_default():
    from datetime import UTC, datetime

    from monitor.steps.dates import DEFAULT_WINDOW_DAYS, story_window

    assert DEFAULT_WINDOW_DAYS == 7
    assert story_window({"published": "2025-08-08", "window_days": 2}) == (
        datetime(2025, 8, 6, tzinfo=UTC), datetime(2025, 8, 10, 23, 59, 59, 999999, tzinfo=UTC))
    assert story_window({"published": "2025-08-08", "window_days": None}) == (
        datetime(2025, 8, 1, tzinfo=UTC), datetime(2025, 8, 15, 23, 59, 59, 999999, tzinfo=UTC))
    assert story_window({"published": None}) is None


def test_an_article_of_the_afternoon_of_a_story_windows_last_day_is_in_it():
    from monitor.steps.dates import story_window

    first, last = story_window({"published": "2018-12-26", "window_days": 7})
    for listed in ("Wed, 02 Jan 2019 12:00:00 +0000", "2018-12-19T00:00:00Z",
                   "2019-01-02T23:30:00Z"):
        assert first <= parse_date(listed) <= last, listed
    assert parse_date("2019-01-03T00:00:00Z") > last
    assert parse_date("2018-12-18T23:59:00Z") < first


def test_dates_as_feeds_sitemaps_and_gdelt_write_them_are_read_in_utc():
    expected = datetime(2025, 8, 8, 18, 30, tzinfo=UTC)
    for text in ("Fri, 08 Aug 2025 20:30:00 +0200", "2025-08-08T18:30:00Z", "20250808T183000Z"):
        assert parse_date(text) == expected


def test_a_date_that_does_not_exist_reads_as_no_date():
    for text in ("20251399T999999Z", "2025-13-40T10:00:00Z", "Fri, 08 Aug 2025 99:00:00 +0000",
                 "Fri, 08 Aug 99999 10:00:00 +0000", "Fri, 08 Aug 2025 10:00:00 +9999"):
        assert parse_date(text) is None, text


def test_a_date_its_offset_carries_off_the_calendar_reads_as_no_date():
    # Read as written, these cannot be compared with a date in UTC (OverflowError).
    assert parse_date("0001-01-01T00:00:00+01:00") is None
    assert parse_date("9999-12-31T23:00:00-05:00") is None


def test_a_date_that_is_not_text_reads_as_no_date():
    for value in (12345, 2025.8, ["2025-08-08"], {"date": "2025-08-08"}, None, "", "  "):
        assert parse_date(value) is None, value


def test_an_entry_with_an_unreadable_date_is_kept_as_undated():
    newest = Newest(2)
    newest.add([("a", "20251399T999999Z"), ("b", "2025-08-01"), ("c", 12345)])
    assert newest.entries() == [("b", "2025-08-01"), ("a", "20251399T999999Z")]


def test_the_newest_entries_keep_what_else_each_entry_carries():
    newest = Newest(1)
    newest.add([("a", "2025-08-01", {"domain": "a.example"}),
                ("b", "2025-08-03", {"domain": "b.example"})])
    assert newest.entries() == [("b", "2025-08-03", {"domain": "b.example"})]


def test_gdelt_articles_whose_url_is_not_text_are_skipped_and_the_rest_kept():
    body = b"""{"articles": [{"url": 12345}, {"url": ["https://news.example/x"]},
    {"url": null}, {"url": " "}, {"url": "https://news.example/kept-story"}]}"""
    assert [a["url"] for a in gdelt_articles(body)] == ["https://news.example/kept-story"]


def test_a_gdelt_answer_whose_articles_are_not_a_list_lists_nothing():
    assert gdelt_articles(b'{"articles": 5}') == []
    assert gdelt_articles(b'{"articles": {"url": "https://news.example/x"}}') == []


@pytest.mark.parametrize("listed, day", [
    ("Mon, 01 Dec 2026 20:00:00 -0600", "2026-12-01"),  # an evening in Mexico City
    ("2025-08-08T23:30:00+02:00", "2025-08-08"),
    ("20251399T999999Z", None),
    (None, None),
])
def test_a_listings_date_is_the_articles_day_as_the_listing_wrote_it(listed, day):
    assert publication_day(listed) == day


def test_a_sitemaps_lastmod_is_no_publication_day():
    assert publication_day(Modified("2025-08-08T10:00:00Z")) is None
