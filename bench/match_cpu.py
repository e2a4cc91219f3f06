"""CPU time an article in one process, and every decision written down to compare two commits.

    .venv/bin/python bench/match_cpu.py                                  # this checkout
    git archive COMMIT | tar -x -C /tmp/before
    PYTHONPATH=/tmp/before .venv/bin/python bench/match_cpu.py            # another commit
    .venv/bin/python bench/match_cpu.py --decisions a.jsonl [--articles 600]
    cmp a.jsonl b.jsonl                                                  # the same decisions?
    .venv/bin/python bench/match_cpu.py --save-work /tmp/work.pkl        # then, for each commit:
    PYTHONPATH=/tmp/before valgrind --tool=callgrind .venv/bin/python bench/match_cpu.py \
        --loop /tmp/work.pkl --articles 100                              # and --articles 0

The matching of `bench/many_stories.py` (100 stories, the data set's real articles) and of
`bench/matching.py` (trump-cartels, mixes of 30 AEB sentences) without worker processes or
storing: `score_stories` alone. On a shared machine a run's CPU time moves with the load, so
each figure is the second best of several runs of a slice of the articles; alternate the two
commits. `--decisions` instead writes every result (`ArticleMatch`, as JSON) of 2,000 mixes
against trump-cartels and of --articles articles (half real, half mixes) against 100 stories;
a non-covering result's additions are left out (never stored, and since 57abb1a not worked out).
`--loop` runs one worker's loop of `monitor match` (`jobs.match.score_due`, 100 stories) over
--articles real articles and as many mixes, from stories and articles pickled by `--save-work`
(registering the stories is not counted), for an instruction count that does not move with the
load: a run's count less that of a run with `--articles 0`, divided by 2 × --articles.
"""

from __future__ import annotations

import argparse
import gc
import json
import pickle
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

import many_stories
import matching

import monitor
from monitor.crawler.workers import YOUNG_COLLECTION
from monitor.jobs.match import _set_stories, score_due
from monitor.jobs.stories import load_stories
from monitor.steps.claims import read_seed
from monitor.steps.extract import Article
from monitor.steps.match import ArticleMatch, Story, score_stories, seed_profile, story_index

ROOT = Path(__file__).resolve().parents[1]


def hundred_stories(articles: int) -> tuple[list[Story], list[dict]]:
    seeds, rows = many_stories.stories_and_articles(100, 8_000)
    db = many_stories.stored(seeds, rows[:1], Path(tempfile.mkdtemp()))
    return load_stories(db).stories, rows[:articles // 2] + rows[-(articles // 2):]


def trump_cartels() -> Story:
    seed = read_seed((ROOT / "data/seeds/trump-cartels.txt").read_text())
    return Story("trump-cartels", "en", "", seed.claims, seed_profile(seed.title, seed.body, None))


def mixes(n: int) -> list[Article]:
    return [Article("bench", f"bench:{i}", None, None, None, "en", t, "", False)
            for i, t in enumerate(matching.corpus(n))]


def cpu_ms(stories: list[Story], articles: list[Article], runs: int) -> float:
    """CPU milliseconds an article, the second best of `runs` slices (after a warm-up)."""
    index = story_index(stories)
    for article in articles[:50]:
        score_stories(stories, article, index=index)
    size = (len(articles) - 50) // runs
    found = []
    for r in range(runs):
        started = time.process_time()
        for article in articles[50 + r * size:50 + (r + 1) * size]:
            score_stories(stories, article, index=index)
        found.append((time.process_time() - started) / size * 1e3)
    return sorted(found)[1]


def as_json(*key: object, result: ArticleMatch) -> str:
    row = asdict(result)
    if not result.is_coverage:
        row["additions"] = []
    return json.dumps([*key, row], sort_keys=True) + "\n"


def decisions(path: Path, articles: int) -> None:
    with path.open("w") as out:
        story = trump_cartels()
        for i, article in enumerate(mixes(2_000)):
            for result, scored in score_stories([story], article):
                out.write(as_json("one", i, scored, result=result))
        stories, rows = hundred_stories(articles)
        index = story_index(stories)
        for i, row in enumerate(rows):
            for s, (result, scored) in enumerate(score_stories(
                    stories, many_stories.as_article(row), index=index)):
                out.write(as_json("many", i, s, scored, result=result))


def save_work(path: Path) -> None:
    """The 100 stories and 700 real articles and 700 mixes, pickled for `worker_loop`."""
    stories, rows = hundred_stories(1_400)
    path.write_bytes(pickle.dumps((stories, [many_stories.as_article(r) for r in rows])))


def worker_loop(path: Path, articles: int) -> None:
    """`score_due` over `articles` real articles and as many mixes of the pickled work, as a
    worker of `monitor match` (its stories set once, the collector set as a worker sets it)."""
    stories, work = pickle.loads(path.read_bytes())
    _set_stories(stories)
    gc.freeze()
    gc.set_threshold(YOUNG_COLLECTION, 10, 10)
    due = list(range(len(stories)))
    for article in (work[0], work[-1]):  # the models and word frequencies loaded
        score_due(article, due)
    half = len(work) // 2
    for article in work[100:100 + articles] + work[half + 100:half + 100 + articles]:
        score_due(article, due)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--decisions", type=Path)
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--save-work", type=Path)
    parser.add_argument("--loop", type=Path)
    args = parser.parse_args()
    if args.decisions:
        decisions(args.decisions, args.articles)
        return
    if args.save_work:
        save_work(args.save_work)
        return
    if args.loop:
        worker_loop(args.loop, args.articles)
        return
    print(f"code: {Path(monitor.__file__).parent}")
    stories, rows = hundred_stories(700)
    real = [many_stories.as_article(r) for r in rows[:350]]
    print(f"  100 stories, real articles: {cpu_ms(stories, real, 6):.2f} ms CPU an article")
    print(f"  one story, mixes of 30 sentences: {cpu_ms([trump_cartels()], mixes(2_050), 8):.3f}"
          " ms CPU an article")


if __name__ == "__main__":
    main()
