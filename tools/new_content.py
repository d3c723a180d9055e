"""Create a new article, event or project with every field filled in and explained.

    python tools/new_content.py article "社区开放日回顾"
    python tools/new_content.py event "父亲节亲子活动" --start "2024-06-19 15:00"
    python tools/new_content.py project "社区花园"
    python tools/new_content.py article "Open day" --lang en --slug she-qu-kai-fang-ri

`make new-article TITLE="..."`, `make new-event TITLE="..." START="..."` and
`make new-project TITLE="..."` run this. The file never overwrites an existing one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from community_press import lang_prefix, lang_setting
from community_press.frontmatter import read_front_matter
from events.settings import DEFAULTS as EVENT_DEFAULTS
from events.settings import rules_of
from PIL import Image, ImageDraw
from projects.core import DEFAULTS as PROJECT_DEFAULTS
from pypinyin import lazy_pinyin
from rulebook.documents import find_documents
from rulebook.site import text_problems
from translations.settings import content_languages
from unidecode import unidecode

from tools.build import default_content
from tools.check import load_settings

ROOT = Path(__file__).resolve().parent.parent

KINDS = ("article", "event", "project")
FOLDERS = {"article": "articles", "event": "events", "project": "projects"}
MAX_SLUG = 60
DATE_FORMAT = "%Y-%m-%d %H:%M"
UTC_ZONE = ZoneInfo("UTC")
TWO_HOURS = dt.timedelta(hours=2)

# Words that differ by language; everything else in the templates is the same for both.
WORDS = {
    "zh": {
        "author": "TODO: 谁写的、谁主办（例如居委会或志愿者团队的名字）",
        "news_tags": "社区新闻",
        "event_tags": "活动",
        "summary": "TODO: 用一两句话说清楚这篇讲什么（显示在列表和搜索结果里）",
        "event_summary": "TODO: 用一句话说清楚什么时间、在哪里、做什么",
        "location": "TODO: 活动地点，例如 社区活动室",
        "cost": "免费",
        "body": "TODO: 在这里写正文。空一行开始新的段落。",
        "event_body": "TODO: 在这里写活动介绍：适合谁参加、要带什么、怎么报名。",
        "project_body": "TODO: 在这里介绍这个项目：为什么做、谁在做、做成了什么。",
        "caption": "TODO: 照片下面显示的说明",
        "alt": "TODO: 给看不见照片的人描述照片里有什么",
    },
    "en": {
        "author": "TODO: who writes or runs it (for example your committee's name)",
        "news_tags": "community news",
        "event_tags": "activity",
        "summary": "TODO: one or two sentences on what this is about (shown in lists and search)",
        "event_summary": "TODO: one sentence: when, where and what",
        "location": "TODO: where it happens, for example the community hall",
        "cost": "Free",
        "body": "TODO: write the text here. Leave an empty line to start a new paragraph.",
        "event_body": "TODO: describe the event: who it is for, what to bring, how to sign up.",
        "project_body": "TODO: describe the project: why, who takes part, what it achieved.",
        "caption": "TODO: the caption shown under the photo",
        "alt": "TODO: what the photo shows, for people who cannot see it",
    },
}

HELP_COMMON = """\
<!--
  HOW TO FILL IN THIS FILE / 怎样填写这个文件 (you may delete this note / 这段说明可以删掉)

  The lines at the top, before the first empty line, are the front matter: one
  "Key: value" per line. Keep the key and the colon, change only the value.
  文件开头第一个空行之前是“元数据”，每行一个“名称: 内容”，只改冒号后面的内容。

  Title     the headline / 标题
  Slug      the page address, e.g. news/SLUG/; lower-case letters, digits and "-" only.
            A translation keeps the SAME Slug. / 网址的一部分；译文用同一个 Slug
  Lang      {languages} / 语言
  Date      publication date and time, YYYY-MM-DD HH:MM / 发布时间
  Category  News or Events / 分类
  Tags      comma-separated keywords / 标签，用逗号分开
  Author    who wrote it / 作者
  Summary   one or two sentences shown in lists / 摘要
  Status    published (shown), draft (not listed; preview only) or hidden / 状态
{extra}
  Links to other pages: [text]({{filename}}/articles/other-page.{default}.md)
  Pictures: put them next to this file or in a gallery and write ![what it shows](photo.jpg)

  Preview: make devserver, then open http://127.0.0.1:8000/
  Check for mistakes: make check
