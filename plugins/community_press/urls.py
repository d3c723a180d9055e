"""Addresses: the language prefix of a translated page, and absolute URLs."""

from __future__ import annotations


def lang_prefix(lang: str, default: str, pattern: str = "{lang}/") -> str:
    """What goes before a page's path in `lang`: nothing in the default language."""
    return "" if lang == default else pattern.format(lang=lang)


def absolute_url(site_url: str, path: str) -> str:
    """`path` under an absolute SITEURL, or "" when the site has none (a preview build)."""
    if not site_url.startswith(("http://", "https://")):
        return ""
    return f"{site_url.rstrip('/')}/{path.lstrip('/')}"
