"""config.yml for the editor at /admin/, from the site's own settings and rules.

Pure core: a `Site` of plain values in (`glue.site_of` reads it from Pelican's settings
and the build's categories and tags), a mapping out (`cms_config`), which `yamltext`
writes. Every folder, language, event key and status comes from the plugins that read
them, so the editor cannot drift from the build.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from events.model import KNOWN_KEYS, Status

from .help import hint, label

__all__ = ["DECAP_LOCALES", "EVENT_WIDGETS", "Site", "cms_config", "event_fields"]

# Decap's interface languages for our language codes.
DECAP_LOCALES = {"zh": "zh_Hans", "en": "en"}
SLUG_PATTERN = ["^[a-z0-9]+(-[a-z0-9]+)*$", "a-z, 0-9, - (open-day)"]
DATE_PATTERN = ["^\\d{4}-\\d{2}-\\d{2}( \\d{2}:\\d{2})?$", "YYYY-MM-DD HH:MM"]
FORMAT = "pelican"  # registered by admin/cms-setup.js: Pelican's `Key: value` lines
CAPTIONS_FORMAT = "captions"  # the gallery plugin's captions.txt


@dataclass(frozen=True)
class Site:
    """What the editor needs to know about the site, paths relative to the repository."""

    content: str  # PATH below the repository's root: "content"
    languages: Sequence[str]  # the default first
    article_paths: Sequence[str]
    event_paths: Sequence[str]
    page_paths: Sequence[str]
    projects_path: str
    gallery_path: str
    images_path: str
    timezone: str
    default_category: str
    categories: Sequence[str] = ()
    tags: Sequence[str] = ()
    repo: str = ""
    branch: str = "main"
    editorial_workflow: bool = True
    open_authoring: bool = False
    auth_url: str = ""
    site_url: str = ""
    extra: Mapping[str, Any] = field(default_factory=dict)


Field = dict[str, Any]


def _field(
    key: str, widget: str, *, required: bool = True, i18n: object = True, **more: Any
) -> Field:
    spec: Field = {"label": label(key), "name": key, "widget": widget, "hint": hint(key)}
    if not required:
        spec["required"] = False
    if i18n is not None:
        spec["i18n"] = i18n
    spec.update(more)
    return spec


def _when(key: str, required: bool) -> Field:
    """A day, and a time unless the event lasts all day (admin/cms-setup.js, "when"):
    Decap's own date-and-time picker always writes a time."""
    pattern = ["^\\d{4}-\\d{2}-\\d{2}([ T]\\d{2}:\\d{2}.*)?$", "2030-07-01 19:30 / 2030-07-05"]
    return _field(key, "when", required=required, i18n="duplicate", pattern=pattern)


def _text(key: str, i18n: object = True) -> Field:
    return _field(key, "string", required=False, i18n=i18n)


def _status(_: Site) -> Field:
    options = [status.value for status in Status]
    return _field("event-status", "select", required=False, i18n="duplicate", options=options)


def _rrule(_: Site) -> Field:
    pattern = ["^FREQ=(DAILY|WEEKLY|MONTHLY|YEARLY)(;[A-Z]+=[^;]+)*$", "FREQ=WEEKLY;BYDAY=TU"]
    return _field("event-rrule", "rrule", required=False, i18n=False, pattern=pattern)


def _exdate(_: Site) -> Field:
    return _field("event-exdate", "list", required=False, i18n=False)


def _timezone(site: Site) -> Field:
    spec = _field("event-timezone", "string", required=False, i18n="duplicate")
    spec["hint"] += f" ({site.timezone})"
    return spec


EVENT_WIDGETS: dict[str, Callable[[Site], Field]] = {
    "event-start": lambda site: _when("event-start", True),
    "event-end": lambda site: _when("event-end", False),
    "event-duration": lambda site: _text("event-duration", "duplicate"),
    "event-timezone": _timezone,
    "event-rrule": _rrule,
    "event-exdate": _exdate,
    "event-status": _status,
    "event-status-reason": lambda site: _text("event-status-reason"),
    "event-location": lambda site: _text("event-location"),
    "event-geo": lambda site: {
        **_text("event-geo", "duplicate"),
        "pattern": ["^-?\\d+(\\.\\d+)?\\s*[;,]\\s*-?\\d+(\\.\\d+)?$", "26.89;112.62"],
    },
    "event-url": lambda site: {
        **_text("event-url", "duplicate"),
        "pattern": ["^(https?://|mailto:)\\S+$", "https://… / mailto:…"],
    },
    "event-organizer": lambda site: _text("event-organizer"),
    "event-cost": lambda site: _text("event-cost"),
    "event-categories": lambda site: _field("event-categories", "list", required=False),
    "event-uid": lambda site: _text("event-uid", "duplicate"),
    "event-description": lambda site: _field("event-description", "text", required=False),
}


def event_fields(site: Site) -> list[Field]:
    """A widget for every key the events plugin reads, in its order."""
    return [EVENT_WIDGETS[key](site) for key in KNOWN_KEYS]


def _known(values: Sequence[str]) -> tuple[str, str]:
    if not values:
        return ("", "")
    shown = ", ".join(values[:30])
    return (f"已有：{shown}", f" In use: {shown}")


def _head(site: Site, *, dated: bool) -> list[Field]:
    fields = [
        _field("title", "string"),
        _field("slug", "string", i18n="duplicate", pattern=SLUG_PATTERN),
        _field("lang", "lang", required=False),
    ]
    if dated:
        fields.append(_when("date", True))
    return fields


