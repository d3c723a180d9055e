"""The parts of a Markdown body that reach readers: no HTML comments, no code."""

from __future__ import annotations

import re
from dataclasses import dataclass

FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
INLINE_CODE = re.compile(r"(`+)(?:.+?)\1")
LIST_ITEM = re.compile(r"^ {0,3}([*+-]|\d+[.)])[ \t]+\S")
# A raw HTML block: a line that starts with one of these tags begins one, and Markdown
# keeps everything to its end tag as HTML (indented lines and all), not as code.
HTML_BLOCK = re.compile(r"^ {0,3}<(?P<tag>[A-Za-z][A-Za-z0-9]*)[\s/>]")
BLOCK_TAGS = frozenset(
    {"address", "article", "aside", "blockquote", "details", "dialog", "div", "dl",
     "fieldset", "figure", "footer", "form", "header", "main", "nav", "ol", "p", "pre",
     "section", "table", "ul", "iframe", "script", "style", "video", "audio", "object"}
)  # fmt: skip


@dataclass
class _Blocks:
    """Where Markdown's reading is, line after line: what tells an indented code block
    (shown as written, escaped) from an indented line of a list, a paragraph or HTML."""

    after_blank: bool = True  # the body starts after the header's empty line
    in_list: bool = False
    in_code: bool = False
    html_tag: str = ""
    html_depth: int = 0

    def is_code(self, line: str) -> bool:
        """Whether ``line`` belongs to an indented code block (4 spaces or a tab, after
        an empty line, outside a list and a raw HTML block)."""
        blank = not line.strip()
        indented = line.expandtabs(4).startswith("    ")
        if self.html_tag:
            self._count_html(line)
        elif self.in_code and (blank or indented):
            pass
        elif indented and self.after_blank and not self.in_list:
            self.in_code = True
        elif not blank:
            self.in_code = False
            self._start_of_block(line)
        self.after_blank = blank
        return self.in_code and not blank

    def _start_of_block(self, line: str) -> None:
        if LIST_ITEM.match(line):
            self.in_list = True
        elif self.after_blank and not line[:1].isspace():
            self.in_list = False  # a paragraph after an empty line ends the list
        html = HTML_BLOCK.match(line) if self.after_blank else None
        if html and html["tag"].lower() in BLOCK_TAGS:
            self.html_tag, self.html_depth = html["tag"].lower(), 0
            self._count_html(line)

    def _count_html(self, line: str) -> None:
        lowered = line.lower()
        opened = len(re.findall(rf"<{self.html_tag}[\s/>]", lowered))
        self.html_depth += opened - lowered.count(f"</{self.html_tag}")
        if self.html_depth <= 0:
            self.html_tag = ""


def visible_lines(body: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Body lines with HTML comments, fenced and indented code blocks and inline code
    blanked out.

    Links written inside them are examples (the new-content scaffold's help block holds
    some), not links the build will follow; HTML in them is shown as written, escaped.
    """
    result: list[tuple[int, str]] = []
    fence = ""
    in_comment = False
    blocks = _Blocks()
    for number, line in body:
        if not in_comment:
            match = FENCE.match(line)
            if fence:
                if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                    fence = ""
                    blocks.after_blank = False
                continue
            if match:
                fence, blocks.in_code = match.group(1), False
                continue
            if blocks.is_code(line):
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
