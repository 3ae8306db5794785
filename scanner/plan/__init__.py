"""Findings -> tasks: opt-outs per parent company, settings, hardening, checks by hand, and letters.

The rules are data (rules/*.toml, read by ruleset.py). May import the engine's types, scanner.profile
and the catalog's data types (spiders.catalog); never the history, the CLI or reports.
"""
