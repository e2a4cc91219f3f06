"""Imported by the worker server only (`workers.PRELOAD_FOR_READING`): loads, once, what reading
a page otherwise loads on the first page, so every worker forked from the server starts with it."""

from contextlib import suppress

from monitor.steps.extract import load_resources

with suppress(Exception):  # a failed warm-up only leaves each worker to load them itself
    load_resources()
