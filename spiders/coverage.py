"""Every source at once: what `monitor crawl` runs."""

from spiders.aggregators import AggregatorSource
from spiders.base import OutletSpider
from spiders.feeds import FeedSource
from spiders.search import SearchSource
from spiders.sitemaps import SitemapSource
from spiders.urls import UrlSource


class CoverageSpider(FeedSource, SitemapSource, SearchSource, UrlSource, AggregatorSource,
                     OutletSpider):
    """Articles from every feed, sitemap, search page, URL list and enabled aggregator."""

    name = "coverage"
    sources = ("feed_requests", "sitemap_requests", "search_requests", "url_requests")
    story_sources = ("aggregator_requests",)
