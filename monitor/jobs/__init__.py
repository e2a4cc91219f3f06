"""What a command does from start to end: add a seed, crawl, match, run, the demo, the
schedule. Jobs take callbacks to report progress; they never print."""
