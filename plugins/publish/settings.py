"""The PUBLISH_* settings: every publishing step is off until one of them turns it on.

`DEFAULTS` are filled in by `glue.apply_defaults`; `settings_problems` lists every wrong
one, and the build stops before it reads any content.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from community_press import SettingsCheck

from .compress import TEXT_EXTENSIONS

__all__ = ["DEFAULTS", "settings_problems"]

DEFAULTS: dict[str, Any] = {
    # rel="noopener" on links in content that point to other hosts
    "PUBLISH_NOOPENER": False,
    # "" writes none; publishconf.py sets "sitemap.xml" and "robots.txt"
    "PUBLISH_SITEMAP_SAVE_AS": "",
    "PUBLISH_ROBOTS_SAVE_AS": "",
    # output paths (globs) that are no pages for search engines nor for site search
    "PUBLISH_EXCLUDE": [
        "404.html",
        "*/404.html",
        "drafts/*",
        "search/index.html",
        "*/search/index.html",
    ],
    # paths below SITEURL that robots.txt asks crawlers to leave alone
    "PUBLISH_ROBOTS_DISALLOW": ["drafts/"],
    # Pagefind index of articles and pages (not of lists) in OUTPUT_PATH/<bundle>/; the
    # search page (theme/templates/search.html) loads it from there.
    "PUBLISH_PAGEFIND": False,
    "PUBLISH_PAGEFIND_BUNDLE": "pagefind",
    "PUBLISH_PAGEFIND_EXCLUDE_SELECTORS": ["body > header", "body > footer", "nav", ".skip-link"],
    # minify HTML, CSS and JavaScript in place
    "PUBLISH_MINIFY": False,
    # output paths (globs) published as they are: neither minified nor precompressed
    # (the cms plugin adds its admin/ folder: a bundle that comes minified)
    "PUBLISH_AS_IS": [],
    # .gz and .br beside every text file
    "PUBLISH_PRECOMPRESS": False,
    "PUBLISH_PRECOMPRESS_EXTENSIONS": list(TEXT_EXTENSIONS),
    "PUBLISH_BROTLI_QUALITY": 11,
    # The Content-Security-Policy that base.html puts in a <meta>; when set, a page with
    # inline code or styles (which it would block) fails the build.
    "PUBLISH_CSP": "",
}

_BOOLS = ("PUBLISH_NOOPENER", "PUBLISH_PAGEFIND", "PUBLISH_MINIFY", "PUBLISH_PRECOMPRESS")
_LISTS = (
    "PUBLISH_EXCLUDE",
    "PUBLISH_AS_IS",
    "PUBLISH_ROBOTS_DISALLOW",
    "PUBLISH_PAGEFIND_EXCLUDE_SELECTORS",
    "PUBLISH_PRECOMPRESS_EXTENSIONS",
)
_TEXTS = ("PUBLISH_SITEMAP_SAVE_AS", "PUBLISH_ROBOTS_SAVE_AS", "PUBLISH_CSP")


def _check_types(check: SettingsCheck) -> None:
    s = check.settings
    for key in _BOOLS:
        if not isinstance(s[key], bool):
            check.bad(key, "use True or False")
    for key in _LISTS:
        value = s[key]
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            check.bad(key, "use a list of strings")
    check.count("PUBLISH_BROTLI_QUALITY", 0, 11)
    for key in _TEXTS:
        if not isinstance(s[key], str):
            check.bad(key, "use a string ('' for none)")
    bundle = s["PUBLISH_PAGEFIND_BUNDLE"]
    if not isinstance(bundle, str) or not bundle.strip("/") or ".." in bundle.split("/"):
        check.bad("PUBLISH_PAGEFIND_BUNDLE", "use a folder below the site root, like 'pagefind'")


def settings_problems(settings: Mapping[str, Any]) -> list[str]:
    """Every wrong PUBLISH_* setting (defaults filled in), with its value and the fix."""
    check = SettingsCheck(settings)
    _check_types(check)
    if settings["PUBLISH_ROBOTS_SAVE_AS"] and not settings["PUBLISH_SITEMAP_SAVE_AS"]:
        check.bad(
            "PUBLISH_ROBOTS_SAVE_AS",
            "robots.txt points to the sitemap, but 'PUBLISH_SITEMAP_SAVE_AS' is empty: set both",
        )
    if (settings["PUBLISH_SITEMAP_SAVE_AS"] or settings["PUBLISH_NOOPENER"]) and not urlsplit(
        str(settings.get("SITEURL") or "")
    ).netloc:
        check.bad(
            "SITEURL",
            "sitemap and external links need an absolute URL"
            " (SITEURL=https://example.org make publish)",
        )
    return check.problems