-->
"""

HELP_EVENT = """
  event-start     when it begins, YYYY-MM-DD HH:MM (a date alone = all day) / 开始时间
  event-end       when it ends (or use event-duration: 2h 30m) / 结束时间
  event-location  where / 地点
  event-status    scheduled, cancelled, postponed, rescheduled, tentative or moved-online
  event-status-reason   why it was cancelled or moved (shown on the page) / 取消或改期的原因
  event-organizer, event-cost: who runs it, what it costs / 主办方、费用
  Optional / 可选:
  event-rrule     a repeating event, e.g. FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=2024-12-31
  event-exdate    dates the series skips, e.g. 2024-10-01,2024-10-08
  event-url       a sign-up or details link; event-timezone (default {timezone})
"""

HELP_PROJECT = """
  Template  always "project" for a project page / 项目页固定写 project
  gallery   the photo folder: content/galleries/NAME/ / 相册文件夹名
  cover     the photo shown in the project list (a file in that folder) / 封面照片
  Captions and alt text: content/galleries/NAME/captions.txt, one line per photo:
      photo.jpg: caption under the photo | what the photo shows (alt text)
  Captions in another language go in captions.LANG.txt (captions.en.txt for en).
  其他语言的说明写在 captions.语言.txt（英文写在 captions.en.txt）
"""


HELP_TRANSLATED_EVENT = """
  This is a translation. Its dates, times, repeat rule and status come from the
  original file (same Slug, Lang {default}): change them there, not here.
  这是译文：日期、时间、重复规则和状态都跟随中文原文，请在原文里修改。
  event-location, event-organizer, event-cost, event-status-reason: translate these.
"""


class ContentExists(Exception):
    """The file to create is already there: we never overwrite an editor's work."""


class ContentRefused(ValueError):
    """What would be written breaks a rule of the rule book (the build would refuse it)."""

    def __init__(self, problems: list[str]) -> None:
        listed = "\n".join(f"  {p}" for p in problems)
        super().__init__(f"the new file would not build, so nothing was written:\n{listed}")
        self.problems = problems


@dataclass(frozen=True)
class Created:
    """What the scaffolder wrote and where the page will be once built."""

    files: list[Path]
    url: str


def slug_from_title(title: str) -> str:
    """A readable, stable ASCII slug: Chinese in pinyin, other scripts transliterated.

    ``父亲节亲子活动`` -> ``fu-qin-jie-qin-zi-huo-dong``; ``Open Day 2024!`` -> ``open-day-2024``.
    """
    title = re.sub(r"['’]", "", unicodedata.normalize("NFKC", title))  # Father's -> fathers
    words: list[str] = []
    for chunk in lazy_pinyin(title):
        words.extend(re.split(r"[^a-z0-9]+", unidecode(chunk).lower()))
    slug = "-".join(w for w in words if w)
    if len(slug) > MAX_SLUG:
        # At a word's end; a single word longer than that is simply cut.
        slug = slug[: MAX_SLUG + 1].rsplit("-", 1)[0][:MAX_SLUG]
    return slug


def parse_start(value: str) -> dt.datetime | dt.date:
    """``YYYY-MM-DD HH:MM`` (or a date alone, for an all-day event)."""
    text = value.strip().replace("T", " ")
    for form in (DATE_FORMAT, "%Y-%m-%d"):
        try:
            parsed = dt.datetime.strptime(text, form)
        except ValueError:
            continue
        return parsed if form == DATE_FORMAT else parsed.date()
    raise ValueError(f"START = {value!r}: not a date and time (use YYYY-MM-DD HH:MM)")


