"""The work behind the commands: register a seed, crawl, match. I/O lives here, not in the steps."""

from __future__ import annotations

import gc
import itertools
import logging
import operator
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlite_utils import Database

from monitor.crawler.workers import YOUNG_COLLECTION, start_server, worker_pool
from monitor.jobs.copies import update_copies
from monitor.jobs.stories import (
    Stories,
    as_article,
    as_stories,
    coverage_values,
    ruled_out_values,
    stored_stories,
)
from monitor.steps import copies
from monitor.steps.extract import (
    Article,
)
from monitor.steps.match import ArticleMatch, Story, score_stories, story_index
from monitor.store import rows

logger = logging.getLogger(__name__)
MATCH_WORKERS = os.cpu_count() or 1
SAVE_EVERY = 100  # articles a transaction
CHUNK = 2_000  # articles read into memory at a time
BATCH = 64  # articles a worker's task
POOL_FROM = 300  # articles; below this, starting worker processes costs more than it saves


def match_stories(db: Database, slug: str | None = None, everything: bool = False,
                  progress: Callable[[int, int], None] | None = None,
                  workers: int = MATCH_WORKERS) -> dict:
    """Match every article not yet matched in its current version against the stories.

    A crawl matches what it stores as it goes; this catches up on the rest (a story added
    since, an article whose matching failed) or, with `everything`, matches every article again.
    Each article is read once, against all the stories it is due for. Then it looks for
    syndicated copies among articles stored since the last look. Returns how many articles
    were matched and how many of them cover a story.
    """
    found = stored_stories(db, slug)
    due = _due([rows.articles_to_match(db, story["id"], everything) for story, _ in found])
    ids = sorted(due)
    workers = workers if len(ids) >= POOL_FROM else 1
    if workers > 1:
        # It loads what the workers import (half a CPU second) on another core while the
        # seeds are read again here, rather than after.
        start_server()
    stories = as_stories(found)
    covering = 0
    later: list[tuple] = []  # coverage rows stored together before each commit
    sketches: list[tuple] = []  # and the articles' sketches (`score_batch`)
    with scoring_pool(workers, stories.stories) as pool, _young_collections_rarer():
        for done, (article, (results, sketched)) in enumerate(_matched(db, ids, due, pool), 1):
            # Saved SAVE_EVERY articles a transaction: a crash loses at most one batch.
            covering += _save(db, stories, article, due[article["id"]], results, later)
            if sketched is not None:
                sketches.append((article["id"], article["content_hash"], *sketched))
            if done % SAVE_EVERY == 0:
                _store(db, later, sketches)
            if progress:
                progress(done, len(ids))
    # The last batch, however many articles it holds: an article deleted since it was listed
    # is not read, so counting to the listed number would not tell when the last one is in.
    _store(db, later, sketches)
    update_copies(db)  # the articles matched here have their sketches: it sketches the rest
    return {"articles": len(ids), "coverage": covering}


def _due(to_match: list[list[int]]) -> dict[int, list[int]]:
    """Each article's stories (positions, in order) to match it against, from each story's
    articles to match."""
    # Most articles are due for every story (new ones, or a run of `--all`): they share one
    # list, rather than an append for each story and article (800,000 with 100 stories and
    # 8,000 articles, a second of the storing process).
    every = set(to_match[0]).intersection(*to_match[1:]) if to_match else set()
    due = dict.fromkeys(every, list(range(len(to_match))))
    for position, found in enumerate(to_match):
        for article_id in itertools.filterfalse(every.__contains__, found):
            due.setdefault(article_id, []).append(position)
    return due


@contextmanager
def _young_collections_rarer() -> Iterator[None]:
    # The workers' results, unpickled here, are 100 tuples an article that live until stored:
    # at Python's default of a young collection every 700 objects, the collector took 2.0 of
    # the storing process's 15 CPU s (8,000 articles, 100 stories), at a worker's 0.4.
    before = gc.get_threshold()
    gc.set_threshold(YOUNG_COLLECTION, 10, 10)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _save(db: Database, stories: Stories, article: dict, positions: list[int],
          results: list[tuple | ArticleMatch], later: list[tuple]) -> bool:
    """Store an article's results (`score_due`) against the stories at `positions`, the
    coverage rows kept in `later`; returns whether it covers any of them."""
    found, values = [], []
    for position, result in zip(positions, results, strict=True):
        if result.__class__ is tuple:  # a row's values (`score_due`)
            values.append((stories.ids[position], result))
        else:  # scored coverage
            found.append(stories.decision(position, result, True))
    rest = rows.coverage_rows(article, values)
    rows.save_coverage(db, article, found, rest, later)
    return bool(found) or any(map(_IS_COVERAGE, rest))


