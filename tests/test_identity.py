"""The community's identity comes from the settings (plugins/identity): a real site built
with a menu, footer links, contact links with a QR picture, a logo, a brand colour and
texts per language of its own; and every wrong identity setting listed at once."""

from __future__ import annotations

import colorsys
import datetime as dt
import re

import pytest
from bs4 import BeautifulSoup
from community_press import SettingsError
from conftest import Build, build_site
from identity.settings import DEFAULTS, contrast, settings_problems

from tools.starter_text import starter_pages

OVERRIDES = {
    "SITENAME": "Elm Court Residents",
    "DEFAULT_LANG": "en",
    "I18N_UI_LANGUAGES": ["en", "zh"],
    "I18N_UI_SITENAME": {"zh": "榆树苑居民会"},
    "TIMEZONE": "Europe/London",
    "SITE_SUBNAME": {"en": "Community Room", "zh": "社区活动室"},
    "SITE_TAGLINE": "Neighbours helping neighbours",
    "COMMUNITY_ADDRESS": {"en": ["1 Elm Court", "London E1"], "zh": ["伦敦榆树苑1号"]},
    "COMMUNITY_PARTNERS": {"en": "The Elm Court Trust"},
    "MENUITEMS": [
        ("News", "section:news"),
        ({"en": "Who we are", "zh": "我们是谁"}, "page:about"),
        ("Map", "https://maps.example.org/elm-court"),
    ],
    "LINKS": [("Archives", "section:archives")],
    "SOCIAL": [
        ("Email", "mailto:hello@elm.example.org"),
        ({"en": "WeChat", "zh": "微信"}, "https://wechat.example.org/elm", "extra/qr.png"),
    ],
    "SITELOGO": "extra/logo.svg",
    "BRAND_COLOR": "#1d4e89",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    root = tmp_path_factory.mktemp("identity")
    now = dt.datetime(2025, 5, 1, 9, 0)
    for relative, text in starter_pages("Elm Court Residents", ("en", "zh"), now).items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text, encoding="utf-8")
    (root / "content" / "extra").mkdir()
    (root / "content" / "extra" / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"/>', encoding="utf-8"
    )
    (root / "content" / "extra" / "qr.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    return build_site(root / "content", root / "output", **OVERRIDES)


def page(site: Build, path: str) -> BeautifulSoup:
    return BeautifulSoup(site.read(path), "html.parser")


def test_header_menu_and_footer_come_from_the_settings(site: Build) -> None:
    en = page(site, "about/index.html")
    assert en.select_one(".brand-sub").get_text() == "Community Room"
    menu = [(a.get_text(), a["href"]) for a in en.select(".site-nav a")]
    assert menu[0][0] == "News"
    assert menu[1] == ("Who we are", "../about/")
    assert menu[2] == ("Map", "https://maps.example.org/elm-court")
    assert en.select_one('.site-nav a[aria-current="page"]').get_text() == "Who we are"
    assert [line.strip() for line in en.select_one("address").stripped_strings] == [
        "1 Elm Court",
        "London E1",
    ]
    assert "The Elm Court Trust" in en.select_one("#footer-with").parent.get_text()
    footer = en.select_one(".site-footer")
    assert [a.get_text() for a in footer.select("#footer-more ~ ul a")] == ["Archives"]
    qr = footer.select_one("img.footer-qr")
    assert qr["src"].endswith("extra/qr.png") and "WeChat" in qr["alt"]
    assert en.select_one("img.brand-mark")["src"].endswith("extra/logo.svg")


def test_texts_follow_the_page_language(site: Build) -> None:
    zh = page(site, "zh/about/index.html")
    assert zh.select_one(".brand-sub").get_text() == "社区活动室"
    menu = [a.get_text() for a in zh.select(".site-nav a")]
    assert menu[:2] == ["新闻", "我们是谁"]  # the interface's word, then the setting's own
    assert [s.strip() for s in zh.select_one("address").stripped_strings] == ["伦敦榆树苑1号"]
    # A text given only in the default language stands in for the others.
    assert "The Elm Court Trust" in zh.select_one("#footer-with").parent.get_text()
    home = page(site, "zh/index.html")
    assert home.title.get_text() == "榆树苑居民会 · 社区活动室"
    assert home.select_one(".tagline").get_text() == "Neighbours helping neighbours"


def test_brand_colour_is_a_stylesheet_of_its_own(site: Build) -> None:
    en = page(site, "index.html")
    link = en.select_one('link[href*="brand.css"]')
    assert link is not None
    css = (site.output / "theme" / "css" / "brand.css").read_text("utf-8")
    assert "--brand: #1d4e89" in css
    assert "style=" not in site.read("index.html")  # the publish CSP allows no inline style


def _palette(css: str, scheme: str) -> dict[str, str]:
    """The custom properties a stylesheet sets under `@media (prefers-color-scheme: …)`."""
    block = re.search(r"prefers-color-scheme:\s*" + scheme + r"\)\s*\{(.*?)\n\}", css, re.S)
    assert block is not None, scheme
    return dict(re.findall(r"(--[\w-]+):\s*(#[0-9a-f]{6})", block.group(1)))


def _hue_and_saturation(color: str) -> tuple[float, float]:
    hue, _, saturation = colorsys.rgb_to_hls(*(int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)))
    return hue, saturation