def render(
    kind: str,
    title: str,
    slug: str,
    lang: str,
    now: dt.datetime,
    *,
    start: dt.datetime | dt.date | None = None,
    copied: dict[str, str] | None = None,
    translation: bool = False,
    author: str = "",
    languages: tuple[str, ...] = ("en",),
    zone: ZoneInfo = UTC_ZONE,
    duration: dt.timedelta = TWO_HOURS,
) -> str:
    """The text of a new content file of ``kind``.

    ``copied`` holds fields taken from the original when this is a translation (its date,
    its gallery); an event's translation has no schedule of its own: it takes the original's.
    The help in the file names the site's `languages` (the default first) and `zone`; a new
    event lasts `duration` (EVENTS_DEFAULT_DURATION), on the clock of `zone`.
    """
    copied = copied or {}
    words = WORDS.get(lang, WORDS["en"])
    author = author or words["author"]  # the site's AUTHOR when it has one
    meta = [
        ("Title", title),
        ("Slug", slug),
        ("Lang", lang),
        ("Date", now.strftime(DATE_FORMAT)),
    ]
    if kind == "event" and translation and "Date" not in copied:
        meta.pop()  # dated like its original, by the event's start
    if kind == "article":
        meta += [("Category", "News"), ("Tags", words["news_tags"])]
    elif kind == "event":
        meta += [("Category", "Events"), ("Tags", words["event_tags"])]
    meta += [("Author", author), ("Status", "published")]
    if kind == "event":
        end = _end_of(start, zone, duration)
        more, body, extra = _event_fields({**words, "author": author}, start, end, translation)
    elif kind == "project":
        more = [
            ("Summary", words["summary"]),
            ("Template", "project"),
            ("gallery", slug),
            ("cover", EXAMPLE_PHOTO),
        ]
        body, extra = words["project_body"], HELP_PROJECT
    else:
        more, body, extra = [("Summary", words["summary"])], words["body"], ""
    meta += more
    if copied:
        keys = {key.lower(): i for i, (key, _) in enumerate(meta)}
        for key, value in copied.items():
            if key.lower() in keys:
                meta[keys[key.lower()]] = (meta[keys[key.lower()]][0], value)
            else:
                meta.append((key, value))
    head = "".join(f"{key}: {value}\n" for key, value in meta)
    default, others = languages[0], languages[1:]
    shown = f"{default} (the site's language)" + (
        f"; {', '.join(others)} for a translation" if others else ""
    )
    extra = extra.format(default=default, timezone=zone.key)
    text = HELP_COMMON.format(extra=extra, languages=shown, default=default)
    return f"{head}\n{text}\n{body}\n"


def _end_of(
    start: dt.datetime | dt.date | None, zone: ZoneInfo, duration: dt.timedelta
) -> dt.datetime | dt.date | None:
    """When a new event ends: `duration` after its start, at a time that exists in `zone`
    (two hours after 23:30 may fall in the hour the clocks skip)."""
    if not isinstance(start, dt.datetime):
        return start
    begin = start.replace(tzinfo=zone)
    return (begin.astimezone(dt.UTC) + duration).astimezone(zone).replace(tzinfo=None)


def _event_fields(
    words: dict[str, str],
    start: dt.datetime | dt.date | None,
    end: dt.datetime | dt.date | None,
    translation: bool,
) -> tuple[list[tuple[str, str]], str, str]:
    """An event's fields, body and help; a translation takes its original's schedule."""
    meta = [("Summary", words["event_summary"])]
    extra = HELP_TRANSLATED_EVENT
    if not translation:
        if isinstance(start, dt.datetime) and isinstance(end, dt.datetime):
            begin, until = start.strftime(DATE_FORMAT), end.strftime(DATE_FORMAT)
        elif start is not None:
            begin = until = start.isoformat()
        else:
            raise ValueError('an event needs its start: START="YYYY-MM-DD HH:MM"')
        meta += [("event-start", begin), ("event-end", until)]
        extra = HELP_EVENT
    meta += [
        ("event-location", words["location"]),
        *([] if translation else [("event-status", "scheduled")]),
        ("event-organizer", words["author"]),
        ("event-cost", words["cost"]),
    ]
    return meta, words["event_body"], extra


EXAMPLE_PHOTO = "example.jpg"


PHOTO_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp")


def gallery_photos(gallery: Path) -> list[str]:
    """The photos already in a gallery folder, by name."""
    if not gallery.is_dir():
        return []
    return sorted(
        p.name for p in gallery.iterdir() if p.is_file() and p.suffix.lower() in PHOTO_EXTENSIONS
    )


def captions_text(lang: str, photos: list[str]) -> str:
    """A captions file with one line to fill in per photo."""
    words = WORDS.get(lang, WORDS["en"])
    head = (
        "# One line per photo: file name, colon, caption, a bar |, then the alt text.\n"
        "# 每张照片一行：文件名、冒号、照片说明、竖线 |、给看不见照片的人的描述。\n"
    )
    if photos == [EXAMPLE_PHOTO]:
        head += "# Replace example.jpg with your own photos. / 用你的照片替换 example.jpg。\n"
    return head + "".join(f"{name}: {words['caption']} | {words['alt']}\n" for name in photos)


def write_example_photo(path: Path) -> None:
    """A small plain photo so the new gallery builds before real photos arrive."""
    image = Image.new("RGB", (800, 533), (222, 236, 228))
    draw = ImageDraw.Draw(image)
    for x in range(0, 800, 40):
        draw.line([(x, 0), (x + 533, 533)], fill=(205, 226, 214), width=12)
    image.save(path, "JPEG", quality=80)


# Fields that are the same in every language (the text ones, like the location, are not).
# An event's schedule (event-start, event-rrule, event-status, ...) is not copied: the
# events plugin gives a translation its original's, so it is written in one place only.
# Status is copied: the translation of a draft is a draft (the rule book refuses a
# published translation of a draft event), of a hidden page hidden.
SHARED_FIELDS = ("date", "template", "gallery", "cover", "status")


