"""Inputs nobody wrote down: a seeded generator mutates a small valid site, and the build and
`make check` must still agree about each result.

The base site is valid: a zh+en article pair, a weekly event, a project page with a gallery
of three tiny JPEGs (made with Pillow) and a page. Each mutation is one mistake an editor
makes (a mistyped key, a date in another format, a file saved as GBK, a pasted <script>, a
truncated photo, ...), with its details drawn by a `random.Random` seeded with SEED, so a
run is the same every time and a failure names its mutation. Set CP_MUTATION_SEED to try
other inputs (and add any disagreement found to tests/test_rulebook_agreement.py).

For each one the checker (`tools/check.py`) and the build (`tools/build.py`) both refuse it
or both accept it (warnings alone are an acceptance, as `make check` exits 0 on them). A
refusal names the file in both outputs; nothing prints a traceback; a refused build leaves
no output folder.
"""

from __future__ import annotations

import os
import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest
from agreement_helpers import (
    Both,
    assert_no_traceback,
    assert_output_untouched,
    check_and_build,
    noise_photo,
    write_conf,
    write_files,
)
from PIL import Image

SEED = int(os.environ.get("CP_MUTATION_SEED", "20240619"))
COUNT = 40

ZH = "articles/hello.zh.md"
EN = "articles/hello.en.md"
EVENT = "events/book-club.zh.md"
PROJECT = "projects/garden.zh.md"
PAGE = "pages/about.zh.md"
CAPTIONS = "galleries/garden/captions.txt"
PHOTOS = ("galleries/garden/a.jpg", "galleries/garden/b.jpg", "galleries/garden/c.jpg")
MARKDOWN = (ZH, EN, EVENT, PROJECT, PAGE)
THEME_TEMPLATES = ("article", "page", "project", "event", "index", "404", "news", "tag")


TEXTS = {
    ZH: "Title: 你好，邻居\nSlug: hello\nLang: zh\nDate: 2024-06-20 10:00\nCategory: News\n"
    "Summary: 一篇文章。\n\n这里有[英文版]({filename}hello.en.md)。\n",
    EN: "Title: Hello, neighbours\nSlug: hello\nLang: en\nDate: 2024-06-20 10:00\n"
    "Category: News\nSummary: An article.\n\nBack to [the Chinese]({filename}hello.zh.md).\n",
    EVENT: "Title: 读书会\nSlug: book-club\nLang: zh\nCategory: Events\nSummary: 读书会。\n"
    "event-start: 2024-06-04 19:00\nevent-end: 2024-06-04 21:00\nevent-location: 图书室\n"
    "event-rrule: FREQ=WEEKLY;BYDAY=TU;COUNT=6\n\n每周二晚上。\n",
    PROJECT: "Title: 社区花园\nSlug: garden\nLang: zh\nTemplate: project\ngallery: garden\n"
    "cover: a.jpg\nSummary: 花园。\n\n花园。\n",
    PAGE: "Title: 关于我们\nSlug: about\nLang: zh\n\n关于。\n",
    CAPTIONS: "a.jpg: 花园 | 一片花园\nb.jpg: 小路 | 一条石子小路\nc.jpg: 长椅 | 一张长椅\n",
}
BASE: dict[str, bytes] = {path: source.encode() for path, source in TEXTS.items()}
BASE |= {p: noise_photo(i) for i, p in enumerate(PHOTOS)}


@dataclass(frozen=True)
class Mutation:
    """One mistake: the files it changes (None: deleted), which a refusal may name."""

    name: str
    files: dict[str, bytes | None]
    named: tuple[str, ...]
    settings: str = "default"  # or "london"


# --- editing front matter -------------------------------------------------------------


def text(path: str) -> str:
    return TEXTS[path]


def split(source: str) -> tuple[list[str], str]:
    head, _, body = source.partition("\n\n")
    return head.split("\n"), body


def join(head: list[str], body: str) -> str:
    return "\n".join(head) + "\n\n" + body


def set_field(source: str, key: str, value: str) -> str:
    """`key: value` instead of the line of `key` (added when there is none)."""
    head, body = split(source)
    line = f"{key}: {value}".rstrip()
    at = [i for i, h in enumerate(head) if h.lower().startswith(f"{key.lower()}:")]
    if at:
        head[at[0]] = line
    else:
        head.append(line)
    return join(head, body)


def one(path: str, source: str | bytes, name: str, *more: str, **kw: str) -> Mutation:
    data = source.encode() if isinstance(source, str) else source
    return Mutation(name, {path: data}, (path, *more), **kw)


