"""The HTML report in a real browser, and the terminal report."""

import json
import re
import shutil
import sqlite3
from contextlib import closing

import pytest
from sqlite_utils import Database

from monitor.faces import changes
from monitor.faces.html_report import render_html
from monitor.faces.report import REWORDED, claims_named, noted_rows, render_report
from tests.conftest import ferry_story, run_monitor

pytestmark = pytest.mark.slow  # reads the crawled demo and runs the CLI in a subprocess


@pytest.fixture(scope="module")
def html_report(crawled_demo, tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "trump-cartels.html"
    run_monitor("report", "--story", "trump-cartels", "--html", str(path), db=crawled_demo)
    return path


def test_report_page_loads_without_console_messages(browser, html_report):
    dom, console = browser(html_report)
    assert "Claims × outlets" in dom
    assert console == []


def test_browser_check_catches_console_errors(browser, tmp_path):
    page = tmp_path / "broken.html"
    page.write_text("<html><body><script>notDefined();</script></body></html>")
    _, console = browser(page)
    assert any("notDefined" in line for line in console)


def test_heatmap_has_one_cell_per_claim_and_outlet(browser, html_report, crawled_demo):
    dom, _ = browser(html_report)
    cells = re.findall(r'<td class="cell v-([\w-]+)"', dom)
    db = sqlite3.connect(crawled_demo)
    claims = db.execute("select count(*) from claims join stories on stories.id = story_id "
                        "where slug = 'trump-cartels'").fetchone()[0]
    outlets = db.execute("select count(distinct outlet) from coverage_matrix "
                         "where story = 'trump-cartels'").fetchone()[0]
    assert len(cells) == claims * outlets == 23 * 7
    assert set(cells) <= {"verbatim", "paraphrase", "reworded-quotation", "partial", "conflict",
                          "absent"}


def test_the_page_says_why_each_article_was_counted_its_headline_linked(browser, html_report,
                                                                        crawled_demo):
    dom, _ = browser(html_report)
    why = dom.split("Why these articles", 1)[1]
    counted = sqlite3.connect(crawled_demo).execute(
        "select url from coverage_decisions where story = 'trump-cartels' "
        "and kind in ('copy', 'coverage', 'mention')").fetchall()
    assert counted and all(f'href="{url}"' in why for (url,) in counted)
    assert len(re.findall(r"days? apart|undated", why)) == len(counted)


def test_conflicts_show_both_sides_with_the_difference_marked(html_report):
    page = html_report.read_text()
    assert "<mark>29</mark>" in page and "<mark>twenty-six</mark>" in page


def test_a_conflict_in_the_page_shows_both_whole_sentences(html_report):
    page = html_report.read_text()
    assert "her administration extradited <mark>29</mark> drug suspects to the United States" \
        in page
    assert "her government extradited <mark>twenty-six</mark> drug suspects" in page


def test_a_conflict_in_the_terminal_shows_values_as_written(crawled_demo):
    printed = run_monitor("report", "--story", "trump-cartels", db=crawled_demo).stdout
    assert "date: seed “February” vs “March”" in printed
    assert "seed:   In [February], the US government named" in printed


def test_a_reworded_quotation_in_the_terminal_is_shown_apart_from_the_conflicts(crawled_demo):
    printed = run_monitor("report", "--story", "trump-cartels", db=crawled_demo).stdout
    conflicts, reworded = printed.split("Reworded quotations (1, not counted as conflicts):")
    assert "claim 18 · The Daily Ledger" in reworded and "claim 18 · The Daily Ledger" not in (
        conflicts)
    assert "[completely] ruled out,” Sheinbaum said" in reworded


def test_a_reworded_quotation_in_the_page_shows_both_sentences_marked(html_report):
    page = html_report.read_text()
    reworded = page.split("<h2>Reworded quotations</h2>")[1].split("<h2>")[0]
    assert "That is <mark>absolutely</mark> ruled out" in reworded
    assert "That is <mark>completely</mark> ruled out" in reworded


def test_timeline_marks_the_syndicated_copy(crawled_demo, tmp_path):
    path = tmp_path / "port.html"
    run_monitor("report", "--story", "port-strike", "--html", str(path), db=crawled_demo)
    assert "syndicated copy of Continental Wire" in path.read_text()


def test_timeline_tells_a_copy_on_the_same_outlet_from_syndication(crawled_demo, tmp_path):
    db_path = tmp_path / "same-outlet.db"
    shutil.copy(crawled_demo, db_path)
    with closing(sqlite3.connect(db_path)) as db, db:  # the copy moved to the original's outlet
        db.execute("update articles set outlet_id = (select outlet_id from articles as original "
                   "where original.id = (select copy_of from copies where article_id = "
                   "articles.id)) where id in (select article_id from copies)")
    path = tmp_path / "port.html"
    run_monitor("report", "--story", "port-strike", "--html", str(path), db=db_path)
    page = path.read_text()
    assert "the same text as its own earlier article" in page and "syndicated copy" not in page


def test_text_from_pages_is_escaped(crawled_demo, tmp_path, browser):
    db_path = tmp_path / "hostile.db"
    shutil.copy(crawled_demo, db_path)
    db = sqlite3.connect(db_path)
    db.execute("update matches set sentence = '<script>console.error(\"owned\")</script>' "
               "where verdict = 'verbatim'")
    db.execute("update additions set sentence = '<img src=x onerror=console.error(1)>'")
    db.execute("update articles set title = '<b onmouseover=alert(1)>t</b>', "
               "url = 'javascript:alert(1)' where id = 1")
    db.commit()
    path = tmp_path / "hostile.html"
    run_monitor("report", "--story", "trump-cartels", "--html", str(path), db=db_path)
    page = path.read_text()
    assert "<script>console.error" not in page and "<img src=x" not in page
    assert 'href="javascript:' not in page
    _, console = browser(path)
    assert console == []


def test_terminal_report_counts_each_outlet(crawled_demo):
    out = run_monitor("report", "--story", "port-strike", db=crawled_demo).stdout
    db = sqlite3.connect(crawled_demo)
    # An outlet with one covering article: its row counts that article's verdicts (with more,
    # the report takes each claim's best verdict among them).
    for outlet, in db.execute("select outlet from coverage_matrix where story = 'port-strike' "
                              "group by outlet having count(distinct url) = 1"):
        counts = dict(db.execute("select verdict, count(*) from coverage_matrix where story = "
                                 "'port-strike' and outlet = ? group by verdict", [outlet]))
        counts["reworded"] = counts.get("paraphrase", 0) + counts.get("reworded quotation", 0)
        expected = [str(counts.get(v, 0))
                    for v in ("verbatim", "reworded", "partial", "absent", "conflict")]
        row = next(line for line in out.splitlines() if line.startswith(outlet + "  "))
        assert row.split()[-5:] == expected, outlet
    assert max(len(line) for line in out.splitlines()) <= 100


def test_terminal_report_says_why_each_article_was_counted(crawled_demo):
    out = run_monitor("report", "--story", "port-strike", db=crawled_demo).stdout
    why = out.split("Why these articles", 1)[1].split("\n\n", 1)[0]
    db = sqlite3.connect(crawled_demo)
    counted = db.execute("select count(*) from coverage_decisions where story = 'port-strike' "
                         "and kind in ('copy', 'coverage')").fetchone()[0]
    lines = [line for line in why.splitlines() if line.startswith(("coverage ", "copy "))]
    assert len(lines) == counted > 0
    assert len(re.findall(r"days?\s+apart|undated", why)) >= counted  # lines wrap at 100


def test_the_names_and_amounts_behind_a_decision_are_written_as_in_the_seed(crawled_demo):
    out = run_monitor("report", "--story", "port-strike", db=crawled_demo).stdout
    why = " ".join(out.split("Why these articles", 1)[1].split("\n\n", 1)[0].split())
    seed = sqlite3.connect(crawled_demo).execute(
        "select seed_text from stories where slug = 'port-strike'").fetchone()[0]
    for written in ("Quiñones", "3,200", "$90 million"):
        assert written in seed and written in why
    assert "quinones" not in why and "3200" not in why


def test_each_article_counted_is_named_by_its_headline(crawled_demo):
    out = run_monitor("report", "--story", "port-strike", db=crawled_demo).stdout
    why = " ".join(out.split("Why these articles", 1)[1].split("\n\n", 1)[0].split())
    db = sqlite3.connect(crawled_demo)
    for (title,) in db.execute("select title from coverage_decisions where story = "
                               "'port-strike' and kind in ('copy', 'coverage')"):
        assert (title if len(title) <= 60 else title[:59] + "…") in why


def test_a_story_added_after_the_crawl_says_how_many_stored_articles_it_has_not_read(
        crawled_demo, tmp_path):
    db = tmp_path / "m.db"
    with sqlite3.connect(crawled_demo) as source, sqlite3.connect(db) as copy:
        source.backup(copy)
        stored = copy.execute("select count(*) from articles").fetchone()[0]
    seed = tmp_path / "ferry.txt"
    seed.write_text("Harbour Ferry Fares Rise by a Fifth\n\nFerry fares across the harbour will "
                    "rise by 20 percent from March, the transport board said on Tuesday.\n")
    run_monitor("seed", "add", str(seed), "--slug", "ferry", db=db)

    out = run_monitor("report", "--story", "ferry", db=db).stdout
    assert (f"{stored} stored articles not read for this story yet: `monitor match --story "
            f"ferry` reads them now.") in out
    run_monitor("match", "--story", "ferry", db=db)
    assert "not read for this story yet" not in run_monitor("report", "--story", "ferry",
                                                            db=db).stdout


def test_a_long_shared_quotation_does_not_make_an_article_a_likely_copy(tmp_path):
    from monitor.faces.html_report import render_html
    from monitor.store import schema

    db = schema.open_db(tmp_path / "m.db")
    story = db["stories"].insert({"slug": "ferry", "title": "Ferry fares rise"}).last_pk
    quotation = " ".join(f"quoted{i}" for i in range(20))  # 16 runs of 5 words, shared
    texts = {"First Post": " ".join(f"first{i}" for i in range(150)) + " " + quotation,
             "Quoting Times": " ".join(f"own{i}" for i in range(150)) + " " + quotation,
             "Rewrite Daily": " ".join(f"first{i}" for i in range(120)) + " added words here"}
    for day, (outlet, text) in enumerate(texts.items(), 1):
        outlet_id = db["outlets"].insert({"name": outlet, "domain": f"{day}.example"}).last_pk
        article = db["articles"].insert({"outlet_id": outlet_id, "url": f"https://{day}.example/a",
                                         "title": outlet, "text": text,
                                         "published": f"2025-08-0{day}"}).last_pk
        db["coverage"].insert({"story_id": story, "article_id": article, "is_coverage": 1})
    timeline = render_html(db, story).split("Who published first", 1)[1]
    quoting = next(line for line in timeline.split("<li>") if "Quoting Times" in line)
    rewrite = next(line for line in timeline.split("<li>") if "Rewrite Daily" in line)
    assert "likely copies" not in quoting
    assert "likely copies First Post" in rewrite


def test_an_article_in_another_language_is_said_not_scored_in_the_terminal_why(tmp_path):
    db, story = ferry_story(tmp_path / "m.db")
    why = " ".join(render_report(db, story).split("Why these articles", 1)[1].split())
    le_port = why.split("Le Port", 1)[1].split("Bay Times")[0]
    assert "claims not scored (other language: fr)" in le_port and "told whole" not in le_port


def test_a_paywall_teaser_is_said_not_scored_and_leaves_out_nothing(tmp_path):
    # An outlet known only by a teaser has not left the claims out: nobody could read them.
    db, story = ferry_story(tmp_path / "m.db")
    outlet = db["outlets"].insert({"name": "Paid Gazette", "domain": "paid.example"}).last_pk
    teaser = db["articles"].insert({
        "outlet_id": outlet, "url": "https://paid.example/ferry", "title": "Ferry fares rise",
        "language": "en", "text": "Ferry fares rise. Subscribe to read on.", "is_stub": 1,
        "published": "2025-08-03", "first_seen": "2025-08-04T00:00:00+00:00"}).last_pk
    db["coverage"].insert({"story_id": story, "article_id": teaser, "kind": "coverage",
                           "is_coverage": 1, "scored": 0, "relevance": 80.0,
                           "evidence": '{"claims": [], "days_apart": 1}'})
    report = " ".join(render_report(db, story).split())
    assert "1 too short to read (a paywall's teaser) found but not scored" in report
    paid = report.split("Why these articles", 1)[1].split("Paid Gazette", 1)[1]
    assert paid.split(" coverage ")[0].count("claims not scored (too short to read") == 1
    assert "Paid Gazette" not in {r["outlet"] for r in db.query("select outlet from "
                                                               "claims_left_out")}
    not_scored = render_html(db, story).split("<h2>Not scored</h2>", 1)[1].split("<h2>", 1)[0]
    assert "Paid Gazette" in not_scored and "paywall" in not_scored


def test_the_coverage_decisions_say_whether_claims_were_scored_and_the_language(tmp_path):
    db, _ = ferry_story(tmp_path / "m.db")
    rows = {r["outlet"]: (r["scored"], r["language"]) for r in db.query(
        "select outlet, scored, language from coverage_decisions where story = 'ferry'")}
    assert rows["Le Port"] == (0, "fr") and rows["Bay Times"] == (1, "en")


def test_the_why_list_says_how_many_claims_it_leaves_out(tmp_path):
    db, story = ferry_story(tmp_path / "m.db")
    why = " ".join(render_report(db, story).split("Why these articles", 1)[1].split())
    assert "claims 1, 2, 3, 4, 5, 6, and 1 more told whole" in why


def test_a_story_no_article_covers_says_so_not_that_its_language_went_unread(tmp_path):
    db, story = ferry_story(tmp_path / "m.db")
    db.execute("update coverage set is_coverage = 0, kind = 'unrelated' where story_id = ?",
               [story])
    report = render_report(db, story)
    assert "No article read so far covers this story." in report
    assert "in its language" not in report
    assert "<h2>Per outlet</h2><p>No article read so far covers this story.</p>" in render_html(
        db, story)


def test_a_story_covered_only_in_another_language_says_so_in_both_reports(tmp_path):
    db, story = ferry_story(tmp_path / "m.db")
    db.execute("update coverage set is_coverage = 0, kind = 'unrelated' where story_id = ? and "
               "scored = 1", [story])
    said = "No outlet covered this story in its language yet (or only in a paywall's teaser)."
    assert said in render_report(db, story)
    assert f"<h2>Per outlet</h2><p>{said}" in render_html(db, story).replace("&#x27;", "'")


def _with_unrelated(db, story, likelihoods):
    """The ferry story with one unrelated article of another outlet at each likelihood."""
    for n, likelihood in enumerate(likelihoods):
        outlet = db["outlets"].insert({"name": f"Gull Gazette {n}", "domain": f"g{n}.example"}
                                      ).last_pk
        article = db["articles"].insert({
            "outlet_id": outlet, "url": f"https://g{n}.example/fares", "language": "en",
            "title": f"Island fares, part {n}", "text": "Other words about the islands. " * 3,
            "published": "2025-08-02", "first_seen": "2025-08-04T00:00:00+00:00"}).last_pk
        db["coverage"].insert({"story_id": story, "article_id": article, "kind": "unrelated",
                               "is_coverage": 0, "scored": 1, "relevance": likelihood})


def test_the_reports_name_the_articles_closest_to_being_counted(tmp_path):
    db, story = ferry_story(tmp_path / "m.db")
    _with_unrelated(db, story, [35.0, 4.0, 18.0])
    why = " ".join(render_report(db, story).split("Why these articles", 1)[1].split())
    assert ("Closest not counted: 35% Gull Gazette 0 · Island fares, part 0; "
            "18% Gull Gazette 2 · Island fares, part 2") in why
    assert "Gull Gazette 1" not in why
    page = render_html(db, story)
    assert "Closest not counted: 35% Gull Gazette 0" in page and "part 1" not in page


def test_the_reports_name_no_article_when_none_came_close(tmp_path):
    db, story = ferry_story(tmp_path / "m.db")
    _with_unrelated(db, story, [4.0])
    assert "Closest not counted" not in render_report(db, story)
    assert "Closest not counted" not in render_html(db, story)


def test_the_reports_count_one_as_one(tmp_path):
    db, story = ferry_story(tmp_path / "m.db")
    why = " ".join(render_report(db, story).split("Why these articles", 1)[1].split())
    assert "claim 1 told whole" in why and "1 day apart" in why
    assert "8 claims · 1 outlet</p>" in render_html(db, story)


def test_the_html_report_lists_the_article_in_another_language_as_not_scored(tmp_path):
    db, story = ferry_story(tmp_path / "m.db")
    page = render_html(db, story)
    not_scored = page.split("<h2>Not scored</h2>", 1)[1].split("<h2>", 1)[0]
    assert "Le Port" in not_scored and "(fr)" in not_scored
    timeline = page.split("Who published first", 1)[1]
    le_port = next(line for line in timeline.split("<li>") if "Le Port" in line)
    assert "claims not scored" in le_port


def test_the_timeline_shows_the_seed_first_and_its_syndicated_copy(tmp_path):
    db, story = ferry_story(tmp_path / "m.db")
    timeline = render_html(db, story).split("Who published first", 1)[1].split("<li>")[1:]
    assert "Harbour Post" in timeline[0] and "the seed" in timeline[0]
    copy = next(line for line in timeline if "Wire Service" in line)
    assert "syndicated copy of Harbour Post" in copy


def test_a_date_conflict_is_labelled_date_in_every_face(tmp_path):
    db, story = ferry_story(tmp_path / "m.db")
    said = "date: seed “Monday” vs “Wednesday”"
    assert said in render_report(db, story)
    assert "<b>Claim 1</b> · Bay Times · date<br>" in render_html(db, story)
    events = changes.events_since(db, "2025-08-01")
    assert said in changes.render_text(changes.group(events, "2025-08-01"))
    feed = changes.atom_feed("ferry", "https://m.example/feed", "https://m.example/", events,
                             "2025-08-05T00:00:00+00:00").decode()
    assert said in feed and "number:" not in feed


def test_a_verdict_an_edit_changed_is_marked_in_the_matrix_with_when(tmp_path):
    # "Who contradicted claim 1, and when did that change?" from the matrix alone.
    from monitor.faces.html_report import matrix_parts

    db, story = ferry_story(tmp_path / "m.db")
    bay_times = db.execute("select id from articles where title like 'Bay Times%'").fetchone()[0]
    claim = db.execute("select id from claims where position = 1").fetchone()[0]
    db["verdict_changes"].insert({
        "story_id": story, "claim_id": claim, "article_id": bay_times, "from_version": 1,
        "to_version": 2, "old_verdict": "paraphrase", "new_verdict": "conflict",
        "old_sentence": "The fares rose on Monday.", "new_sentence": "The fares rose on Wednesday.",
        "changed_at": "2025-08-05T09:30:00+00:00"})
    changed = ('title="conflict; changed: paraphrase → conflict on 2025-08-05 09:30 UTC '
               '(version 2)"')
    for page in (render_html(db, story), matrix_parts(db, "ferry")["heatmap"]):
        cells = page.split('class="cell ')[1:]
        assert [c.split("</td>")[0][-2:] for c in cells if changed in c] == ["✗*"]
        assert sum("changed:" in c for c in cells) == 1


def test_an_article_taken_down_is_said_so_in_both_reports(tmp_path):
    # Its link answers 410 now: a reader of the report learns why before following it.
    db, story = ferry_story(tmp_path / "m.db")
    urls = dict(db.execute("select title, url from articles").fetchall())
    ids = dict(db.execute("select title, id from articles").fetchall())
    for outlet, status, gone in (("Bay Times", 410, "2025-08-06T10:00:00+00:00"),
                                 ("Le Port", 200, None)):
        db["pages"].insert({"url": urls[f"{outlet} on the ferry fares"], "status": status,
                            "article_id": ids[f"{outlet} on the ferry fares"],
                            "gone_since": gone, "error": f"HTTP {status}" if gone else None})
    said = "found taken down (HTTP 410) on 2025-08-06"
    why = " ".join(render_report(db, story).split("Why these articles", 1)[1].split())
    assert [line.split(" · ")[0] for line in why.split("coverage ") if said in line] == [
        "90% Bay Times"]
    timeline = render_html(db, story).split("Who published first", 1)[1].split("<li>")[1:]
    assert [line.split(" · ")[1] for line in timeline if said in line] == ["Bay Times"]


def test_a_number_and_the_quotation_holding_it_are_one_conflict_in_both_reports(tmp_path):
    # The header counts one conflict a claim and article; the entries below are as many.
    db, story = ferry_story(tmp_path / "m.db")
    seed, outlet = ("“We will raise fares by 5%,” the mayor said.",
                    "“We will raise fares by 8%,” the mayor said.")
    both = {"seed_sentence": seed, "article_sentence": outlet}
    db.execute("update matches set conflicts = ? where verdict = 'conflict'", [json.dumps([
        {"kind": "number", "claim": "5%", "article": "8%", "unit": "percent", **both},
        {"kind": "quote", "claim": "We will raise fares by 5%",
         "article": "We will raise fares by 8%", **both}])])
    report = render_report(db, story).split("Conflicts (1):", 1)[1]
    assert report.count("claim 1 · Bay Times") == 1 and report.count("seed:   ") == 1
    assert "claim 1 · Bay Times · number: seed “5%” vs “8%”; quotation" in report
    page = render_html(db, story).split("<h2>Conflicts</h2>", 1)[1].split("<h2>", 1)[0]
    assert page.count("<li>") == 1 and "· Bay Times · number; quotation<br>" in page


def test_the_report_counts_one_article_read_as_one(tmp_path):
    db, story = ferry_story(tmp_path / "m.db")
    db.execute("delete from coverage where story_id = ? and article_id != (select min("
               "article_id) from coverage where story_id = ? and is_coverage = 1)", [story, story])
    assert "(of 1 article read)" in render_report(db, story)


def _noted_ferry(path):
    """The ferry story with Bay Times telling claim 2 with its amount rounded, and claim 3 with
    an amount of another thing (a note that is no difference)."""
    db, story = ferry_story(path)
    seed, outlet = "Fares rose for 29 routes on Monday.", "Fares rose for about 30 routes."
    for position, note in ((2, {"kind": "rounded", "claim": "29", "article": "30"}),
                           (3, {"kind": "another amount", "claim": "8", "article": "12"})):
        db.execute("update matches set verdict = 'partial', sentence = ?, notes = ? where "
                   "claim_id = (select id from claims where position = ?)",
                   [outlet, json.dumps([{**note, "seed_sentence": seed,
                                         "article_sentence": outlet}]), position])
    return db, story


def test_an_amount_given_rounded_is_shown_apart_from_the_conflicts_in_the_terminal(tmp_path):
    db, story = _noted_ferry(tmp_path / "m.db")
    conflicts, noted = render_report(db, story).split("Noted, not counted as conflicts (1):")
    assert "claim 2 · Bay Times · rounded: seed “29” vs “30”" in noted
    assert "outlet: Fares rose for about [30] routes." in " ".join(noted.split())
    assert "claim 2 ·" not in conflicts.split("Conflicts (1):")[1]


def test_another_bound_of_one_side_is_shown_apart_from_the_conflicts(tmp_path):
    db, story = ferry_story(tmp_path / "m.db")
    seed, outlet = "At least 29 routes closed.", "At least 21 routes closed."
    db.execute("update matches set verdict = 'partial', sentence = ?, notes = ? where "
               "claim_id = (select id from claims where position = 2)",
               [outlet, json.dumps([{"kind": "another bound", "claim": "29", "article": "21",
                                     "seed_sentence": seed, "article_sentence": outlet}])])
    noted = render_report(db, story).split("Noted, not counted as conflicts (1):")[1]
    assert "claim 2 · Bay Times · another bound: seed “29” vs “21”" in noted
    page = render_html(db, story).split("<h2>Noted differences</h2>")[1].split("<h2>")[0]
    assert "At least <mark>21</mark> routes" in page
    rows = list(db.query("select claim from noted_differences where story = 'ferry'"))
    assert rows == [{"claim": 2}]


def test_a_note_of_another_amount_is_no_difference_and_not_shown(tmp_path):
    db, story = _noted_ferry(tmp_path / "m.db")
    assert "claim 3 ·" not in render_report(db, story)
    assert "Claim 3" not in render_html(db, story)


def test_an_amount_given_rounded_in_the_page_shows_both_sentences_marked(tmp_path):
    db, story = _noted_ferry(tmp_path / "m.db")
    noted = render_html(db, story).split("<h2>Noted differences</h2>")[1].split("<h2>")[0]
    assert "<b>Claim 2</b> · Bay Times · rounded" in noted
    assert "Fares rose for <mark>29</mark> routes" in noted
    assert "Fares rose for about <mark>30</mark> routes" in noted


def test_the_noted_differences_view_holds_only_the_notes_it_shows(tmp_path):
    db, _ = _noted_ferry(tmp_path / "m.db")
    db.execute("update matches set notes = json_insert(notes, '$[#]', json(?)) where claim_id ="
               " (select id from claims where position = 2)",
               [json.dumps({"kind": "another day", "claim": "Monday", "article": "Tuesday"})])
    rows = list(db.query("select claim, notes from noted_differences where story = 'ferry'"))
    assert [(r["claim"], [n["kind"] for n in json.loads(r["notes"])]) for r in rows] == [
        (2, ["rounded"])]


def test_a_reworded_quotation_a_statement_and_its_quotation_share_is_listed_once():
    # A statement and the quotation it holds are two claims: the outlet's one sentence giving
    # the quotation in other words is one entry naming both claims, not one entry a claim.
    db = Database(memory=True)
    note = json.dumps([{"kind": "reworded quotation", "claim": "a wall for the harbour",
                         "article": "a wall for our harbour"}])
    db["rows"].insert_all([
        {"story": "s", "claim": claim, "claim_text": text, "outlet": "The Daily Ledger",
         "url": "http://127.0.0.1/a", "sentence": "Lund wants 'a wall for our harbour'.",
         "notes": note}
        for claim, text in ((16, 'Lund asked for "a wall for the harbour".'),
                            (17, "a wall for the harbour"))])
    db.create_view("reworded_quotations", "select * from rows")
    rows = noted_rows(db, "s", *REWORDED)
    assert len(rows) == 1
    assert claims_named(rows[0]) == "claims 16, 17"
