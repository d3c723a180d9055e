"""Content errors that say where and why: file, field, value and the expected form."""

from __future__ import annotations

__all__ = ["ContentError", "ContentErrors"]


class ContentError(Exception):
    """One problem in one field of one content file."""

    def __init__(self, source: str, field: str, value: object, problem: str) -> None:
        super().__init__(f"{source}: field {field!r} = {value!r}: {problem}")
        self.source, self.field, self.value, self.problem = source, field, value, problem


class ContentErrors(Exception):
    """Every problem found in one file, so that a build can report them all at once."""

    def __init__(self, errors: list[ContentError]) -> None:
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors
