"""Videos (plugins/video) on real builds of tiny sites written into tmp_path: the markup, the
files copied byte for byte, and every mistake through `make check` and the real build.

The "videos" are a few random bytes named .mp4/.webm: the build must never decode them.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from community_press import SettingsError
from conftest import ROOT, build_site, run_build
from gallery_helpers import make_photo
from poster_helpers import resolve
from video.core import safe_path, size_label

CHECK = ROOT / "tools" / "check.py"
ARTICLE = "content/articles/promo.md"


@pytest.fixture(autouse=True)
def in_the_site_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run where `make html` runs: files are named from there (`content/videos/...`)."""
    monkeypatch.chdir(tmp_path)


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


def article(content: Path, *fields: str, name: str = "promo.md", lang: str = "zh") -> None:
    """An article whose lines 4, 5, ... are `fields` (`Video: promo.mp4`)."""
    head = f"Title: 宣传片 {lang}\nSlug: promo\nLang: {lang}\nDate: 2024-06-01 10:00\n"
    write(
        content / "articles" / name,
        head.replace("Lang: zh\n", "") + "\n".join(fields) + "\n\nText.\n",
    )


def videos(content: Path, *names: str) -> None:
    for name in names:
        if name.endswith(".vtt"):
            write(content / "videos" / name, "WEBVTT\n\n00:00.000 --> 00:02.000\n欢迎\n")
        elif name.endswith((".jpg", ".png")):
            make_photo(content / "videos" / name, 1)
        else:
            write(content / "videos" / name, os.urandom(3000))


FULL = ("Video: promo.mp4", "Video-poster: promo.jpg", "Video-captions: promo.vtt")


def build(tmp_path: Path, **settings: object) -> BeautifulSoup:
    result = build_site(tmp_path / "content", tmp_path / "output", **settings)
    errors = [p for p in result.problems() if "error" in p.lower()]
    assert errors == []
    return result


