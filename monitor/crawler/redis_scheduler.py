"""scrapy-redis' scheduler with a run shared by every crawler that joins it (`--redis URL`).

A *run* lasts while at least one crawler is at it: the first to join starts it afresh, a
crawler that runs out of requests waits while another is still busy (its pages may bring
more), and the last to leave clears the queue and the seen-requests sets.
"""

from __future__ import annotations

import hashlib
import logging
import os
import socket
from collections.abc import Callable
from functools import wraps

import redis
from scrapy import signals
from scrapy.exceptions import DontCloseSpider
from scrapy.utils.misc import load_object
from scrapy_redis.scheduler import Scheduler
from twisted.internet import task

from monitor.crawler import failures, frontier, requestjson
from monitor.crawler.pipelines import stop_crawl

logger = logging.getLogger(__name__)
WAKE_AFTER = 0.5  # seconds between two looks at the queue while other crawlers are busy

# Seconds: a crawler not heard from for this long has died (kill -9, a lost host); the
# MONITOR_REDIS_ALIVE setting changes it.
ALIVE = 60

# Each is one atomic step on the run's keys: members, idle, queue, dupefilter, sent; ARGV:
# this crawler, the prefix of the crawlers' alive keys, seconds alive. A member whose alive key has
# expired is dropped first, so a killed crawler neither keeps the others waiting nor keeps
# its run open. An alive key holds its lifetime, so that its time to live tells when the
# crawler was last heard from (`monitor status`).
_PRUNE = """
local function beat()
  redis.call('SADD', KEYS[1], ARGV[1])
  redis.call('SET', ARGV[2] .. ARGV[1], ARGV[3], 'EX', ARGV[3])
end
local function prune()
  for _, member in ipairs(redis.call('SMEMBERS', KEYS[1])) do
    if redis.call('EXISTS', ARGV[2] .. member) == 0 then
      redis.call('SREM', KEYS[1], member)
      redis.call('SREM', KEYS[2], member)
    end
  end
end
"""
_JOIN = _PRUNE + """
prune()
if redis.call('SCARD', KEYS[1]) == 0 then
  redis.call('DEL', KEYS[2], KEYS[3], KEYS[4], KEYS[5])
end
beat()
"""
_BEAT = _PRUNE + "beat()"
_IDLE = _PRUNE + """
beat()
prune()
redis.call('SADD', KEYS[2], ARGV[1])
if redis.call('ZCARD', KEYS[3]) == 0
   and redis.call('SCARD', KEYS[2]) >= redis.call('SCARD', KEYS[1]) then
  return 1
end
return 0
"""
_LEAVE = _PRUNE + """
redis.call('SREM', KEYS[1], ARGV[1])
redis.call('SREM', KEYS[2], ARGV[1])
redis.call('DEL', ARGV[2] .. ARGV[1])
prune()
if redis.call('SCARD', KEYS[1]) == 0 then
  redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5])
end
"""


def _stops_on_lost_redis(fallback: object = None) -> Callable:
    """A scheduler method that, when Redis fails, stops the crawl as a storage error does: one
    line in the log, the crawl ended failed with the reason; never a traceback per call."""
    def decorate(method: Callable) -> Callable:
        @wraps(method)
        def guarded(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except redis.RedisError as e:
                self.lost(e)
                return fallback
        return guarded
    return decorate


class SharedScheduler(Scheduler):
    """scrapy-redis' scheduler, with a run shared by every crawler that joins it.

    Two additions: a request Scrapy must not filter (`dont_filter`: feeds, sitemaps, search
    pages, retries) is still sent once a run in its exact form, or every crawler would fetch
    every feed; and a crawler with nothing to do waits (DontCloseSpider) until every crawler
    of the run is idle with the queue empty.
    """

    @classmethod
    def from_crawler(cls, crawler):
        scheduler = super().from_crawler(crawler)
        scheduler.crawler = crawler
        scheduler.alive_for = crawler.settings.getint("MONITOR_REDIS_ALIVE", ALIVE)
        # scrapy-redis passes `spider` to the stats, which Scrapy 2.13+ warns about on every
        # request: its own counting is off, ours (below) is the same without it.
        scheduler.stats, scheduler.counts = None, crawler.stats
        crawler.signals.connect(scheduler.spider_idle, signal=signals.spider_idle)
        return scheduler

    def open(self, spider):
        self.me = f"{socket.gethostname()}:{os.getpid()}"
        name = {"spider": spider.name}
        self.run_keys = [frontier.CRAWLERS % name, frontier.IDLE % name,
                         self.queue_key % name, self.dupefilter_key % name,
                         frontier.SENT % name]
        self.alive = frontier.ALIVE % name
        self.idle = False
        self.failure: str | None = None
        self._run(_JOIN)
        self.heartbeat = task.LoopingCall(self._beat)
        self.heartbeat.start(self.alive_for / 4, now=False)
        # scrapy-redis' open() less its flush (the run's first crawler has done it) and its
        # Spider.log() call, which Scrapy 2.13+ deprecates.
        self.spider = spider
        self.queue = load_object(self.queue_cls)(
            server=self.server, spider=spider, key=self.queue_key % {"spider": spider.name},
            serializer=self.serializer)
        self.df = load_object(self.dupefilter_cls).from_spider(spider)
        if len(self.queue):
            spider.logger.info("joining a shared run: %d requests queued", len(self.queue))

    def close(self, reason):
        heartbeat = getattr(self, "heartbeat", None)  # none when open() itself failed
        if heartbeat is not None and heartbeat.running:
            heartbeat.stop()
        try:  # even after an error: a Redis that answers again lets the others go on
            self._run(_LEAVE)
        except redis.RedisError as e:  # its crawler's alive key expires instead
            logger.warning("could not tell Redis this crawler left the run: %s", e)

    def lost(self, error: Exception) -> None:
        """Redis failed: stop the crawl once (what was sent stays in the stream for ingest;
        the next run fetches the rest)."""
        if self.failure is not None:
            return
        self.failure = f"Redis error: {error}"
        if self.heartbeat.running:
            self.heartbeat.stop()
        stop_crawl(self.crawler, self.counts, self.failure)

    @_stops_on_lost_redis()
    def _beat(self) -> None:
        self._run(_BEAT)

    def _run(self, script: str):
        return self.server.eval(script, len(self.run_keys), *self.run_keys, self.me,
                                self.alive, self.alive_for)

    @_stops_on_lost_redis(fallback=False)
    def enqueue_request(self, request):
        try:
            if request.dont_filter and not self._first_of_run(request):
                return False
            queued = super().enqueue_request(request)
        except requestjson.UnencodableRequest as e:
            # An error in the log and the run's error count, for this request alone: raised,
            # it would stop the whole crawl, and from start() look like a Ctrl-C.
            logger.error("not queued, %s: %s", request.url[:200], e)
            self.counts.inc_value(failures.OTHER_ERRORS)
            return False
        if queued:
            self.counts.inc_value("scheduler/enqueued/redis")
        return queued

    @_stops_on_lost_redis()
    def next_request(self):
        request = super().next_request()
        if request is not None:
            self.counts.inc_value("scheduler/dequeued/redis")
            if self.idle:
                self.server.srem(self.run_keys[1], self.me)
                self.idle = False
        return request

    @_stops_on_lost_redis(fallback=False)
    def has_pending_requests(self):
        return super().has_pending_requests()

    def spider_idle(self, spider):  # not decorated: Scrapy hands a signal handler only the
        # arguments its signature names, which a wrapper hides
        """Keep the crawler open while another crawler of the run may still add requests."""
        self.idle = True
        try:
            everyone_idle = self._run(_IDLE)
        except redis.RedisError as e:
            self.lost(e)
            return
        if not everyone_idle:
            from twisted.internet import reactor  # the one Scrapy installed: imported late

            # Scrapy looks for requests again only every 5 s (its engine's heartbeat) when
            # it has none in flight; another crawler's pages may queue many sooner.
            reactor.callLater(WAKE_AFTER, self._wake)
            raise DontCloseSpider("other crawlers of the run are still busy")

    def _wake(self) -> None:
        # Scrapy has no public call to make its engine ask the scheduler again; `_slot` is
        # None once the spider closes.
        slot = getattr(self.crawler.engine, "_slot", None)
        if slot is not None:
            slot.nextcall.schedule()

    def _first_of_run(self, request) -> bool:
        encoded = requestjson.dumps(request.to_dict(spider=self.spider))
        digest = hashlib.sha1(encoded).hexdigest()
        return bool(self.server.sadd(self.run_keys[4], digest))
