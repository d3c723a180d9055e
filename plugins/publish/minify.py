"""Minified HTML, CSS and JavaScript, through minify-html, rcssmin and rjsmin.

Pure core: text in, text out. The HTML options keep the output spec-compliant and keep
every tag that tools reading the site (Pagefind, feed readers, validators) may look for.

minify-html decodes character references and writes back the fewest it needs, so
`href="?action=TEMPLATE&amp;text=..."` comes out as `href="?action=TEMPLATE&text=..."`.
Browsers read both the same, but the bare `&` is a parse error to the HTML parsing
algorithm (html5lib, validators), and none of minify-html's options (0.18) keeps the
references. So `escape_bare_ampersands_in_html` writes such an `&` back as `&amp;` after
minifying, by the HTML parsing rules, which keeps the meaning.
"""

from __future__ import annotations

import re
from html.entities import html5 as NAMED_REFERENCES

import minify_html
import rcssmin
import rjsmin

from .markup import scan_start_tag

__all__ = [
    "MINIFIERS",
    "escape_bare_ampersands",
    "escape_bare_ampersands_in_html",
    "minify_css",
    "minify_html_text",
    "minify_js",
]

# Elements whose content is raw text: character references mean nothing there, so an `&`
# in them is left alone (code and JSON-LD in <script>, CSS in <style>).
RAW_TEXT = frozenset({"script", "style", "xmp", "iframe", "noembed", "noframes"})
# Elements whose content is text with character references, but no tags.
ESCAPABLE_RAW_TEXT = frozenset({"textarea", "title"})

_LONGEST_NAME = max(map(len, NAMED_REFERENCES))
_NUMERIC = re.compile(r"#(?:[xX][0-9a-fA-F]+|[0-9]+)")
_AMPERSAND = re.compile("&")
_MARKUP = re.compile(r"<(?=[a-zA-Z/!?])")  # any other "<" is text


def minify_html_text(text: str) -> str:
    """Minify a whole HTML document; `<pre>`, `<textarea>` and JSON-LD stay as written,
    and every `&` that stands for itself is written `&amp;`."""
    minified = minify_html.minify(
        text,
        keep_closing_tags=True,
        keep_html_and_head_opening_tags=True,
        minify_css=True,
        minify_js=True,
    )
    return escape_bare_ampersands_in_html(minified)


def _starts_reference(text: str, start: int, in_attribute: bool) -> bool:
    """Whether the `&` just before text[start] begins a character reference, as the HTML
    parser's "character reference state" decides it."""
    if start >= len(text):
        return False
    if text[start] == "#":
        return _NUMERIC.match(text, start) is not None
    if not (text[start].isascii() and text[start].isalnum()):
        return False
    # The longest name in the table wins ("&notin;" over "&not").
    for end in range(min(len(text), start + _LONGEST_NAME), start, -1):
        if text[start:end] in NAMED_REFERENCES:
            break
    else:
        return False
    if text[end - 1] == ";":
        return True
    # A legacy name without ";" ("&copy") followed by "=" or a letter or digit stays
    # text in an attribute ("?a=1&copy=2"), and is a reference elsewhere.
    following = text[end : end + 1]
    return not (
        in_attribute and (following == "=" or (following.isascii() and following.isalnum()))
    )


def escape_bare_ampersands(text: str, in_attribute: bool = False) -> str:
    """Write each `&` of HTML text (or of an attribute value, as written) that starts no
    character reference as `&amp;`; references stay as they are."""
    if "&" not in text:
        return text
    pieces: list[str] = []
    last = 0
    for match in _AMPERSAND.finditer(text):
        if not _starts_reference(text, match.end(), in_attribute):
            pieces += [text[last : match.start()], "&amp;"]
            last = match.end()
    pieces.append(text[last:])
    return "".join(pieces)


def _copy_start_tag(html: str, start: int, pieces: list[str]) -> tuple[int, str]:
    """Copy the start tag at html[start] to `pieces`, with the bare ampersands of its
    attribute values escaped. Returns where it ends and its name."""
    name, attributes, end = scan_start_tag(html, start)
    last = start
    for attribute in attributes:
        if attribute.value_start < 0:
            continue
        value = html[attribute.value_start : attribute.value_end]
        pieces += [
            html[last : attribute.value_start],
            escape_bare_ampersands(value, in_attribute=True),
        ]
        last = attribute.value_end
    pieces.append(html[last:end])
    return end, name


def _end_of_markup(html: str, start: int) -> int:
    """Where the comment, doctype or end tag at html[start] ends."""
    if html.startswith("<!--", start):
        end, length = html.find("-->", start + 2), 3  # from the "--": "<!-->" is whole
    elif html.startswith("<![CDATA[", start):  # in <svg> or <math>
        end, length = html.find("]]>", start), 3
    else:  # "<!doctype ...>", "</p>", "<?...>" (a bogus comment)
        end, length = html.find(">", start), 1
    return len(html) if end < 0 else end + length


def _end_of_raw_text(html: str, start: int, tag: str) -> int:
    """Where the text of a <script>, <style>, <textarea>... opened before `start` ends."""
    if tag == "plaintext":
        return len(html)
    end = re.compile(rf"</{tag}[\t\n\f\r />]", re.IGNORECASE).search(html, start)
    return end.start() if end else len(html)


def escape_bare_ampersands_in_html(html: str) -> str:
    """`escape_bare_ampersands` on the text and attribute values of a whole document.

    Comments, the doctype, end tags and raw text (<script>, <style>) are copied as they are.
    """
    if "&" not in html:
        return html
    pieces: list[str] = []
    position = 0
    while markup := _MARKUP.search(html, position):
        pieces.append(escape_bare_ampersands(html[position : markup.start()]))
        if html[markup.start() + 1] in "!?/":
            position = _end_of_markup(html, markup.start())
            pieces.append(html[markup.start() : position])
            continue
        position, tag = _copy_start_tag(html, markup.start(), pieces)
        if tag in RAW_TEXT or tag in ESCAPABLE_RAW_TEXT or tag == "plaintext":
            end = _end_of_raw_text(html, position, tag)
            text = html[position:end]
            pieces.append(escape_bare_ampersands(text) if tag in ESCAPABLE_RAW_TEXT else text)
            position = end
    pieces.append(escape_bare_ampersands(html[position:]))
    return "".join(pieces)


def minify_css(text: str) -> str:
    return str(rcssmin.cssmin(text, keep_bang_comments=True))


def minify_js(text: str) -> str:
    return str(rjsmin.jsmin(text, keep_bang_comments=True))


MINIFIERS = {".html": minify_html_text, ".css": minify_css, ".js": minify_js}
