"""The `unlisted` command: main.py (the group), one module per command group, common.py (what every
command needs). Commands call scanner.service and the other use cases; nothing imports the CLI.
"""
