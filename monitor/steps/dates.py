"""Dates as feeds, sitemaps and APIs write them, read into aware datetimes."""

from __future__ import annotations

import re
from datetime import UTC, datetime
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
