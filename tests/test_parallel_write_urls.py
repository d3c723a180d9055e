"""`urls_remembered`: while recorded pages render, each content's URL is worked out once.

Outside it Pelican works them out at every use, so a later change shows up. That the
remembered URLs make the same pages is `test_parallel_write.py`'s whole-site comparison
(parallel renders inside it, serial outside).
"""

from __future__ import annotations

import pytest
from parallel_write.glue import urls_remembered
from pelican.contents import Article, Content, Static
from pelican.settings import DEFAULT_CONFIG


def article(slug: str = "fair") -> Article:
    settings = {**DEFAULT_CONFIG, "ARTICLE_URL": "news/{slug}/"}
    return Article("<p>x</p>", metadata={"title": "Fair", "slug": slug}, settings=settings)


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    real = Content.get_url_setting

    def counting(self: Content, key: str) -> str:
        calls.append(key)
        return real(self, key)

    monkeypatch.setattr(Content, "get_url_setting", counting)
    return calls


def test_inside_each_url_is_worked_out_once_per_content(counted: list[str]) -> None:
    one, two = article("one"), article("two")
    with urls_remembered():
        assert [one.url, one.url, two.url, one.save_as, one.save_as] == [
            "news/one/", "news/one/", "news/two/", "one.html", "one.html",
        ]  # fmt: skip
    assert counted == ["url", "url", "save_as"]


def test_outside_a_change_shows_up_at_once(counted: list[str]) -> None:
    fair = article()
    with urls_remembered():
        assert fair.url == "news/fair/"
    fair.slug = "fair-2025"
    assert fair.url == "news/fair-2025/"
    with urls_remembered():  # nothing kept from the last time
        assert fair.url == "news/fair-2025/"
    assert not [key for key in vars(fair) if key.startswith("_parallel_write")]


def test_the_class_is_put_back_even_after_an_error() -> None:
    before = (Content.__dict__["url"], Content.__dict__["save_as"])
    with pytest.raises(RuntimeError), urls_remembered():
        assert Content.__dict__["url"] is not before[0]
        raise RuntimeError("a page failed")
    assert (Content.__dict__["url"], Content.__dict__["save_as"]) == before


def test_static_files_keep_their_own_urls() -> None:
    own = Static.__dict__["url"]
    with urls_remembered():
        assert Static.__dict__["url"] is own
