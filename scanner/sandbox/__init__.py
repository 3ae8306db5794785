"""The local simulated web for `unlisted demo`, `scan --sandbox` and the tests: server.py serves the
catalog's fixture pages on 127.0.0.1; routes.py adds the other source families' simulated sites;
smtpsink.py is its loopback mail server, which keeps what it receives (`optout --sandbox`).
A use case beside the CLI: it reads the catalog's and the username data's fixtures, nothing else.
"""
