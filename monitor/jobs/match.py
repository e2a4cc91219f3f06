"""The work behind the commands: register a seed, crawl, match. I/O lives here, not in the steps."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlite_utils import Database

from monitor.crawler.workers import worker_pool
from monitor.jobs.copies import update_copies
from monitor.jobs.stories import as_article, coverage_row, load_stories, ruled_out_row
from monitor.steps.extract import (
    Article,
)
from monitor.steps.match import ArticleMatch, Story, score_stories, story_index
from monitor.store import rows

logger = logging.getLogger(__name__)
MATCH_WORKERS = os.cpu_count() or 1
SAVE_EVERY = 100  # articles a transaction
CHUNK = 2_000  # articles read into memory at a time
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
    stories = load_stories(db, slug)
    due: dict[int, list[int]] = {}  # article id -> the stories (positions) it is due for
    for position, story_id in enumerate(stories.ids):
        for article_id in rows.articles_to_match(db, story_id, everything):
            due.setdefault(article_id, []).append(position)
    ids = sorted(due)
    covering = 0
    later: list[tuple] = []  # coverage rows stored together before each commit
    with scoring_pool(workers if len(ids) >= POOL_FROM else 1, stories.stories) as pool:
        # A chunk of texts at a time: a backlog of any size fits in memory.
        for start in range(0, len(ids), CHUNK):
            articles = rows.articles_by_id(db, ids[start:start + CHUNK])
            for done, (article, results) in enumerate(_match_chunk(
                    articles, [due[a["id"]] for a in articles], pool), start + 1):
                # Saved SAVE_EVERY articles a transaction: a crash loses at most one batch.
                decisions = [stories.decision(position, *result)
                             for position, result in zip(due[article["id"]], results,
                                                         strict=True)]
                rows.save_decisions(db, article, decisions, later)
                covering += any(row["is_coverage"] for _, row in decisions)
                if done % SAVE_EVERY == 0 or done == len(ids):
                    rows.insert_coverage(db, later)
                    later.clear()
                    db.conn.commit()
                if progress:
                    progress(done, len(ids))
    db.conn.commit()
    update_copies(db)
    return {"articles": len(ids), "coverage": covering}


def _match_chunk(articles: list[dict], due: list[list[int]], pool) -> Iterator[tuple]:
    yield from zip(articles, pool.map(score_due, map(as_article, articles), due,
                                      chunksize=64), strict=True)


# In a worker (or this process, for a small backlog): the stories being matched and their
# index, set once when the worker starts rather than sent with every article.
_stories: list[Story] = []
_index = None


def _set_stories(stories: list[Story]) -> None:
    global _stories, _index
    _stories, _index = stories, story_index(stories) if stories else None


def score_due(article: Article, due: list[int]) -> list[tuple[ArticleMatch | dict, bool]]:
    """An article against the stories (positions among the pool's) it is due for: each result,
    or, when no claim's verdict of it is stored (all but scored coverage), its row as stored."""
    # Most results are stored as a row and nothing else: made here, in the worker, they travel
    # back as a few plain values, not an `ArticleMatch` and its evidence to rebuild and encode
    # in the one process that stores.
    # The stories ruled out by the cheap evidence (most) get their row straight away.
    return [(result if isinstance(result, dict) or (result.is_coverage and scored)
             else coverage_row(result, scored), scored)
            for result, scored in score_stories(_stories, article, index=_index, only=due,
                                                ruled_out=ruled_out_row)]


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
