"""The detection engine: a page, record or photo -> records about one person -> findings with reasons.

Plain functions, no I/O of their own. May import scanner.profile and, for the crawled item types,
spiders.items; never the plan, the history, the CLI, spiders' fetching code or reports.
"""
