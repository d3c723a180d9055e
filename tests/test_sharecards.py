"""Share cards (issue 16): a 1200×630 JPEG per article, event and project, for og:image.

A small site is built into tmp_path; the cards are read back with Pillow. The font is
Debian's fonts-noto-cjk (tools/system_deps.sh); DejaVu (fonts-dejavu-core, Latin only)
stands for a machine without a CJK font.
"""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, Build, build_site
from gallery_helpers import leaks
from PIL import Image
from sharecards.draw import MAX_BYTES, CardText, Job, make
from sharecards.fonts import SHAPING, FontFile, Fonts, find_fonts, load, missing_glyphs
from sharecards.layout import wrap
from sharecards.settings import DEFAULTS, settings_problems

SITEURL = "https://example.org"
SETTINGS = {
    "SITEURL": SITEURL,
    "RELATIVE_URLS": False,
    "EVENTS_NOW": "2024-06-10 12:00",
    "GALLERY_WIDTHS": [320, 640],
    "GALLERY_WORKERS": 1,
    "SHARECARDS_WORKERS": 2,
}
LONG_TITLE = "社区青年之家暑期开放日：欢迎全体居民和小朋友一起来参加，体验非遗手工与科学小实验"
LATIN_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
RED = (220, 30, 30)
CARDS = {
    "share/zh/article/open-day.jpg": "news/open-day/index.html",
    "share/en/article/open-day.jpg": "en/news/open-day/index.html",
    "share/zh/event/clean-up.jpg": "events/clean-up/index.html",
    "share/zh/project/garden.jpg": "projects/garden/index.html",
}


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def card_site(root: Path, title: str = LONG_TITLE) -> Path:
    """An article in two languages, an event and a project whose gallery is one red photo."""
    content = root / "content"
    write(
        content / "articles" / "open-day.md",
        f"Title: {title}\nSlug: open-day\nDate: 2024-06-05 10:00\n\n正文。\n",
    )
    write(
        content / "articles" / "open-day.en.md",
        "Title: Summer open day at the Youth Home: everyone is welcome\nSlug: open-day\n"
        "Lang: en\nDate: 2024-06-05 10:00\n\nText.\n",
    )
    write(
        content / "events" / "clean-up.md",
        "Title: 社区大扫除\nSlug: clean-up\nevent-start: 2024-06-15 09:00\n"
        "event-location: 社区服务中心门前\n\n一起打扫。\n",
    )
    write(
        content / "projects" / "garden.md",
        "Title: 社区花园\nSlug: garden\ngallery: garden\n\n种花。\n",
    )
    photo = content / "galleries" / "garden" / "red.jpg"
    photo.parent.mkdir(parents=True)
    Image.new("RGB", (800, 600), RED).save(photo, "JPEG", quality=90)
    write(photo.parent / "captions.txt", "red.jpg: 花园 | 一片红色的花\n")
    return content


def stats(build: Build) -> object:
    found = [r for r in build.records if hasattr(r, "sharecards_stats")]
    assert len(found) == 1, build.problems(logging.INFO)
    return found[0].sharecards_stats  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    work = tmp_path_factory.mktemp("sharecards")
    return build_site(card_site(work), work / "output", **SETTINGS)


def test_every_card_is_a_small_jpeg_of_1200_by_630(site: Build) -> None:
    for card in CARDS:
        path = site.output / card
        with Image.open(path) as image:
            assert (image.format, image.size) == ("JPEG", (1200, 630)), card
        assert path.stat().st_size < MAX_BYTES, card


def test_og_image_is_the_pages_own_card(site: Build) -> None:
    for card, page in CARDS.items():
        if "/project/" in card:
            continue  # project.html still shows its gallery's cover (see the report)
        soup = BeautifulSoup(site.read(page), "html.parser")
        meta = soup.find("meta", property="og:image")
        assert meta is not None, page
        url = str(meta["content"])
        assert url.startswith(f"{SITEURL}/{card}?v="), (page, url)