Rng = random.Random


# --- the mutations ----------------------------------------------------------------------


def key_typo(rng: Rng) -> Mutation:
    path = rng.choice(MARKDOWN)
    head, body = split(text(path))
    at = rng.randrange(len(head))
    key, _, rest = head[at].partition(":")
    i = rng.randrange(len(key) - 1)
    how = rng.choice(["drop", "double", "swap"])
    typo = {
        "drop": key[:i] + key[i + 1 :],
        "double": key[: i + 1] + key[i:],
        "swap": key[:i] + key[i + 1] + key[i] + key[i + 2 :],
    }[how]
    head[at] = typo + ":" + rest
    return one(path, join(head, body), f"key {key!r} typed {typo!r} in {path}")


DATE_FORMS = (
    "19/06/2024", "2024.06.19", "June 19 2024", "2024-6-9", "2024-06-19T25:00",
    "2024/06/19 10:00", "20240619", "2024-06-19 10h00", "2024年6月19日", "19 juin 2024",
    "2024-06-19 10:00+08:00", "2024-06-19T10:00:00", "2024-06-19 9:30",
)  # fmt: skip
IMPOSSIBLE = ("2024-02-30", "2023-02-29 10:00", "2024-13-01", "2024-06-31 10:00",
              "2024-06-19 24:00", "0000-01-01")  # fmt: skip


def date_format(rng: Rng, forms: tuple[str, ...] = DATE_FORMS, what: str = "date") -> Mutation:
    path, key = rng.choice([(ZH, "Date"), (EN, "Date"), (EVENT, "event-start")])
    value = rng.choice(forms)
    return one(path, set_field(text(path), key, value), f"{what} {key}: {value} in {path}")


def impossible_date(rng: Rng) -> Mutation:
    return date_format(rng, IMPOSSIBLE, "impossible date")


def empty_value(rng: Rng) -> Mutation:
    path = rng.choice(MARKDOWN)
    head, body = split(text(path))
    at = rng.randrange(len(head))
    key = head[at].partition(":")[0]
    head[at] = key + ":"
    return one(path, join(head, body), f"empty {key} in {path}")


def indented_line(rng: Rng) -> Mutation:
    path = rng.choice(MARKDOWN)
    head, body = split(text(path))
    at = rng.randrange(len(head))
    indent = rng.choice([" ", "   ", "    ", "\t"])
    head[at] = indent + head[at]
    return one(path, join(head, body), f"line {at + 1} indented by {indent!r} in {path}")


def blank_line(rng: Rng) -> Mutation:
    path = rng.choice(MARKDOWN)
    head, body = split(text(path))
    at = rng.randrange(1, len(head))
    head.insert(at, "")
    return one(path, join(head, body), f"blank line after line {at} in {path}")


ENCODINGS: dict[str, Callable[[str], bytes]] = {
    "BOM": lambda s: s.encode("utf-8-sig"),
    "CRLF": lambda s: s.replace("\n", "\r\n").encode(),
    "CR": lambda s: s.replace("\n", "\r").encode(),
    "UTF-16": lambda s: s.encode("utf-16"),
    "UTF-16-LE": lambda s: s.encode("utf-16-le"),
    "GBK": lambda s: s.encode("gbk"),
    "BOM+CRLF": lambda s: s.replace("\n", "\r\n").encode("utf-8-sig"),
}


def encoding(rng: Rng) -> Mutation:
    path = rng.choice([ZH, EVENT, PROJECT, PAGE, CAPTIONS])
    how = rng.choice(sorted(ENCODINGS))
    return one(path, ENCODINGS[how](text(path)), f"{path} saved as {how}")


HTML = (
    "<table>\n<tr><th>时间</th><td>周二</td></tr>\n</table>",
    "<script>alert(1)</script>",
    '<button onclick="go()">报名</button>',
    '<img src="x.png" onerror="go()" alt="x">',
    '<iframe src="https://www.youtube.com/embed/x"></iframe>',
    '<iframe src="https://player.bilibili.com/player.html?bvid=1"></iframe>',
    '<p style="color: red">红字</p>',
    "<details><summary>更多</summary>内容</details>",
    '<a href="javascript:go()">报名</a>',
    "<SCRIPT SRC=https://x.example/a.js></SCRIPT>",
    "<center>居中</center>",
)


def pasted_html(rng: Rng) -> Mutation:
    path = rng.choice(MARKDOWN)
    snippet = rng.choice(HTML)
    return one(path, text(path) + "\n" + snippet + "\n", f"pasted {snippet[:24]!r} in {path}")


