"""The identity as templates see it: texts in the page's language, links as URLs.

Pure core (Jinja, no Pelican): `Identity(settings).install(env)` gives templates
`community(key)` (a text setting in the page's language), `community_lines(key)` (a list),
`section_description(name)` and `site_links(key)` (MENUITEMS, LINKS, SOCIAL as `Link`s).
`brand_css` is the stylesheet of BRAND_COLOR.
"""

from __future__ import annotations

import colorsys
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from theme_helpers.urls import section_url, slug_url
from translations.language import PageLanguage

from .settings import contrast

__all__ = ["BRAND_CSS", "DARK_SURFACES", "Identity", "Link", "brand_css", "dark_tint", "local"]

BRAND_CSS = "css/brand.css"  # below the theme's static folder in the output


def local(value: Any, lang: str, default: str) -> Any:
    """`value` in `lang`: a plain value is every language's; a dict falls back to the
    default language's entry, then to its first."""
    if not isinstance(value, Mapping):
        return value
    if lang in value:
        return value[lang]
    if default in value:
        return value[default]
    return next(iter(value.values()), "")


class Link(NamedTuple):
    """One menu or footer entry."""

    label: str
    href: str  # what the `<a>` points at
    path: str | None  # below the site root, for `is_current`; None for another address
    interface: bool  # the label is an interface string: the template translates it
    picture: str = ""  # a QR code picture below the site root (SOCIAL only), or ""


def resolve(target: str, lang: str, default: str, settings: Mapping[str, Any]) -> str | None:
    """A `section:`/`page:` target's URL below the site root, None for an address."""
    kind, _, name = target.partition(":")
    if kind == "section":
        return section_url(name, lang, default, settings)
    if kind == "page":
        return slug_url(name, lang, default, settings)
    return None


# The theme's dark surfaces that brand-coloured text and links are drawn on (--bg,
# --surface and --brand-soft of its dark palette, theme/static/css/site.css), and the
# contrast the brand's dark-mode tint keeps with the lightest of them: the theme's own
# dark links have about 9:1.
DARK_SURFACES = ("#111716", "#18211f", "#1d2e2a")
DARK_CONTRAST = 7.0


def _ink(color: str) -> str:
    """Black or white, whichever reads better on `color`."""
    return "#ffffff" if contrast(color, "#ffffff") >= contrast(color, "#000000") else "#000000"


def dark_tint(color: str, surfaces: Sequence[str] = DARK_SURFACES) -> str:
    """`color` made lighter, with its hue and saturation kept (HLS), just enough to keep
    DARK_CONTRAST with every one of `surfaces`: the brand, readable in dark mode."""
    rgb = (int(color[i : i + 2], 16) / 255 for i in (1, 3, 5))
    hue, start, saturation = colorsys.rgb_to_hls(*rgb)
    for step in range(51):
        channels = colorsys.hls_to_rgb(hue, start + (1 - start) * step / 50, saturation)
        tint = "#" + "".join(f"{round(c * 255):02x}" for c in channels)
        if all(contrast(tint, surface) >= DARK_CONTRAST for surface in surfaces):
            return tint
    return "#ffffff"  # pragma: no cover - white passes on any dark surface


def brand_css(color: str) -> str:
    """The brand colour for light mode, and its lightened tint for dark mode."""
    tint = dark_tint(color)
    return (
        "/* Generated from BRAND_COLOR by plugins/identity. */\n"
        "@media (prefers-color-scheme: light) {\n"
        f"  :root {{ --brand: {color}; --brand-ink: {_ink(color)}; --link: {color}; }}\n"
        "}\n"
        "@media (prefers-color-scheme: dark) {\n"
        f"  :root {{ --brand: {tint}; --brand-ink: {_ink(tint)}; --link: {tint}; }}\n"
        "}\n"
    )


class Identity:
    """The Jinja globals of one generator, bound to its settings."""

    def __init__(self, settings: Mapping[str, Any]) -> None:
        self.settings = settings
        self.default: str = settings.get("DEFAULT_LANG", "en")
        self.lang = PageLanguage(self.default)
        # Every page asks for the same few menus: each worked out once per language.
        self._links: dict[tuple[str, str, str], list[Link]] = {}

    def text(self, key: str, lang: str) -> Any:
        return local(self.settings.get(key, ""), lang, self.default)

    def links(self, key: str, lang: str, site_url: str) -> list[Link]:
        found = self._links.get((key, lang, site_url))
        if found is None:
            found = self._links[key, lang, site_url] = self._work_out(key, lang, site_url)
        return list(found)

    def _work_out(self, key: str, lang: str, site_url: str) -> list[Link]:
        result = []
        for label, target, *picture in self.settings.get(key) or []:
            path = resolve(target, lang, self.default, self.settings)
            href = target if path is None else f"{site_url}/{path}"
            text = str(local(label, lang, self.default))
            qr = f"{site_url}/{picture[0]}" if picture else ""
            result.append(Link(text, href, path, isinstance(label, str), qr))
        return result

    def install(self, env: Environment) -> None:
        lang = self.lang

        @pass_context
        def community(ctx: Context, key: str) -> str:
            return str(self.text(key, lang(ctx)) or "")

        @pass_context
        def community_lines(ctx: Context, key: str) -> list[str]:
            return [str(line) for line in self.text(key, lang(ctx)) or []]

        @pass_context
        def section_description(ctx: Context, name: str) -> str:
            given = (self.settings.get("SECTION_DESCRIPTIONS") or {}).get(name, "")
            return str(local(given, lang(ctx), self.default) or "")

        @pass_context
        def site_links(ctx: Context, key: str) -> list[Link]:
            return self.links(key, lang(ctx), str(ctx.get("SITEURL", "")))

        env.globals.update(
            community=community,
            community_lines=community_lines,
            section_description=section_description,
            site_links=site_links,
        )
