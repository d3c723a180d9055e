"""The project as a new user meets it: the sample site builds cleanly, settings behave."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, SAMPLE, run_build

SECTIONS = {"articles": "news/", "events": "events/", "projects": "projects/", "pages": ""}


def front_matter(path: Path) -> dict[str, str]:
    """Read the `Key: value` header of a Markdown file, as Pelican does (keys lower-cased)."""
    meta: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            break
        key, sep, value = line.partition(":")
        if sep:
            meta[key.strip().lower()] = value.strip()
    return meta


def expected_page(path: Path) -> str:
    meta = front_matter(path)
    section = SECTIONS[path.relative_to(SAMPLE).parts[0]]
    lang = meta.get("lang", "zh")
    prefix = "" if lang == "zh" else f"{lang}/"
    return f"{prefix}{section}{meta['slug']}/index.html"


def content_files() -> list[Path]:
    return sorted(p for section in SECTIONS for p in (SAMPLE / section).glob("**/*.md"))


def test_sample_content_is_substantial() -> None:
    files = content_files()
    by_section = {s: [p for p in files if p.relative_to(SAMPLE).parts[0] == s]
                  for s in SECTIONS}  # fmt: skip
    langs = {front_matter(p).get("lang", "zh") for p in files}
    assert langs == {"zh", "en"}
    # Counted per language: at least 6 news, 6 events, 4 projects, 3 pages.
    for section, least in {"articles": 6, "events": 6, "projects": 4, "pages": 3}.items():
        zh = [p for p in by_section[section] if front_matter(p).get("lang", "zh") == "zh"]
        assert len(zh) >= least, section


def test_every_content_file_produced_a_page(sample_site) -> None:
    missing = [
        f"{p.relative_to(ROOT)} -> {expected_page(p)}"
        for p in content_files()
        if not (sample_site.output / expected_page(p)).is_file()
    ]
    assert not missing


def test_sample_build_logs_no_warning_or_error(sample_site) -> None:
    assert sample_site.problems() == []


def test_home_page_exists_and_names_the_site(sample_site) -> None:
    home = sample_site.read("index.html")
    assert "清泉山社区" in home


def test_publishconf_takes_siteurl_from_environment() -> None:
    code = (
        "import publishconf as p, pelicanconf as d;"
        "print(p.SITEURL, p.RELATIVE_URLS, bool(p.FEED_ALL_ATOM), d.TIMEZONE)"
    )
    env = {**os.environ, "SITEURL": "https://news.example.net/"}
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
        check=True,
    ).stdout.split()  # fmt: skip
    assert out == ["https://news.example.net", "False", "True", "Asia/Shanghai"]


def test_plugin_that_fails_to_import_fails_the_build(tmp_path: Path) -> None:
    plugins = tmp_path / "plugins" / "broken"
    plugins.mkdir(parents=True)
    (plugins / "__init__.py").write_text("import no_such_module_here\n")
    conf = tmp_path / "conf.py"
    conf.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\n"
        "from pelicanconf import *\n"
        f"PLUGIN_PATHS = PLUGIN_PATHS + [{str(tmp_path / 'plugins')!r}]\n"
        "PLUGINS = PLUGINS + ['broken']\n"
    )
    content = tmp_path / "content" / "pages"
    content.mkdir(parents=True)
    (content / "a.md").write_text("Title: A\nSlug: a\n\nText.\n")
    result = run_build(tmp_path / "content", tmp_path / "output", conf=str(conf))
    assert result.returncode != 0
    assert "broken" in result.stdout + result.stderr
    assert not (tmp_path / "output").exists()


def test_make_help_lists_every_target() -> None:
    out = subprocess.run(["make", "-s", "help"], cwd=ROOT, capture_output=True, text=True,
                         check=True).stdout  # fmt: skip
    listed = set(re.findall(r"make (\S+)", out))
    assert {"html", "serve", "devserver", "publish", "clean", "lint", "test"} <= listed


def test_second_make_html_installs_nothing() -> None:
    # The venv running these tests was made by `make test`; with nothing changed, make's
    # dry run must not plan a pip install or a new venv.
    stamp = ROOT / ".venv" / ".site-installed"
    if not stamp.exists():
        import pytest

        pytest.skip("not run from a make-built .venv")
    plan = subprocess.run(["make", "-n", "html"], cwd=ROOT, capture_output=True, text=True,
                          check=True).stdout  # fmt: skip
    assert "pip install" not in plan
    assert "-m venv" not in plan


def test_chinese_title_without_slug_gets_a_readable_stable_url(tmp_path: Path) -> None:
    from conftest import build_site

    articles = tmp_path / "content" / "articles"
    articles.mkdir(parents=True)
    (articles / "a.md").write_text(
        "Title: 父亲节亲子活动回顾\nDate: 2024-06-20 10:00\nCategory: News\n\n正文。\n",
        encoding="utf-8",
    )
    for run in ("one", "two"):
        site = build_site(tmp_path / "content", tmp_path / run / "output")
        assert (site.output / "news/fu-qin-jie-qin-zi-huo-dong-hui-gu/index.html").is_file()


def test_make_lint_passes() -> None:
    result = subprocess.run(["make", "-s", "lint"], cwd=ROOT, capture_output=True, text=True,
                            check=False)  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
