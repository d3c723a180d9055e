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


def lang_setting(key: str, lang: str, default: str) -> str:
    """Pelican's naming of a URL setting for a language: ``PAGE_URL`` in the default one,
    ``PAGE_LANG_URL`` in the others (likewise ``..._SAVE_AS``)."""
    if lang == default:
        return key
    for tail in ("_SAVE_AS", "_URL"):
        if key.endswith(tail):
            return key.removesuffix(tail) + "_LANG" + tail
    raise ValueError(f"{key!r} is no URL or SAVE_AS setting")


def url_of_file(output_file: str) -> str:
    """The URL below the site root of a written file: ``news/x/index.html`` -> ``news/x/``."""
    path = output_file.replace("\\", "/").lstrip("/")
    if path == "index.html":
        return ""
    if path.endswith("/index.html"):
        return path.removesuffix("index.html")
    return path
