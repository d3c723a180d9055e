"""A deterministic synthetic site: articles, events, pages, projects and galleries of photos.

    python -m benchmarks.corpus --size tiny          # generate (or reuse) .cache/bench/corpus-*

One corpus is written twice: `ours/content/` in our site's format (`gallery: NAME`,
`Template: project`) and `reference/content/` for plain Pelican with pelican-photos
(`gallery: {photo}NAME`, the photos read from `ours/content/galleries/` through
`PHOTO_LIBRARY`). Photos are written once. `manifest.json` says what is where, including the
article the benchmark edits and the extra photo it adds.

Everything comes from `random.Random` seeded with strings derived from the seed, so the same
size and seed give the same files, and a corpus on disk is reused until GENERATOR_VERSION
changes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing
import os
import random
import shutil
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from PIL import ExifTags, Image

from benchmarks.photos import PHOTO_VERSION, PhotoSize, make_photo

# Bump when the generator's output changes, so cached corpora are not reused by mistake.
GENERATOR_VERSION = 2
ROOT = Path(__file__).resolve().parent.parent
CACHE_ROOT = ROOT / ".cache" / "bench"
PHONE = PhotoSize(4000, 3000)


@dataclass(frozen=True)
class CorpusSize:
    name: str
    articles: int
    events: int
    photos: int
    galleries: int
    photo_size: PhotoSize = PHONE


def text_only(size: CorpusSize) -> CorpusSize:
    """The same articles, events and pages without galleries, projects or photos."""
    return replace(size, name=f"{size.name}-text", photos=0, galleries=0)


SIZES = {
    "tiny": CorpusSize("tiny", articles=12, events=6, photos=6, galleries=2),
    "small": CorpusSize("small", articles=100, events=20, photos=50, galleries=5),
    "medium": CorpusSize("medium", articles=1000, events=200, photos=400, galleries=20),
    # A decade of weekly news in ten communities; text only (the preview measurement).
    "large": CorpusSize("large", articles=10000, events=1000, photos=0, galleries=0),
}

# Dates are fixed, never "now": the corpus must not change from one day to the next.
FIRST_DAY = dt.date(2019, 1, 7)
LAST_DAY = dt.date(2026, 11, 20)
EVENTS_FROM = dt.date(2025, 6, 1)
EVENTS_DAYS = 540

WORDS = (  # noqa: SIM905 (a paragraph of words reads better than a list of strings)
    "community neighbours volunteers garden library meeting residents children elders youth "
    "home workshop festival market recycling river park street committee notice schedule "
    "weekend morning evening lunch tea dumplings music dance chess painting calligraphy "
    "reading homework tutoring health check clinic nurse doctor exercise walking tai chi "
    "badminton football bicycle repair safety fire drill lanterns spring autumn harvest "
    "moon cakes volunteers thanks photos project plan budget report survey questions answers "
    "kindness help share learn build clean plant trees flowers water paint wall mural "
    "stage performance choir concert film screening games puzzle competition prize "
    "registration sign up free open welcome together family friends visit bring please"
).split()
CJK = (
    "清泉山社区欢迎大家参加。",
    "青年之家每周六下午开放。",
    "请提前报名，名额有限。",
    "感谢所有志愿者的辛勤付出。",
    "活动地点在社区活动中心二楼。",
    "孩子们度过了一个愉快的下午。",
    "老人们一起包饺子，热闹非凡。",
    "垃圾分类，从我做起。",
)
CATEGORIES = ("News", "Youth Home", "Volunteers", "Health", "Culture", "Notices")
TAGS = (
    *("garden", "children", "elders", "volunteers", "health", "sports", "music", "art"),
    *("reading", "safety", "recycling", "festival", "food", "library", "repair"),
    *("tutoring", "dance", "chess", "film", "photography"),
)
LOCATIONS = (
    "清泉山社区活动中心 2F",
    "Youth Home, Building 3",
    "Community garden, north gate",
    "Qingquan Park pavilion",
    "Library reading room",
)


def _words(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(count))


def _title(rng: random.Random) -> str:
    return _words(rng, rng.randint(3, 7)).capitalize()


def _sentence(rng: random.Random) -> str:
    if rng.random() < 0.08:
        return rng.choice(CJK)
    text = _words(rng, rng.randint(6, 18)).capitalize()
    if rng.random() < 0.15:
        text += f" ([details](https://example.org/{rng.choice(WORDS)}/{rng.randint(1, 999)}))"
    return text + rng.choice(".....?!")


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(3, 7)))


def _body(rng: random.Random, links: list[str]) -> str:
    """About 300 to 900 words of Markdown: sections, paragraphs, lists, links."""
    parts = [_paragraph(rng)]
    for _ in range(rng.randint(2, 5)):
        parts.append(f"## {_title(rng)}")
        for _ in range(rng.randint(1, 3)):
            parts.append(_paragraph(rng))
        roll = rng.random()
        if roll < 0.3:
            parts.append("\n".join(f"- {_words(rng, rng.randint(3, 9))}" for _ in range(4)))
        elif roll < 0.45:
            parts.append("\n".join(f"{n}. {_words(rng, rng.randint(3, 9))}" for n in (1, 2, 3)))
        elif roll < 0.55:
            parts.append(f"> {_sentence(rng)}")
    if links and rng.random() < 0.5:
        target = rng.choice(links)
        parts.append(f"See also [an earlier story]({{filename}}/{target}).")
    return "\n\n".join(parts) + "\n"


def _day(rng: random.Random, first: dt.date, days: int) -> dt.date:
    return first + dt.timedelta(days=rng.randrange(days))


def _meta(fields: dict[str, str]) -> str:
    return "".join(f"{key}: {value}\n" for key, value in fields.items()) + "\n"


def _article(index: int, seed: int, links: list[str]) -> dict[str, str]:
    """Files (relative path -> text) for article number `index`, with its translation if any."""
    rng = random.Random(f"{seed}:article:{index}")
    title = _title(rng)
    slug = f"a{index:04d}-" + "-".join(title.lower().split()[:3])
    day = _day(rng, FIRST_DAY, (LAST_DAY - FIRST_DAY).days)
    fields = {
        "Title": title,
        "Date": f"{day.isoformat()} {rng.randint(8, 20):02d}:{rng.choice((0, 15, 30, 45)):02d}",
        "Category": rng.choice(CATEGORIES),
        "Tags": ", ".join(sorted(rng.sample(TAGS, rng.randint(1, 3)))),
        "Slug": slug,
        "Summary": _sentence(rng),
    }
    files = {f"articles/{slug}.md": _meta(fields) + _body(rng, links)}
    if index % 10 == 3:  # one article in ten has an English translation
        english = {**fields, "Title": f"{title} (English)", "Lang": "en"}
        files[f"articles/{slug}.en.md"] = _meta(english) + _body(rng, [])
    return files


def _event(index: int, seed: int) -> dict[str, str]:
    rng = random.Random(f"{seed}:event:{index}")
    title = _title(rng)
    slug = f"e{index:04d}-" + "-".join(title.lower().split()[:3])
    start_day = _day(rng, EVENTS_FROM, EVENTS_DAYS)
    posted = start_day - dt.timedelta(days=rng.randint(7, 30))
    fields = {
        "Title": title,
        "Date": f"{posted.isoformat()} 09:00",
        "Category": "Events",
        "Tags": ", ".join(sorted(rng.sample(TAGS, rng.randint(1, 2)))),
        "Slug": slug,
        "Summary": _sentence(rng),
    }
    if rng.random() < 0.15:  # all-day, sometimes several days
        fields["event-start"] = start_day.isoformat()
        if rng.random() < 0.5:
            fields["event-end"] = (start_day + dt.timedelta(days=rng.randint(1, 4))).isoformat()
    else:
        hour = rng.randint(8, 19)
        fields["event-start"] = f"{start_day.isoformat()} {hour:02d}:{rng.choice((0, 30)):02d}"
        if rng.random() < 0.5:
            fields["event-duration"] = rng.choice(("1h", "90m", "2h", "2h 30m", "3h"))
        else:
            fields["event-end"] = f"{start_day.isoformat()} {min(hour + 2, 23):02d}:00"
        if rng.random() < 0.3:  # some recurring series, starting on one of their dates
            weekday = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")[start_day.weekday()]
            nth = min((start_day.day - 1) // 7 + 1, 4)
            if (start_day.day - 1) // 7 + 1 > 4:  # a fifth weekday: use the fourth instead
                start_day -= dt.timedelta(days=7)
                fields["event-start"] = f"{start_day.isoformat()} {fields['event-start'][-5:]}"
                if "event-end" in fields:
                    fields["event-end"] = f"{start_day.isoformat()} {fields['event-end'][-5:]}"
            rule = rng.choice(
                (
                    f"FREQ=WEEKLY;BYDAY={weekday};COUNT={rng.randint(4, 20)}",
                    f"FREQ=WEEKLY;INTERVAL=2;BYDAY={weekday};UNTIL=20270630T235959Z",
                    f"FREQ=MONTHLY;BYDAY={nth}{weekday}",
                )
            )
            fields["event-rrule"] = rule
            if "WEEKLY" in rule and rng.random() < 0.5:
                skipped = start_day + dt.timedelta(days=14)
                fields["event-exdate"] = f"{skipped.isoformat()} {fields['event-start'][-5:]}"
    fields["event-location"] = rng.choice(LOCATIONS)
    if rng.random() < 0.4:
        lat, lon = 31.2 + rng.uniform(-0.02, 0.02), 121.4 + rng.uniform(-0.02, 0.02)
        fields["event-geo"] = f"{lat:.5f};{lon:.5f}"
    if rng.random() < 0.05:
        fields["event-status"] = "cancelled"
        fields["event-status-reason"] = "Heavy rain forecast"
    if rng.random() < 0.3:
        fields["event-organizer"] = "青年之家"
        fields["event-cost"] = rng.choice(("Free", "免费", "10 yuan"))
    return {f"events/{slug}.md": _meta(fields) + _body(rng, [])}


def _pages(seed: int) -> dict[str, str]:
    rng = random.Random(f"{seed}:pages")
    return {
        f"pages/{slug}.md": _meta({"Title": slug.capitalize(), "Slug": slug}) + _body(rng, [])
        for slug in ("about", "contact", "volunteer")
    }


@dataclass(frozen=True)
class Photo:
    gallery: str
    name: str
    seed: str
    taken: str


def _gallery_names(seed: int, count: int) -> list[str]:
    rng = random.Random(f"{seed}:galleries")
    return [
        f"{rng.choice(WORDS)}-{rng.choice(WORDS)}-{n:02d}".replace(" ", "-") for n in range(count)
    ]


def _plan_photos(seed: int, size: CorpusSize) -> tuple[list[Photo], Photo | None]:
    """Every photo of the corpus (galleries of about equal size), and the one the bench adds."""
    if not size.photos or not size.galleries:
        return [], None
    names = _gallery_names(seed, size.galleries)
    rng = random.Random(f"{seed}:photo-times")
    when = dt.datetime(2024, 3, 2, 9, 0)
    photos = []
    for index in range(size.photos + 1):
        when += dt.timedelta(minutes=rng.randint(1, 600), seconds=rng.randint(0, 59))
        gallery = names[index * size.galleries // max(size.photos, 1) % size.galleries]
        photos.append(
            Photo(
                gallery=gallery,
                name=f"IMG_{when:%Y%m%d_%H%M%S}.jpg",
                seed=f"{seed}:photo:{index}",
                taken=f"{when:%Y:%m:%d %H:%M:%S}",
            )
        )
    return photos[:-1], photos[-1]


def _projects(seed: int, galleries: list[str], style: str) -> dict[str, str]:
    """One project page per gallery, in our format or pelican-photos' one."""
    files = {}
    for name in galleries:
        rng = random.Random(f"{seed}:project:{name}")
        gallery = name if style == "ours" else "{photo}" + name
        fields = {
            "Title": _title(rng),
            "Slug": f"project-{name}",
            "Template": "project",
            "gallery": gallery,
            "Summary": _sentence(rng),
        }
        files[f"projects/{name}.md"] = _meta(fields) + _body(rng, [])
    return files


