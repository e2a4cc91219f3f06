"""The `monitor` command, a thin face over the library: each command parses its options, opens
the database if it needs one, calls the library (monitor/jobs for what a command does; the
store's reads for what it shows) and prints what comes back, an error in one line. A crawl,
a run and the demo own their process from monitor/jobs (`run.run`, `demo.demo`), not here."""

from __future__ import annotations

import json
import logging
import sqlite3
import sys
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager, nullcontext
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import click

from monitor.crawler import frontier
from monitor.faces import changes, report
from monitor.faces.terminal import BadParameter, CliError, clean, cleaned, counted, echo, json_line
from monitor.jobs import collect_less, schedule
from monitor.jobs import crawl as crawl_job
from monitor.jobs import demo as demo_job
from monitor.jobs import match as match_job
from monitor.jobs import run as run_job
from monitor.jobs import seed as seed_job
from monitor.jobs import status as status_job
from monitor.jobs.stories import stored_claims
from monitor.steps import dates, verdicts
from monitor.steps.extract import TooComplex, extract_page
from monitor.steps.outlets import OutletFileError
from monitor.store import rows, schema

WORKER_DIED = ("a matching worker process died (out of memory?); the articles matched so far "
               "are saved: run `monitor match` to finish")
logger = logging.getLogger("monitor")


