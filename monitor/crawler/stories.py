"""The stories a crawl looks for, handed to the spider from the database: spiders never open it."""

from __future__ import annotations

from scrapy import signals

from monitor.store import rows, schema


class StoriesToCrawl:
    """A Scrapy extension: as the spider opens, before it makes its first request, gives it
    (`use_stories`) each story's crawl settings: those the crawl job read (MONITOR_STORY_WINDOWS,
    from Redis with --redis), else from the database named by MONITOR_DB (`scrapy crawl`)."""

    def __init__(self, db_path: str, windows: list[dict] | None = None):
        self.db_path = db_path
        self.windows = windows

    @classmethod
    def from_crawler(cls, crawler):
        extension = cls(crawler.settings["MONITOR_DB"],
                        crawler.settings.get("MONITOR_STORY_WINDOWS"))
        crawler.signals.connect(extension.opened, signal=signals.spider_opened)
        return extension

    def opened(self, spider) -> None:
        if not hasattr(spider, "use_stories"):  # not one of ours
            return
        if self.windows is not None:
            spider.use_stories(self.windows)
            return
        db = schema.open_db(self.db_path)
        try:
            spider.use_stories(rows.stories_to_crawl(db))
        finally:
            db.close()
