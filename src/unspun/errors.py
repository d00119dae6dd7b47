"""Errors a user can cause. The CLI prints them as one line, never a traceback."""

from __future__ import annotations


class UnspunError(Exception):
    """Base class for errors caused by input or usage, not by a bug."""


class InputError(UnspunError):
    """One input (file, record, line) could not be read. `source` names it."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class UsageError(UnspunError):
    """The command was called wrongly (exit code 2)."""