class _Commands(click.Group):
    """The monitor's commands: a damaged database, wherever a command finds it, ends it with
    one line saying what to do."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except sqlite3.DatabaseError as e:
            if not schema.is_damaged(e):
                raise
            raise _db_error(ctx, "cannot use", e) from e


def _db_error(ctx: click.Context, doing: str, error: Exception) -> CliError:
    path = ctx.obj["db_path"]
    if schema.is_damaged(error):
        return CliError(f"database {path} is damaged ({error}): restore it from a backup, or "
                        f"save what can still be read with `sqlite3 {path} .recover | sqlite3 "
                        f"recovered.db`")
    return CliError(f"{doing} database {path}: {error}")


@click.group(cls=_Commands)
@click.version_option(package_name="media-monitor")
@click.option("--db", "db_path", envvar="MONITOR_DB", default=schema.DEFAULT_DB,
              show_default=True, type=click.Path(dir_okay=False),
              help="SQLite database (or $MONITOR_DB).")
@click.pass_context
def cli(ctx: click.Context, db_path: str) -> None:
    """Follow one news story across outlets, claim by claim."""
    ctx.obj = {"db_path": db_path}
    # A command that sets up no log handler (ingest, match) prints its warnings through
    # Python's handler of last resort: they quote what servers and crawlers sent.
    cleaned(logging.lastResort)


def _db(ctx: click.Context):
    try:
        return _closed_at_end(ctx, schema.open_db(ctx.obj["db_path"]))
    except Exception as e:  # sqlite3 and OS errors: one clear line, no traceback
        raise _db_error(ctx, "cannot open", e) from e


def _closed_at_end(ctx: click.Context, db):
    # Closed, the last connection folds the write-ahead log into the file and removes it:
    # the .db file alone is then the whole database, to copy or back up.
    ctx.call_on_close(db.close)
    return db


def _read_db(ctx: click.Context):
    """The database for a command that only reads: never created, never upgraded."""
    try:
        return _closed_at_end(ctx, schema.open_readonly(ctx.obj["db_path"]))
    except (schema.MissingDatabase, schema.OutOfDate) as e:
        raise CliError(str(e)) from e
    except (OSError, sqlite3.Error) as e:
        raise _db_error(ctx, "cannot read", e) from e


@cli.group()
def seed() -> None:
    """Register seed articles (stories)."""


@seed.command("add")
@click.argument("source")
@click.option("--slug", help="Short name for the story (default: from its title).")
@click.option("--query", help="Search query for search pages and aggregators "
                              "(default: made from the seed's names and headline).")
@click.option("--published", help="The seed's date, YYYY-MM-DD (from the page for a URL).")
@click.option("--url", help="Where a seed FILE's text is published: that page is then the "
                            "seed's own, never counted as coverage.")
@click.option("--window", "window_days", type=click.IntRange(1, 3650),
              help="Days either side of the seed's date to fetch from feeds and sitemaps "
                   f"[default: {dates.DEFAULT_WINDOW_DAYS}].")
@click.option("--aggregator", "aggregators", multiple=True,
              type=click.Choice(["gdelt", "google-news"]),
              help="Also find coverage through this aggregator (repeatable).")
@click.option("--replace", is_flag=True,
              help="Register again a story with this slug or seed text: new claims, the same "
                   "articles matched again, settings not given kept.")
@click.pass_context
def seed_add(ctx: click.Context, source: str, slug: str | None, query: str | None,
             published: str | None, url: str | None, window_days: int | None,
             aggregators: tuple[str, ...], replace: bool) -> None:
    """Register a story from a seed FILE or URL and list its claims.

    A slug or seed text that is already a story is refused unless --replace is given.

    Example: monitor seed add data/seeds/trump-cartels.txt --slug trump-cartels
    --published 2025-08-08 --aggregator gdelt
    """
    new = not Path(ctx.obj["db_path"]).exists()
    db = _db(ctx)
    if urlsplit(source).scheme in ("http", "https") and sys.stderr.isatty():
        # A slow server would otherwise leave the terminal silent for up to the timeout.
        echo(f"Fetching {clean(source, lines=False)} ...", err=True)
    try:
        # Registering again is not done under a run: its crawl holds the claims it started with.
        with _crawl_errors(ctx), schedule.run_lock(ctx.obj["db_path"]) if replace \
                else nullcontext():
            story, slug = seed_job.add_seed(db, source, slug, query, published, window_days,
                                            list(aggregators), replace=replace, url=url)
    except ValueError as e:
        if new:  # a mistyped first command leaves no empty database behind
            db.close()
            for path in (ctx.obj["db_path"], f"{ctx.obj['db_path']}-wal",
                         f"{ctx.obj['db_path']}-shm"):
                Path(path).unlink(missing_ok=True)
        raise CliError(str(e)) from e
    claims = stored_claims(db, story)
    row = db["stories"].get(story)
    echo(f"Story {slug!r}: {len(claims)} claims; language {row['language']}; "
               f"query {row['query']}; {_seed_page(row['source'])}")
    for c in claims:
        # A speaker read from a "she said" that the sentence before ties to no one is a guess.
        who = f" ({c.speaker}{', guessed' if c.speaker_guessed else ''})" if c.speaker else ""
        echo(f"  {c.position:>3} {c.kind:<9} {c.text[:80]}{who}")
    if any(c.speaker_guessed for c in claims):
        echo("  guessed: read from a “she said” or “he said” that the sentence "
             "before ties to no one; shown, never counted against another name")
    if replace:
        matched, covering = rows.coverage_counts(db, story)
        echo(f"Matched its {matched} articles again: {covering} cover the story")


def _seed_page(source: str | None) -> str:
    """Where the seed is published, as the crawl will know its own page, or a hint to say."""
    if source and urlsplit(source).scheme in ("http", "https"):
        return f"its own page {clean(source, lines=False)}"
    return "its own page not given (seed add --url ADDRESS: else it counts as a copy)"


@seed.command("list")
@click.pass_context
def seed_list(ctx: click.Context) -> None:
    """List the stories with their query, date window and aggregators.

    Example: monitor seed list
    """
    db = _read_db(ctx)
    for row in rows.story_list(db):
        window = f"{row['published'] or 'any date'} ±{counted(dates.window_days(row), 'day')}"
        echo(f"{row['slug']}: {row['title']}\n  {row['claims']} claims · {window} · "
                   f"query {row['query']} · aggregators "
                   f"{', '.join(json.loads(row['aggregators'] or '[]')) or 'none'}"
                   f"\n  {_seed_page(row['source'])}")


@seed.command("remove")
@click.argument("slug")
@click.pass_context
def seed_remove(ctx: click.Context, slug: str) -> None:
    """Stop following a story: remove it, its claims and its decisions. Its articles stay,
    for the other stories and for a story added again later.

    Example: monitor seed remove port-strike
    """
    try:
        schema.check_exists(ctx.obj["db_path"])  # removing creates no database
        # Not under a run: its crawl would store decisions on a story no longer there.
        with _crawl_errors(ctx), schedule.run_lock(ctx.obj["db_path"]):
            gone = rows.remove_story(_db(ctx), slug)
    except LookupError as e:  # no database, or no such story
        raise CliError(str(e)) from e
    echo(f"Removed story {slug!r}: {counted(gone['claims'], 'claim')} and "
         f"{counted(gone['decisions'], 'article decision')}; the articles stay")


def _settings(pairs: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        if "=" not in pair:
            raise BadParameter(f"expected NAME=VALUE, got {pair!r}", param_hint="-s")
        name, value = pair.split("=", 1)
        out[name.strip()] = value
    return out


def _quiet(settings: tuple[str, ...], verbose: bool) -> tuple[str, ...]:
    """What reaches standard error, unless -v or the user's own LOG_LEVEL says otherwise (the
    log file has every line either way). On a terminal, errors alone, in one line each: the
    progress line and the summary say the rest. Elsewhere (cron mails whatever a job prints),
    warnings too, so each address that failed is one line; not Scrapy's start-up lines, its
    stats or the progress lines."""
    if verbose or any(pair.split("=", 1)[0].strip() == "LOG_LEVEL" for pair in settings):
        return settings
    return ("LOG_LEVEL=ERROR" if sys.stderr.isatty() else "LOG_LEVEL=WARNING", *settings)


def _say(message: str) -> None:
    """Print a line and keep it in the log file."""
    echo(message)
    logger.info(message)


def _log_file(ctx: click.Context, log_file: str | None) -> str:
    path = log_file or str(Path(ctx.obj["db_path"]).with_suffix(".log"))
    if Path(path).resolve() == Path(ctx.obj["db_path"]).resolve():
        # `--db monitor.log`: log lines appended to the database file would damage it.
        raise CliError(f"--db {ctx.obj['db_path']}: the log file would be the database file; "
                       f"name the database *.db (or give --log-file)")
    return path


@contextmanager
def _crawl_errors(ctx: click.Context):
    """What stops a crawl or a run before it ends, told in one line."""
    try:
        yield
    except schedule.AlreadyRunning as e:
        error = CliError(str(e))
        error.exit_code = 75  # EX_TEMPFAIL: nothing wrong, try again later
        raise error from e
    except (OutletFileError, frontier.RedisUnavailable, crawl_job.SettingError) as e:
        raise CliError(str(e)) from e
    except (OSError, sqlite3.Error) as e:
        raise _db_error(ctx, "cannot use", e) from e
    except BrokenProcessPool as e:  # the crawl replaces its workers; catching up does not
        raise CliError(WORKER_DIED) from e


_LOG_FILE = click.option("--log-file", type=click.Path(dir_okay=False),
                         help="Also log to this file [default: the database path with .log].")
_VERBOSE = click.option("-v", "--verbose", is_flag=True,
                        help="Show Scrapy's log lines on a terminal too (they always go to the log "
                             "file).")
_OUTLETS = click.option("--outlets", default="data/outlets.toml", show_default=True,
                        type=click.Path(dir_okay=False), help="The outlet file.")
_REDIS = click.option("--redis", "redis_url", envvar="MONITOR_REDIS_URL", metavar="URL",
                      help="Share the crawl's queue of requests with other crawlers through "
                           "this Redis, and send the results to `monitor ingest` there "
                           "(redis://:PASSWORD@HOST:PORT/DB, or $MONITOR_REDIS_URL).")
_SCRAPY_SETTINGS = click.option("-s", "settings", multiple=True, metavar="NAME=VALUE",
                                help="A Scrapy setting for this crawl, as `scrapy crawl -s` "
                                     "takes it.")


@cli.command()
@_OUTLETS
@_SCRAPY_SETTINGS
@_LOG_FILE
@_VERBOSE
@_REDIS
@click.pass_context
def crawl(ctx: click.Context, outlets: str, settings: tuple[str, ...],
          log_file: str | None, verbose: bool, redis_url: str | None) -> None:
    """Fetch, extract and match new coverage from every outlet once.

    On a terminal: one progress line and the summary; Scrapy's log lines go to the log file
    (-v shows them too).

    With --redis, crawlers on this and other machines share one queue and fetch each URL once
    between them, and send what they read to `monitor ingest`, which writes the database: a
    crawler needs no copy of it (README: Past one machine).

    Example: monitor crawl --outlets data/outlets.toml -s DOWNLOAD_DELAY=1
    """
    with _crawl_errors(ctx):
        figures = run_job.run(ctx.obj["db_path"], outlets, _settings(_quiet(settings, verbose)),
                              log_file=_log_file(ctx, log_file), redis_url=redis_url,
                              catch_up=False, say=_say)
    if figures["exit_code"]:
        sys.exit(figures["exit_code"])


@cli.command()
@click.option("--story", help="Story slug (default: every story).")
@click.option("--all", "everything", is_flag=True, help="Re-match articles already matched.")
@click.pass_context
def match(ctx: click.Context, story: str | None, everything: bool) -> None:
    """Match stored articles that no crawl matched yet (a story added since) to the claims.

    Example: monitor match --story trump-cartels --all
    """
    try:
        schema.check_exists(ctx.obj["db_path"])  # matching creates no database
    except schema.MissingDatabase as e:
        raise CliError(str(e)) from e
    db = _db(ctx)
    try:
        figures = match_job.match_stories(db, story, everything, progress=_progress)
    except LookupError as e:
        raise CliError(str(e.args[0])) from e
    except BrokenProcessPool as e:
        raise CliError(WORKER_DIED) from e
    # Several stories: an article covers one of them.
    echo(f"Matched {counted(figures['articles'], 'article')}: {figures['coverage']} cover "
         f"{'the' if story else 'a'} story")


_NOTIFY = click.option("--notify", metavar="CMD",
                       help="After the run, if it found changes, run this shell command with "
                            "them as JSON (as `monitor changes --json` prints them) on its "
                            "standard input.")


@cli.command()
@_OUTLETS
@_SCRAPY_SETTINGS
@_LOG_FILE
@_VERBOSE
@_NOTIFY
@_REDIS
@click.pass_context
def run(ctx: click.Context, outlets: str, settings: tuple[str, ...],
        log_file: str | None, verbose: bool, notify: str | None,
        redis_url: str | None) -> None:
    """Crawl, then match: the command to schedule. Never two at once on one database.

    Exits 1 when the crawl did not finish (a storage error, or nothing could be fetched: the
    run is recorded failed, with the reason), 130 when Ctrl-C or SIGTERM stopped it (recorded
    interrupted), 75 when another run holds the database. On a terminal: one progress line
    and the summary, with the sources that failed (-v: Scrapy's log lines too). With
    --notify, a command that fails is reported in one line; the run's own result stands.
    With --redis, the crawl shares its queue and sends its results as `crawl --redis` does;
    `monitor match` on the database host does the matching after it.

    Example (crontab): 15 * * * * cd /srv/monitor && .venv/bin/monitor run
    --notify 'mail -s "story changed" me@example.com'
    """
    if notify and redis_url:
        raise CliError("--notify reads the run's changes from the database, which a crawl with "
                       "--redis never opens: use it without --redis")
    with _crawl_errors(ctx):
        figures = run_job.run(ctx.obj["db_path"], outlets, _settings(_quiet(settings, verbose)),
                              log_file=_log_file(ctx, log_file), redis_url=redis_url,
                              say=_say, progress=_progress)
        if notify and not run_job.stopped(figures["status"]):
            _notify(_db(ctx), figures["run_id"], notify)
    if figures["exit_code"]:
        sys.exit(figures["exit_code"])


def _notify(db, run_id: int, command: str) -> None:
    """Hand the run's changes to the user's command; its failure is told, not raised."""
    try:
        found = changes.changes_since(db, str(run_id))
    except sqlite3.Error as e:  # the run is recorded already: only the notice is lost
        echo(f"--notify: cannot read the run's changes: {e}", err=True)
        return
    if not changes.count(found):
        logger.info("nothing new: the --notify command was not run")
        return
    error = changes.notify(command, found)
    if error:
        echo(error, err=True)
        logger.info(error)  # kept in the log file; a warning would reach the terminal again
    else:
        _say(f"Gave {counted(changes.count(found), 'change')} to the --notify command")


@cli.command()
@click.option("--redis", "redis_url", envvar="MONITOR_REDIS_URL", metavar="URL",
              help="The Redis the crawlers send to (redis://:PASSWORD@HOST:PORT/DB, or "
                   "$MONITOR_REDIS_URL).")
@click.option("--until-idle", is_flag=True,
              help="Exit once every entry sent so far is written (for cron and tests).")
@click.option("--batch", type=click.IntRange(1), default=500, show_default=True,
              help="Entries written in one transaction at most.")
@click.pass_context
def ingest(ctx: click.Context, redis_url: str | None, until_idle: bool, batch: int) -> None:
    """Past one machine: write what crawlers send through Redis into this database, the one
    process that writes it (README: Past one machine).

    Crawlers on any machine run `monitor crawl --redis URL` (or `run --redis URL`) and need no
    copy of the database: ingest publishes the stories for them (a crawler takes the version
    there when its run starts) and what was fetched of each page, drains their results in
    batches (each in one transaction, acknowledged once committed: nothing lost, nothing
    twice), and searches for copies when a run finishes. Start it before the crawlers. It runs
    until Ctrl-C or SIGTERM, which let it commit the batch in hand. Articles a crawler could
    not match (a story registered since its run began) are matched by `monitor match` here.

    Only one ingest may write from a Redis: a second one exits 75, naming the first.

    Example: MONITOR_REDIS_URL=redis://:PASSWORD@10.0.0.5:6379/0 in the environment (never on
    the command line: `ps` shows it), then monitor --db /srv/monitor/monitor.db ingest
    """
    from monitor.jobs import ingest as ingest_job  # imports redis: only for this command

    if not redis_url:  # (click's own "Missing option" would not name the variable)
        raise CliError("ingest needs the Redis the crawlers send to: set MONITOR_REDIS_URL="
                       "redis://:PASSWORD@HOST:PORT/DB in its environment, or give --redis URL")
    with _crawl_errors(ctx):
        figures = ingest_job.ingest(ctx.obj["db_path"], redis_url, until_idle, batch,
                                    say=_say, before_start=collect_less)
    _say(f"Ingested {counted(figures.get('entries', 0), 'entry', 'entries')}: "
         f"{counted(figures.get('pages', 0), 'page')}, "
         f"{counted(figures.get('articles', 0), 'article')}, "
         f"{counted(figures.get('runs', 0), 'run')} ended "
         f"({figures.get('skipped', 0)} skipped: delivered twice or unreadable)")


@cli.command("status")
@click.option("--redis", "redis_url", envvar="MONITOR_REDIS_URL", metavar="URL",
              help="Show the crawl past one machine that this Redis shares instead "
                   "(redis://:PASSWORD@HOST:PORT/DB, or $MONITOR_REDIS_URL).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object.")
@click.pass_context
def status_(ctx: click.Context, redis_url: str | None, as_json: bool) -> None:
    """Show what the database holds and its last runs; with --redis, a crawl past one
    machine: the shared queue, the crawlers heard from in the last minute, the results
    waiting for `monitor ingest` and how far behind it is.

    Example: monitor status (with MONITOR_REDIS_URL=redis://:PASSWORD@10.0.0.5:6379/0 in the
    environment: a password on the command line is shown by `ps`)
    """
    if redis_url is None:
        figures = status_job.local_status(_read_db(ctx), ctx.obj["db_path"])
        echo(json_line(figures) if as_json else _local_status_text(figures))
        return
    try:
        figures = status_job.status(redis_url)
    except frontier.RedisUnavailable as e:
        raise CliError(str(e)) from e
    echo(json_line(figures) if as_json else _status_text(figures))


def _local_status_text(figures: dict) -> str:
    lines = [f"Database {figures['database']}: "
             f"{counted(figures['stories'], 'story', 'stories')}, "
             f"{counted(figures['outlets'], 'outlet')}, {counted(figures['articles'], 'article')} "
             f"({figures['bytes'] / 2**20:.1f} MiB)"]
    if not figures["runs"]:
        return "\n".join([*lines, "No run yet: `monitor run` crawls the outlets once; "
                                   "`monitor schedule --every 1h` again and again."])
    lines.append("Last runs, newest first:")
    for run in figures["runs"]:
        when = run["started_at"][:16].replace("T", " ") + " UTC"
        if run["status"] == "running":
            lines.append(f"  #{run['id']}  {when}  running (pid {run['pid']} on {run['host']})")
            continue
        why = f" ({clean(run['reason'], lines=False)})" if run["reason"] else ""
        lines.append(f"  #{run['id']}  {when}  {run['status']}{why}: "
                     f"{counted(run['pages'] or 0, 'page')}, "
                     f"{counted(run['new_articles'] or 0, 'new article')}, "
                     f"{counted(run['new_versions'] or 0, 'new version')}, "
                     f"{counted(run['errors'] or 0, 'error')}{_not_whole(run)}")
    return "\n".join(lines)


def _not_whole(run: dict) -> str:
    # Listings cut short or malformed are read all the same: said only when there were some.
    warnings = run.get("warnings")
    return f", {counted(warnings, 'listing')} cut short or malformed" if warnings else ""


def _status_text(figures: dict) -> str:
    crawlers = figures["crawlers"]
    lines = [f"Redis {figures['redis']}",
             f"Queue: {figures['queued_requests']:,} requests waiting, "
             f"{figures['seen_requests']:,} seen this run",
             f"Crawlers heard from in the last minute: {len(crawlers)}"]
    lines += [f"  {c['name']}  {'idle' if c['idle'] else 'crawling'}, last heard "
              f"{c['heard_seconds_ago']:.0f} s ago"
              f"{' (silent since: killed, or its host lost?)' if c.get('silent') else ''}"
              for c in crawlers]
    lines += [f"Results: {figures['stream_entries']:,} in the stream, "
              f"{figures['not_delivered']:,} not yet given to ingest, "
              f"{figures['not_acknowledged']:,} given but not yet stored",
              f"Ingest lag: {figures['ingest_lag_seconds']:.1f} s (the oldest result not yet "
              f"stored)" if figures["ingest_lag_seconds"] else "Ingest lag: 0 s (nothing waiting)",
              _writer_text(figures["ingest_writer"])]
    lines += [f"  {c['name']}  {c['not_acknowledged']:,} results in hand, last given results "
              f"{c['idle_seconds']:.0f} s ago" for c in figures["ingest"]]
    return "\n".join(lines)


def _writer_text(writer: dict | None) -> str:
    if writer is None:
        return "Ingest: none running (start `monitor ingest` on the database host)"
    where = (f"{clean(writer['host'], lines=False)} (process "
             f"{clean(writer['pid'], lines=False)})")
    if writer.get("gone"):
        return (f"Ingest: none running (the one on {where} was killed; start `monitor "
                f"ingest` again, it takes over)")
    return f"Ingest: running on {where}, writing {clean(writer['database'], lines=False)}"


@cli.command("schedule")
@click.option("--every", "interval", required=True, help="How often: 90s, 30m, 1h, 1d.")
@_OUTLETS
@click.option("--runs", type=click.IntRange(1), help="Stop after this many runs.")
@_SCRAPY_SETTINGS
@_LOG_FILE
@_VERBOSE
@_NOTIFY
@click.pass_context
def schedule_(ctx: click.Context, interval: str, outlets: str, runs: int | None,
              settings: tuple[str, ...], log_file: str | None, verbose: bool,
              notify: str | None) -> None:
    """Run `monitor run` now and then every interval, in the foreground (for systems without
    cron); -s, --log-file, -v and --notify go to each run.

    Example: monitor schedule --every 1h -s MONITOR_MAX_RUN=1800
    """
    try:
        seconds = schedule.parse_interval(interval)
    except ValueError as e:
        raise BadParameter(str(e), param_hint="--every") from e
    try:  # a wrong setting is told now, not by every run
        crawl_job.crawl_settings(ctx.obj["db_path"], _settings(settings))
    except crawl_job.SettingError as e:
        raise CliError(str(e)) from e
    args = ["--db", ctx.obj["db_path"], "run", "--outlets", outlets,
            *[arg for pair in settings for arg in ("-s", pair)],
            *(["--log-file", log_file] if log_file else []), *(["-v"] if verbose else []),
            *(["--notify", notify] if notify else [])]
    times = f", {counted(runs, 'time')}" if runs else ""
    echo(f"Running `monitor run` every {interval}{times}; stop with Ctrl-C.")
    try:
        schedule.every(seconds, lambda: schedule.run_in_subprocess(args), runs=runs,
                       waiting=_next_run)
    except KeyboardInterrupt:
        echo("Stopped.")


def _next_run(seconds: float) -> None:
    at = datetime.now(UTC) + timedelta(seconds=seconds)
    echo(f"Next run at {at:%H:%M:%S} UTC (in {seconds:.0f} s).")


def _progress(done: int, total: int) -> None:
    """Matching progress: a bar on a terminal, a log line every tenth otherwise."""
    if sys.stderr.isatty():
        width = 30
        filled = width * done // max(total, 1)
        echo(f"  matching [{'#' * filled}{'.' * (width - filled)}] {done}/{total}",
             nl=done == total, err=True, overwrite=True)
    elif total and (done == total or done % max(total // 10, 1) == 0):
        logger.info("matched %d of %d articles", done, total)


@cli.command("report")
@click.option("--story", help="Story slug (default: every story).")
@click.option("--width", default=100, show_default=True, type=click.IntRange(min=40),
              help="Columns to fit in (40 or more).")
@click.option("--html", "html_file", type=click.Path(dir_okay=False),
              help="Write a self-contained HTML page instead (one file per story: with several "
                   "stories, the slug is added to the name).")
@click.pass_context
def report_(ctx: click.Context, story: str | None, width: int, html_file: str | None) -> None:
    """Print the coverage matrix (claims × outlets), per-outlet counts and the conflicts.

    Example: monitor report --story trump-cartels --html report.html
    """
    from monitor.faces.html_report import render_html

    db = _read_db(ctx)
    try:
        stories = rows.story_id(db, story)
    except LookupError as e:
        raise CliError(str(e.args[0])) from e
    if not stories:
        raise CliError(f"no story in {ctx.obj['db_path']} yet: register one with `monitor seed "
                       "add FILE|URL`")
    for story_id in stories:
        if html_file is None:
            echo(report.render_report(db, story_id, width))
            continue
        path = Path(html_file)
        if len(stories) > 1:
            path = path.with_name(f"{path.stem}-{db['stories'].get(story_id)['slug']}"
                                  f"{path.suffix or '.html'}")
        try:
            path.write_text(render_html(db, story_id), encoding="utf-8")
        except (OSError, ValueError) as e:  # ValueError: a slug from before slugs were checked
            reason = e.strerror if isinstance(e, OSError) and e.strerror else e
            raise CliError(f"cannot write {path}: {reason}") from e
        echo(f"Wrote {path}")


@cli.command("changes")
@click.option("--since", metavar="RUN|TIME",
              help="A crawl run's id (what it and later runs found) or an ISO time, UTC unless "
                   "it names an offset (2025-08-09, 2025-08-09T14:30+02:00) [default: the "
                   "latest run].")
@click.option("--story", help="Story slug (default: every story).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object.")
@click.pass_context
def changes_(ctx: click.Context, since: str | None, story: str | None, as_json: bool) -> None:
    """List what is new since a crawl run or a time: a corrected seed page, new coverage, new
    conflicts, changed verdicts, new versions, covering articles taken down.

    Example: monitor changes --since 2025-08-09 --json
    """
    db = _read_db(ctx)
    try:
        if story is not None:
            rows.story_id(db, story)
        found = changes.changes_since(db, since, story)
    except (LookupError, ValueError) as e:
        raise CliError(str(e.args[0])) from e
    echo(json_line(found) if as_json else changes.render_text(found))


@cli.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object a line.")
def extract(sources: tuple[str, ...], as_json: bool) -> None:
    """Show each page's article as the crawl would store it (FILE or URL).

    Example: monitor extract page.html --json
    """
    failed = False
    for source in sources:
        try:
            html = seed_job.read_page_source(source)
        except seed_job.FetchError as e:
            echo(f"{source}: cannot fetch the page ({e})", err=True)
            failed = True
            continue
        except (OSError, ValueError) as e:
            reason = e.strerror if isinstance(e, OSError) and e.strerror else e
            echo(f"{source}: {reason}", err=True)
            failed = True
            continue
        try:
            article = extract_page(html, source)
        except TooComplex as e:  # what the crawl refuses, refused here too
            echo(f"{source}: {e}", err=True)
            failed = True
            continue
        if article is None:
            echo(f"{source}: no article text found", err=True)
            failed = True
        elif as_json:
            fields = ("source", "title", "author", "published", "language", "is_stub", "text")
            echo(json_line({k: getattr(article, k) for k in fields}))
        else:
            found = "  ".join(f"{name}: {value}" for name, value in (
                ("author", article.author), ("published", article.published),
                ("language", article.language),
                ("stub", "yes (not matched: a paywall's teaser, or too short)"
                 if article.is_stub else None)) if value)
            echo(f"# {article.title or '(no title)'}\n{article.source}\n{found}\n\n"
                 f"{article.text}\n")
    if failed:
        sys.exit(1)


@cli.command()
@click.argument("file", type=click.File("r", encoding="utf-8"))
def pairs(file) -> None:
    """Decide for each sentence pair of a TSV whether both state the same claim.

    FILE has `id`, `sentence1`, `sentence2` columns (tab-separated, header optional; `-` reads
    stdin). Prints `id`, `score` (0–100) and `same` (1 or 0) as TSV.

    Example: monitor pairs pairs.tsv > decisions.tsv
    """
    try:
        rows = _read_pairs(file)
    except UnicodeDecodeError as e:
        raise CliError(f"{file.name}: not UTF-8 text (byte {e.start}); expected "
                                   f"a tab-separated text file") from e
    decisions = verdicts.decide_pairs([r[1] for r in rows], [r[2] for r in rows])
    echo("id\tscore\tsame")
    for (pair_id, _, _), (score, same) in zip(rows, decisions, strict=True):
        echo(f"{pair_id}\t{score}\t{int(same)}")


def _read_pairs(file) -> list[list[str]]:
    rows = []
    for number, line in enumerate(file, 1):
        fields = line.rstrip("\r\n").split("\t")
        if not line.strip() or (number == 1 and fields[:1] == ["id"]):
            continue
        if len(fields) < 3:
            raise CliError(f"line {number}: expected id, sentence1, sentence2 "
                                       f"separated by tabs")
        rows.append(fields[:3])
    return rows


@cli.command()
@click.option("--port", default=8001, show_default=True, type=click.IntRange(1, 65535),
              help="Port to listen on.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but a loopback address lets other machines "
                   "read the whole database (raw pages included): there is no login.")
@click.pass_context
def serve(ctx: click.Context, port: int, host: str) -> None:
    """Open the database in Datasette, with the project's metadata and canned queries.

    Only requests whose Host header is this machine's loopback name or the address served (with
    the port) are answered, so a web page cannot read the database through DNS rebinding.

    Example: monitor serve --port 8001
    """
    import os

    from datasette.cli import cli as datasette_cli

    if not is_loopback(host):
        echo(f"Warning: serving on {host}, not a loopback address: anyone who can reach it can "
             f"read the whole database.", err=True)
    _read_db(ctx).close()  # exists and is up to date: Datasette only reads
    _check_free(host, port)
    path = ctx.obj["db_path"]
    # Where the file or its folder is read-only, SQLite cannot make the WAL index a reader
    # needs; nobody can write there either, so Datasette may read it as immutable.
    writable = os.access(path, os.W_OK) and os.access(Path(path).resolve().parent, os.W_OK)
    # Metadata and canned queries come from the monitor's Datasette plugin (its hooks).
    datasette_cli.main(serve_arguments(path, host, port, writable), standalone_mode=True)


def serve_arguments(path: str, host: str, port: int, writable: bool = True) -> list[str]:
    """The `datasette` command line `monitor serve` runs, with the project's settings."""
    from monitor.faces.datasette_plugin import SETTINGS

    words = {True: "on", False: "off"}
    settings = [part for name, value in SETTINGS.items()
                for part in ("--setting", name, words.get(value, str(value)))]
    return ["serve", *([path] if writable else ["-i", path]), "--host", host, "--port", str(port),
            *settings]


