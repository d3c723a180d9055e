"""The identity settings: their defaults and every way they can be wrong.

A *text* is a string (the same in every language) or a dict from language code to string
(`{"zh": "社区中心", "en": "Community Centre"}`); the default language's text stands in for a
language the dict lacks. A *link* is `(label, target)`: the label a text (a plain string is
an interface string, translated by the theme's catalogue), the target `section:<name>`
(`section:news`), `page:<slug>` (a page of the site) or an address (`https://…`, `/…`,
`mailto:…`, `tel:…`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from community_press import SettingsCheck, did_you_mean
from theme_helpers.urls import SECTIONS

__all__ = ["DEFAULTS", "LINK_SETTINGS", "TEXT_SETTINGS", "contrast", "settings_problems"]


def N_(message: str) -> str:
    """Marks an interface string for `make translations`; the theme translates it."""
    return message


DEFAULTS: dict[str, Any] = {
    # The words under the name in the header and in the home page's title (a centre's or
    # a committee's name). Pelican's SITESUBTITLE stays the feeds' subtitle.
    "SITE_SUBNAME": "",
    "SITE_TAGLINE": "",  # the home page's motto, under the name
    "SITE_DESCRIPTION": "",  # pages' meta description when they have none of their own
    # Per section ('news', 'events', 'projects', 'search'): its index page's description.
    "SECTION_DESCRIPTIONS": {},
    "COMMUNITY_ADDRESS": [],  # lines of the footer's address (a list, or a dict of lists)
    "COMMUNITY_HOURS": "",  # opening hours, under the address
    "COMMUNITY_PARTNERS": "",  # "run together with": who runs the site with the community
    "CONTACT_PAGE": "contact",  # the slug of the page on how to reach the community, or ""
    "MENUITEMS": [
        (N_("News"), "section:news"),
        (N_("Events"), "section:events"),
        (N_("Projects"), "section:projects"),
        (N_("About"), "page:about"),
        (N_("Volunteer"), "page:volunteer"),
        (N_("Contact"), "page:contact"),
        (N_("Search"), "section:search"),
    ],
    "LINKS": [
        (N_("Archives"), "section:archives"),
        (N_("Tags"), "section:tags"),
        (N_("Weekly digest"), "section:digest"),
        (N_("Volunteer with us"), "page:volunteer"),
    ],
    # Contact accounts under the address: (label, target), or (label, target, picture) with
    # a QR code picture among the site's static files ('extra/wechat-qr.png').
    "SOCIAL": [],
    "SITELOGO": "",  # an image in the content folder's static files; "" = the theme's mark
    "BRAND_COLOR": "",  # '#0b5f54'-style: buttons, links and the header's accent colour
}

TEXT_SETTINGS = (
    "SITE_SUBNAME",
    "SITE_TAGLINE",
    "SITE_DESCRIPTION",
    "COMMUNITY_HOURS",
    "COMMUNITY_PARTNERS",
)
LINK_SETTINGS = ("MENUITEMS", "LINKS", "SOCIAL")
_ADDRESS = re.compile(r"^(https?://|/|mailto:|tel:|#)")
_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
_SLUG = re.compile(r"^[\w-]+$")


def _is_text(value: Any) -> bool:
    if isinstance(value, str):
        return True
    return isinstance(value, Mapping) and all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    )


def _is_lines(value: Any) -> bool:
    def lines(v: Any) -> bool:
        return isinstance(v, list | tuple) and all(isinstance(line, str) for line in v)

    if isinstance(value, Mapping):
        return all(isinstance(k, str) and lines(v) for k, v in value.items())
    return lines(value)


def target_problem(target: Any) -> str | None:
    """What is wrong with a link's target, or None."""
    if not isinstance(target, str) or not target:
        return "a target must be 'section:<name>', 'page:<slug>' or an address"
    kind, _, name = target.partition(":")
    if kind == "section":
        if name not in SECTIONS:
            return f"no section {name!r}{did_you_mean(name, SECTIONS)}"
        return None
    if kind == "page":
        return None if _SLUG.match(name) else f"{target!r} is not a page slug"
    if _ADDRESS.match(target):
        return None
    return f"{target!r} is not 'section:<name>', 'page:<slug>' or an address (https://…)"


def _link_problems(key: str, links: Any) -> list[str]:
    if not isinstance(links, list | tuple):
        return [f"{key} must be a list of (label, target) pairs"]
    problems = []
    for number, link in enumerate(links, 1):
        size = len(link) if isinstance(link, list | tuple) else 0
        pictures = key == "SOCIAL" and size == 3 and isinstance(link[2], str)
        if (size != 2 and not pictures) or not _is_text(link[0]):
            shape = "(label, target) or (label, target, picture)" if key == "SOCIAL" else ""
            problems.append(f"{key} entry {number} must be {shape or '(label, target)'}: {link!r}")
            continue
        problem = target_problem(link[1])
        if problem:
            problems.append(f"{key} entry {number} ({link[0]!r}): {problem}")
    return problems


def _luminance(color: str) -> float:
    def channel(part: str) -> float:
        c = int(part, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(color[i : i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: str, second: str) -> float:
    """The WCAG contrast ratio of two '#rrggbb' colours."""
    a, b = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def settings_problems(settings: Mapping[str, Any]) -> list[str]:
    """Every wrong identity setting (defaults filled in), with its value and the fix."""
    check = SettingsCheck(settings)
    for key in TEXT_SETTINGS:
        if not _is_text(settings[key]):
            check.bad(key, "must be a text, or a dict from language code to text")
    sections = settings["SECTION_DESCRIPTIONS"]
    if not isinstance(sections, Mapping) or not all(_is_text(v) for v in sections.values()):
        check.bad("SECTION_DESCRIPTIONS", "must be a dict like {'news': 'All our news'}")
    else:
        for name in sections:
            if name not in SECTIONS:
                check.bad("SECTION_DESCRIPTIONS", f"no section {name!r}")
    if not _is_lines(settings["COMMUNITY_ADDRESS"]):
        check.bad("COMMUNITY_ADDRESS", "must be a list of lines, or a dict of such lists")
    for key in LINK_SETTINGS:
        for problem in _link_problems(key, settings[key]):
            check.bad(key, problem)
    page = settings["CONTACT_PAGE"]
    if not isinstance(page, str) or (page and not _SLUG.match(page)):
        check.bad("CONTACT_PAGE", "must be a page's slug, or '' for none")
    if not isinstance(settings["SITELOGO"], str):
        check.bad("SITELOGO", "must be a path like 'images/logo.svg', or ''")
    wrong_color = color_problem(settings["BRAND_COLOR"])
    if wrong_color:
        check.bad("BRAND_COLOR", wrong_color)
    return check.problems


def color_problem(color: Any) -> str | None:
    """Why BRAND_COLOR cannot be the colour of links and buttons on white, or None."""
    if not color:
        return None
    if not isinstance(color, str) or not _COLOR.match(color):
        return "must be a colour like '#0b5f54'"
    ratio = contrast(color, "#ffffff")
    if ratio < 4.5:
        return f"has a contrast of {ratio:.1f}:1 with white; choose a darker one (4.5:1 at least)"
    return None
