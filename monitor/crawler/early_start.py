"""Imported first by the command line (monitor/faces/cli.py), for one side effect: a command
that reads pages (`monitor run`, `crawl`, `demo`) starts its worker server now, so that the
server's imports and loading (a second) run beside the command line's own imports (half a
second) instead of after them (`workers.start_server_for_command`, bench/README.md)."""

import sys

from monitor.crawler.workers import start_server_for_command

start_server_for_command(sys.argv)