def _check_free(host: str, port: int) -> None:
    """One line now, not a server's error later, when the port is taken."""
    import os
    import socket

    try:
        with socket.create_server((host, port)):
            pass
    except OSError as e:
        reason = os.strerror(e.errno) if e.errno else str(e)
        raise CliError(f"cannot listen on {host}:{port} ({reason}): give another with "
                       f"--port") from e


def is_loopback(host: str) -> bool:
    """Whether `host` (an address or a name) is this machine's loopback."""
    import ipaddress

    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@cli.command()
@click.pass_context
def upgrade(ctx: click.Context) -> None:
    """Bring the database's schema up to date (commands that only read never do).

    Each step is applied whole or not at all: an interrupted upgrade is finished by the next.

    Example: monitor --db data/monitor.db upgrade
    """
    if not Path(ctx.obj["db_path"]).is_file():
        raise CliError(f"no database at {ctx.obj['db_path']}")
    try:
        db = _closed_at_end(ctx, schema.connect(ctx.obj["db_path"]))
        schema.check_pages(db)  # "up to date" must not be said of a damaged file
        applied = schema.ensure_db_shape(db)
    except (OSError, sqlite3.Error) as e:
        raise _db_error(ctx, "cannot upgrade", e) from e
    echo(f"Applied {counted(len(applied), 'schema step')}: {', '.join(applied)}" if applied
               else "The database is up to date.")


