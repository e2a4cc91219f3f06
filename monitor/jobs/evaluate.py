"""Scoring the monitor against labelled data: the labels in data/demo/labels/ and data/heldout/."""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from sqlite_utils import Database


@dataclass
class Outcome:
    """One expected verdict beside the one the monitor gave."""

    path: str
    claim: str  # the label's claim key (c1, c2, ...)
    expected: str  # "paraphrase", "conflict:number", ...
    verdict: str  # what the monitor stored, with the conflict kinds: "conflict:number"

    @property
    def correct(self) -> bool:
        if self.expected.startswith("conflict:"):
            return self.verdict.startswith("conflict") and self.expected[9:] in self.verdict
        return self.verdict == self.expected


def load_labels(path: str | Path) -> dict:
    """The labels file as a dict (story, claims, article)."""
    return tomllib.loads(Path(path).read_text(encoding="utf-8"))


def claim_positions(db: Database, story_slug: str, keys: dict[str, str]) -> dict[str, int]:
    """Map each label claim key to a claim position: the shortest claim containing its phrase."""
    claims = list(db.query("select position, text from claims where story_id = "
                           "(select id from stories where slug = ?)", [story_slug]))
    found = {}
    for key, phrase in keys.items():
        hits = [c for c in claims if phrase.lower() in c["text"].lower().replace("’", "'")]
        if not hits:
            raise LookupError(f"no claim contains {phrase!r} ({key})")
        found[key] = min(hits, key=lambda c: len(c["text"]))["position"]
    return found


def stored_results(db: Database, story_slug: str) -> dict[str, dict]:
    """For each article path: is it coverage, and {claim position: verdict with conflict kinds}."""
    results: dict[str, dict] = {}
    for row in db.query("""
            select articles.url, coverage.is_coverage, claims.position, matches.verdict,
                   matches.conflicts
            from coverage join articles on articles.id = coverage.article_id
            join stories on stories.id = coverage.story_id
            left join matches on matches.article_id = coverage.article_id
                 and matches.story_id = coverage.story_id
            left join claims on claims.id = matches.claim_id
            where stories.slug = ?""", [story_slug]):
        entry = results.setdefault(urlsplit(row["url"]).path.lstrip("/"),
                                   {"covers": bool(row["is_coverage"]), "verdicts": {}})
        if row["position"] is not None:
            kinds = sorted({c["kind"] for c in json.loads(row["conflicts"] or "[]")})
            entry["verdicts"][row["position"]] = ":".join([row["verdict"], *kinds])
    return results


def verdict_outcomes(db: Database, labels: dict) -> list[Outcome]:
    """Every (covering article, claim) label beside the stored verdict."""
    positions = claim_positions(db, labels["story"], labels["claims"])
    results = stored_results(db, labels["story"])
    outcomes = []
    for article in labels["article"]:
        if not article["covers"]:
            continue
        stored = results.get(article["path"], {"verdicts": {}})["verdicts"]
        for key, position in positions.items():
            expected = article.get("verdicts", {}).get(key, "absent")
            outcomes.append(Outcome(article["path"], key, expected,
                                    stored.get(position, "absent")))
    return outcomes


def coverage_outcomes(db: Database, labels: dict) -> list[tuple[str, bool, bool]]:
    """(path, labelled as coverage, found as coverage) for every article read for the story.

    Articles the labels do not list as coverage are expected not to be coverage.
    """
    results = stored_results(db, labels["story"])
    covering = {a["path"] for a in labels["article"] if a["covers"]}
    paths = sorted(set(results) | covering)
    return [(path, path in covering, results.get(path, {}).get("covers", False))
            for path in paths]


def load_all_labels(folder: str | Path) -> list[dict]:
    """Every labels file of a folder, one per story."""
    return [load_labels(path) for path in sorted(Path(folder).glob("*.toml"))]
