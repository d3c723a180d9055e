"""`{attach}` with pages rendered in worker processes: each file lands where its link points.

Pelican moves an attached file next to the first content whose links it replaces, while
rendering them. Rendered in a worker, the move used to stay in the worker: the page linked
`minutes/files/minutes.pdf` while the file was copied to `pages/files/minutes.pdf`. The
builds run as `make html` does (`tools/build.py`), in a process of their own, where the
pages are rendered in workers (no test threads to keep them in one process).
"""

from __future__ import annotations

import posixpath
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import run_build

# page slug -> the file its source folder holds and its page attaches
ATTACHED = {
    "minutes": "files/minutes.pdf",
    "budget": "files/budget.pdf",
    "rules": "rules.pdf",
    "rota": "files/rota.pdf",
    "history": "files/history.pdf",
}


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A few articles, and pages that each attach a file kept beside their source."""
    content = tmp_path_factory.mktemp("attach") / "content"
    for n in range(1, 7):
        article = content / "articles" / "news" / f"post{n}.md"
        article.parent.mkdir(parents=True, exist_ok=True)
        article.write_text(f"Title: Post {n}\nDate: 2020-01-0{n}\n\nNews number {n}.\n")
    for slug, attached in ATTACHED.items():
        pages = content / "pages"
        (pages / attached).parent.mkdir(parents=True, exist_ok=True)
        (pages / attached).write_bytes(f"%PDF-1.4 {slug}".encode())
        (pages / f"{slug}.md").write_text(
            f"Title: {slug.title()}\n\n[The {slug}]({{attach}}{attached})\n"
        )
    return content


def build(content: Path, work: Path, workers: int) -> Path:
    """The site built by `tools/build.py` with `workers` page-writing processes."""
    work.mkdir()
    conf = work / "conf.py"
    conf.write_text(
        "from pelicanconf import *\n"
        f"PARALLEL_WRITE_WORKERS = {workers}\n"
        "PARALLEL_WRITE_MIN_PAGES = 1  # this small site renders in workers too\n"
    )
    result = run_build(content, work / "output", conf=str(conf))
    assert result.returncode == 0, result.stdout + result.stderr
    return work / "output"


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def parallel(content: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(content, tmp_path_factory.mktemp("parallel") / "site", workers=3)


@pytest.mark.parametrize("slug", ATTACHED)
def test_the_attached_file_is_where_its_page_links(parallel: Path, slug: str) -> None:
    page = f"{slug}/index.html"
    soup = BeautifulSoup((parallel / page).read_text(encoding="utf-8"), "html.parser")
    link = soup.find("a", string=f"The {slug}")
    assert link is not None, page
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), link["href"]))
    assert target == f"{slug}/{ATTACHED[slug]}"  # beside the page that links it
    assert (parallel / target).read_bytes() == f"%PDF-1.4 {slug}".encode()


def test_no_attached_file_is_left_in_its_old_place(parallel: Path) -> None:
    assert not (parallel / "pages").exists()


def test_the_parallel_build_is_the_serial_build_byte_for_byte(
    content: Path, parallel: Path, tmp_path: Path
) -> None:
    serial = build(content, tmp_path / "serial", workers=1)
    assert tree(parallel) == tree(serial)