@cli.command()
@click.option("--serve", "keep_serving", is_flag=True,
              help="Only serve the demo outlets (a copy of data/demo/site), until Ctrl-C, and "
                   "print the outlet file to give `monitor run` and `monitor schedule`.")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(0, 65535),
              help="With --serve: the port (0, or a port in use: a free one).")
@click.pass_context
def demo(ctx: click.Context, keep_serving: bool, port: int) -> None:
    """The whole job offline: serve data/demo, crawl it, match, report.

    With --serve, the demo outlets stay up for your own `monitor run`, `schedule` and recrawls.

    Example: monitor demo --serve
    """
    if keep_serving:
        _serve_demo(ctx, port)
        return
    with _crawl_errors(ctx):
        stories = demo_job.demo(ctx.obj["db_path"], say=echo)
    db = _db(ctx)
    for story in stories:
        echo(report.render_report(db, story) + "\n")
    echo(f"Explore it in Datasette:  .venv/bin/monitor --db {ctx.obj['db_path']} serve"
         f"\n  then open http://127.0.0.1:8001/ (try the 'Coverage matrix of a story' "
         f"query with story = trump-cartels)")


def _serve_demo(ctx: click.Context, port: int) -> None:
    import signal
    import time

    # SIGTERM stops it as Ctrl-C does: the copy of the site is removed either way. Ctrl-C's
    # handler is set too: a process started in the background by a shell without job control
    # inherits SIGINT ignored, and Python then leaves it so.
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, signal.default_int_handler)
    db, seed = ctx.obj["db_path"], demo_job.SEED
    try:
        with demo_job.serving_copy(port) as (base, outlets, site):
            # From the first line printed: whoever reads it may stop it at once.
            echo(f"Serving the demo outlets at {base} until Ctrl-C.\n"
                 f"Outlet file: {outlets}\n"
                 f"Pages: {site} (edit one, run again: a new version)\n\n"
                 f"Try, in another terminal:\n"
                 f"  .venv/bin/monitor --db {db} seed add data/seeds/{seed.name}"
                 f" --slug {seed.stem} --published {demo_job.PUBLISHED[seed.stem]}\n"
                 f"  .venv/bin/monitor --db {db} run --outlets {outlets}\n"
                 f"  .venv/bin/monitor --db {db} changes\n"
                 f"  .venv/bin/monitor --db {db} schedule --every 1m --outlets {outlets}")
            while True:
                time.sleep(3600)
    except KeyboardInterrupt:
        pass
    echo("Stopped: the demo outlets are down.")


def _take_db_after_the_name(group: click.Group) -> None:
    # Every command takes --db before or after its name (README.md, "Commands"). The group's
    # option (with the default and $MONITOR_DB) runs first; one given after the name overrides it.
    def override(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
        if value is not None:
            ctx.obj["db_path"] = value

    for command in group.commands.values():
        if isinstance(command, click.Group):
            _take_db_after_the_name(command)
        else:
            command.params.append(click.Option(
                ["--db"], type=click.Path(dir_okay=False), expose_value=False,
                callback=override, help="SQLite database (also accepted before the command)."))


_take_db_after_the_name(cli)
