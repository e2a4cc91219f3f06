"""What reaches the user's terminal: text from pages, feeds and aggregators, made harmless.

Outlet names, titles, URLs and error messages come from servers nobody vetted. A name holding
`ESC ] 0 ; ... BEL` retitles the window, `ESC [ 2 J` clears the screen, a bare carriage return
overwrites the line before it, a right-to-left override reverses what follows. Every string
the CLI prints, and every log line it writes, goes through `clean` first.
"""

from __future__ import annotations

import copy
import json
import logging
import re

import click

from monitor.steps.text import ESCAPE_SEQUENCES

# Escape sequences first, whole (`ESCAPE_SEQUENCES`), then what is left.
_SEQUENCES = ESCAPE_SEQUENCES
# What is left: C0 controls, DEL, C1 controls, and the bidirectional overrides and isolates
# that make a terminal show text in another order than it is.
_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
_CONTROL = re.compile(f"[{_CONTROLS}]")
_CONTROL_OR_LINE = re.compile(f"[{_CONTROLS}\t\n]")


def clean(text: object, lines: bool = True) -> str:
    """`text` without escape sequences and control characters, ready for a terminal.

    Newlines and tabs are kept when `lines` is true; otherwise they become spaces (for a
    value that must stay on one line, such as a name).
    """
    text = _SEQUENCES.sub("", str(text))
    if lines:
        return _CONTROL.sub("", text)
    return _CONTROL_OR_LINE.sub(lambda m: " " if m.group() in "\t\n" else "", text)


def echo(message: object = "", err: bool = False, nl: bool = True,
         overwrite: bool = False) -> None:
    """`click.echo`, cleaned: the one way the CLI prints. With `overwrite`, the line starts
    over the one before it (a progress bar)."""
    click.echo(("\r" if overwrite else "") + clean(message), err=err, nl=nl)


# Characters that JSON leaves raw but a terminal acts on (json.dumps escapes C0 itself).
_JSON_RAW = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def json_line(data: object) -> str:
    """`data` as one line of JSON that a terminal shows as it is: nothing lost, all escaped."""
    text = json.dumps(data, ensure_ascii=False)
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class CliError(click.ClickException):
    """A one-line error for the user, cleaned like everything else the CLI prints."""

    def format_message(self) -> str:
        return clean(self.message)


class BadParameter(click.BadParameter):
    """A bad option value, reported cleaned."""

    def format_message(self) -> str:
        return clean(super().format_message())


class _CleanFormatter(logging.Formatter):
    """Formats as the handler's own formatter did, then cleans; with `one_line`, an error's
    traceback is left out for its last line."""

    def __init__(self, inner: logging.Formatter | None, one_line: bool = False):
        super().__init__()
        self.inner = inner or logging.Formatter()
        self.one_line = one_line

    def format(self, record: logging.LogRecord) -> str:
        if self.one_line and (record.exc_info or record.exc_text or record.stack_info):
            error = record.exc_info[1] if record.exc_info else None
            record = copy.copy(record)  # the log file's handler formats the original, whole
            record.exc_info = record.exc_text = record.stack_info = None
            text = self.inner.format(record)
            if error is not None:
                text += f" ({error_line(error)})"
            return clean(text)
        return clean(self.inner.format(record))


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """`n` and the noun in its number: "1 article", "2 articles", "0 errors", "3 stories"
    (`plural` when it is not the noun and an s)."""
    return f"{n:,} {noun}" if n == 1 else f"{n:,} {plural or noun + 's'}"


def error_line(error: BaseException) -> str:
    """An exception as one short line: its kind and message, whitespace folded, 500 characters
    at most."""
    return " ".join(f"{type(error).__name__}: {error}".split())[:500]


def cleaned(handler: logging.Handler) -> logging.Handler:
    """`handler`, writing cleaned lines: to a terminal or a pipe (cron's mail) one line each,
    without tracebacks; to a log file whole."""
    if not isinstance(handler.formatter, _CleanFormatter):
        handler.setFormatter(_CleanFormatter(
            handler.formatter, one_line=not isinstance(handler, logging.FileHandler)))
    return handler