def _taxonomy(site: Site) -> list[Field]:
    categories = sorted({site.default_category, *site.categories} - {""})
    category = _field("category", "select", required=False, i18n="duplicate", options=categories)
    category["default"] = site.default_category
    tags = _field("tags", "list", required=False)
    tags["hint"] = hint("tags", _known(list(site.tags)))
    return [category, tags]


def _body() -> Field:
    return _field("body", "markdown", required=False, modes=["raw", "rich_text"])


def _folder(site: Site, folder: str) -> str:
    return "/".join(part for part in (site.content, folder) if part)


def _collection(site: Site, name: str, label: str, folder: str, fields: list[Field]) -> Field:
    images = _folder(site, site.images_path)
    return {
        "name": name,
        "label": label,
        "folder": _folder(site, folder),
        "create": True,
        "extension": "md",
        "format": FORMAT,
        "slug": "{{fields.slug}}",
        "identifier_field": "title",
        "summary": "{{title}} ({{slug}})",
        "i18n": True,
        "media_folder": f"/{images}/{folder}",
        "public_folder": f"/{site.images_path}/{folder}",
        "fields": fields,
    }


def _news(site: Site, folder: str, index: int) -> Field:
    fields = [*_head(site, dated=True), *_taxonomy(site)]
    fields += [_field("author", "string", required=False), _text("summary"), _body()]
    label = "新闻 News" + (f" ({folder})" if index else "")
    return _collection(site, "news" if not index else f"news-{folder}", label, folder, fields)


def _events(site: Site, folder: str, index: int) -> Field:
    fields = [*_head(site, dated=True), *_taxonomy(site)]
    fields += [_field("author", "string", required=False), _text("summary")]
    fields += [*event_fields(site), _body()]
    label = "活动 Events" + (f" ({folder})" if index else "")
    return _collection(site, "events" if not index else f"events-{folder}", label, folder, fields)


def _pages(site: Site, folder: str, index: int) -> Field:
    fields = [*_head(site, dated=False), _text("summary"), _body()]
    label = "页面 Pages" + (f" ({folder})" if index else "")
    return _collection(site, "pages" if not index else f"pages-{folder}", label, folder, fields)


def _projects(site: Site) -> Field:
    template = _field("template", "hidden", i18n="duplicate", default="project")
    gallery = _field("gallery", "string", required=False, i18n="duplicate", pattern=SLUG_PATTERN)
    cover = _field("cover", "string", required=False, i18n="duplicate")
    order = _field("order", "number", required=False, i18n="duplicate", value_type="int")
    fields = [*_head(site, dated=False), template, gallery, cover, _text("summary"), order, _body()]
    return _collection(site, "projects", "项目 Projects", site.projects_path, fields)


def _galleries(site: Site) -> Field:
    photo = _field("photo", "image", i18n=None, choose_url=False)
    caption = _field("caption", "string", required=False, i18n=None)
    alt = _field("alt", "string", required=False, i18n=None)
    photos = _field("photos", "list", i18n=None, fields=[photo, caption, alt])
    photos["summary"] = "{{fields.photo}}: {{fields.caption}}"
    photos["collapsed"] = False
    photos["label_singular"] = "照片 Photo"
    # required for a new gallery only: the "folder" widget checks that (cms-setup.js)
    name = _field("name", "folder", required=False, i18n=None)
    return {
        "name": "galleries",
        "label": "相册 Galleries",
        "label_singular": "相册 Gallery",
        "folder": _folder(site, site.gallery_path),
        "create": True,
        "extension": "txt",
        "format": CAPTIONS_FORMAT,
        "path": "{{slug}}/captions",
        "slug": "{{fields.name}}",
        "identifier_field": "name",
        "summary": "{{dirname}} · {{filename}}.{{extension}}",
        "media_folder": "",
        "public_folder": "",
        "fields": [name, photos],
    }


def _backend(site: Site) -> Field:
    backend: Field = {"name": "github", "repo": site.repo or "owner/name", "branch": site.branch}
    if site.auth_url:
        backend["base_url"] = site.auth_url
    if site.open_authoring:
        backend["open_authoring"] = True
    backend["commit_messages"] = {
        "create": "Add {{collection}} “{{slug}}”",
        "update": "Update {{collection}} “{{slug}}”",
        "delete": "Delete {{collection}} “{{slug}}”",
        "uploadMedia": "Upload “{{path}}”",
        "deleteMedia": "Delete “{{path}}”",
    }
    return backend


def cms_config(site: Site) -> dict[str, Any]:
    """The whole config.yml as a mapping (see docs/CMS.md for each part)."""
    default = site.languages[0]
    config: dict[str, Any] = {"backend": _backend(site)}
    if site.editorial_workflow:
        config["publish_mode"] = "editorial_workflow"
    config["locale"] = DECAP_LOCALES.get(default, "en")
    if site.site_url:
        config["site_url"] = site.site_url
        config["display_url"] = site.site_url
    config["media_folder"] = f"{_folder(site, site.images_path)}"
    config["public_folder"] = f"/{site.images_path}"
    config["i18n"] = {
        "structure": "multiple_files",
        "locales": list(site.languages),
        "default_locale": default,
    }
    events = set(site.event_paths)
    collections = [
        _news(site, f, i) for i, f in enumerate(a for a in site.article_paths if a not in events)
    ]
    collections += [_events(site, f, i) for i, f in enumerate(site.event_paths)]
    collections += [
        _pages(site, f, i)
        for i, f in enumerate(p for p in site.page_paths if p != site.projects_path)
    ]
    collections += [_projects(site), _galleries(site)]
    config["collections"] = collections
    config.update(site.extra)
    return config
