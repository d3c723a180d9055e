"""The build and `make check` agree, because they run one rule book (plugins/rulebook).

Each case writes one bad or awkward input into a copy of the clean fixture site, then runs
the checker (`tools/check.py`) and the real build (`tools/build.py`) on the same content
with the same settings. Both refuse it or both accept it. When they refuse, both name the
file (the checker with its line), neither shows a traceback, the build exits non-zero and
the previous output folder is left as it was.
"""

from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

import pytest
from agreement_helpers import (
    assert_no_traceback,
    assert_refused_naming,
    check_and_build,
    noise_photo,
    write_conf,
    write_files,
)
from conftest import FIXTURES

CLEAN = FIXTURES / "check_clean" / "content"
FRAME_HOST = "player.bilibili.com"


def article(
    slug: str = "t", date: str = "2024-06-20 10:00", body: str = "正文。", **more: str
) -> str:
    head = {"Title": "测试", "Slug": slug, "Lang": "zh", "Date": date, "Category": "News"}
    head |= {"Summary": "摘要。", **more}
    return "".join(f"{k}: {v}\n" for k, v in head.items() if v) + f"\n{body}\n"


def event(slug: str = "ev", lang: str = "zh", **fields: str) -> str:
    head = {"Title": "活动", "Slug": slug, "Lang": lang, "Category": "Events", "Summary": "活动。"}
    head |= {k.replace("_", "-"): v for k, v in fields.items()}
    return "".join(f"{k}: {v}\n" for k, v in head.items()) + "\n活动介绍。\n"


def project(gallery: str = "garden", cover: str = "a.jpg") -> str:
    return (
        f"Title: 花园二\nSlug: garden-two\nLang: zh\nTemplate: project\ngallery: {gallery}\n"
        f"cover: {cover}\nSummary: 花园。\n\n花园。\n"
    )


def photo(color: tuple[int, int, int] = (120, 180, 90)) -> bytes:
    from io import BytesIO

    from PIL import Image

    out = BytesIO()
    Image.new("RGB", (40, 30), color).save(out, "JPEG")
    return out.getvalue()


def static_image(fmt: str, frames: int = 1) -> bytes:
    """A small image in `fmt` whose EXIF names a camera: metadata to clean."""
    from io import BytesIO

    from PIL import Image

    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    images = [Image.new("RGB", (40, 30), (40 * n, 90, 160)) for n in range(frames)]
    out = BytesIO()
    more = {"save_all": True, "append_images": images[1:]} if frames > 1 else {}
    images[0].save(out, fmt, exif=exif.tobytes(), **more)
    return out.getvalue()


CAFE_NFD = unicodedata.normalize("NFD", "café.jpg")
CAPTIONS = (CLEAN / "galleries" / "garden" / "captions.txt").read_text(encoding="utf-8")
OPEN_DAY_EN = (CLEAN / "events" / "open-day.en.md").read_text(encoding="utf-8")
A = "articles/t.zh.md"
E = "events/ev.zh.md"
EN = {"events/ev.en.md": event(lang="en", event_location="Hall")}
EN_DRAFT = {"events/ev.en.md": event(lang="en", event_location="Hall", Status="draft")}

