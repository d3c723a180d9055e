"""The listings plugin's core: which content each language's listing pages show."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace as NS

from listings.content import all_versions, build_listing, distinct_by_url, in_language
from listings.events_of import is_event
from listings.settings import DEFAULTS, settings_problems
from projects.core import is_project

EVENTS = {"EVENTS_PATHS": ["events"]}
START = {"event-start": "2024-06-01 10:00"}


def item(lang: str, day: int, source: str = "articles/a.md", **more: object) -> NS:
    return NS(
        lang=lang,
        date=dt.datetime(2024, 6, day),
        category="News",  # Pelican's Category is hashable and has .name; a str will do
        tags=[f"t{day}"],
        relative_source_path=source,
        translations=[],
        **more,
    )


def test_is_event() -> None:
    assert is_event(item("zh", 1, "events/x.md"), EVENTS)
    assert is_event(item("zh", 1, metadata=START), EVENTS)  # event-start anywhere
    assert not is_event(item("zh", 1, "articles/events-recap.md"), EVENTS)
    translation = item("en", 1, "articles/x-en.md")
    translation.translations = [item("zh", 1, metadata=START)]
    assert is_event(translation, EVENTS)  # its original has the start


def test_build_listing_keeps_one_language_newest_first() -> None:
    zh_old, zh_new = item("zh", 1), item("zh", 9)
    en = item("en", 5)
    zh_old.translations = [en]
    event = item("zh", 20, "events/e.md")
    # A project by its folder (projects.core.is_project), whatever its template says.
    project = NS(
        lang="zh", template="page", title="B", metadata={}, relative_source_path="projects/b.md"
    )
    second = NS(lang="zh", template="project", title="C", metadata={"order": "2"},
                relative_source_path="projects/c.md")  # fmt: skip
    other_page = NS(lang="zh", template="page", title="A", metadata={},
                    relative_source_path="pages/a.md")  # fmt: skip
    articles = all_versions([zh_old, zh_new, event])
    assert en in articles
    settings = {"PROJECTS_PATH": "projects"}
    listing = build_listing(
        "zh",
        articles,
        [project, other_page, second],
        lambda a: is_event(a, EVENTS),
        lambda p: is_project(p.relative_source_path, settings),
    )
    assert listing.articles == [event, zh_new, zh_old]
    assert listing.news == [zh_new, zh_old]  # events are not news
    assert listing.projects == [second, project]  # by `order:` (2 before none), then title
    assert [c for c, _ in listing.categories] == ["News"]
    english = build_listing("en", articles, [], lambda a: is_event(a, EVENTS), lambda p: False)
    assert english.news == [en]


def test_distinct_by_url_shows_a_series_once() -> None:
    weekly = [NS(url="events/club/"), NS(url="events/club/"), NS(url="events/day/")]
    assert [i.url for i in distinct_by_url(weekly, 4)] == ["events/club/", "events/day/"]
    assert len(distinct_by_url(weekly, 1)) == 1


def test_in_language_keeps_one_languages_articles_and_drops_empty_groups() -> None:
    zh_new, zh_old, en_only = item("zh", 9), item("zh", 1), item("en", 5)
    groups = [("News", [zh_new, en_only, zh_old]), ("Notices", [en_only]), ("Empty", [])]
    assert in_language("zh", groups) == [("News", [zh_new, zh_old])]  # order kept
    assert in_language("en", groups) == [("News", [en_only]), ("Notices", [en_only])]
    assert in_language("zh", {"t": [en_only]}.items()) == []  # a dict's items will do


def test_settings_problems_lists_every_wrong_setting() -> None:
    settings = {**DEFAULTS, "I18N_UI_NEWS_URL": "/news/", "I18N_UI_HOME_NEWS": -1}
    assert settings_problems(settings) == [
        "setting 'I18N_UI_NEWS_URL' = '/news/': must be a path below the site root,"
        " like the default",
        "setting 'I18N_UI_HOME_NEWS' = -1: must be a whole number from 0 or more",
    ]
    assert settings_problems(DEFAULTS) == []
