"""CPU time an article in one process, and every decision written down to compare two commits.

    .venv/bin/python bench/match_cpu.py                                  # this checkout
    git archive COMMIT | tar -x -C /tmp/before
    PYTHONPATH=/tmp/before .venv/bin/python bench/match_cpu.py            # another commit
    .venv/bin/python bench/match_cpu.py --decisions a.jsonl [--articles 600]
    cmp a.jsonl b.jsonl                                                  # the same decisions?

The matching of `bench/many_stories.py` (100 stories, the data set's real articles) and of
`bench/matching.py` (trump-cartels, mixes of 30 AEB sentences) without worker processes or
storing: `score_stories` alone. On a shared machine a run's CPU time moves with the load, so
each figure is the second best of several runs of a slice of the articles; alternate the two
commits. `--decisions` instead writes every result (`ArticleMatch`, as JSON) of 2,000 mixes
against trump-cartels and of --articles articles (half real, half mixes) against 100 stories;
a non-covering result's additions are left out (never stored, and since 57abb1a not worked out).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

import many_stories
import matching

import monitor
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--decisions", type=Path)
    parser.add_argument("--articles", type=int, default=600)
    args = parser.parse_args()
    if args.decisions:
        decisions(args.decisions, args.articles)
        return
    print(f"code: {Path(monitor.__file__).parent}")
    stories, rows = hundred_stories(700)
    real = [many_stories.as_article(r) for r in rows[:350]]
    print(f"  100 stories, real articles: {cpu_ms(stories, real, 6):.2f} ms CPU an article")
    print(f"  one story, mixes of 30 sentences: {cpu_ms([trump_cartels()], mixes(2_050), 8):.3f}"
          " ms CPU an article")


if __name__ == "__main__":
    main()