def lang(rng: Rng) -> Mutation:
    path = rng.choice([ZH, EN, PAGE, EVENT])
    value = rng.choice(["zh-CN", "EN", "cn", "ZH", "zh_CN", "zh-Hans", "en-US", "English", "中文"])
    return one(path, set_field(text(path), "Lang", value), f"Lang: {value} in {path}")


def slug(rng: Rng) -> Mutation:
    path = rng.choice(MARKDOWN)
    value = rng.choice(["Hello World", "Hello", "hello world", "hello_world", "你好", "-hello"])
    return one(path, set_field(text(path), "Slug", value), f"Slug: {value} in {path}")


def template(rng: Rng) -> Mutation:
    path = rng.choice([ZH, PAGE, PROJECT, EVENT])
    value = rng.choice(["projet", "fancy", "Project", "project.html", *THEME_TEMPLATES])
    return one(path, set_field(text(path), "Template", value), f"Template: {value} in {path}")


def end_before_start(rng: Rng) -> Mutation:
    value = rng.choice(["2024-06-04 18:00", "2024-06-03 21:00", "18:00", "2024-06-04 19:00"])
    source = set_field(text(EVENT), "event-end", value)
    return one(EVENT, source, f"event-end: {value} (start 2024-06-04 19:00)")


RRULES = (
    "FREQ=WEKLY;BYDAY=TU;COUNT=6", "FREQ=WEEKLY;BYDAY=TUE;COUNT=6", "FREQ=WEEKLY;COUNT=six",
    "FRQ=WEEKLY;COUNT=6", "FREQ=WEEKLY;UNTIL=2024-13-01", "freq=weekly;byday=tu;count=6",
    "FREQ=WEEKLY;BYDAY=TU;COUNT=6;", "FREQ=WEEKLY; BYDAY=TU; COUNT=6", "FREQ=WEEKLY;INTERVAL=0",
    "FREQ=WEEKLY;BYDAY=TU", "RRULE:FREQ=WEEKLY;COUNT=6", "FREQ=DAILY;COUNT=100000",
    "FREQ=WEEKLY;UNTIL=20240630", "every tuesday",
)  # fmt: skip


def rrule(rng: Rng) -> Mutation:
    value = rng.choice(RRULES)
    return one(EVENT, set_field(text(EVENT), "event-rrule", value), f"event-rrule: {value}")


def cover(rng: Rng) -> Mutation:
    value = rng.choice(["A.jpg", "a.jpeg", "a.JPG", "aa.jpg", " a.jpg", "galleries/garden/a.jpg",
                        "d.jpg", "a"])  # fmt: skip
    return one(PROJECT, set_field(text(PROJECT), "cover", value), f"cover: {value}")


def gallery(rng: Rng) -> Mutation:
    value = rng.choice(["Garden", "gardn", "garden/", "../garden", "galleries/garden", "/garden",
                        "garden two"])  # fmt: skip
    return one(PROJECT, set_field(text(PROJECT), "gallery", value), f"gallery: {value}")