def folder_of(kind: str, settings: dict[str, Any]) -> str:
    """The folder a new file of `kind` goes to: the first the site reads that kind from."""
    given = {
        "article": (settings.get("ARTICLE_PATHS") or [None])[0],
        "event": (settings.get("EVENTS_PATHS") or [None])[0],
        "project": settings.get("PROJECTS_PATH"),
    }[kind]
    return str(given or FOLDERS[kind])


def original_fields(original: Path) -> dict[str, str]:
    """For a translation: the fields every language shares, read from the original file."""
    fields = read_front_matter(original).fields
    return {
        ("Date" if f.key == "date" else f.key): f.value for f in fields if f.key in SHARED_FIELDS
    }


def slug_owner(
    content: Path, kind: str, slug: str, lang: str, settings: dict[str, Any]
) -> Path | None:
    """The file that already has ``slug`` in ``lang`` where the new one would clash with
    it: Pelican gives articles and events one set of slugs, pages and projects another."""
    if not content.is_dir():
        return None  # the first page of a new site
    wanted = "page" if kind == "project" else "article"
    for doc in find_documents(content, settings):
        if (doc.kind, doc.lang, doc.slug) == (wanted, lang, slug):
            return doc.path
    return None


def site_settings_of(content: Path | None, conf: Path | None = None) -> dict[str, Any]:
    """The site's settings (`conf`, else the site's pelicanconf.py) as `make check` reads
    them, for `content` when given (else the settings' PATH). Pelican wants a PATH that
    exists: a new site's first page has none yet."""
    if conf is None:
        here = Path("pelicanconf.py")
        conf = here if here.is_file() else ROOT / "pelicanconf.py"
    if content is not None and not content.is_dir():
        settings = load_settings(conf, conf.parent)
        settings["PATH"] = str(content.resolve())
        return settings
    return load_settings(conf, content)


def refuse_problems(
    text: str, target: Path, content: Path, kind: str, settings: dict[str, Any] | None = None
) -> None:
    """Raise `ContentRefused` when the rule book finds an error in `text`, the file about
    to be written at `target` (the build's and `make check`'s own rules)."""
    pelican_kind = "page" if kind == "project" else "article"
    settings = settings if settings is not None else site_settings_of(content)
    problems = text_problems(text, target, content, pelican_kind, settings)
    errors = [str(p) for p in problems if p.is_error]
    if errors:
        raise ContentRefused(errors)


def page_url(kind: str, slug: str, lang: str, settings: dict[str, Any]) -> str:
    """Where the new file's page will be, by the site's URL settings (and the events and
    projects plugins' defaults, which only a build fills in)."""
    known = {**EVENT_DEFAULTS, **PROJECT_DEFAULTS, **settings}
    default = str(known.get("DEFAULT_LANG") or "en")
    if kind == "article":
        return str(known[lang_setting("ARTICLE_URL", lang, default)]).format(slug=slug, lang=lang)
    if kind == "project":
        key = lang_setting("GALLERY_PROJECT_URL", lang, default)
        return str(known[key]).format(slug=slug, lang=lang)
    prefix = lang_prefix(lang, default, str(known["EVENTS_LANG_PREFIX"]))
    return prefix + str(known["EVENT_URL"]).format(slug=slug, lang=lang)


