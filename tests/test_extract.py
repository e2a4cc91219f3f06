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
    assert set(article) == {"source", "title", "author", "published", "language", "text"}
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


def test_only_html_is_read_as_a_web_page():
    from monitor.steps.extract import is_web_page

    assert is_web_page("text/html; charset=utf-8", b"")
    assert is_web_page("application/octet-stream", b"  <!DOCTYPE html><html>")
    assert not is_web_page("application/pdf", b"<html>")
    assert not is_web_page("", b"%PDF-1.4")
