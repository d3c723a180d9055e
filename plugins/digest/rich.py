"""The digest as rich text with inline styles, for the WeChat official-account editor and
email.

Pure core. Both editors keep only what is written on each element (no stylesheet, no
class), so every element carries its own `style`; only tags both keep (`section`, `h2`,
`p`, `a`, `span`, `strong`, `br`). WeChat drops links to other sites, so each address is
also printed as text. No script: the site's Copy button reads this file and puts it on
the clipboard from a JSON file (`to_clipboard`); it is never a page of the site, whose
policy forbids inline styles.
"""

from __future__ import annotations

import json

from markupsafe import Markup, escape

from .core import Digest, EventEntry, NewsEntry, Words
from .text import full_link

__all__ = ["to_clipboard", "to_rich"]

_FONT = (
    "font-family:-apple-system,'PingFang SC','Hiragino Sans GB','Microsoft YaHei',"
    "'Noto Sans CJK SC',sans-serif"
)
_BOX = f"{_FONT};font-size:16px;line-height:1.7;color:#1d2527;max-width:640px"
_H1 = "font-size:22px;line-height:1.4;margin:0 0 4px;color:#0b5f54;font-weight:bold"
_WEEK = "font-size:15px;margin:0 0 20px;color:#545f63"
_H2 = (
    "font-size:18px;margin:24px 0 8px;padding:0 0 4px;color:#0b5f54;"
    "border-bottom:2px solid #0b5f54;font-weight:bold"
)
_ITEM = "margin:0 0 14px"
_LINK = "color:#0a5a50;font-weight:bold;text-decoration:none"
_META = "color:#545f63;font-size:14px"
_ADDRESS = "color:#545f63;font-size:12px;word-break:break-all"
_STATUS = "color:#a33d12;font-weight:bold"
_EMPTY = "color:#545f63;margin:0 0 14px"


def _item(title: Markup, href: str, details: list[str]) -> Markup:
    lines = [Markup('<a href="{}" style="{}">{}</a>').format(href, _LINK, title)]
    lines += [Markup('<span style="{}">{}</span>').format(_META, d) for d in details if d]
    lines.append(Markup('<span style="{}">{}</span>').format(_ADDRESS, href))
    return Markup('<p style="{}">{}</p>').format(_ITEM, Markup("<br>").join(lines))


def _news(entry: NewsEntry, site_url: str) -> Markup:
    return _item(escape(entry.title), full_link(site_url, entry.url), [entry.date_label])


def _event(entry: EventEntry, words: Words, site_url: str) -> Markup:
    title = escape(entry.title)
    status = words.statuses.get(entry.status, "")
    if status:
        title = Markup('<span style="{}">[{}]</span> {}').format(_STATUS, status, title)
    href = full_link(site_url, entry.url)
    return _item(title, href, [entry.when_label, entry.location])


def _section(heading: str, items: list[Markup], empty: str) -> Markup:
    head = Markup('<h2 style="{}">{}</h2>').format(_H2, heading)
    body = Markup("").join(items) or Markup('<p style="{}">{}</p>').format(_EMPTY, empty)
    return head + body


def to_rich(digest: Digest, words: Words, site_url: str) -> str:
    """The digest as one `<section>` with inline styles: what the Copy button puts on the
    clipboard as text/html."""
    news = [_news(n, site_url) for n in digest.news]
    events = [_event(e, words, site_url) for e in digest.events]
    page = full_link(site_url, digest.home_url)
    body = Markup("").join(
        [
            Markup('<h1 style="{}">{}</h1>').format(_H1, words.title),
            Markup('<p style="{}">{}</p>').format(_WEEK, words.week),
            _section(words.news, news, words.no_news),
            _section(words.events, events, words.no_events),
            Markup('<p style="{}">{}<br><a href="{}" style="{}">{}</a></p>').format(
                _WEEK, words.more, page, _LINK, page
            ),
        ]
    )
    return str(Markup('<section style="{}">{}</section>').format(_BOX, body))


def to_clipboard(digest: Digest, rich: str) -> bytes:
    """The file the Copy button reads: JSON, so that no one takes it for a page of the
    site (every HTML file of the site must pass its Content-Security-Policy, and is
    indexed for search)."""
    data = {"week": digest.label, "lang": digest.lang, "html": rich}
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