def create(
    kind: str,
    title: str,
    content: Path,
    *,
    start: str | None = None,
    lang: str | None = None,
    slug: str | None = None,
    now: dt.datetime | None = None,
    settings: dict[str, Any] | None = None,
) -> Created:
    """Write a new content file (and, for a project, its gallery); never overwrite.

    For a translation (``lang`` not the default) of an existing file with the same slug,
    the fields every language shares are copied from the original.
    """
    if kind not in KINDS:
        raise ValueError(f"kind {kind!r}: use one of {', '.join(KINDS)}")
    # The site's languages, author, time zone, folders and its rules.
    settings = settings if settings is not None else site_settings_of(content)
    default_lang = str(settings.get("DEFAULT_LANG") or "en")
    lang = lang or default_lang
    if not title.strip():
        raise ValueError('TITLE is empty: write for example TITLE="社区开放日"')
    slug = slug or slug_from_title(title)
    if not slug:
        raise ValueError(
            f"the title {title.strip()!r} has no letters or digits to make the address from: "
            "give it yourself, SLUG=new-year-party (with make) or --slug new-year-party"
        )
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug):
        raise ValueError(
            f"slug {slug!r}: use lower-case letters, digits and '-' (for example open-day)"
        )
    folder = content / folder_of(kind, settings)
    target = folder / f"{slug}.{lang}.md"
    owner = slug_owner(content, kind, slug, lang, settings)
    if owner is not None and owner.resolve() != target.resolve():
        raise ContentExists(
            f"the address {slug!r} ({lang}) is already used by {_shown(owner)}: give this "
            "one another: SLUG=... (with make) or --slug ..."
        )
    original = folder / f"{slug}.{default_lang}.md"
    translation = lang != default_lang and original.is_file()
    copied = original_fields(original) if translation else {}
    # A translated event keeps its original's schedule, so START is not needed (nor used).
    when = parse_start(start) if kind == "event" and start and not translation else None
    if kind == "event" and when is None and not translation:
        raise ValueError('an event needs its start: START="YYYY-MM-DD HH:MM"')
    now = now or dt.datetime.now(ZoneInfo(str(settings.get("TIMEZONE") or "UTC")))

    files = [target]
    photos: list[str] = []
    galleries = content / str(settings.get("GALLERY_PATH") or "galleries")
    gallery = galleries / copied.get("gallery", slug)
    if kind == "project":
        captions = gallery / ("captions.txt" if lang == default_lang else f"captions.{lang}.txt")
        photos = _gallery_photos_inside(gallery, content)
        files += [captions] if photos else [captions, gallery / EXAMPLE_PHOTO]
        photos = photos or [EXAMPLE_PHOTO]
        copied.setdefault("cover", photos[0])
    for path in files:
        if path.exists():
            raise ContentExists(f"{path} already exists: nothing was changed")

    text = render(
        kind, title.strip(), slug, lang, now, start=when, copied=copied,
        translation=translation, **_site_words(settings, default_lang),
    )  # fmt: skip
    refuse_problems(text, target, content, kind, settings)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8") as out:  # "x": fails rather than overwrite
        out.write(text)
    if kind == "project":
        gallery.mkdir(parents=True, exist_ok=True)
        with captions.open("x", encoding="utf-8") as out:
            out.write(captions_text(lang, photos))
        if photos == [EXAMPLE_PHOTO] and not (gallery / EXAMPLE_PHOTO).exists():
            write_example_photo(gallery / EXAMPLE_PHOTO)
    return Created(files=files, url=page_url(kind, slug, lang, settings))


def _site_words(settings: dict[str, Any], default_lang: str) -> dict[str, Any]:
    """What `render` takes from the site: its author, languages, time zone and the length
    of an event."""
    rules = rules_of(settings)
    return {
        "author": str(settings.get("AUTHOR") or ""),
        "languages": tuple(dict.fromkeys([default_lang, *content_languages(settings)])),
        "zone": ZoneInfo(rules.timezone),
        "duration": rules.default_duration,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=KINDS)
    parser.add_argument("title")
    parser.add_argument("--start", help='an event\'s start, "YYYY-MM-DD HH:MM"')
    parser.add_argument("--lang", help="the page's language (default: the site's)")
    parser.add_argument("--slug", help="the address; for a translation, the original's slug")
    parser.add_argument("--content", help="content folder (default: the settings' PATH)")
    parser.add_argument("-s", "--settings", help="settings file (default: pelicanconf.py)")
    args = parser.parse_args(argv)
    conf = Path(args.settings) if args.settings else None
    given = args.content or default_content()
    content = Path(given) if given else None
    settings = site_settings_of(content, conf)
    try:
        created = create(
            args.kind,
            args.title,
            Path(settings["PATH"]),
            start=args.start,
            lang=args.lang,
            slug=args.slug,
            settings=settings,
        )
    except (ContentExists, ValueError) as error:
        print(f"new {args.kind}: {error}", file=sys.stderr)
        return 1
    for path in created.files:
        print(f"created {_shown(path)}")
    print(
        f"\nNext: open {_shown(created.files[0])} in your editor and replace every TODO.\n"
        "Preview: run  make devserver  and open "
        f"http://127.0.0.1:8000/{created.url}\n"
        "Check:   run  make check  before you commit."
    )
    return 0


def _gallery_photos_inside(gallery: Path, content: Path) -> list[str]:
    """`gallery_photos` of a project's folder, which must be in the content folder: a link
    to a folder elsewhere would have the scaffold write there."""
    if not gallery.resolve().is_relative_to(content.resolve()):
        raise ValueError(
            f"{_shown(gallery)} is a link to a folder outside {_shown(content)}: the site "
            "does not publish photos from there; make it a folder of its own"
        )
    return gallery_photos(gallery)


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


if __name__ == "__main__":
    sys.exit(main())
