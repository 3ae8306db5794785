"""The local history: the SQLite store, scans and their changes, task statuses, exports.

May import the plan (tasks are planned from findings), scanner.profile and scanner.config; never the
CLI, the schedule, spiders' fetching code or reports.
"""
