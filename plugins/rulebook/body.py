"""The parts of a Markdown body that reach readers: no HTML comments, no code."""

from __future__ import annotations

import re

FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
INLINE_CODE = re.compile(r"(`+)(?:.+?)\1")


def visible_lines(body: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Body lines with HTML comments, fenced code blocks and inline code blanked out.

    Links written inside them are examples (the new-content scaffold's help block holds
    some), not links the build will follow.
    """
    result: list[tuple[int, str]] = []
    fence = ""
    in_comment = False
    for number, line in body:
        if not in_comment:
            match = FENCE.match(line)
            if fence:
                if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                    fence = ""
                continue
            if match:
                fence = match.group(1)
                continue
        text, in_comment = _strip_comments(line, in_comment)
        result.append((number, INLINE_CODE.sub("", text)))
    return result


def _strip_comments(line: str, in_comment: bool) -> tuple[str, bool]:
    kept: list[str] = []
    rest = line
    while rest:
        if in_comment:
            end = rest.find("-->")
            if end < 0:
                return "".join(kept), True
            rest, in_comment = rest[end + 3 :], False
        else:
            start = rest.find("<!--")
            if start < 0:
                kept.append(rest)
                break
            kept.append(rest[:start])
            rest, in_comment = rest[start + 4 :], True
    return "".join(kept), in_comment