def test_the_cover_photo_fills_the_right_of_a_project_card(site: Build) -> None:
    with Image.open(site.output / "share/zh/project/garden.jpg") as image:
        photo = image.convert("RGB").getpixel((1100, 315))
    with Image.open(site.output / "share/zh/article/open-day.jpg") as image:
        plain = image.convert("RGB").getpixel((1100, 315))
    assert all(abs(a - b) < 30 for a, b in zip(photo, RED, strict=True)), photo
    assert min(plain) > 240, plain  # no cover: white


def test_chinese_title_is_drawn_with_real_glyphs_not_boxes() -> None:
    """Distinct characters must draw as distinct shapes, none the font's missing-glyph
    box; the same check on a Latin-only font finds the boxes (so the check can fail)."""
    fonts = find_fonts()
    assert fonts is not None, "install Debian's fonts-noto-cjk (tools/system_deps.sh)"
    chars = sorted(set(LONG_TITLE) - set("，："))
    font = load(fonts.bold, 48)
    shapes = {bytes(font.getmask(c)) for c in chars}
    assert len(shapes) == len(chars), "some characters share one shape: boxes?"
    assert missing_glyphs(fonts.bold, LONG_TITLE) == []
    assert missing_glyphs(fonts.regular, "2024年6月15日 星期六") == []
    latin = FontFile(LATIN_FONT)
    assert len(missing_glyphs(latin, LONG_TITLE)) == len(set(LONG_TITLE))


def test_the_default_font_gives_way_to_one_that_writes_every_language() -> None:
    """Noto Sans CJK writes Chinese and English, and stays; it has no Arabic or Hebrew,
    so a site in Arabic and English gets a family of this machine that writes both (a
    regular and a bold face), and a site in Chinese and Arabic, which no font here writes,
    keeps the default for the cards' rule to name what is missing."""
    default = find_fonts()
    assert find_fonts(languages=["zh", "en"]) == default
    assert find_fonts(languages=["zh_Hant"]) == default
    for languages, letters in ((["ar", "en"], "بتثAbc"), (["he"], "אבג")):
        fonts = find_fonts(languages=languages)
        assert fonts is not None and fonts != default, languages
        for face in (fonts.regular, fonts.bold):
            assert missing_glyphs(face, letters) == [], (face, languages)
        assert fonts.bold != fonts.regular  # the family's bold, found by fontconfig
    assert find_fonts(languages=["zh", "ar"]) == default
    # A font the site names wins over any of them.
    assert find_fonts(LATIN_FONT, languages=["zh"]) == Fonts(
        FontFile(LATIN_FONT), FontFile(LATIN_FONT)
    )


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        # Chinese breaks between any two characters (each is 2 columns wide here).
        ("清泉山社区青年之家", 8, ["清泉山社", "区青年之", "家"]),
        # ... but closing punctuation never starts a line: it takes the one before.
        ("欢迎参加，谢谢", 8, ["欢迎参", "加，谢谢"]),
        # Latin breaks between words, never inside one that fits on a line.
        ("Open day at the Youth Home", 12, ["Open day at", "the Youth", "Home"]),
        # Mixed: a Latin word stays whole after Chinese.
        ("青年之家 Open day", 12, ["青年之家", "Open day"]),
        # A word wider than a line is cut, as it must be.
        ("abcdefghijkl", 5, ["abcde", "fghij", "kl"]),
    ],
)
def test_wrap(text: str, width: int, expected: list[str]) -> None:
    def columns(s: str) -> float:
        return sum(2 if ord(c) > 0x2E80 else 1 for c in s)

    assert wrap(text, columns, width) == expected


def test_wrap_cuts_short_with_an_ellipsis() -> None:
    lines = wrap("一二三四五六七八九十", len, 4, 2)
    assert lines == ["一二三四", "五六七…"]