def page(tmp_path: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((tmp_path / "output" / path).read_text(encoding="utf-8"), "html5lib")


def run_check(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(CHECK), "-c", "content", "-s", str(ROOT / "pelicanconf.py"), *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
        | {"COMMUNITY_PRESS_CACHE": str(tmp_path / "cache")},
        check=False,
    )


def lines(stdout: str, path: str = ARTICLE) -> list[str]:
    return [line for line in stdout.splitlines() if line.startswith(path + ":")]


def test_a_video_plays_with_its_poster_captions_and_a_download_link(tmp_path: Path) -> None:
    content = tmp_path / "content"
    article(content, *FULL)
    videos(content, "promo.mp4", "promo.jpg", "promo.vtt")
    build(tmp_path)
    where = "news/promo/index.html"
    html = page(tmp_path, where)
    video = html.select_one("main figure.video video")
    assert video.has_attr("controls") and video["preload"] == "none"
    assert not video.has_attr("autoplay")
    assert resolve(where, video["poster"]) == "videos/promo.jpg"
    source = video.select_one("source")
    assert resolve(where, source["src"]) == "videos/promo.mp4"
    assert source["type"] == "video/mp4"
    track = video.select_one("track")
    assert track["kind"] == "captions" and track["srclang"] == "zh-Hans"
    assert resolve(where, track["src"]) == "videos/promo.vtt"
    assert track["label"] == "字幕"
    download = html.select_one("figure.video figcaption a[download]")
    assert resolve(where, download["href"]) == "videos/promo.mp4"
    assert download.get_text() == "下载视频"
    assert "(MP4, 3 kB)" in html.select_one("figure.video figcaption").get_text()
    for name in ("promo.mp4", "promo.vtt"):  # copied as they are
        copied = tmp_path / "output" / "videos" / name
        assert copied.read_bytes() == (content / "videos" / name).read_bytes()
    # The poster too, but the gallery plugin strips every published picture's metadata.
    assert (tmp_path / "output" / "videos" / "promo.jpg").is_file()


def test_a_translation_and_a_project_show_theirs(tmp_path: Path) -> None:
    content = tmp_path / "content"
    article(content, *FULL)
    article(
        content, "Video: promo.mp4", "Video-captions: en/promo.vtt", name="promo.en.md", lang="en"
    )
    write(
        content / "projects" / "film.md",
        "Title: 影片\nSlug: film\ngallery: film\nVideo: clips/film.webm\n\nText.\n",
    )
    make_photo(content / "galleries" / "film" / "a.jpg", 1)
    write(content / "galleries" / "film" / "captions.txt", "a.jpg: 一张照片\n")
    videos(content, "promo.mp4", "promo.jpg", "promo.vtt", "en/promo.vtt", "clips/film.webm")
    build(tmp_path, GALLERY_WIDTHS=[16, 32], GALLERY_WORKERS=1)
    english = page(tmp_path, "en/news/promo/index.html")
    track = english.select_one("video track")
    assert track["srclang"] == "en" and track["label"] == "Captions"
    assert resolve("en/news/promo/", track["src"]) == "videos/en/promo.vtt"
    assert not english.select_one("video").has_attr("poster")
    project = page(tmp_path, "projects/film/index.html")
    source = project.select_one("figure.video video source")
    assert source["type"] == "video/webm"
    assert resolve("projects/film/", source["src"]) == "videos/clips/film.webm"
    assert (tmp_path / "output" / "videos" / "clips" / "film.webm").is_file()


def test_a_missing_poster_or_captions_file_is_a_warning(tmp_path: Path) -> None:
    content = tmp_path / "content"
    article(content, *FULL)
    videos(content, "promo.mp4")
    checked = run_check(tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    found = lines(checked.stdout)
    assert len(found) == 2, checked.stdout
    assert found[0].startswith(
        f"{ARTICLE}:5: warning: field 'video-poster' = 'promo.jpg': "
        "no such file: content/videos/promo.jpg"
    )
    assert found[1].startswith(
        f"{ARTICLE}:6: warning: field 'video-captions' = 'promo.vtt': no such file"
    )
    assert run_check(tmp_path, "--strict").returncode == 1
    built = run_build(content, tmp_path / "output")
    assert built.returncode == 0, built.stderr
    assert "field 'video-poster' = 'promo.jpg': no such file" in built.stdout + built.stderr
    video = page(tmp_path, "news/promo/index.html").select_one("video")
    assert not video.has_attr("poster") and video.select("track") == []
    assert not (tmp_path / "output" / "videos" / "promo.jpg").exists()


@pytest.mark.parametrize(
    ("fields", "line", "field", "words"),
    [(("Video: promo.mp4",), 4, "video", "no such file: content/videos/promo.mp4"),
     (("Video: ../secret.mp4",), 4, "video", "without '..'"),
     (("Video: /etc/promo.mp4",), 4, "video", "not a file name in content/videos/"),
     (("Video: https://example.org/promo.mp4",), 4, "video", "not a file name"),
     (("Video: promo.avi",), 4, "video", "must end in .mp4, .webm"),
     (("Video: here.mp4", "Video-poster: ../../photo.jpg"), 5, "video-poster", "without '..'"),
     (("Video: here.mp4", "Video-captions: promo.srt"), 5, "video-captions", "must end in .vtt"),
     (("Video: here.mp4", "Video: here.mp4"), 4, "video", "give one file")],
)  # fmt: skip
def test_a_wrong_video_stops_check_and_build_naming_file_and_field(
    tmp_path: Path, fields: tuple[str, ...], line: int, field: str, words: str
) -> None:
    content = tmp_path / "content"
    article(content, *fields)
    videos(content, "here.mp4")
    write(tmp_path / "secret.mp4", b"not for publishing")
    checked = run_check(tmp_path)
    assert checked.returncode == 1
    errors = [x for x in lines(checked.stdout) if ": error: " in x]
    assert errors and errors[0].startswith(f"{ARTICLE}:{line}: error: field '{field}' = ")
    assert words in errors[0]
    built = run_build(content, tmp_path / "output")
    assert built.returncode != 0
    assert f"field '{field}' = " in built.stdout + built.stderr
    assert not (tmp_path / "output" / "news" / "promo").exists()


def test_a_poster_without_a_video_is_a_warning(tmp_path: Path) -> None:
    content = tmp_path / "content"
    article(content, "Video-poster: promo.jpg")
    videos(content, "promo.jpg")
    checked = run_check(tmp_path)
    assert checked.returncode == 0
    assert lines(checked.stdout) == [
        f"{ARTICLE}:4: warning: field 'video-poster' = 'promo.jpg': the site ignores it "
        "without a 'Video:' line"
    ]


@pytest.mark.parametrize(
    ("key", "value", "words"),
    [("VIDEO_PATH", "../videos", "must be a folder name"),
     ("VIDEO_URL", "videos/", "must hold {path}"),
     ("VIDEO_SAVE_AS", "media/{name}", "may use {path}")],
)  # fmt: skip
def test_wrong_settings_stop_the_build(key: str, value: object, words: str, tmp_path: Path) -> None:
    article(tmp_path / "content")
    with pytest.raises(SettingsError) as caught:
        build_site(tmp_path / "content", tmp_path / "output", **{key: value})
    assert f"setting {key!r} = {value!r}: " in str(caught.value) and words in str(caught.value)


@pytest.mark.parametrize(
    ("value", "safe"),
    [("promo.mp4", "promo.mp4"),
     (" 2024/open-day.mp4 ", "2024/open-day.mp4"),
     ("../promo.mp4", None),
     ("a/../../promo.mp4", None),
     ("/promo.mp4", None),
     ("~/promo.mp4", None),
     ("C:/videos/promo.mp4", None),  # a Windows path
     ("videos\\promo.mp4", None),
     ("https://example.org/promo.mp4", None),
     ("", None),
     (".", None)],
)  # fmt: skip
def test_only_names_below_the_videos_folder_are_safe(value: str, safe: str | None) -> None:
    found = safe_path(value)
    assert (found.as_posix() if found else None) == safe


@pytest.mark.parametrize(
    ("size", "label"),
    [(12, "1 kB"), (3000, "3 kB"), (999_499, "999 kB"), (12_400_000, "12.4 MB")],
)
def test_sizes_read_as_a_download_link_gives_them(size: int, label: str) -> None:
    assert size_label(size) == label
