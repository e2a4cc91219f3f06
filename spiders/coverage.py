"""Every source at once: what `monitor crawl` runs."""

from spiders.base import OutletSpider
from spiders.feeds import FeedSource
from spiders.sitemaps import SitemapSource
from spiders.urls import UrlSource


class CoverageSpider(FeedSource, SitemapSource, UrlSource, OutletSpider):
    """Articles from every feed, sitemap and URL list of every outlet."""

    name = "coverage"
    sources = ("feed_requests", "sitemap_requests", "url_requests")