def test_second_build_draws_nothing_and_a_new_title_draws_one(site: Build, tmp_path: Path) -> None:
    work = site.output.parent
    again = build_site(work / "content", tmp_path / "output", **SETTINGS,
                       CACHE_PATH=str(work / "cache" / "pelican"),
                       GALLERY_CACHE_PATH=str(work / "cache" / "gallery"))  # fmt: skip
    warm = stats(again)
    assert (warm.drawn, warm.from_cache, warm.cards) == (0, 4, 4)  # type: ignore[attr-defined]
    for card in CARDS:  # the very same pictures
        assert (again.output / card).read_bytes() == (site.output / card).read_bytes()
    content = tmp_path / "content"
    shutil.copytree(work / "content", content)
    write(content / "articles" / "open-day.md",
          "Title: 新的标题\nSlug: open-day\nDate: 2024-06-05 10:00\n\n正文。\n")  # fmt: skip
    changed = build_site(content, tmp_path / "output2", **SETTINGS,
                         CACHE_PATH=str(work / "cache" / "pelican"),
                         GALLERY_CACHE_PATH=str(work / "cache" / "gallery"))  # fmt: skip
    assert stats(changed).drawn == 1  # type: ignore[attr-defined]


def test_a_chinese_title_without_a_cjk_font_stops_and_names_the_package(tmp_path: Path) -> None:
    content = tmp_path / "content"
    write(content / "articles" / "x.md", "Title: 社区新闻\nSlug: x\nDate: 2024-06-05\n\n文字。\n")
    build = build_site(content, tmp_path / "output", **SETTINGS, SHARECARDS_FONT=LATIN_FONT)
    errors = "\n".join(build.problems(logging.ERROR))
    assert "fonts-noto-cjk" in errors
    assert "articles/x.md" in errors
    assert "社区新闻" in errors


def test_settings_problems_name_the_key() -> None:
    good = {**DEFAULTS}
    assert settings_problems(good) == []
    bad = {**DEFAULTS, "SHARECARDS_ACCENT": "green", "SHARECARDS_FONT": "/no/such.ttf",
           "SHARECARDS_SAVE_AS": "share/{slug}.png", "SHARECARDS_QUALITY": 100}  # fmt: skip
    problems = "\n".join(settings_problems(bad))
    for key in ("SHARECARDS_ACCENT", "SHARECARDS_FONT", "SHARECARDS_SAVE_AS", "SHARECARDS_QUALITY"):
        assert key in problems


def _event_site(root: Path, titles: tuple[str, str], status: str) -> Path:
    content = root / "content"
    for lang, title in zip(("zh", "en"), titles, strict=True):
        suffix = "" if lang == "zh" else ".en"
        write(
            content / "events" / f"clean-up{suffix}.md",
            f"Title: {title}\nSlug: clean-up\nLang: {lang}\nevent-start: 2024-06-15 09:00\n"
            f"event-location: 社区服务中心门前\n{status}\n一起打扫。\n",
        )
    return content


def test_a_cancelled_events_card_says_so_in_its_language(tmp_path: Path) -> None:
    """The card of a cancelled event is the card of the same event whose title starts with
    the theme's word for it, in each language: pixel for pixel."""
    cards = {}
    for name, titles, status in (
        ("cancelled", ("社区大扫除", "Clean-up"), "event-status: cancelled"),
        ("spelled", ("[已取消] 社区大扫除", "[Cancelled] Clean-up"), ""),
        ("plain", ("社区大扫除", "Clean-up"), ""),
    ):
        content = _event_site(tmp_path / name, titles, status)
        built = build_site(content, tmp_path / name / "output", **SETTINGS)
        share = built.output / "share"
        cards[name] = [(share / lang / "event/clean-up.jpg").read_bytes() for lang in ("zh", "en")]
    assert cards["cancelled"] == cards["spelled"]
    assert all(a != b for a, b in zip(cards["cancelled"], cards["plain"], strict=True))


def test_a_theme_without_the_status_words_gets_the_status_in_english(tmp_path: Path) -> None:
    """Another theme (here ours with its event parts under another name) has no
    `status_label`: the card still says the event is cancelled, in plain English."""
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    parts = theme / "templates" / "includes"
    (parts / "event_parts.html").rename(parts / "event_bits.html")
    for template in (theme / "templates").rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        template.write_text(text.replace("event_parts.html", "event_bits.html"), encoding="utf-8")
    cards = {}
    for name, titles, status in (
        ("cancelled", ("社区大扫除", "Clean-up"), "event-status: cancelled"),
        ("spelled", ("[Cancelled] 社区大扫除", "[Cancelled] Clean-up"), ""),
    ):
        content = _event_site(tmp_path / name, titles, status)
        built = build_site(content, tmp_path / name / "output", **SETTINGS, THEME=str(theme))
        share = built.output / "share"
        cards[name] = [(share / lang / "event/clean-up.jpg").read_bytes() for lang in ("zh", "en")]
    assert cards["cancelled"] == cards["spelled"]


