"""Stories, articles and results between the store's rows and the steps' types.

The store keeps plain rows; the matcher reads `Story`, `Claim` and `Article` and knows no row
ids. `Stories` holds both sides: the stories by position, and the ids their results are
stored under.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass

from sqlite_utils import Database

from monitor.steps.claims import Claim, Seed, seed_title_and_body
from monitor.steps.coverage import evidence_json, ruled_out_json
from monitor.steps.extract import Article
from monitor.steps.match import SCORER, ArticleMatch, Story, seed_profile
from monitor.store import rows


@dataclass
class Stories:
    """Registered stories as the matcher reads them, and their row ids by position."""

    stories: list[Story]
    ids: list[int]  # stories.id of each story
    claim_ids: list[dict[int, int]]  # claim position -> claims.id, for each story

    def decision(self, position: int, result: ArticleMatch, scored: bool) -> tuple[int, dict]:
        """The story's id and the rows of an article's result against it (`rows.save_decisions`)."""
        return self.ids[position], result_row(result, self.claim_ids[position], scored)


def load_stories(db: Database, slug: str | None = None) -> Stories:
    """One story by slug, or every story (`LookupError` for an unknown slug)."""
    return as_stories(stored_stories(db, slug))


def stored_stories(db: Database, slug: str | None = None) -> list[tuple[dict, list[dict]]]:
    """`load_stories`'s rows, each story's and its claims', before its seed is read again
    (`as_stories`)."""
    return [(row, rows.claim_rows(db, row["id"])) for row in rows.story_rows(db, slug)]


def published_stories(db: Database) -> dict:
    """Every story as ingest publishes it for crawlers on other machines: its row and claims,
    the crawl settings (`rows.stories_to_crawl`) and a version that changes with any of them."""
    found = [{"story": row, "claims": rows.claim_rows(db, row["id"])}
             for row in rows.story_rows(db)]
    for story in found:  # a crawler's verdicts on a story stand while its version does
        story["version"] = _version(story)
    windows = rows.stories_to_crawl(db)
    return {"version": _version([found, windows]), "stories": found, "windows": windows}


def story_versions(published: dict) -> dict[str, str]:
    """Each published story's version by its id (as text: the key JSON keeps)."""
    return {str(s["story"]["id"]): s["version"] for s in published["stories"]}


def _version(data) -> str:
    text = json.dumps(data, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def stories_from_published(published: dict) -> Stories:
    """The stories a crawler matches against, from what ingest published."""
    return as_stories([(s["story"], s["claims"]) for s in published["stories"]])


def as_stories(found: list[tuple[dict, list[dict]]]) -> Stories:
    """Stories from their rows and their claims' (`stored_stories`)."""
    stories, ids, claim_ids = [], [], []
    for row, claims in found:
        # The claims are the stored ones: only the seed's headline and body are read again.
        title, body = seed_title_and_body(row["seed_text"] or "")
        stories.append(Story(row["slug"], row["language"], row["query"] or "",
                             [as_claim(c) for c in claims],
                             seed_profile(title, body, row["published"]),
                             row["source"]))
        ids.append(row["id"])
        claim_ids.append({c["position"]: c["id"] for c in claims})
    return Stories(stories, ids, claim_ids)


def stored_claims(db: Database, story_id: int) -> list[Claim]:
    """A story's claims as the matcher takes them, in order."""
    return [as_claim(c) for c in rows.claim_rows(db, story_id)]


def as_claim(row: dict) -> Claim:
    """A claim row as the seed reader made it."""
    return Claim(position=row["position"], text=row["text"], kind=row["kind"],
                 sentence=row["sentence"], speaker=row["speaker"], numbers=row["numbers"],
                 quotes=row["quotes"], names=row["names"],
                 speaker_guessed=bool(row.get("speaker_guessed")))


def as_article(row: dict) -> Article:
    """A stored article row as the extractor made it (what the matcher reads)."""
    return Article(source=row["source_url"] or row["url"], url=row["url"], title=row["title"],
                   author=None, published=row["published"], language=row["language"],
                   text=row["text"], content_hash=row["content_hash"],
                   is_stub=bool(row["is_stub"]))


def save_seed(db: Database, slug: str, seed: Seed, seed_text: str, source: str,
              story_id: int | None = None, **settings) -> int:
    """Register a story and its claims (`rows.save_story`, which says what `story_id` and
    `settings` do); returns its id."""
    story = {"slug": slug, "title": seed.title, "seed_text": seed_text, "source": source,
             **settings}
    return rows.save_story(db, story, [asdict(c) for c in seed.claims], story_id)


def coverage_values(result: ArticleMatch, scored: bool) -> tuple:
    """A result whose claims' verdicts are not stored (all but scored coverage) as its coverage
    row's values (`rows.coverage_rows`: relevance, is_coverage, kind, evidence as stored,
    scored), the evidence already encoded (`evidence_json`): it needs no claim ids."""
    return (result.relevance, int(result.is_coverage), result.kind,
            evidence_json(result.evidence), int(scored))


def ruled_out_values(relevance: float, body_cosine: float, names_shared: float) -> tuple:
    """`coverage_values` of a story the cheap evidence ruled out (`match.ruled_out_match`),
    made from its figures without the result in between: most of the rows `monitor match`
    stores."""
    return (relevance, 0, "unrelated", ruled_out_json(body_cosine, names_shared), 1)


def result_row(result: ArticleMatch, claim_ids: dict[int, int], scored: bool) -> dict:
    """An article's result against a story as the store keeps it: coverage, and for covering
    articles whose claims were scored, each claim's match (by claim id) and the additions."""
    row = {"relevance": result.relevance, "is_coverage": result.is_coverage,
           "kind": result.kind, "evidence": result.evidence, "scored": scored,
           "matches": [], "additions": []}
    if result.is_coverage and scored:
        row["matches"] = [{"claim_id": claim_ids[m.claim_position], "sentence": m.sentence,
                           "score": m.score, "verdict": m.verdict, "conflicts": m.conflicts,
                           "notes": m.notes, "scorer": SCORER} for m in result.matches]
        row["additions"] = list(result.additions)
    return row
