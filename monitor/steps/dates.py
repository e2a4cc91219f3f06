"""Dates as feeds, sitemaps and APIs write them, read into aware datetimes."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

from monitor.steps.text import MONTHS


def parse_date(text: object) -> datetime | None:
    """Read RFC 822 (RSS), ISO 8601 (Atom, sitemaps) or GDELT dates into UTC; None for anything
    else, a date that does not exist included (feeds are written by servers nobody checked)."""
    when = _as_written(text)
    try:
        # In UTC, so that comparing or ordering it later cannot fail: a date at either end of
        # the calendar with an offset that would carry it out of it is no date.
        return when.astimezone(UTC) if when and when.tzinfo else (
            when.replace(tzinfo=UTC) if when else None)
    except OverflowError:
        return None


def day_as_written(text: object) -> str | None:
    """The day of a date as its writer wrote it (ISO), in its own time zone: an evening in
    Mexico City is not the next day's news."""
    when = _as_written(text)
    return when.date().isoformat() if when else None


def _as_written(text: object) -> datetime | None:
    if not isinstance(text, str) or not text.strip():
        return None
    text = text.strip()
    try:
        if re.fullmatch(r"\d{8}T?\d{6}Z?", text):  # GDELT: 20250808T183000Z
            return datetime.strptime(re.sub(r"\D", "", text), "%Y%m%d%H%M%S").replace(tzinfo=UTC)
        try:
            return datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def writes_day(text: str, day: str) -> bool:
    """Whether a text writes out the day `day` (ISO, "2017-08-01"): "August 1, 2017", "1 Aug.
    2017", "2017-08-01", "1/8/2017", "8/1/2017" or "01.08.2017"."""
    year, month, date = day[:4], int(day[5:7]), int(day[8:10])
    name = list(MONTHS)[month - 1]
    month_word = rf"(?:{name}|{name[:3]}{'t' if month == 9 else ''}\.?)"  # "Sept."
    date_word = rf"0?{date}(?:st|nd|rd|th)?"
    written = "|".join([
        rf"{month_word}\s+{date_word},?\s+{year}",
        rf"{date_word}\s+(?:of\s+)?{month_word},?\s+{year}", rf"{year}-{month:02d}-{date:02d}",
        rf"0?{month}/0?{date}/{year}", rf"0?{date}/0?{month}/{year}",
        rf"0?{date}\.0?{month}\.{year}"])
    return any(re.search(rf"\b(?:{written})\b", line, re.IGNORECASE)
               for line in text.splitlines() if year in line)


DEFAULT_WINDOW_DAYS = 7  # days either side of a story's date that its coverage is looked for in


def window_days(story: dict) -> int:
    """How many days either side of its date a story's coverage is looked for in."""
    return story.get("window_days") or DEFAULT_WINDOW_DAYS


def story_window(story: dict) -> tuple[datetime, datetime] | None:
    """The first and last moments of a story's window: the whole days from `window_days` before
    the day of `published` to as many after it; None for a story without a readable date, whose
    coverage may be of any date."""
    day = day_as_written(story.get("published"))
    if day is None:
        return None
    # Whole days, at both ends: a story's date is a day, and an article of noon on the
    # seventh day after it is in its window (from midnight, the last day was left out).
    first = datetime.fromisoformat(day).replace(tzinfo=UTC) - timedelta(days=window_days(story))
    last = first + timedelta(days=2 * window_days(story) + 1, microseconds=-1)
    return first, last