def corrupt_photo(rng: Rng) -> Mutation:
    path = rng.choice(PHOTOS)
    data = BASE[path]
    how = rng.choice(["truncated", "truncated", "empty", "garbage", "header only"])
    broken = {
        "truncated": data[: rng.randrange(len(data) // 2, len(data) - 8)],
        "empty": b"",
        "garbage": b"not a photo at all",
        "header only": data[:600],
    }[how]
    return one(path, broken, f"{path} {how} ({len(broken)} of {len(data)} bytes)")


def odd_exif(rng: Rng) -> Mutation:
    path = rng.choice(PHOTOS)
    exif = Image.Exif()
    orientation = rng.choice([0, 9, 255, 6, None])
    if orientation is not None:
        exif[0x0112] = orientation
    gps = rng.random() < 0.5
    if gps:
        exif.get_ifd(0x8825).update({1: "N", 2: (31.0, 14.0, 2.5), 3: "E", 4: (121.0, 28.0, 0.0)})
    return one(path, noise_photo(9, exif), f"{path} orientation {orientation}, GPS {gps}")


def captions(rng: Rng) -> Mutation:
    line = rng.choice([
        "d.jpg: 没有 | 没有这张", "A.jpg: 花园 | 大写", "a.jpg 花园", "a.jpg: 又一次 | 重复",
        "a.jpg： 全角冒号 | 花园", "a.jpeg: 花园 | 一片花园", ": 没有名字", "c.jpg:",
    ])  # fmt: skip
    source = text(CAPTIONS) + line + "\n"
    return one(CAPTIONS, source, f"captions line {line!r}")


def translation_slug(rng: Rng) -> Mutation:
    value = rng.choice(["hello-en", "Hello", "hello ", ""])
    head, body = split(text(EN))
    head = [h for h in head if not h.startswith("Slug:")]
    if value:
        head.insert(1, f"Slug: {value}")
    return one(EN, join(head, body), f"translation Slug: {value!r}")


def missing_link(rng: Rng) -> Mutation:
    path = rng.choice([ZH, EN, EVENT, PAGE])
    link = rng.choice([
        "[x]({filename}/articles/nope.zh.md)", "[x]({filename}hello.zh.MD)",
        "[x]({filename}../pages/abut.zh.md)", "![x]({static}/extra/nope.png)",
        "[x]({filename}/pages/about.zh.md)", "![x]({static}/galleries/garden/a.jpg)",
        "[x]({filename}/galleries/garden/captions.txt)", "[x]({filename})",
        "[x]({attach}nope.pdf)", "[x]({tag}花园)", "[x]({filename}/events/book-club.zh.md#when)",
    ])  # fmt: skip
    return one(path, text(path) + f"\n{link}\n", f"link {link} in {path}")


PELICAN_FIELDS = (
    ("Authors", "甲; 乙"), ("Tags", "花园, 社区"), ("Summary", "<p>摘要</p>"),
    ("Modified", "2024-06-21 09:00"), ("Modified", "21/06/2024"), ("Modified", "2024-06-19"),
    ("Category", "新闻"), ("Category", ""), ("Author", "清泉山"), ("Tags", ""),
    ("Save_as", "x.html"), ("Url", "x/"), ("Translation", "true"), ("Order", "2"),
)  # fmt: skip


def pelican_fields(rng: Rng) -> Mutation:
    path = rng.choice([ZH, PAGE, EVENT, PROJECT])
    source = text(path)
    chosen = rng.sample(PELICAN_FIELDS, rng.randint(1, 3))
    for key, value in chosen:
        source = set_field(source, key, value)
    shown = ", ".join(f"{k}: {v}" for k, v in chosen)
    return one(path, source, f"{shown} in {path}")


def other_zone(rng: Rng) -> Mutation:
    path, key, value = rng.choice([
        (ZH, "Date", "2024-03-31 01:30"), (EVENT, "event-start", "2024-03-31 01:30"),
        (EVENT, "event-start", "2024-10-27 01:30"), (ZH, "Date", "2024-10-27 01:30"),
        (EVENT, "event-timezone", "Europe/Lodon"), (EVENT, "event-timezone", "Asia/Shanghai"),
        (EVENT, "event-timezone", "CET"), (EVENT, "event-timezone", "+08:00"),
    ])  # fmt: skip
    source = set_field(text(path), key, value)
    if key == "event-start":
        source = set_field(source, "event-end", "")
    return one(path, source, f"Europe/London site, {key}: {value}", settings="london")


def full_width_colon(rng: Rng) -> Mutation:
    path = rng.choice(MARKDOWN)
    head, body = split(text(path))
    at = rng.randrange(len(head))
    head[at] = head[at].replace(": ", "：", 1)
    return one(path, join(head, body), f"full-width colon on line {at + 1} of {path}")


def duplicate_key(rng: Rng) -> Mutation:
    path = rng.choice(MARKDOWN)
    head, body = split(text(path))
    at = rng.randrange(len(head))
    key = head[at].partition(":")[0]
    again = rng.choice([head[at], f"{key}: 别的", f"{key.lower()}: {head[at].partition(':')[2]}"])
    head.insert(rng.randrange(at + 1, len(head) + 1), again)
    return one(path, join(head, body), f"{key} twice in {path} ({again!r})")


def status(rng: Rng) -> Mutation:
    path = rng.choice(MARKDOWN)
    value = rng.choice(["draft", "Draft", "hidden", "published", "skip", "publish", "草稿"])
    return one(path, set_field(text(path), "Status", value), f"Status: {value} in {path}")


def deleted(rng: Rng) -> Mutation:
    path = rng.choice([ZH, EN, CAPTIONS, PROJECT, *PHOTOS])
    return Mutation(f"{path} deleted", {path: None}, (path, ZH, EN, PROJECT, CAPTIONS))


def renamed(rng: Rng) -> Mutation:
    path = rng.choice([ZH, PAGE, EVENT])
    new = path.removesuffix(".md") + rng.choice([".MD", ".md.txt", ".markdown", ".txt", ".mdown"])
    named = (new, *MARKDOWN)  # or a file linking to it by its old name
    return Mutation(f"{path} renamed {new}", {path: None, new: BASE[path]}, named)


def event_field(rng: Rng) -> Mutation:
    key, value = rng.choice([
        ("event-duration", "2 hours"), ("event-duration", "90min"), ("event-duration", "1h30"),
        ("event-exdate", "2024-06-11"), ("event-exdate", "2024-06-12"),
        ("event-exdate", "11/06/2024"), ("event-status", "Cancelled"),
        ("event-status", "canceled"), ("event-geo", "31.2, 121.5"), ("event-geo", "north"),
        ("event-url", "www.example.com"), ("event-uid", "x"), ("event-location", ""),
    ])  # fmt: skip
    source = set_field(text(EVENT), key, value)
    if key == "event-duration":
        source = set_field(source, "event-end", "")
    return one(EVENT, source, f"{key}: {value}")


def yaml_fence(rng: Rng) -> Mutation:
    path = rng.choice(MARKDOWN)
    head, body = split(text(path))
    close = rng.choice(["---", "...", ""])
    source = "---\n" + "\n".join(head) + f"\n{close}\n" + ("" if close == "" else "\n") + body
    return one(path, source, f"front matter of {path} between --- and {close!r}")


MUTATORS: tuple[Callable[[Rng], Mutation], ...] = (
    key_typo, date_format, impossible_date, empty_value, indented_line, blank_line, encoding,
    pasted_html, lang, slug, template, end_before_start, rrule, cover, gallery, corrupt_photo,
    odd_exif, captions, translation_slug, missing_link, pelican_fields, other_zone,
    full_width_colon, duplicate_key, status, deleted, renamed, event_field, yaml_fence,
)  # fmt: skip


def mutations(seed: int, count: int) -> list[Mutation]:
    """`count` different mutations: every kind once, in an order drawn from `seed`, then
    kinds drawn at random; each kind draws its details from the same generator."""
    rng = random.Random(seed)
    kinds = list(MUTATORS)
    rng.shuffle(kinds)
    found: dict[str, Mutation] = {}
    while len(found) < count:
        kind = kinds.pop(0) if kinds else rng.choice(MUTATORS)
        drawn = kind(rng)
        found.setdefault(drawn.name, drawn)
    return list(found.values())


MUTATIONS = mutations(SEED, COUNT)


@pytest.fixture(scope="module")
def confs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Two settings files for every mutation: the site's own at a fixed moment, and the
    same in Europe/London (a DST gap and fold to fall into)."""
    folder = tmp_path_factory.mktemp("conf")
    fixed = {"EVENTS_NOW": "2024-06-01 12:00", "TRUSTED_FRAME_HOSTS": ["player.bilibili.com"]}
    return {
        "default": write_conf(folder / "mutconf.py", **fixed),
        "london": write_conf(folder / "londonconf.py", **fixed, TIMEZONE="Europe/London"),
    }


def build_site(tmp_path: Path, conf: Path, files: Mapping[str, bytes | None]) -> Both:
    write_files(tmp_path / "content", {**BASE, **files})
    return check_and_build(tmp_path, conf, previous=False)


def test_the_base_site_is_valid(tmp_path: Path, confs: dict[str, Path]) -> None:
    both = build_site(tmp_path, confs["default"], {})
    assert_no_traceback(both)
    assert both.refused() == (False, False), both.checked + both.said
    assert "warning" not in both.check.stdout, both.checked


@pytest.mark.parametrize(
    "mutation", MUTATIONS, ids=[f"{i:02d} {m.name}" for i, m in enumerate(MUTATIONS)]
)
def test_check_and_build_agree_on_a_mutation(
    tmp_path: Path, confs: dict[str, Path], mutation: Mutation
) -> None:
    both = build_site(tmp_path, confs[mutation.settings], mutation.files)
    assert_no_traceback(both)
    check_refused, build_refused = both.refused()
    assert check_refused == build_refused, both.checked + both.said
    if not build_refused:
        assert (both.output / "index.html").is_file()
        return
    assert_output_untouched(both)
    named = {path.removeprefix("content/") for path, _ in both.errors()}
    assert named & set(mutation.named), both.checked
    for path in sorted(named):
        assert f"content/{path}" in both.said, both.said


def test_the_mutations_are_many_and_varied() -> None:
    assert len({m.name for m in MUTATIONS}) == COUNT
    assert {m.name for m in mutations(SEED, COUNT)} == {m.name for m in MUTATIONS}  # seeded
