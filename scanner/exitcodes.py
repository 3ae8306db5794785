"""Every exit status the CLI uses, in one place (documented in the README)."""

from enum import IntEnum


class Exit(IntEnum):
    OK = 0            # done; for `analyze`: every input was analysed
    PARTIAL = 1       # done, but some inputs could not be analysed / the scan was cut short
    USAGE = 2         # bad command line, profile or file: the message names the problem
    BUSY = 3          # another scan is running
    INTERRUPTED = 4   # stopped by Ctrl-C or a signal; earlier scans are intact
    FAILED = 5        # could not run at all (e.g. the database cannot be opened)
    LOW_COVERAGE = 6  # it ran, but fewer than half of the sites searched could be checked (offline? blocked?):
                      # not an all-clear; `rescan` (which gives it when no site could be checked) tries again later
