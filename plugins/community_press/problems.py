"""The one shape of a mistake: which file, which field, what value, what to do instead.

Content mistakes are `Problem`s (a rule returns them) or a `ContentError` (a parser
raises it); both print as ``source[:line]: field 'x' = 'value': problem``. A wrong setting
is a `SettingsError` listing every problem of a plugin's settings at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Literal

ERROR: Literal["error"] = "error"
WARNING: Literal["warning"] = "warning"
Severity = Literal["error", "warning"]


def field_message(field: str | None, value: object, problem: str) -> str:
    """``field 'event-end' = '2024-13-02': not a date (...)``; just the problem without a field."""
    return problem if field is None else f"field {field!r} = {value!r}: {problem}"


def setting_message(key: str, value: object, problem: str) -> str:
    """``setting 'GALLERY_WIDTHS' = []: must be ...``."""
    return f"setting {key!r} = {value!r}: {problem}"


@dataclass(frozen=True)
class Problem:
    """One mistake in one file; `line` is 0 until someone who knows the file adds it."""

    source: str
    field: str | None
    value: object
    problem: str
    severity: Severity = ERROR
    line: int = 0

    @property
    def message(self) -> str:
        return field_message(self.field, self.value, self.problem)

    @property
    def brief(self) -> str:
        """``source: field 'x' = 'v': problem``: no line, no severity (a build's summary)."""
        return f"{self.source}: {self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def at(self, line: int) -> Problem:
        """The same problem, on `line` of its file."""
        return replace(self, line=line)

    def placed(self) -> Problem:
        """With a line: a problem without one (a photo, a folder) is about the whole file,
        so line 1, which editors and CI annotations can point at."""
        return self if self.line else self.at(1)

    def but(self, problem: str, severity: Severity | None = None) -> Problem:
        """The same file and field, saying `problem` (at `severity`) instead."""
        return replace(self, problem=problem, severity=severity or self.severity)

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.severity}: {self.message}"

    def github(self) -> str:
        """As a GitHub Actions workflow command, shown on the pull request's file and line."""
        where = f"file={_escape_property(self.source)},line={max(self.line, 1)}"
        return f"::{self.severity} {where}::{_escape(self.message)}"


class ContentError(Exception):
    """A parser's `Problem` (always an error), raised where returning one is awkward."""

    def __init__(self, source: str, field: str | None, value: object, problem: str) -> None:
        super().__init__(f"{source}: {field_message(field, value, problem)}")
        self.source, self.field, self.value, self.problem = source, field, value, problem

    def as_problem(self) -> Problem:
        return Problem(self.source, self.field, self.value, self.problem)


class ContentErrors(Exception):
    """Every problem found in one file, so that they are all reported at once."""

    def __init__(self, errors: list[ContentError]) -> None:
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors


class SettingsError(ValueError):
    """Every wrong setting of one plugin; the build stops before it reads any content."""

    def __init__(self, plugin: str, problems: Iterable[str]) -> None:
        self.plugin, self.problems = plugin, list(problems)
        listed = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(f"{plugin} plugin settings are wrong:\n{listed}")


def _escape(text: str) -> str:
    # GitHub's workflow-command escaping (actions/toolkit `escapeData`).
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape(text).replace(":", "%3A").replace(",", "%2C")
