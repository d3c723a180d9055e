"""Pelican's cache of read files follows the Markdown settings (community_press.readcache).

Pelican keys each file's cached HTML on the file's bytes alone: a change of MARKDOWN (or
an upgrade of Markdown or Pelican) kept every unchanged file's old HTML, in CI too, where
the cache folder outlives the run.
"""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT, build_site
from pelican.readers import MarkdownReader
from pelican.settings import read_settings
from pytest import MonkeyPatch

ARTICLE = "Title: Rota\nDate: 2024-06-01\n\n## Who cleans the hall\n\nText.\n"
PAGE = "news/rota/index.html"


def markdown(permalink: bool) -> dict[str, object]:
    """The site's Markdown settings, headings with a link to themselves or not."""
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    configs = dict(settings["MARKDOWN"]["extension_configs"])
    configs["markdown.extensions.toc"] = {"permalink": permalink}
    return {**settings["MARKDOWN"], "extension_configs": configs}


def test_a_change_of_markdown_settings_reads_every_file_again(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    (content / "articles" / "rota.md").write_text(ARTICLE, encoding="utf-8")
    first = build_site(content, tmp_path / "one", MARKDOWN=markdown(False))
    assert "headerlink" not in first.read(PAGE)
    # The same file, the same cache folder (build_site keeps it beside the output).
    second = build_site(content, tmp_path / "one", MARKDOWN=markdown(True))
    assert 'class="headerlink"' in second.read(PAGE)
    # And back: the cache of the second build is not taken for the first's settings.
    third = build_site(content, tmp_path / "one", MARKDOWN=markdown(False))
    assert "headerlink" not in third.read(PAGE)


def test_unchanged_settings_take_the_cache(tmp_path: Path, monkeypatch: MonkeyPatch) -> None:
    """Each build is a new process that reads pelicanconf.py afresh: MARKDOWN as the site
    gives it, not as Pelican's reader leaves it (it adds an "extensions" list while
    reading). The second build reads no file with Markdown."""
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    (content / "articles" / "rota.md").write_text(ARTICLE, encoding="utf-8")
    build_site(content, tmp_path / "output", MARKDOWN=markdown(False))
    stamp = tmp_path / "cache" / "pelican" / "reading.stamp"
    assert stamp.is_file()
    read: list[str] = []
    reader = MarkdownReader.read

    def counted(self: MarkdownReader, source_path: str) -> tuple[str, dict[str, object]]:
        read.append(source_path)
        return reader(self, source_path)

    monkeypatch.setattr(MarkdownReader, "read", counted)
    again = build_site(content, tmp_path / "output", MARKDOWN=markdown(False))
    said = "\n".join(r.getMessage() for r in again.records)
    assert "every file is read again" not in said
    assert read == []
    assert "Who cleans the hall" in again.read(PAGE)


def test_a_code_block_of_an_older_pelican_site_keeps_its_language(tmp_path: Path) -> None:
    """Pelican's own Markdown settings read ':::python' atop an indented block as its
    language; a site moved here keeps that, with no inline styles."""
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    (content / "articles" / "code.md").write_text(
        "Title: Code\nDate: 2024-06-01\n\nRun this:\n\n    :::python\n    print('hi')\n",
        encoding="utf-8",
    )
    page = build_site(content, tmp_path / "output").read("news/code/index.html")
    assert '<code class="language-python">print(' in page
    assert ":::python" not in page
    assert "style=" not in page.split("<pre", 1)[1].split("</pre>", 1)[0]