# name, files written (path under content/: text or bytes), the file both must name
# (None: both accept it)
CASES: list[tuple[str, dict[str, str | bytes], str | None]] = [
    # events
    ("event in 2099", {E: event(event_start="2099-05-01 10:00")}, E),
    ("impossible event date", {E: event(event_start="2024-02-30 10:00")}, E),
    ("bad rrule", {E: event(event_start="2024-12-03 19:00", event_rrule="FREQ=FORTNIGHTLY")}, E),
    ("unknown event key", {E: event(event_start="2024-12-03", event_locaton="礼堂")}, E),
    ("end before start",
     {E: event(event_start="2024-12-03 19:00", event_end="2024-12-03 18:00")}, E),
    ("end at a time the clocks skip, written as a time alone",
     {E: event(event_start="2025-03-30 00:30", event_end="01:45",
               event_timezone="Europe/London")}, E),
    ("category with no letter", {E: event(event_start="2024-12-03", event_categories="🎉")}, E),
    ("unknown event status", {E: event(event_start="2024-12-03", event_status="perhaps")}, E),
    ("event without a start", {E: event(event_location="礼堂")}, E),
    ("translation moves the event",
     {"events/open-day.en.md": OPEN_DAY_EN.replace(
         "Lang: en\n", "Lang: en\nevent-start: 2024-12-12 10:00\n")},
     "events/open-day.en.md"),
    ("every date of a series skipped",
     {E: event(event_start="2024-12-03 19:00", event_rrule="FREQ=WEEKLY;COUNT=2",
               event_exdate="2024-12-03, 2024-12-10")}, E),
    ("published translation of a draft event",
     {E: event(event_start="2024-12-20", Status="draft"), **EN},
     "events/ev.en.md"),
    ("published translation of a hidden event",
     {E: event(event_start="2024-12-20", Status="hidden"), **EN},
     None),
    ("draft translation of a published event",
     {E: event(event_start="2024-12-20"), **EN_DRAFT},
     None),
    ("all-day event", {E: event(event_start="2024-12-20")}, None),
    ("weekly series with an end", {E: event(
        event_start="2024-12-03 19:00", event_rrule="FREQ=WEEKLY;BYDAY=TU;UNTIL=2024-12-31")},
     None),
    # galleries, captions, covers, photos
    ("missing gallery folder", {"projects/garden-two.zh.md": project(gallery="gardn")},
     "projects/garden-two.zh.md"),
    ("cover typo", {"projects/garden-two.zh.md": project(cover="a.jpeg")},
     "projects/garden-two.zh.md"),
    ("cover named as a Mac stores it (NFD)",
     {f"galleries/garden/{CAFE_NFD}": photo(),
      "galleries/garden/captions.txt": CAPTIONS + "café.jpg: 咖啡 | 一杯咖啡\n",
      "projects/garden-two.zh.md": project(cover="café.jpg")}, None),
    ("cover set twice (a list: no traceback)",
     {"projects/garden-two.zh.md": project().replace("cover: a.jpg\n", "cover: a.jpg\n" * 2)},
     "projects/garden-two.zh.md"),
    ("caption for a photo that is not there",
     {"galleries/garden/captions.txt": CAPTIONS + "c.jpg: 没有 | 没有这张\n"},
     "galleries/garden/captions.txt"),
    ("photo without alt text (a warning)", {"galleries/garden/c.jpg": photo((10, 20, 30))},
     None),
    ("corrupt photo",
     {"galleries/garden/c.jpg": b"not a photo at all",
      "galleries/garden/captions.txt": CAPTIONS + "c.jpg: 坏 | 坏照片\n"},
     "galleries/garden/c.jpg"),
    ("photo cut short (its header whole)",
     {"galleries/garden/c.jpg": noise_photo(1)[:1000],
      "galleries/garden/captions.txt": CAPTIONS + "c.jpg: 坏 | 坏照片\n"},
     "galleries/garden/c.jpg"),
    # dates
    ("date 19/06/2024", {A: article(date="19/06/2024")}, A),
    ("date June 19", {A: article(date="June 19")}, A),
    ("date 2024-02-30", {A: article(date="2024-02-30")}, A),
    ("no date", {A: article(date="")}, A),
    # front matter
    ("typo in Title", {A: article().replace("Title:", "Titel:")}, A),
    ("YAML list of tags, then draft: true (the draft would be published)",
     {A: "---\ntitle: 列表\ndate: 2021-05-06\ntags:\n  - 花园\n  - 志愿者\ndraft: true\n"
         "lang: zh\n---\n\n草稿。\n"}, A),
    ("summary carried on by 2 spaces, then Lang",
     {A: "Title: 测试\nSlug: t\nDate: 2024-06-20 10:00\nSummary: first line\n  second line\n"
         "Lang: en\n\nEnglish text.\n"}, A),
    ("summary carried on by 2 spaces, last (a warning)",
     {A: article().replace("Summary: 摘要。\n", "Summary: 第一行\n  第二行\n")}, None),
    ("empty file", {A: ""}, A),
    ("saved as GBK", {A: article().encode("gbk")}, A),
    ("unknown template", {A: article(Template="fancy")}, A),
    ("unknown status", {A: article(Status="publish")}, A),
    ("Hugo's draft: true (it would be published)", {A: article(draft="true")}, A),
    ("Jekyll's published: false", {A: article(published="false")}, A),
    ("draft: true beside Status: draft (a warning)",
     {A: article(Status="draft", draft="true")}, None),
    ("empty Template", {A: article().replace("Lang: zh\n", "Lang: zh\nTemplate:\n")}, A),
    ("page with an article's template",
     {"pages/t.zh.md": "Title: 关于\nSlug: t\nTemplate: article\n\n正文。\n"}, "pages/t.zh.md"),
    ("article with the event template", {A: article(Template="event")}, A),
    ("event with the article template",
     {E: event(event_start="2024-12-20", Template="article")}, None),
    # translations
    ("Lang: zh-CN", {A: article(Lang="zh-CN").replace("Lang: zh\n", "", 1)}, A),
    ("translation without original (a warning)",
     {"articles/lonely.en.md": article(slug="lonely").replace("Lang: zh", "Lang: en")}, None),
    ("duplicate slug", {A: article(slug="hello")}, A),
    ("page on the digest's address", {"pages/t.zh.md": "Title: 周报\nSlug: digest\n\n正文。\n"},
     "pages/t.zh.md"),
    ("page on the share cards' address",
     {"pages/t.zh.md": "Title: 分享\nSlug: share\n\n正文。\n"}, "pages/t.zh.md"),
    ("page on a language's address",
     {"pages/t.zh.md": "Title: 英文\nSlug: en\n\n正文。\n"}, "pages/t.zh.md"),
    ("title with no letter and no Slug",
     {A: article(slug="", Title="🎉🎉").replace("Title: 测试\n", "")}, A),
    ("homophone tags",
     {A: article(Tags="实践"), "articles/u.zh.md": article(slug="u", Tags="时间")},
     "articles/u.zh.md"),
    ("tag with no letter", {A: article(Tags="活动, !!!")}, A),
    ("Save_as outside the site", {A: article(Save_as="../../outside.html")}, A),
    ("Slug outside the site", {A: article(slug="../../pwn")}, A),
    ("two files saved as one",
     {A: article(Save_as="same.html"),
      "pages/t.zh.md": "Title: 同\nSlug: same\nSave_as: same.html\n\n正文。\n"},
     A),
    ("Save_as over another file's page (Pelican overwrites it without a word)",
     {A: article(Save_as="about/index.html"),
      "pages/about.zh.md": "Title: 关于\nSlug: about\n\n正文。\n"},
     A),
    ("slugs that differ in capitals only",
     {A: article(slug="hello-Day"), "articles/u.zh.md": article(slug="hello-day")},
     "articles/u.zh.md"),
    ("page on a section's address", {"pages/t.zh.md": "Title: 活动\nSlug: events\n\n正文。\n"},
     "pages/t.zh.md"),
    # links
    ("{filename} to a missing file", {A: article(body="[x]({filename}/articles/nope.zh.md)")}, A),
    ("{filname} typo in a link", {A: article(body="[x]({filname}/articles/hello.zh.md)")}, A),
    ("{tag} link to a tag no article has", {A: article(body="[活动]({tag}没有这个)")}, A),
    ("{author} link on a site that makes no author pages",
     {A: article(body="[作者]({author}社区)", Author="社区")}, A),
    ("{tag} and {category} links that exist",
     {A: article(body="[社区]({tag}社区) [新闻]({category}News)")}, None),
    ("link to a .md file", {A: article(body="[x](hello.zh.md)")}, A),
    ("image that is not there", {A: article(body="![标志](/extra/logoo.png)")}, A),
    # pages from an older Pelican site
    ("reStructuredText article",
     {"articles/old-post.rst":
      "Old post\n########\n\n:date: 2020-01-01 10:00\n:slug: old\n\nText.\n"},
     "articles/old-post.rst"),
    ("HTML article",
     {"articles/pasted.html": "<html><head><title>Pasted</title></head>"
                              "<body><p onclick=\"go()\">Hi</p></body></html>\n"},
     "articles/pasted.html"),
    ("reStructuredText post where a Pelican blog keeps them",
     {"posts/old-post.rst": "Old post\n########\n\n:date: 2020-01-01 10:00\n\nText.\n"},
     "posts/old-post.rst"),
    ("HTML post in the content folder itself",
     {"old-post.html": "<html><head><title>Old</title></head><body><p>Hi</p></body></html>\n"},
     "old-post.html"),
    ("HTML file published as it is (extra/)",
     {"extra/google1234.html": "google-site-verification: google1234.html\n"}, None),
    ("picture whose name holds '#'",
     {"articles/pics/Ferien Foto #1.jpg": photo(),
      A: article(body="![假日](<pics/Ferien Foto #1.jpg>)")}, A),
    # it left a broken picture in the page, in silence
    ("picture above the content folder", {A: article(body="![地图](../../../map.jpg)")}, A),
    ("{static} picture above the content folder",
     {A: article(body="![地图]({static}/../../map.jpg)")}, A),
    # Pelican reads no article without a date; the translation had no event line to get one
    ("event translation with no event line and no Date",
     {"events/open-day.en.md": "Title: Open day\nSlug: open-day\nLang: en\nCategory: Events\n"
                               "Summary: Open day.\n\nThe schedule comes from the original.\n"},
     "events/open-day.en.md"),
    # Python-Markdown reads a tab-indented line as more of the field above: no Lang
    ("Lang on a tab-indented line under the title",
     {A: article(Title="测试\n\tLang: zh", Lang="")}, A),
    ("picture with a space, in angle brackets",
     {"articles/pics/Ferien Foto.jpg": photo(),
      A: article(body="![假日](<pics/Ferien Foto.jpg>)")}, None),
    # static images the sweep could not clean
    ("TIFF with EXIF in a static folder", {"extra/scan.tiff": static_image("TIFF")},
     "extra/scan.tiff"),
    ("animated WebP with EXIF in a static folder",
     {"extra/wave.webp": static_image("WEBP", frames=2)}, "extra/wave.webp"),
    ("JPEG with EXIF in a static folder (cleaned)", {"extra/photo.jpg": static_image("JPEG")},
     None),
    # raw HTML
    ("script", {A: article(body="<script>alert(1)</script>")}, A),
    ("onclick", {A: article(body='<button onclick="go()">报名</button>')}, A),
    ("javascript: link", {A: article(body='<a href="javascript:go()">报名</a>')}, A),
    ("meta refresh", {A: article(body='<meta http-equiv="refresh" content="0;url=https://x.example">')},
     A),
    ("base element", {A: article(body='<base href="https://x.example/">')}, A),
    ("script in the summary", {A: article(Summary='摘要<img src=x onerror="go()">')}, A),
    ("style attribute", {A: article(body='<p style="color: red">红字</p>')}, A),
    ("style= in a Markdown attribute list",
     {A: article(body='红字段落\n{: style="color:red" }')}, A),
    ("onclick= in a link's attribute list",
     {A: article(body='[报名](https://example.org){: onclick="go()" }')}, A),
    ("style element", {A: article(body="<style>p { color: red }</style>\n\n正文")}, A),
    ("Markdown javascript: link", {A: article(body="[报名](javascript:go())")}, A),
    ("javascript: link by reference", {A: article(body="[报名][r]\n\n[r]: javascript:go()")}, A),
    ("HTML in a title", {A: article(Title="Hello <img src=x onerror=alert(1)>")}, A),
    ("angle brackets in tags", {A: article(Tags="<b>x</b>, 活动")}, A),
    # pasted text
    ("control character from Word", {A: article(body="第一行\x0b第二行")}, A),
    ("line separator pasted into a title", {A: article(Title="社区\u2028新闻")}, None),
    ("iframe from another host",
     {A: article(body='<iframe src="https://www.youtube.com/embed/x"></iframe>')}, A),
    ("picture from another site",
     {A: article(body="![合影](https://mmbiz.qpic.cn/mmbiz_jpg/x/640)")}, A),
    # pictures and styles from another site the CSP blocks, in forms that passed in silence
    ("reference-style picture from another site",
     {A: article(body="![合影][pic]\n\n[pic]: http://example.com/photo.jpg")}, A),
    ("srcset from another site",
     {A: article(body='<picture><source srcset="https://cdn.example.com/b.webp 2x">'
                      '<img src="pics/a.jpg" alt="合影"></picture>'),
      "articles/pics/a.jpg": photo()}, A),
    ("video poster from another site",
     {A: article(body='<video controls poster="http://example.com/poster.jpg"></video>')}, A),
    ("stylesheet from another site",
     {A: article(body='<link rel="stylesheet" href="https://fonts.example.com/a.css">')}, A),
    ("reference-style link (not a picture) to another site",
     {A: article(body="See [the map][map].\n\n[map]: https://maps.example.org/x")}, None),
    ("iframe from an allowed host",
     {A: article(body=f'<iframe src="https://{FRAME_HOST}/player.html?bvid=1"></iframe>')},
     None),
    # valid but awkward
    ("Chinese title, emoji", {A: article(Title="🎉 新年联欢！").replace("Title: 测试\n", "")},
     None),
    # share cards: a letter their font lacks would show as a box
    ("title the share card font cannot draw", {A: article(Title="ข่าวชุมชน")}, A),
    ("event place the share card font cannot draw",
     {E: event(event_start="2024-12-20", event_location="ห้องประชุม")}, E),
    ("pasted HTML table",
     {A: article(body="<table>\n<tr><th>时间</th><th>地点</th></tr>\n"
                      "<tr><td>周二</td><td>礼堂</td></tr>\n</table>")}, None),
    ("script in a code block indented by 4 spaces",
     {A: article(body="粘贴这段代码：\n\n    <script>alert(1)</script>\n"
                      '    <p style="color:red">x</p>\n\n完成。')}, None),
    ("script on an indented line of a list item",
     {A: article(body="- 一项\n\n    <script>alert(1)</script>")}, A),
    ("script in a code block and a comment",
     {A: article(body="```html\n<script>alert(1)</script>\n```\n\n"
                      "<!-- <iframe src='https://x.example/'></iframe> -->")}, None),
]  # fmt: skip