def _captions(seed: int, photos: list[Photo]) -> dict[str, str]:
    """`captions.txt` per gallery, the pelican-photos format: `file.jpg: caption`."""
    rng = random.Random(f"{seed}:captions")
    lines: dict[str, list[str]] = {}
    for photo in photos:
        if rng.random() < 0.7:
            caption = _sentence(rng) if rng.random() < 0.8 else rng.choice(CJK)
            lines.setdefault(photo.gallery, []).append(f"{photo.name}: {caption}")
    return {f"galleries/{g}/captions.txt": "\n".join(text) + "\n" for g, text in lines.items()}


def _write(root: Path, files: dict[str, str]) -> None:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


PhotoJob = tuple[str, str, tuple[int, int], str, str | None]


def _write_photo(job: PhotoJob) -> tuple[str, int, int]:
    """Make one photo, or hard-link the same photo from an older corpus (same photo version)."""
    path, seed, full, taken, previous = job
    if previous is not None and Path(previous).is_file():
        os.link(previous, path)
        with Image.open(path) as image:
            orientation = image.getexif().get(ExifTags.Base.Orientation, 1)
        return path, Path(path).stat().st_size, orientation
    spec, data = make_photo(seed, PhotoSize(*full), taken)
    Path(path).write_bytes(data)
    return path, len(data), spec.orientation


