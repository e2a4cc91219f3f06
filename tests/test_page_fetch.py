"""`seed add URL` and `extract URL` against servers that answer badly: one clean line and a
non-zero exit, and never more than the time limit."""

import time

import pytest

from monitor.jobs import seed as seed_job
from tests.conftest import assert_one_line, in_a_terminal, run_monitor, start_monitor

pytestmark = pytest.mark.slow  # starts a server, runs the CLI in a subprocess

GAVE_UP = "gave no complete answer within 30 s"


def bad_status(h):  # a status line http.client refuses, retitling the window and clearing it
    h.wfile.write(b"HTTP/1.1 2000000000 \x1b]0;PWNED\x07\x1b[2J\r\n\r\n")


def many_headers(h):
    h.wfile.write(b"HTTP/1.1 200 OK\r\n" + b"".join(b"X-%d: a\r\n" % i for i in range(101))
                  + b"Content-Length: 2\r\n\r\nhi")


def long_header(h):
    h.wfile.write(b"HTTP/1.1 200 OK\r\nX-Long: " + b"a" * 70_000 + b"\r\n\r\nhi")


def dripping_body(h):  # a byte a second, each in time for a per-read timeout
    h.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>")
    for _ in range(90):  # bounded: 90 s, well past the 30 s limit
        h.wfile.write(b"a")
        h.wfile.flush()
        time.sleep(1)


def dripping_headers(h):
    h.wfile.write(b"HTTP/1.1 200 OK\r\n")
    for _ in range(30):  # bounded: 15 s
        h.wfile.write(b"X")
        h.wfile.flush()
        time.sleep(0.5)


@pytest.fixture(scope="module")
def hostile(route_server):
    """The base URL of a server whose pages answer as the functions above."""
    route_server.routes.update({"/bad-status": bad_status, "/many-headers": many_headers,
                                "/long-header": long_header, "/drip": dripping_body,
                                "/drip-headers": dripping_headers})
    return route_server.base


@pytest.mark.parametrize("path", ["/bad-status", "/many-headers", "/long-header"])
def test_seed_add_of_a_url_answering_badly_fails_in_one_clean_line(hostile, path, tmp_path):
    db = tmp_path / "m.db"
    result = run_monitor("seed", "add", hostile + path, db=db, check=False)
    assert_one_line(result, f"{hostile}{path}: cannot fetch the seed", hidden="Traceback")
    assert "\x1b" not in result.stderr
    assert not db.exists() or "PWNED" not in db.read_bytes().decode("latin-1")


@pytest.mark.parametrize("path", ["/bad-status", "/many-headers", "/long-header"])
def test_extract_of_a_url_answering_badly_fails_in_one_clean_line(hostile, path):
    result = run_monitor("extract", hostile + path, check=False)
    assert_one_line(result, f"{hostile}{path}: cannot fetch the page", hidden="Traceback")
    assert "\x1b" not in result.stderr and result.stdout == ""


def test_a_bad_status_line_reaches_the_terminal_harmless(hostile, tmp_path):
    shown = in_a_terminal("extract", hostile + "/bad-status", db=tmp_path / "m.db",
                          exit_code=1)
    assert "\x1b" not in shown and "\x07" not in shown and "Traceback" not in shown
    assert shown.strip().count("\n") == 0 and "BadStatusLine" in shown


def test_seed_add_and_extract_give_up_on_a_dripping_answer_after_30_s(hostile, tmp_path):
    url = hostile + "/drip"
    commands = [start_monitor("seed", "add", url, db=tmp_path / "m.db"),
                start_monitor("extract", url, db=tmp_path / "m.db")]
    try:
        seed_add, extract = (command.communicate(timeout=60)[1] for command in commands)
    finally:
        for command in commands:
            command.kill()
    assert [command.returncode for command in commands] == [1, 1]
    assert seed_add.strip() == f"Error: {url}: cannot fetch the seed ({GAVE_UP})"
    assert extract.strip() == f"{url}: cannot fetch the page ({GAVE_UP})"


def test_headers_sent_a_byte_at_a_time_are_given_up_at_the_deadline(hostile):
    started = time.monotonic()
    with pytest.raises(seed_job.FetchError, match="gave no complete answer within 2 s"):
        seed_job.read_page_source(hostile + "/drip-headers", seconds=2)
    assert time.monotonic() - started < 10
