"""Loading, once, what reading a page otherwise loads on the first page (stop-word lists, suffix
list, language model), so that every worker forked from the worker server starts with it."""

from contextlib import suppress

from monitor.steps.extract import load_resources


def warm() -> None:
    """Load the extractor's data into this process; a failure only leaves it to load later."""
    with suppress(Exception):  # each worker then loads them itself, on its first page
        load_resources()