def generate(
    dest: Path, size: CorpusSize, seed: int, jobs: int = 1, previous: Path | None = None
) -> dict[str, object]:
    """Write the corpus for `size` and `seed` into the empty folder `dest`; return its manifest.

    Photos already made by the same photo generator for an older corpus `previous` (same
    size and seed) are hard-linked from it rather than made again.
    """
    started = time.perf_counter()
    ours, reference = dest / "ours" / "content", dest / "reference" / "content"
    text: dict[str, str] = {}
    links: list[str] = []
    for index in range(size.articles):
        files = _article(index, seed, links)
        text.update(files)
        links.append(next(iter(files)))
    for index in range(size.events):
        text.update(_event(index, seed))
    text.update(_pages(seed))
    photos, extra = _plan_photos(seed, size)
    galleries = sorted({p.gallery for p in photos})
    _write(ours, {**text, **_projects(seed, galleries, "ours"), **_captions(seed, photos)})
    _write(reference, {**text, **_projects(seed, galleries, "reference")})

    (dest / "extra").mkdir(parents=True)

    def job(folder: str, photo: Photo) -> PhotoJob:
        path = dest / folder / photo.name
        old = None if previous is None else str(previous / folder / photo.name)
        return (str(path), photo.seed, size.photo_size, photo.taken, old)

    work = [job(f"ours/content/galleries/{p.gallery}", p) for p in photos]
    if extra is not None:
        work.append(job("extra", extra))
    for path, *_ in work:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    if jobs > 1 and len(work) > 1:
        with multiprocessing.Pool(jobs) as pool:
            written = pool.map(_write_photo, work, chunksize=1)
    else:
        written = [_write_photo(job) for job in work]
    written = written[: len(photos)]  # the last one, if any, is the photo the bench adds
    photo_bytes = [n for _, n, _ in written]

    article_paths = sorted(
        p for p in text if p.startswith("articles/") and not p.endswith(".en.md")
    )
    manifest: dict[str, object] = {
        "generator_version": GENERATOR_VERSION,
        "photo_version": PHOTO_VERSION,
        "size": asdict(size),
        "seed": seed,
        "articles": len(article_paths),
        "translations": sum(p.endswith(".en.md") for p in text),
        "events": sum(p.startswith("events/") for p in text),
        "recurring_events": sum(
            "event-rrule:" in t for p, t in text.items() if p.startswith("events/")
        ),
        "pages": 3,
        "projects": len(galleries),
        "galleries": galleries,
        "photos": len(photos),
        "photo_bytes": sum(photo_bytes),
        "rotated_photos": sum(o != 1 for _, _, o in written),
        "edit_target": article_paths[len(article_paths) // 2],
        "added_photo": None
        if extra is None
        else {"gallery": extra.gallery, "name": extra.name, "source": f"extra/{extra.name}"},
        "generated_in_s": round(time.perf_counter() - started, 1),
    }
    (dest / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def corpus_dir(size: CorpusSize, seed: int, cache_root: Path = CACHE_ROOT) -> Path:
    return cache_root / f"corpus-{size.name}-seed{seed}-v{GENERATOR_VERSION}"


def ensure_corpus(
    size: CorpusSize, seed: int, cache_root: Path = CACHE_ROOT, jobs: int = 1
) -> tuple[Path, dict[str, object]]:
    """Return the cached corpus for size and seed, generating it first if it is not there."""
    dest = corpus_dir(size, seed, cache_root)
    manifest_path = dest / "manifest.json"
    if manifest_path.exists():
        return dest, json.loads(manifest_path.read_text(encoding="utf-8"))
    # Generate beside it and rename, so an interrupted run never leaves half a corpus.
    staging = dest.with_name(f"{dest.name}.tmp-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    older = [p for p in cache_root.glob(f"corpus-{size.name}-seed{seed}-v*") if p != dest]
    previous = None
    for candidate in older:
        try:
            old = json.loads((candidate / "manifest.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if old.get("photo_version") == PHOTO_VERSION and old["size"] == asdict(size):
            previous = candidate
    try:
        manifest = generate(staging, size, seed, jobs, previous)
        shutil.rmtree(dest, ignore_errors=True)
        os.replace(staging, dest)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    for stale in older:  # superseded by this one (its photos live on as hard links)
        shutil.rmtree(stale, ignore_errors=True)
    return dest, manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate (or reuse) a benchmark corpus.")
    parser.add_argument("--size", choices=sorted(SIZES), default="tiny")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--text-only", action="store_true", help="no galleries, projects or photos")
    args = parser.parse_args(argv)
    size = text_only(SIZES[args.size]) if args.text_only else SIZES[args.size]
    dest, manifest = ensure_corpus(size, args.seed, jobs=args.jobs)
    print(f"{dest}: {manifest['articles']} articles, {manifest['events']} events, "
          f"{manifest['photos']} photos ({int(manifest['photo_bytes']) / 1e6:.0f} MB)")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
