"""Loading, once, what reading a page otherwise loads on the first page (stop-word lists, suffix
list, language model, the word frequencies that weigh an article's words), so that every worker
forked from the worker server starts with it."""

from contextlib import suppress

from monitor.steps.coverage import load_frequencies
from monitor.steps.extract import load_resources


def warm() -> None:
    """Load the extractor's data and the word frequencies into this process; a failure only
    leaves them to load later."""
    with suppress(Exception):  # each worker then loads them itself, on its first page
        load_resources()
    with suppress(Exception):  # stemming wordfreq's list: 0.2-0.3 s a worker otherwise
        load_frequencies()
