"""Finding syndicated copies among the articles stored since the last search, as groups."""

from __future__ import annotations

from collections import Counter
from operator import itemgetter

from sqlite_utils import Database

from monitor.steps import copies
from monitor.store import rows


def update_copies(db: Database) -> int:
    """Place each article stored or changed since the last search in the group of copies of its
    text, comparing it with one article per group that shares a band of its sketch. Returns how
    many articles were searched for."""
    _sketch_missing(db)
    pending = rows.pending_copies(db)
    if not pending:
        return 0
    _leave_groups(db, [article_id for article_id, _ in pending])
    bands = shared_bands(rows.pending_bands(db))
    found = {c.id: c for c in _candidates(db, {article for _, article in bands})}
    # A group's earliest article is what its members are compared with: read it too.
    leaders = {c.group for c in found.values() if c.group is not None} - set(found)
    found.update((c.id, c) for c in _candidates(db, leaders))
    searched = {article_id for article_id, _ in pending}
    grouping = copies.group_copies([found[i] for i in searched if i in found], bands,
                                   {i: c for i, c in found.items() if i not in searched},
                                   lambda i: rows.article_text(db, i))
    rows.save_copy_groups(db, grouping.renamed, grouping.links, [a for a, _ in pending])
    return len(pending)


def shared_bands(bands: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The (band key, article) pairs whose key another article has too: a key of one article
    alone can tie it to nothing, and most articles have only such keys, so neither their keys
    nor their sketches need reading."""
    # Counted in C (`map`), the few shared keys then kept in a set: 10 against 25 ms for the
    # 48,000 keys of 3,000 new articles (one-off, bench/README.md, 2026-12-03 night).
    shared = {key for key, n in Counter(map(itemgetter(0), bands)).items() if n > 1}
    return [(key, article) for key, article in bands if key in shared]


def _candidates(db: Database, ids: set[int]) -> list[copies.Candidate]:
    return [copies.Candidate(r["id"], r["sketch"], r["published"] or r["first_seen"] or "",
                             r["group"]) for r in rows.copy_candidates(db, sorted(ids))]


def _leave_groups(db: Database, ids: list[int]) -> None:
    # An article searched again (its text changed) leaves its group first; when it was the
    # group's earliest, the earliest of the others takes its place.
    with db.atomic():
        for article_id in rows.in_copy_groups(db, ids):
            members = [copies.Candidate(r["id"], b"", r["published"] or r["first_seen"] or "")
                       for r in rows.copy_group_members(db, article_id)]
            rows.leave_copy_group(db, article_id,
                                  copies.earliest(members).id if members else None)


def _sketch_missing(db: Database) -> None:
    # Pending articles stored outside a crawl, or before sketches existed, get theirs here.
    with db.atomic():
        for article_id, text in rows.unsketched_pending(db):
            rows.save_sketch(db, article_id, *copies.sketch_with_bands(text))
