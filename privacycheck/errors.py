"""The one exception family for user mistakes: bad files, bad options, bad answers."""

from __future__ import annotations


class PrivacycheckError(Exception):
    """A user mistake. The message already names the file and the place at fault.

    The command line prints it on one line and exits with `exit_code`.
    """

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NoTerminalError(PrivacycheckError):
    """An interactive command was started without a terminal to ask questions on."""
