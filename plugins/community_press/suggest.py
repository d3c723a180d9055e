""" "Did you mean ...?" for a mistyped field, folder, photo or template name."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable


def name_key(name: str) -> str:
    """A name as typed and as stored compare equal: a Mac may store ``é`` as ``e`` plus an
    accent (NFD) where a captions file or ``cover:`` has one character (NFC)."""
    return unicodedata.normalize("NFC", name)


def closest(value: str, choices: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The choice a mistyped `value` most likely meant: the same but for case (a Mac's disk
    ignores case, the build server's does not), else the closest spelling above `cutoff`."""
    options = sorted(set(choices))
    folded = name_key(value).casefold()
    for choice in options:
        if name_key(choice).casefold() == folded:
            return choice
    close = difflib.get_close_matches(value, options, n=1, cutoff=cutoff)
    return close[0] if close else None


def did_you_mean(value: str, choices: Iterable[str], cutoff: float = 0.6) -> str:
    """``; did you mean 'X'?`` to end a message with, or nothing."""
    choice = closest(value, choices, cutoff)
    return f"; did you mean {choice!r}?" if choice is not None and choice != value else ""
