"""What a command does from start to end: add a seed, crawl, match, run, ingest, status, the
demo, the schedule. Jobs take callbacks to report progress; they never print."""
