"""Links written by hand to the site's own addresses (`/events/`, `../news/`), as editors
write them on any website: published below the site's folder, in pages and in the feed
as a feed reader reads it, and checked against the pages the build made."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import unquote

import feedparser
import pytest
from bs4 import BeautifulSoup
from conftest import run_build
from test_editor_edge import CLEAN, assert_built, assert_failed_cleanly, attempt, previous

__all__ = ["previous"]  # the module's fixture, used here by name

ARTICLE = CLEAN / "articles" / "hello.zh.md"
SITE_URL = "https://example.org/village"


def _with_body(extra: str) -> str:
    return ARTICLE.read_text(encoding="utf-8") + "\n" + extra + "\n"


def _line(text: str, words: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if words in line)


def _links(page: Path) -> dict[str, str]:
    """Each link's text and address in the page's article body."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    body = soup.select_one("article") or soup
    return {a.get_text(strip=True): a["href"] for a in body.select("a[href]")}


def _published(tmp_path: Path, body: str) -> Path:
    """The clean site with `body` added to its article, built as `make publish` does,
    below a folder of its host."""
    work = tmp_path / "site"
    shutil.copytree(CLEAN, work / "content")
    (work / "content" / "articles" / "hello.zh.md").write_text(_with_body(body), encoding="utf-8")
    result = run_build(
        work / "content", work / "output", conf="publishconf.py", env={"SITEURL": SITE_URL}
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return work / "output"


BODY = (
    "See [all events](/events/), [about us](/village/about/ 'About'), and the "
    "[open day](/events/open-day/#when).\n\n"
    '<a href="/feeds/all.atom.xml?from=article&amp;x=1">feed</a>'
)


def test_root_links_are_published_below_the_sites_folder(tmp_path: Path) -> None:
    output = _published(tmp_path, BODY)
    links = _links(output / "news" / "hello" / "index.html")
    assert links["all events"] == f"{SITE_URL}/events/"
    assert links["about us"] == f"{SITE_URL}/about/"  # the folder written once, not twice
    assert links["open day"] == f"{SITE_URL}/events/open-day/#when"
    assert links["feed"] == f"{SITE_URL}/feeds/all.atom.xml?from=article&x=1"
    for address in links.values():  # each one leads to a file the build wrote
        if address.startswith(SITE_URL):
            path = address.removeprefix(SITE_URL + "/").split("#")[0].split("?")[0]
            assert (output / path).is_file() or (output / path / "index.html").is_file(), path


def test_a_feed_reader_follows_root_links_to_the_site(tmp_path: Path) -> None:
    """In the Atom feed a path from the host's root would lead out of the site's folder."""
    output = _published(tmp_path, BODY)
    feed = feedparser.parse((output / "feeds" / "all-zh.atom.xml").read_text(encoding="utf-8"))
    entry = next(e for e in feed.entries if e.link.endswith("/news/hello/"))
    soup = BeautifulSoup(entry.content[0].value, "html.parser")
    hrefs = {a.get_text(strip=True): a["href"] for a in soup.select("a[href]")}
    assert hrefs["all events"] == f"{SITE_URL}/events/"
    assert hrefs["about us"] == f"{SITE_URL}/about/"


def test_a_preview_keeps_root_links_for_its_own_server(tmp_path: Path, previous: Path) -> None:
    """The preview is served from its own root: '/events/' is right there as written,
    and a link to the published site's folder is written without it. Links to what only
    publishing makes (the feeds) are left to the publishing build."""
    body = "See [all events](/events/) and [about us](/about/).\n\n[feed](/feeds/all.atom.xml)"
    result = attempt(tmp_path, previous, {"articles/hello.zh.md": _with_body(body)})
    assert_built(result)
    assert "leads to no page" not in result.said, result.said
    links = _links(result.output / "news" / "hello" / "index.html")
    assert links["all events"] == "/events/"
    assert links["about us"] == "/about/"
    assert (result.output / "events" / "index.html").is_file()


@pytest.mark.parametrize(
    ("link", "suggestion"),
    [
        ("/evnts/", "/events/"),
        ("/news/helo/", "/news/hello/"),
        ("/2024/06/hello.html", "/news/hello/"),  # an old Pelican site's address
        ("/no-such-page.html", None),
    ],
)
def test_an_address_the_site_lacks_stops_the_build(
    tmp_path: Path, previous: Path, link: str, suggestion: str | None
) -> None:
    text = _with_body(f"Where is [this]({link})?")
    result = attempt(tmp_path, previous, {"articles/hello.zh.md": text})
    number = _line(text, "Where is")
    assert_failed_cleanly(
        result,
        f"articles/hello.zh.md:{number}: error: link '{link}' leads to no page of this site",
    )
    if suggestion:
        assert f"did you mean '{suggestion}'?" in result.said
    else:
        assert "did you mean" not in result.said
        assert "is linked by its full address, https://" in result.said


def test_a_relative_address_gets_the_one_to_write_instead(tmp_path: Path, previous: Path) -> None:
    """'../../news/' works on the article's own page, but not in the feed or in the
    summaries on the home page: the warning names the address from the site's root."""
    text = _with_body("Back to [the news](../../news/).")
    result = attempt(tmp_path, previous, {"articles/hello.zh.md": text})
    assert_built(result)
    number = _line(text, "Back to")
    assert (
        f"articles/hello.zh.md:{number}: warning: link '../../news/' is written from this "
        "page's address" in result.said
    ), result.said
    assert "write it from the site's root, '/news/'" in result.said


def test_a_relative_address_the_site_lacks_is_an_error(tmp_path: Path, previous: Path) -> None:
    text = _with_body("Back to [the news](../../newz/).")
    result = attempt(tmp_path, previous, {"articles/hello.zh.md": text})
    assert_failed_cleanly(
        result, "link '../../newz/' leads to no page of this site (from this page: '/newz/')"
    )
    assert "did you mean '/news/'?" in result.said


def test_a_link_to_a_file_beside_the_page_wants_static(tmp_path: Path, previous: Path) -> None:
    """The browser looks for 'report.pdf' beside the page's address, where no file is: the
    checker and the build say to write {static}, and with it the file is published."""
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    text = _with_body("The [report](report.pdf) and <a href='report.pdf'>again</a>.")
    files: dict[str, str | bytes] = {"articles/hello.zh.md": text, "articles/report.pdf": pdf}
    result = attempt(tmp_path, previous, files)
    number = _line(text, "The [report]")
    messages = result.found[("content/articles/hello.zh.md", number, "error")]
    assert any("write '{static}report.pdf'" in m for m in messages), messages
    assert_failed_cleanly(result, "write '{static}report.pdf'")

    fixed = text.replace("(report.pdf)", "({static}report.pdf)")
    fixed = fixed.replace("'report.pdf'", "'{static}report.pdf'")
    again = attempt(tmp_path / "fixed", previous, {**files, "articles/hello.zh.md": fixed})
    assert again.found == {}, again.check.stdout
    assert_built(again)
    page = again.output / "news" / "hello" / "index.html"
    address = _links(page)["report"]  # relative in a preview
    assert (page.parent / address).resolve().read_bytes() == pdf


def test_a_content_path_written_as_an_address_wants_static(tmp_path: Path, previous: Path) -> None:
    """'/galleries/garden/...' is where the photo is in content/, not an address of the
    site: the message says to write {static}."""
    photo = next((CLEAN / "galleries" / "garden").glob("*.jpg")).name
    link = f"/galleries/garden/{photo}"
    text = _with_body(f"The [full photo]({link}).")
    result = attempt(tmp_path, previous, {"articles/hello.zh.md": text})
    assert_failed_cleanly(
        result,
        f"link '{link}' leads to no page of this site: '{link}' is a file of the content, "
        f"not an address of the site: write '{{static}}{link}'",
    )


def _publish(tmp_path: Path, files: dict[str, str], site_url: str = SITE_URL):
    """The clean site with `files` written, built as `make publish` does at `site_url`."""
    work = tmp_path / "site"
    shutil.copytree(CLEAN, work / "content")
    for name, text in files.items():
        (work / "content" / name).parent.mkdir(parents=True, exist_ok=True)
        (work / "content" / name).write_text(text, encoding="utf-8")
    result = run_build(
        work / "content", work / "output", conf="publishconf.py", env={"SITEURL": site_url}
    )
    return result, work / "output"


def test_links_in_a_summary_are_published_and_checked_like_the_text(tmp_path: Path) -> None:
    """A Summary is shown on the home page and in the feed's <summary>."""
    text = ARTICLE.read_text(encoding="utf-8").replace(
        "Summary: 一篇没有错误的文章。", "Summary: 请看[全部活动](/events/)。"
    )
    result, output = _publish(tmp_path, {"articles/hello.zh.md": text})
    assert result.returncode == 0, result.stdout + result.stderr
    feed = feedparser.parse((output / "feeds" / "all-zh.atom.xml").read_text(encoding="utf-8"))
    entry = next(e for e in feed.entries if e.link.endswith("/news/hello/"))
    assert f'href="{SITE_URL}/events/"' in entry.summary

    broken = text.replace("(/events/)", "(/nowhere/)")
    result, _ = _publish(tmp_path / "broken", {"articles/hello.zh.md": broken})
    said = " ".join((result.stdout + result.stderr).split())
    number = _line(broken, "Summary:")
    assert result.returncode != 0
    assert f"hello.zh.md:{number}: error: link '/nowhere/' leads to no page" in said, said


def test_a_relative_link_above_the_sites_folder_is_an_error(tmp_path: Path) -> None:
    """From /village/news/hello/, '../../../about/' is the host's /about/: not the site."""
    result, _ = _publish(tmp_path, {"articles/hello.zh.md": _with_body("[up](../../../about/)")})
    said = " ".join((result.stdout + result.stderr).split())
    assert result.returncode != 0, said
    assert "link '../../../about/' climbs above the site's folder ('/village/')" in said, said


@pytest.mark.parametrize(
    ("site_url", "link"),
    [("https://example.org/a%20b", "/a%20b/events/"), ("https://example.org/a%20b", "/a b/x")],
)
def test_the_sites_folder_counts_however_it_is_spelled(
    tmp_path: Path, site_url: str, link: str
) -> None:
    target = "events/" if link.endswith("events/") else "no-such-page"
    result, output = _publish(
        tmp_path, {"articles/hello.zh.md": _with_body(f"[there](<{link}>)")}, site_url
    )
    said = " ".join((result.stdout + result.stderr).split())
    if target == "events/":
        assert result.returncode == 0, said
        assert _links(output / "news" / "hello" / "index.html")["there"] == f"{site_url}/events/"
    else:  # '/a b/x' is '/a%20b/x': the folder, then 'x', which the site lacks
        assert "link '/a b/x' leads to no page of this site" in said, said


def test_each_link_is_reported_on_its_own_line(tmp_path: Path, previous: Path) -> None:
    text = _with_body(
        "Summary text mentions /gone/ in words.\n\n[one](/gone/)\n\n[two](/gone/)\n\n"
        '[old][o]\n\n[o]: /old-place/ "old"'
    )
    result = attempt(tmp_path, previous, {"articles/hello.zh.md": text})
    lines = text.splitlines()
    first = lines.index("[one](/gone/)") + 1
    second = lines.index("[two](/gone/)") + 1
    definition = next(n for n, line in enumerate(lines, 1) if line.startswith("[o]:"))
    for number, link in ((first, "/gone/"), (second, "/gone/"), (definition, "/old-place/")):
        assert f"hello.zh.md:{number}: error: link '{link}' leads to no page" in result.said


@pytest.mark.parametrize(
    "written",
    [
        "[d][ref]\n\n[ref]: report.pdf",
        "[h](<my report.pdf>)",
        "<a href=report.pdf>r</a>",
        '<map name="m"><area href="report.pdf" alt="r" shape="rect" coords="0,0,1,1"></map>',
        "[a [nested] text](report.pdf)",
        "[![logo](../extra/logo.png)](report.pdf)",
    ],
)
def test_every_form_of_a_link_to_a_file_beside_the_page(
    tmp_path: Path, previous: Path, written: str
) -> None:
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    files: dict[str, str | bytes] = {
        "articles/hello.zh.md": _with_body(written),
        "articles/report.pdf": pdf,
        "articles/my report.pdf": pdf,
    }
    result = attempt(tmp_path, previous, files)
    messages = [m for found in result.found.values() for m in found]
    assert any("names a file beside this page" in m for m in messages), result.check.stdout
    assert not any("logo.png" in m for m in messages), messages
    assert_failed_cleanly(result, "names a file beside this page")


def test_the_fix_offered_for_an_encoded_name_is_the_files_name(
    tmp_path: Path, previous: Path
) -> None:
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    files: dict[str, str | bytes] = {
        "articles/hello.zh.md": _with_body("[f](%E6%8A%A5%E5%91%8A.pdf)"),
        "articles/报告.pdf": pdf,
    }
    result = attempt(tmp_path, previous, files)
    assert "write '{static}报告.pdf'" in result.check.stdout, result.check.stdout


def test_links_and_drafts(tmp_path: Path, previous: Path) -> None:
    """A published page is not pointed at a draft's address; a draft's own links to pages
    still to come are warnings, not a stop for the whole site."""
    draft = (
        "Title: 草稿\nSlug: draftb\nLang: zh\nDate: 2024-06-21 10:00\nStatus: draft\n\n"
        "See [later](/news/draftc/).\n"
    )
    text = _with_body("Soon: [b](/news/draftb/). Now: [d](/drafts/draftb/).")
    result = attempt(tmp_path, previous, {"articles/hello.zh.md": text, "articles/b.zh.md": draft})
    assert_failed_cleanly(result, "link '/news/draftb/' leads to no page of this site")
    assert "did you mean '/drafts/" not in result.said, result.said
    assert "the page '/drafts/draftb/' is still a draft (Status: draft)" in result.said
    assert "link '/drafts/draftb/' leads to a draft" in result.said
    assert "warning: link '/news/draftc/' leads to no page of this site yet" in result.said


def test_a_preview_leaves_the_admin_page_to_publishing(tmp_path: Path, previous: Path) -> None:
    result = attempt(tmp_path, previous, {"articles/hello.zh.md": _with_body("[a](/admin/)")})
    assert_built(result)
    assert "/admin/" not in result.said, result.said


def test_an_old_address_is_matched_in_its_own_section(tmp_path: Path, previous: Path) -> None:
    text = _with_body("[news](/category/news.html)")
    result = attempt(tmp_path, previous, {"articles/hello.zh.md": text})
    assert "did you mean '/category/news/'?" in result.said, result.said


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_escaped_static_names_get_the_name_pelican_publishes(
    tmp_path: Path, previous: Path
) -> None:
    """Pelican finds '{static}%E6%8A%A5%E5%91%8A.pdf' but copies no file for it (it reads
    back '%20' alone): the checker and the build refuse it, and the fix publishes."""
    files: dict[str, str | bytes] = {
        "articles/hello.zh.md": _with_body("[f]({static}%E6%8A%A5%E5%91%8A.pdf)"),
        "articles/报告.pdf": PDF,
    }
    result = attempt(tmp_path, previous, files)
    assert "write '{static}报告.pdf'" in result.check.stdout, result.check.stdout
    assert_failed_cleanly(result, "write '{static}报告.pdf'")
    spaced = {
        "articles/hello.zh.md": _with_body("[h](<my report.pdf>)"),
        "articles/my report.pdf": PDF,
    }
    result = attempt(tmp_path / "spaced", previous, spaced)
    assert "write '{static}my%20report.pdf'" in result.check.stdout, result.check.stdout
    fixed = {**spaced, "articles/hello.zh.md": _with_body("[h]({static}my%20report.pdf)")}
    again = attempt(tmp_path / "fixed", previous, fixed)
    assert again.found == {}, again.check.stdout
    assert_built(again)
    page = again.output / "news" / "hello" / "index.html"
    assert (page.parent / unquote(_links(page)["h"])).resolve().read_bytes() == PDF


def test_a_content_path_below_the_sites_folder_gets_the_content_path(tmp_path: Path) -> None:
    photo = next((CLEAN / "galleries" / "garden").glob("*.jpg")).name
    body = f"[photo](/village/galleries/garden/{photo})"
    result, _ = _publish(tmp_path, {"articles/hello.zh.md": _with_body(body)})
    said = " ".join((result.stdout + result.stderr).split())
    assert f"write '{{static}}/galleries/garden/{photo}'" in said, said


def test_lines_of_links_that_start_alike_or_are_spaced(tmp_path: Path, previous: Path) -> None:
    text = _with_body(
        "See [all news](/news/).\n\nAnd [typo](/new)\n\n[spaced]( /gone/ )\n\n"
        '<a href = "/gone2/">x</a>'
    )
    result = attempt(tmp_path, previous, {"articles/hello.zh.md": text})
    for link, words in (("/new", "And [typo]"), ("/gone/", "[spaced]"), ("/gone2/", "<a href")):
        number = _line(text, words)
        assert f"hello.zh.md:{number}: error: link '{link}' leads to no page" in result.said


def test_a_drafts_name_is_told_before_any_guess(tmp_path: Path, previous: Path) -> None:
    draft = "Title: x\nSlug: kkww\nLang: zh\nDate: 2024-06-21 10:00\nStatus: draft\n\nx\n"
    page = "Title: p\nSlug: zzqq\nLang: zh\nStatus: draft\n\nx\n"
    text = _with_body("[a](/news/kkww/) and [p](/zzqq/)")
    files = {"articles/hello.zh.md": text, "articles/k.zh.md": draft, "pages/p.zh.md": page}
    result = attempt(tmp_path, previous, files)
    assert "link '/news/kkww/' leads to no page of this site: the page '/drafts/kkww/'" in (
        result.said
    ), result.said
    assert "link '/zzqq/' leads to no page of this site: the page '/drafts/" in result.said


@pytest.mark.parametrize(
    ("link", "advice"),
    [
        ("www.example.org", "'https://www.example.org'"),
        ("example.org/page", "'https://example.org/page'"),
        ("someone@example.org", "'mailto:someone@example.org'"),
        ("010-12345678", "'tel:010-12345678'"),
    ],
)
def test_what_is_no_path_of_the_site_is_named(
    tmp_path: Path, previous: Path, link: str, advice: str
) -> None:
    result = attempt(tmp_path, previous, {"articles/hello.zh.md": _with_body(f"[x]({link})")})
    assert f"link '{link}' leads to no page of this site" in result.said, result.said
    assert advice in result.said, result.said
    assert "did you mean '/news/hello/'" not in result.said  # never the page itself


def test_a_relative_link_out_of_the_folder_and_back_in(tmp_path: Path) -> None:
    result, _ = _publish(
        tmp_path, {"articles/hello.zh.md": _with_body("[back](../../../village/events/)")}
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "leads to no page" not in result.stdout + result.stderr


def test_a_preview_leaves_admin_without_its_slash_to_publishing(
    tmp_path: Path, previous: Path
) -> None:
    result = attempt(tmp_path, previous, {"articles/hello.zh.md": _with_body("[a](/admin)")})
    assert_built(result)


def test_links_in_a_summary_are_the_rule_books_too(tmp_path: Path, previous: Path) -> None:
    """The checker reads a Summary's links as it reads the text's: a missing {filename}
    (Pelican only warns, and publishes a broken link) and a file beside the page."""
    text = ARTICLE.read_text(encoding="utf-8").replace(
        "Summary: 一篇没有错误的文章。",
        "Summary: 见[旧文]({filename}/articles/nope.md)和[报告](report.pdf)。",
    )
    files: dict[str, str | bytes] = {"articles/hello.zh.md": text, "articles/report.pdf": PDF}
    result = attempt(tmp_path, previous, files)
    number = _line(text, "Summary:")
    messages = result.found[("content/articles/hello.zh.md", number, "error")]
    assert any("'{filename}/articles/nope.md' points nowhere" in m for m in messages), messages
    assert any("names a file beside this page" in m for m in messages), messages
    assert_failed_cleanly(result, "points nowhere")


@pytest.mark.parametrize(
    ("written", "words"),
    [
        ('Sign up at <a href="https://[link to form]">the form</a>.', "is no address a browser"),
        ("[router](http://[fe80::1/admin)", "is no address a browser"),
        ("[form][f]\n\n[f]: https://[link to form]", "is no address a browser"),
        ('<a href="file:///C:/Users/Sec/minutes.docx">m</a>', "on the writer's own computer"),
        ('<img src="file:///C:/Users/Sec/lift.jpg" alt="lift">', "on the writer's own computer"),
        (r'<a href="C:\Users\Sec\rota.docx">rota</a>', "on the writer's own computer"),
        ("<a href={static}/extra/logo.png>logo</a>", 'write href="{static}/extra/logo.png"'),
    ],
)
def test_addresses_no_reader_can_open(
    tmp_path: Path, previous: Path, written: str, words: str
) -> None:
    """Pasted from Word or a template: the checker and the build name the line, with no
    traceback, and the previous site stays."""
    text = _with_body(written)
    result = attempt(tmp_path, previous, {"articles/hello.zh.md": text})
    assert "Traceback" not in result.check.stderr, result.check.stderr
    number = len(text.splitlines())
    messages = result.found.get(("content/articles/hello.zh.md", number, "error"), [])
    assert any(words in m for m in messages), result.check.stdout
    assert_failed_cleanly(result, words)


def test_every_address_warning_is_shown(tmp_path: Path, previous: Path) -> None:
    """Only the build knows addresses: it lists all of them, not ten."""
    files = {
        f"articles/n{i}.zh.md": ARTICLE.read_text(encoding="utf-8").replace(
            "Slug: hello", f"Slug: n{i}"
        )
        + "\n[back](../../news/)\n"
        for i in range(12)
    }
    result = attempt(tmp_path, previous, files)
    assert_built(result)
    assert result.said.count("link '../../news/' is written from this page's address") == 12


def test_the_line_of_a_link_not_in_code_and_in_its_own_case(tmp_path: Path, previous: Path) -> None:
    text = _with_body(
        "An example:\n\n    [events](/evnts/)\n\nThe real one: [events](/evnts/)\n\n"
        "[a](/news/Hello/) and\n\n[b](/news/hellO/)"
    )
    result = attempt(tmp_path, previous, {"articles/hello.zh.md": text})
    for link, words in (("/evnts/", "The real one"), ("/news/hellO/", "[b]")):
        assert f"hello.zh.md:{_line(text, words)}: error: link '{link}'" in result.said


def test_suggestions_keep_the_anchor_the_language_and_the_content_path(
    tmp_path: Path, previous: Path
) -> None:
    english = (CLEAN / "articles" / "hello.en.md").read_text(encoding="utf-8")
    files = {
        "articles/hello.zh.md": _with_body("[team](/pages/about.html#team) [logo](extra/logo.png)"),
        "articles/hello.en.md": english + "\n[old](/2024/06/hello.html)\n",
    }
    result = attempt(tmp_path, previous, files)
    assert "did you mean '/about/#team'?" in result.said, result.said
    assert "write '{static}/extra/logo.png'" in result.said, result.said
    assert (
        "link '/2024/06/hello.html' leads to no page of this site; did you mean "
        "'/en/news/hello/'?" in result.said
    ), result.said
