"""The Scrapy glue: settings, items, middlewares, pipelines, the worker processes, progress."""
