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

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str]]:
        # Pickled by its two fields (its args hold one message): it crosses to and from
        # worker processes.
        return type(self), (self.source, self.reason)


def input_error(source: str, exc: Exception) -> InputError:
    """What went wrong reading one input, as that input's one-line error.

    A reader's own InputError keeps its reason; any other exception (a library or a bug
    meeting hostile input) is named by its type, so it spoils that input alone and the
    rest of the batch goes on.
    """
    if isinstance(exc, InputError):
        return InputError(source, exc.reason)
    return InputError(source, f"could not be read ({type(exc).__name__}: {exc})")


class UsageError(UnspunError):
    """The command was called wrongly (exit code 2)."""
