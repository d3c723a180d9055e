"""A fresh clone finds its photos' digests through git's index, without reading them."""

from __future__ import annotations

import logging
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import build_site
from gallery import gitblobs
from gallery.digests import DigestMemo, file_digests
from gallery_helpers import make_photo

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def git(folder: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(folder), "-c", "user.name=Test", "-c", "user.email=t@example.org",
         "-c", "init.defaultBranch=main", *args],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return done.stdout


def repository(root: Path, files: dict[str, bytes]) -> Path:
    root.mkdir(parents=True)
    git(root, "init", "-q")
    for name, data in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "photos")
    return root


def clone(source: Path, destination: Path) -> Path:
    git(source.parent, "clone", "-q", "--no-hardlinks", str(source), str(destination))
    return destination


def entry(mode: str, blob: str, stage: int, name: str, *, size: int = 3) -> bytes:
    return (
        f"{mode} {blob} {stage}\t{name}\0  ctime: 1:2\n  mtime: 1700000000:5\n"
        f"  dev: 65024\tino: 7\n  uid: 0\tgid: 0\n  size: {size}\tflags: 0\n"
    ).encode()


A, B = "a" * 40, "b" * 64  # SHA-1 and SHA-256 repositories


@pytest.mark.parametrize(
    ("output", "expected"),
    [
        (b"", {}),
        (entry("100644", A, 0, "g/a.jpg"), {"g/a.jpg": (A, 1_700_000_000_000_000_005, 7, 3)}),
        # an executable photo (copied from a camera card) is still a file; names are raw
        # bytes with -z: no quoting of Chinese or spaces
        (entry("100755", B, 0, "公园/长椅 1.jpg", size=9),
         {"公园/长椅 1.jpg": (B, 1_700_000_000_000_000_005, 7, 9)}),
        # a link, a submodule and a file in the middle of a merge are left out
        (entry("120000", A, 0, "l.jpg") + entry("160000", A, 0, "sub")
         + entry("100644", A, 2, "m.jpg"), {}),
        # anything unexpected, anywhere, and nothing is trusted
        (entry("100644", A, 0, "a.jpg") + b"warning: odd\n", None),
        (b"noise" + entry("100644", A, 0, "a.jpg"), None),
        (entry("100644", A, 0, "a.jpg").replace(b"mtime", b"mtyme"), None),
    ],
)  # fmt: skip
def test_parse_index_listing(output, expected):
    parsed = gitblobs.parse_index_listing(output)
    if expected is None:
        assert parsed is None
    else:
        assert {k: (e.blob, e.mtime_ns, e.ino, e.size) for k, e in parsed.items()} == expected


def test_index_listing_is_what_this_git_prints(tmp_path: Path) -> None:
    origin = repository(tmp_path / "origin", {"g/a b.jpg": b"photo", "长椅.jpg": b"bench"})
    listed = gitblobs.run_git(origin, "ls-files", "-s", "--debug", "-z", "--", ".")
    parsed = gitblobs.parse_index_listing(listed)
    assert sorted(parsed) == ["g/a b.jpg", "长椅.jpg"]
    st = (origin / "长椅.jpg").stat()
    assert parsed["长椅.jpg"].matches(st)
    assert parsed["长椅.jpg"].blob == file_digests(origin / "长椅.jpg")[1]


def test_a_fresh_clone_reads_no_photo(tmp_path: Path, hash_calls: list[Path]) -> None:
    origin = repository(tmp_path / "origin", {"g/a.jpg": b"first photo", "g/b.jpg": b"second"})
    memo_file = tmp_path / "cache" / "digests.json"
    first = DigestMemo(memo_file, origin)
    photos = [origin / "g" / "a.jpg", origin / "g" / "b.jpg"]
    digests = [first.sha256(p) for p in photos]
    first.save()
    assert hash_calls == photos

    copy = clone(origin, tmp_path / "clone")
    again = DigestMemo(memo_file, copy)
    assert [again.sha256(copy / "g" / n) for n in ("a.jpg", "b.jpg")] == digests
    assert hash_calls == photos  # nothing read in the clone