DEJAVU = FontFile("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")  # has Arabic letters


def _ink_columns(card: Image.Image, top: int, bottom: int) -> tuple[int, int]:
    """The first and last columns with dark ink between two rows (the title's band), right
    of the coloured bar on the left edge."""
    band = card.crop((20, top, card.width, bottom)).convert("L").point(lambda v: v < 128 and 255)
    box = band.getbbox()
    assert box is not None
    return 20 + box[0], 20 + box[2]


@pytest.mark.skipif(not SHAPING, reason="this Pillow has no raqm: Arabic cannot be shaped")
def test_an_arabic_card_is_shaped_and_set_from_the_right() -> None:
    """Arabic letters join (raqm) and its lines start at the right of the text's width;
    drawn as Latin text is, the letters stood apart, left to right."""
    from PIL import ImageDraw
    from sharecards.draw import HEIGHT, WIDTH, CardText, Job, draw

    fonts = Fonts(DEJAVU, DEJAVU)
    text = CardText(title="مرحبا بالجيران", details=("٦ ديسمبر ٢٠٢٦",), site_name="حي", lang="ar")
    job = Job("k", text, fonts, None, (11, 95, 84), 85, "/dev/null", "a.ar.md")
    card = draw(job)
    left, right = _ink_columns(card, 146, 146 + 90)
    assert right > WIDTH - 72 - 12 and left > WIDTH // 2  # one short line, at the right
    # The same title in the basic layout (no joining): other pixels, and wider.
    basic = load(DEJAVU, 68)
    shaped = load(DEJAVU, 68, True)
    assert shaped.getlength(text.title) < basic.getlength(text.title)
    plain = Image.new("RGB", (WIDTH, HEIGHT), "white")
    ImageDraw.Draw(plain).text((0, 0), text.title, font=basic, fill="black")
    joined = Image.new("RGB", (WIDTH, HEIGHT), "white")
    ImageDraw.Draw(joined).text((0, 0), text.title, font=shaped, fill="black", direction="rtl")
    assert plain.tobytes() != joined.tobytes()


def test_a_card_that_cannot_be_drawn_is_one_problem_of_its_page(tmp_path: Path) -> None:
    """A cover that cannot be read (cut short in the output by a full disk, say) leaves the
    card undrawn, as a problem in the shape of every other: the page's file and line."""
    fonts = find_fonts()
    assert fonts is not None
    cover = tmp_path / "cover.jpg"
    cover.write_bytes(b"\xff\xd8 not a photo")
    text = CardText("Garden", ("5 June 2024",), "Riverside", "en")
    target = tmp_path / "card.jpg"
    job = Job("k", text, fonts, str(cover), RED, 80, str(target), "content/projects/garden.md")
    outcome = make(job)
    assert outcome.error is not None
    said = str(outcome.error.placed())
    assert said.startswith("content/projects/garden.md:1: error: share card not drawn: "), said
    assert not target.exists()


def test_the_sweep_leaves_the_cards_alone_and_they_carry_no_metadata(tmp_path: Path) -> None:
    """The cards are drawn here and written without metadata, like the gallery's own
    photos: the sweep (no metadata on any image of the output) does not read them, in
    the build that draws them (they are placed at `finalized` when they show a gallery's
    photo) nor in the next one, which links them from the cache."""
    content = card_site(tmp_path)
    memo = tmp_path / "cache" / "gallery" / "static" / "clean-2.json"
    for output in (tmp_path / "output", tmp_path / "again"):
        built = build_site(content, output, **SETTINGS)
        known = set(json.loads(memo.read_text(encoding="utf-8")))
        for card in CARDS:
            stat = (built.output / card).stat()
            assert f"{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ino}" not in known, card
            assert leaks((built.output / card).read_bytes()) == [], card
