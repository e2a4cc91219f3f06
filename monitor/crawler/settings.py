"""Scrapy settings for the monitor: polite by default, bounded against hostile servers.

Override any of them per run with `monitor crawl -s NAME=VALUE` or `scrapy crawl -s NAME=VALUE`.
"""

from monitor.store.schema import DEFAULT_DB

BOT_NAME = "media-monitor"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"
MONITOR_DB = DEFAULT_DB  # the commands set the --db path

# Politeness: who we are, robots.txt, and a pace set by the servers' own response times.
MONITOR_CONTACT_URL = "https://github.com/media-monitor/media-monitor"
USER_AGENT = f"media-monitor/0.1 (+{MONITOR_CONTACT_URL})"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_DELAY = 0.25
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 0.5
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0

# News pages are small: refuse the huge, warn on the large, give up on the slow.
DOWNLOAD_MAXSIZE = 8 * 1024 * 1024
# A robots.txt is read up to this, as Google reads it: the rules after it are ignored.
MONITOR_ROBOTS_TXT_MAXSIZE = 500 * 1024
ROBOTSTXT_PARSER = "monitor.crawler.middlewares.RobotsTxtStart"
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
DOWNLOAD_TIMEOUT = 30
RETRY_TIMES = 2
# A site that lets this many requests in a row time out (retries included, no answer between)
# is not asked again in this run (monitor/crawler/middlewares.py's UnresponsiveSites; 0: never
# given up). A dead site then costs a run its robots.txt's tries and one DOWNLOAD_TIMEOUT or
# so, not one a page.
MONITOR_SITE_TIMEOUTS = 3
# A request that fails is told once, in one line, by whoever asked for it (the spiders'
# errbacks, monitor/crawler/failures.py): Scrapy's own give-up line would be a second.
RETRY_GIVE_UP_LOG_LEVEL = "DEBUG"
REDIRECT_MAX_TIMES = 5

# Every run ends, whatever the servers list: a sitemap index that always names another one is
# followed this many levels down (Scrapy's DepthMiddleware; an article found through a sitemap of
# a sitemap index is at depth 2, through a feed at 1), at most this many entries of one feed or
# sitemap are taken (the newest), and a run stops after MONITOR_MAX_RUN seconds (it becomes
# Scrapy's CLOSESPIDER_TIMEOUT; 0 for no limit), recorded as `closespider_timeout`.
DEPTH_LIMIT = 4
MONITOR_MAX_ENTRIES = 2000
MONITOR_MAX_RUN = 3600

# No remote control of a crawl that runs unattended: off, and not even loaded (Scrapy imports
# aiohttp for its remote control, a tenth of a second every run).
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False
# Only web pages: file:, data:, s3: and ftp: URLs have no handler to fetch them with. Web pages
# are read by Scrapy's HTTP/1.1 handler with a cap on a response's headers, which
# DOWNLOAD_MAXSIZE does not count (monitor/crawler/downloads.py).
DOWNLOAD_HANDLERS = {"http": "monitor.crawler.downloads.HeaderCappedDownloadHandler",
                     "https": "monitor.crawler.downloads.HeaderCappedDownloadHandler",
                     "file": None, "data": None, "s3": None, "ftp": None}

# A page gives one item; Scrapy starts this many tasks for every response whatever it yields
# (the default of 100 was a third of a recrawl's time).
CONCURRENT_ITEMS = 4
# Scrapy re-reads a generator callback's source to warn about `return value` whenever its cache of
# bound methods misses, which with many requests in flight is often.
WARN_ON_GENERATOR_RETURN_VALUE = False

# No request to a non-public address (loopback, private, link-local...) unless its origin
# (scheme, host, port) is named in the outlet file or here: a list of origins such as
# "http://127.0.0.1:8080,https://intranet.example". Checked before every request is sent and
# again when it connects (monitor/crawler/addresses.py).
MONITOR_ALLOW_ORIGINS: list[str] = []
TWISTED_DNS_RESOLVER = "monitor.crawler.addresses.PublicAddressResolver"

DOWNLOADER_MIDDLEWARES = {
    # Scrapy's off-site rule lets feed, sitemap and search requests (and their redirects) go
    # anywhere, and stops the robots.txt of the sites aggregators find: ours does neither.
    "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": None,
    "monitor.crawler.middlewares.OffsiteMiddleware": 50,
    "monitor.crawler.addresses.AddressGuard": 60,  # before robots.txt (100) asks anything of a site
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    # Scrapy's retries (550) and redirects (580, 600) ask again through it: each request asks
    # with the validators of its own URL.
    "monitor.crawler.middlewares.ConditionalRequests": 540,
    "monitor.crawler.middlewares.MetaRefreshMiddleware": 580,
    # Past Scrapy's retries (550) and redirects (600), next to the download: it sees every
    # answer and every timeout first, and every retry asks through it.
    "monitor.crawler.middlewares.UnresponsiveSites": 650,
}
ITEM_PIPELINES = {"monitor.crawler.pipelines.ArticlePipeline": 300}
EXTENSIONS = {"monitor.crawler.stories.StoriesToCrawl": 400,
              "monitor.crawler.progress.CrawlProgress": 500,
              "monitor.crawler.failures.FailureLog": 510,
              "scrapy.extensions.telnet.TelnetConsole": None,
              "scrapy.extensions.remote_control.RemoteControl": None}
LOGSTATS_INTERVAL = 300.0  # our own progress line says more, more often
MONITOR_EXTRACT_WORKERS = 2

LOG_LEVEL = "INFO"
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
FEED_EXPORT_ENCODING = "utf-8"