def test_a_photo_changed_after_the_clone_is_read(tmp_path: Path, hash_calls: list[Path]) -> None:
    origin = repository(tmp_path / "origin", {"a.jpg": b"the photo", "b.jpg": b"untouched"})
    memo_file = tmp_path / "digests.json"
    first = DigestMemo(memo_file, origin)
    old = first.sha256(origin / "a.jpg")
    first.sha256(origin / "b.jpg")
    first.save()

    copy = clone(origin, tmp_path / "clone")
    (copy / "a.jpg").write_bytes(b"the PHOTO")  # same size, not committed
    (copy / "new.jpg").write_bytes(b"untracked")
    again = DigestMemo(memo_file, copy)
    hash_calls.clear()
    assert again.sha256(copy / "a.jpg") != old
    again.sha256(copy / "new.jpg")
    again.sha256(copy / "b.jpg")
    assert hash_calls == [copy / "a.jpg", copy / "new.jpg"]  # b.jpg came from git


def test_blob_id_is_the_one_git_gives(tmp_path: Path) -> None:
    photo = tmp_path / "长椅.jpg"
    make_photo(photo, 6)
    assert file_digests(photo)[1] == git(tmp_path, "hash-object", photo.name).strip()


def test_photos_hashed_before_they_were_committed_are_found_in_a_clone(
    tmp_path: Path, hash_calls: list[Path]
) -> None:
    """The first build ran outside git (or before the commit): the memo learnt the blob ids
    from the bytes it read, so the clone CI makes later still reads nothing."""
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "a.jpg").write_bytes(b"made on a laptop")
    memo_file = tmp_path / "digests.json"
    first = DigestMemo(memo_file, plain)
    digest = first.sha256(plain / "a.jpg")
    first.save()
    origin = repository(tmp_path / "origin", {"g/a.jpg": b"made on a laptop"})
    copy = clone(origin, tmp_path / "clone")
    hash_calls.clear()
    assert DigestMemo(memo_file, copy).sha256(copy / "g" / "a.jpg") == digest
    assert hash_calls == []


def test_git_variables_of_a_hook_do_not_redirect_the_lookup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    origin = repository(tmp_path / "origin", {"a.jpg": b"photo"})
    other = repository(tmp_path / "other", {"a.jpg": b"another photo"})
    monkeypatch.setenv("GIT_DIR", str(other / ".git"))  # as in a pre-commit hook of `other`
    monkeypatch.setenv("GIT_INDEX_FILE", str(other / ".git" / "index"))
    assert gitblobs.clean_blobs(origin) == {origin / "a.jpg": file_digests(origin / "a.jpg")[1]}


def test_outside_a_repository_photos_are_hashed(tmp_path: Path, hash_calls: list[Path]) -> None:
    folder = tmp_path / "plain"
    folder.mkdir()
    (folder / "a.jpg").write_bytes(b"x")
    assert gitblobs.clean_blobs(folder) == {}
    memo = DigestMemo(tmp_path / "digests.json", folder)
    memo.sha256(folder / "a.jpg")
    assert hash_calls == [folder / "a.jpg"]


def test_site_built_from_a_fresh_clone_decodes_and_reads_no_photo(
    tmp_path: Path, hash_calls: list[Path]
) -> None:
    origin = tmp_path / "origin"
    content = origin / "content"
    for n in range(3):
        make_photo(content / "galleries" / "park" / f"p{n}.jpg", n + 1)
    (content / "projects").mkdir(parents=True)
    (content / "projects" / "park.md").write_text(
        "Title: Park\nSlug: park\nDate: 2024-06-01\ngallery: park\n\nBenches.\n", encoding="utf-8"
    )
    git(origin, "init", "-q")
    git(origin, "add", "-A")
    git(origin, "commit", "-q", "-m", "site")
    cache = str(tmp_path / "cache")
    settings = {"GALLERY_CACHE_PATH": cache, "GALLERY_WIDTHS": [16, 32], "GALLERY_WORKERS": 1}
    first = build_site(content, tmp_path / "out1", **settings)
    assert not first.problems(logging.ERROR)  # warnings: the photos carry GPS, no alt text
    # Each photo read once (the rule book's memo of the whole site knows the page too).
    assert sorted(p.name for p in hash_calls if p.suffix == ".jpg") == [
        "p0.jpg",
        "p1.jpg",
        "p2.jpg",
    ]

    copy = clone(origin, tmp_path / "clone")
    hash_calls.clear()
    second = build_site(copy / "content", tmp_path / "out2", **settings)
    assert not second.problems(logging.ERROR)
    assert hash_calls == []
    stats = [r.gallery_stats for r in second.records if hasattr(r, "gallery_stats")]
    assert (stats[0].decoded, stats[0].from_cache) == (0, 3)
    assert sorted(p.name for p in (tmp_path / "out2" / "photos").rglob("*.jpg")) == sorted(
        p.name for p in (tmp_path / "out1" / "photos").rglob("*.jpg")
    )
