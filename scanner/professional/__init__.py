"""Professional sources: the NPI Registry and its copies, therapist directories, state licensing boards,
the practice website and the domain's registration records (WHOIS, RDAP).

Plain functions only (no Scrapy): planners turn a profile into spider jobs (plans.py), the data tables
are loaded and validated in data.py, and crawled records become findings in records.py / domain.py.
"""
