"""The cms plugin: /admin/ and its config.yml, made from the site's settings at build time.

The builds use a stand-in bundle (a few small files named as Decap's dist/), so these
tests need neither npm nor the real editor; tests/browser/test_cms.py drives the real one.
"""

from __future__ import annotations

import logging
import re
import shutil
from pathlib import Path
from typing import Any

import brotli
import pytest
import yaml
from cms.config import EVENT_WIDGETS, Site, cms_config
from cms.help import HELP, LABELS
from cms.settings import settings_problems
from conftest import FIXTURES, build_site
from events.model import KNOWN_KEYS

CONTENT = FIXTURES / "cms_site" / "content"
HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("dist")
    (folder / "decap-cms.js").write_text("/* the editor */\nvar  x = 1 ;\n")
    (folder / "decap-cms.js.LICENSE.txt").write_text("MIT and friends\n")
    (folder / "101.decap-cms.js").write_text("/* a chunk */\n")
    (folder / "decap-cms.js.map").write_text("{}")
    (folder / "cms.js").write_text("/* the same again */\n")
    (folder / "abc.wasm").write_bytes(b"\0asm")
    return folder


def _site(**changes: Any) -> Site:
    values: dict[str, Any] = {
        "content": "content",
        "languages": ["zh", "en"],
        "article_paths": ["articles", "events"],
        "event_paths": ["events"],
        "page_paths": ["pages", "projects"],
        "projects_path": "projects",
        "gallery_path": "galleries",
        "images_path": "images",
        "timezone": "Asia/Shanghai",
        "default_category": "News",
    }
    return Site(**{**values, **changes})


def _collection(config: dict[str, Any], name: str) -> dict[str, Any]:
    return next(c for c in config["collections"] if c["name"] == name)


def _fields(fields: list[dict[str, Any]]) -> list[dict[str, Any]]:
    found = []
    for spec in fields:
        found.append(spec)
        found += _fields(spec.get("fields", []))
    return found


def test_every_event_key_has_a_widget() -> None:
    assert set(EVENT_WIDGETS) == set(KNOWN_KEYS)
    events = _collection(cms_config(_site()), "events")
    names = [f["name"] for f in events["fields"]]
    for key in KNOWN_KEYS:
        assert key in names, key
    widgets = {f["name"]: f["widget"] for f in events["fields"]}
    assert widgets["event-start"] == "when" and widgets["event-rrule"] == "rrule"
    assert widgets["event-exdate"] == "list" and widgets["event-status"] == "select"
    status = next(f for f in events["fields"] if f["name"] == "event-status")
    assert "moved-online" in status["options"]


def test_every_field_has_help_in_both_languages() -> None:
    assert set(HELP) == set(LABELS)
    for collection in cms_config(_site())["collections"]:
        for spec in _fields(collection["fields"]):
            zh, _, en = spec["hint"].partition(" / ")
            assert HAN.search(zh), (collection["name"], spec["name"])
            assert en and not HAN.search(en.split("In use:")[0]), (collection["name"], spec)
            assert HAN.search(spec["label"]) and re.search("[A-Za-z]", spec["label"])


def test_folders_and_languages_follow_the_settings() -> None:
    site = _site(
        languages=["en", "fr"],
        article_paths=["posts", "happenings"],
        event_paths=["happenings"],
        page_paths=["about", "work"],
        projects_path="work",
        content="site/content",
    )
    config = cms_config(site)
    assert config["i18n"] == {
        "structure": "multiple_files",
        "locales": ["en", "fr"],
        "default_locale": "en",
    }
    folders = {c["name"]: c["folder"] for c in config["collections"]}
    assert folders == {
        "news": "site/content/posts",
        "events": "site/content/happenings",
        "pages": "site/content/about",
        "projects": "site/content/work",
        "galleries": "site/content/galleries",
    }


def test_build_writes_admin_from_the_settings(tmp_path: Path, bundle: Path) -> None:
    shutil.copytree(CONTENT, tmp_path / "site" / "content")
    build = build_site(
        tmp_path / "site" / "content", tmp_path / "output", CMS_BUNDLE_PATH=str(bundle),
        CMS_ENABLED=True,
        CMS_REPO="residents/site", CMS_BRANCH="live", EVENTS_PATHS=["events"],
    )  # fmt: skip
    assert build.problems() == []
    admin = tmp_path / "output" / "admin"
    assert sorted(p.name for p in admin.iterdir()) == [
        "101.decap-cms.js", "abc.wasm", "cms-setup.js", "config.yml", "decap-cms.js",
        "decap-cms.js.LICENSE.txt", "index.html",
    ]  # fmt: skip
    config = yaml.safe_load((admin / "config.yml").read_text(encoding="utf-8"))
    assert config["backend"]["repo"] == "residents/site"
    assert config["backend"]["branch"] == "live"
    assert config["publish_mode"] == "editorial_workflow"
    assert config["i18n"]["locales"] == ["zh", "en"]
    # the copy is in no git repository: paths start at the folder holding the content
    assert _collection(config, "events")["folder"] == "content/events"
    assert _collection(config, "galleries")["folder"] == "content/galleries"
    news = _collection(config, "news")
    category = next(f for f in news["fields"] if f["name"] == "category")
    assert {"News", "Events"} <= set(category["options"])
    tags = next(f for f in news["fields"] if f["name"] == "tags")
    assert "志愿服务" in tags["hint"]
    page = (admin / "index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert 'data-preview-style="../theme/css/site.css"' in page
    assert (tmp_path / "output" / "theme" / "css" / "site.css").exists()


def test_no_bundle_leaves_admin_out_with_one_line(tmp_path: Path) -> None:
    build = build_site(
        CONTENT, tmp_path / "output", CMS_BUNDLE_PATH=str(tmp_path / "none"), CMS_ENABLED=True
    )
    assert build.problems() == []
    assert not (tmp_path / "output" / "admin").exists()
    notes = [line for line in build.problems(logging.INFO) if "/admin/ left out" in line]
    assert len(notes) == 1 and "make cms-install" in notes[0]


def test_published_admin_is_no_page_and_kept_as_is(
    tmp_path: Path, bundle: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SITEURL", "https://example.org")
    output = tmp_path / "output"
    build = build_site(CONTENT, output, "publishconf.py", CMS_BUNDLE_PATH=str(bundle))
    assert build.problems(logging.ERROR) == []
    sitemap = (output / "sitemap.xml").read_text(encoding="utf-8")
    assert "/news/spring-cleanup/" in sitemap and "admin" not in sitemap
    assert "Disallow: /admin/" in (output / "robots.txt").read_text(encoding="utf-8")
    assert (output / "admin" / "decap-cms.js").read_bytes() == (
        bundle / "decap-cms.js"
    ).read_bytes()
    br = (output / "admin" / "decap-cms.js.br").read_bytes()
    assert brotli.decompress(br) == (bundle / "decap-cms.js").read_bytes()
    assert (output / "admin" / "index.html").exists()


def test_previews_have_no_admin(tmp_path: Path, bundle: Path) -> None:
    build = build_site(CONTENT, tmp_path / "output", CMS_BUNDLE_PATH=str(bundle))
    assert build.problems() == []
    assert not (tmp_path / "output" / "admin").exists()


@pytest.mark.parametrize(
    ("setting", "value"),
    [("CMS_REPO", "not a repo"), ("CMS_BRANCH", ""), ("CMS_ENABLED", "yes")],
)
def test_wrong_settings_are_named(setting: str, value: object) -> None:
    problems = settings_problems({setting: value})
    assert len(problems) == 1 and setting in problems[0]
