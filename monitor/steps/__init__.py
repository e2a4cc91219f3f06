"""Reading and comparing text: pure functions over plain data (no database, no Scrapy, no
row ids). Each module is one step: claims, extract, coverage, match (with similarity, its
same-claim model), verdicts, conflicts, copies; text, dates, urls and outlets are the readers
they share."""