@pytest.fixture(scope="module")
def conf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One settings file for every case: the site's own, with a trusted video host."""
    folder = tmp_path_factory.mktemp("conf")
    return write_conf(folder / "agreeconf.py", TRUSTED_FRAME_HOSTS=[FRAME_HOST])


@pytest.mark.parametrize(("files", "named"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_check_and_build_agree(
    tmp_path: Path, conf: Path, files: dict[str, str | bytes], named: str | None
) -> None:
    shutil.copytree(CLEAN, tmp_path / "content")
    write_files(tmp_path / "content", files)
    both = check_and_build(tmp_path, conf)
    assert_no_traceback(both)
    if named is None:
        assert both.check.returncode == 0, both.checked
        assert both.build.returncode == 0, both.said
        return
    assert_refused_naming(both, named)


def test_every_kind_of_input_is_tried() -> None:
    assert len(CASES) >= 30
    assert sum(named is None for _, _, named in CASES) >= 8  # valid ones too


@pytest.mark.parametrize(("lang", "named"), [("fr", None), ("de", A)])
def test_a_language_added_by_its_catalogue_is_one_for_both(
    tmp_path: Path, lang: str, named: str | None
) -> None:
    # No I18N_UI_LANGUAGES: the site's languages are DEFAULT_LANG and its catalogues'
    # (`make translations ADD=fr`), for the checker as for the build.
    catalogues = tmp_path / "catalogues"
    shutil.copytree(FIXTURES.parent.parent / "theme" / "translations", catalogues)
    french = catalogues / "fr" / "LC_MESSAGES"
    french.mkdir(parents=True)
    shutil.copy(catalogues / "en" / "LC_MESSAGES" / "messages.po", french / "messages.po")
    conf = write_conf(
        tmp_path / "langconf.py", I18N_UI_LANGUAGES=None, I18N_UI_TRANSLATIONS_PATH=str(catalogues)
    )
    shutil.copytree(CLEAN, tmp_path / "content")
    write_files(tmp_path / "content", {A: article(Lang=lang)})
    both = check_and_build(tmp_path, conf)
    assert_no_traceback(both)
    if named is None:
        assert both.check.returncode == 0, both.checked
        assert both.build.returncode == 0, both.said
    else:
        assert_refused_naming(both, named)
