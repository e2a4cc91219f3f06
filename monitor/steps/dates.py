"""Dates as feeds, sitemaps and APIs write them, read into aware datetimes."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime


def parse_date(text: str | None) -> datetime | None:
    """Read RFC 822 (RSS), ISO 8601 (Atom, sitemaps) or GDELT dates; None when unreadable."""
    if not text:
        return None
    text = text.strip()
    if re.fullmatch(r"\d{8}T?\d{6}Z?", text):  # GDELT: 20250808T183000Z
        digits = re.sub(r"\D", "", text)
        return datetime.strptime(digits, "%Y%m%d%H%M%S").replace(tzinfo=UTC)
    try:
        when = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            when = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


DEFAULT_WINDOW_DAYS = 7  # days either side of a story's date that its coverage is looked for in


def window_days(story: dict) -> int:
    """How many days either side of its date a story's coverage is looked for in."""
    return story.get("window_days") or DEFAULT_WINDOW_DAYS


def story_window(story: dict) -> tuple[datetime, datetime] | None:
    """The first and last moments of a story's window (`published` ± `window_days`); None for a
    story without a readable date, whose coverage may be of any date."""
    centre = parse_date(story.get("published"))
    if centre is None:
        return None
    days = timedelta(days=window_days(story))
    return centre - days, centre + days
