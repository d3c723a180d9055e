"""A page's video (plugins/video) in Chromium: never wider than the text column, on a phone
and on a desktop, nothing loaded before the reader presses play, and no axe violation.

The "video" is a few random bytes (it never plays here); its poster is a wide picture,
which gives the player its size before anything is loaded.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from conftest import build_site, describe
from PIL import Image

from .conftest import _serve

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def video_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    work = tmp_path_factory.mktemp("video")
    content = work / "content"
    (content / "articles").mkdir(parents=True)
    (content / "videos").mkdir()
    (content / "articles" / "promo.md").write_text(
        "Title: 宣传片\nSlug: promo\nDate: 2024-06-01 10:00\nVideo: promo.mp4\n"
        "Video-poster: wide.png\nVideo-captions: promo.vtt\n\n社区宣传片。\n",
        encoding="utf-8",
    )
    (content / "videos" / "promo.mp4").write_bytes(os.urandom(2000))
    (content / "videos" / "promo.vtt").write_text(
        "WEBVTT\n\n00:00.000 --> 00:02.000\n欢迎\n", encoding="utf-8"
    )
    Image.new("RGB", (2400, 600), "gray").save(content / "videos" / "wide.png")
    output = work / "output"
    build_site(content, output)
    assert (output / "news" / "promo" / "index.html").is_file()
    with _serve(output) as url:
        yield url


@pytest.mark.parametrize(("width", "height"), [(360, 740), (1280, 800)])
def test_the_video_fits_the_text_column(
    new_page: Callable[..., Any],
    axe: Callable[..., list[dict[str, Any]]],
    video_url: str,
    width: int,
    height: int,
) -> None:
    page = new_page(width=width, height=height)
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    response = page.goto(f"{video_url}/news/promo/")
    assert response is not None and response.ok
    sizes = page.evaluate(
        """() => {
          const video = document.querySelector('figure.video video');
          const column = video.closest('figure').parentElement;
          return {video: video.getBoundingClientRect().width,
                  column: column.getBoundingClientRect().width,
                  page: document.documentElement.scrollWidth, window: window.innerWidth};
        }"""
    )
    assert 0 < sizes["video"] <= sizes["column"]
    assert sizes["page"] <= sizes["window"]  # no sideways scrolling
    assert not any(url.endswith("promo.mp4") for url in requested)  # preload="none"
    violations = axe(page)
    assert violations == [], describe(violations)
