"""The build's refusals: exceptions whose message is one line a person can act on.

The command line prints them as `error: <message>` and exits non-zero; the previous warehouse is
kept in every case.
"""


class BuildError(Exception):
    """The build refused or could not finish; the message says why and what to do."""
