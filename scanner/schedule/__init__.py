"""Unattended rescans: the due logic, the OS triggers, notifications and settings.toml.

rescan.py is a use case (it runs a scan through scanner.service); the rest is plain functions.
"""