def _store(db: Database, later: list[tuple], sketches: list[tuple]) -> None:
    """Store the coverage rows and sketches gathered since the last commit, and commit."""
    rows.insert_coverage(db, later)
    rows.save_sketches(db, sketches)
    later.clear()
    sketches.clear()
    db.conn.commit()


_IS_COVERAGE = operator.itemgetter(3)  # a coverage row's is_coverage (`rows.coverage_rows`)


def _matched(db: Database, ids: list[int], due: dict[int, list[int]], pool) -> Iterator[tuple]:
    """Each article's row and what the workers made of it (`score_batch`), in order."""
    # A chunk of texts at a time, so a backlog of any size fits in memory; the next chunk is
    # read and handed to the workers before this one's results are stored, so they do not
    # wait for it at each chunk's end (two chunks in memory at most).
    waiting: tuple[list[dict], Iterator] | None = None
    for start in range(0, len(ids), CHUNK):
        articles = rows.articles_by_id(db, ids[start:start + CHUNK])
        read = [as_article(a) for a in articles]
        batches = [slice(at, at + BATCH) for at in range(0, len(articles), BATCH)]
        results = pool.map(score_batch, [read[b] for b in batches],
                           [[due[a["id"]] for a in articles[b]] for b in batches],
                           [[bool(a["unsketched"]) for a in articles[b]] for b in batches])
        if waiting is not None:
            yield from zip(*waiting, strict=True)
        waiting = articles, itertools.chain.from_iterable(results)
    if waiting is not None:
        yield from zip(*waiting, strict=True)


# In a worker (or this process, for a small backlog): the stories being matched and their
# index, set once when the worker starts rather than sent with every article.
_stories: list[Story] = []
_index = None


def _set_stories(stories: list[Story]) -> None:
    global _stories, _index
    _stories, _index = stories, story_index(stories) if stories else None


def score_due(article: Article, due: list[int]) -> list[tuple | ArticleMatch]:
    """An article against the stories (positions among the pool's) it is due for: each result
    whose claims' verdicts are stored (scored coverage), else its coverage row's values
    (`stories.coverage_values`)."""
    # Most results are stored as a row and nothing else: made here, in the worker, they travel
    # back as a tuple of plain values, not an `ArticleMatch` and its evidence to rebuild and
    # encode in the one process that stores (nor a dictionary with its lists: the storing
    # process unpickles 100 an article).
    # The stories ruled out by the cheap evidence (most) get their values straight away.
    return [result if result.__class__ is tuple or (result.is_coverage and scored)
            else coverage_values(result, scored)
            for result, scored in score_stories(_stories, article, index=_index, only=due,
                                                ruled_out=ruled_out_values)]


def score_batch(articles: list[Article], due: list[list[int]], sketching: list[bool]
                ) -> list[tuple[list[tuple | ArticleMatch], tuple[bytes, list[int]] | None]]:
    """`score_due` for each article, with its sketch and band keys (`copies.sketch`) where
    `sketching` says the search for copies that follows needs one (else None)."""
    # The batch's sketches one after another, not one between two articles' matching: each
    # then cost twice as much (the matching's words, models and index out of the caches and
    # the sketch's out of them in turn; 300 articles in one process, bench/README.md).
    sketches = [copies.sketch_with_bands(article.text) if wanted else None
                for article, wanted in zip(articles, sketching, strict=True)]
    return list(zip(map(score_due, articles, due), sketches, strict=True))


class _InProcess:
    """A pool's `map`, in this process: for backlogs too small to pay for starting workers."""

    def map(self, fn, *columns, chunksize: int = 1):
        return map(fn, *columns)


@contextmanager
def scoring_pool(workers: int, stories: list[Story]) -> Iterator:
    """Worker processes for `score_due` against `stories`, or this one."""
    if workers < 2:
        _set_stories(stories)
        try:
            yield _InProcess()
        finally:
            _set_stories([])
        return
    with worker_pool(workers, _set_stories, (stories,)) as pool:
        yield pool
