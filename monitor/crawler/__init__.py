"""The Scrapy glue: settings, items, middlewares, the address guard, pipelines, the worker
processes, progress; past one machine, the frontier and results shared through Redis."""
