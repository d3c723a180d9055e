"""One finding of the checker, and the two ways it is printed."""

from __future__ import annotations

from typing import NamedTuple

ERROR = "error"
WARNING = "warning"


class Problem(NamedTuple):
    """``path:line: severity: message``; ``path`` is already as the reader should see it."""

    path: str
    line: int
    severity: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.severity}: {self.message}"

    def github(self) -> str:
        """The same finding as a GitHub Actions workflow command (shown on the pull request)."""
        kind = "error" if self.severity == ERROR else "warning"
        where = f"file={_escape_property(self.path)},line={self.line}"
        return f"::{kind} {where}::{_escape(self.message)}"


def _escape(text: str) -> str:
    # GitHub's workflow-command escaping (actions/toolkit `escapeData`).
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape(text).replace(":", "%3A").replace(",", "%2C")
