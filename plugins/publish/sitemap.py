"""sitemap.xml and robots.txt from the list of published pages.

Pure core: output paths and dates in, file text out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from fnmatch import fnmatchcase
from typing import NamedTuple
from xml.sax.saxutils import escape

from community_press import url_of_file

__all__ = ["SitemapEntry", "is_excluded", "page_url", "to_robots", "to_sitemap"]


class SitemapEntry(NamedTuple):
    loc: str  # absolute URL
    lastmod: dt.datetime | None = None


def page_url(relative: str, siteurl: str) -> str:
    """The public URL of an output file: `news/x/index.html` -> `SITEURL/news/x/`."""
    return f"{siteurl.rstrip('/')}/{url_of_file(relative)}"


def is_excluded(relative: str, patterns: Iterable[str]) -> bool:
    """True when an output path matches one of the glob `patterns` (`drafts/*`)."""
    path = relative.replace("\\", "/")
    return any(fnmatchcase(path, pattern) for pattern in patterns)


def _w3c(value: dt.datetime) -> str:
    if value.tzinfo is None:
        return value.date().isoformat()
    return value.isoformat(timespec="seconds")


def to_sitemap(entries: Iterable[SitemapEntry]) -> bytes:
    """A sitemaps.org XML document listing `entries` in the order given."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for entry in entries:
        lastmod = f"<lastmod>{_w3c(entry.lastmod)}</lastmod>" if entry.lastmod else ""
        lines.append(f"<url><loc>{escape(entry.loc)}</loc>{lastmod}</url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def to_robots(sitemap_url: str, disallow: Sequence[str] = (), site_path: str = "/") -> str:
    """robots.txt that lets every crawler in, except `disallow`, and names the sitemap."""
    base = "/" + site_path.strip("/") + "/" if site_path.strip("/") else "/"
    lines = ["User-agent: *"]
    lines += [f"Disallow: {base}{path.lstrip('/')}" for path in disallow]
    if not disallow:
        lines.append("Disallow:")
    lines += ["", f"Sitemap: {sitemap_url}", ""]
    return "\n".join(lines)
