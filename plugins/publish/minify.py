"""Minified HTML, CSS and JavaScript, through minify-html, rcssmin and rjsmin.

Pure core: text in, text out. The HTML options keep the output spec-compliant and keep
every tag that tools reading the site (Pagefind, feed readers, validators) may look for.
"""

from __future__ import annotations

import minify_html
import rcssmin
import rjsmin

__all__ = ["MINIFIERS", "minify_css", "minify_html_text", "minify_js"]


def minify_html_text(text: str) -> str:
    """Minify a whole HTML document; `<pre>`, `<textarea>` and JSON-LD stay as written."""
    return minify_html.minify(
        text,
        keep_closing_tags=True,
        keep_html_and_head_opening_tags=True,
        minify_css=True,
        minify_js=True,
    )


def minify_css(text: str) -> str:
    return str(rcssmin.cssmin(text, keep_bang_comments=True))


def minify_js(text: str) -> str:
    return str(rjsmin.jsmin(text, keep_bang_comments=True))


MINIFIERS = {".html": minify_html_text, ".css": minify_css, ".js": minify_js}