def test_dark_mode_shows_the_brand_lightened_until_it_reads(site: Build) -> None:
    """In dark mode the brand colour keeps its hue and is made light enough to read on
    every dark surface of the theme (read from the theme's own stylesheet)."""
    brand = (site.output / "theme" / "css" / "brand.css").read_text("utf-8")
    theme = (site.output / "theme" / "css" / "site.css").read_text("utf-8")
    dark = _palette(brand, "dark")
    surfaces = _palette(theme, "dark")
    assert dark["--link"] == dark["--brand"] != "#1d4e89"
    for name in ("--bg", "--surface", "--brand-soft"):
        assert contrast(dark["--link"], surfaces[name]) >= 7, (name, dark["--link"])
    assert contrast(dark["--brand"], dark["--brand-ink"]) >= 4.5  # a button's text
    hue, saturation = _hue_and_saturation(dark["--brand"])
    want_hue, want_saturation = _hue_and_saturation("#1d4e89")
    assert abs(hue - want_hue) < 0.01 and abs(saturation - want_saturation) < 0.05
    assert _palette(brand, "light")["--link"] == "#1d4e89"


def test_every_wrong_identity_setting_is_listed_at_once(tmp_path) -> None:
    wrong = {
        **DEFAULTS,
        "MENUITEMS": [("News", "section:newz"), ("About", "about")],
        "SOCIAL": [("WeChat",)],
        "BRAND_COLOR": "#ffff00",
        "SECTION_DESCRIPTIONS": {"blog": "x"},
        "COMMUNITY_ADDRESS": "one line",
    }
    problems = " | ".join(settings_problems(wrong))
    assert "no section 'newz'; did you mean 'news'?" in problems
    assert "'about' is not 'section:<name>', 'page:<slug>' or an address" in problems
    assert "SOCIAL entry 1 must be (label, target) or (label, target, picture)" in problems
    assert "contrast of 1.1:1" in problems
    assert "no section 'blog'" in problems
    assert "COMMUNITY_ADDRESS" in problems
    content = tmp_path / "content"
    content.mkdir()
    with pytest.raises(SettingsError) as stopped:
        build_site(content, tmp_path / "output", BRAND_COLOR="yellow", MENUITEMS="News")
    said = str(stopped.value)
    assert "BRAND_COLOR" in said and "MENUITEMS" in said


def test_contrast_is_wcags() -> None:
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast("#0b5f54", "#ffffff"), 1) >= 4.5
