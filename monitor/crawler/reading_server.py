"""The start of the worker server for a crawl (`workers.PRELOAD_FOR_READING`): multiprocessing's
forkserver runs no code of ours but the imports it is told to preload, so this module is the
server's entry, as `__main__.py` is a command's. Nothing else imports it."""

from monitor.crawler.warm import warm

warm()
