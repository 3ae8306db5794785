"""What to search where: the query plan per source family (people-search, social, professional).

Planners turn a profile into spider jobs (scanner.crawl.SpiderJob, named by dotted path, so nothing
here imports Scrapy). May import scanner.profile, scanner.config and the catalog's data types.
"""
