"""The benchmark's corpus generator: deterministic, and content both sites can read.

No timing here: speed is measured only by `make bench`.
"""

from __future__ import annotations

import hashlib
import json
import random
from pathlib import Path

import pytest
from PIL import ExifTags, Image

from benchmarks.corpus import CorpusSize, generate
from benchmarks.photos import PhotoSize, plan_photo

MICRO = CorpusSize(
    "micro", articles=11, events=8, photos=5, galleries=2, photo_size=PhotoSize(64, 48)
)


def _tree_digest(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != "manifest.json"
    }


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("corpus")
    generate(dest, MICRO, seed=7)
    return dest


def test_same_seed_gives_the_same_bytes(corpus: Path, tmp_path: Path) -> None:
    generate(tmp_path / "again", MICRO, seed=7)
    assert _tree_digest(tmp_path / "again") == _tree_digest(corpus)


def test_another_seed_gives_another_corpus(corpus: Path, tmp_path: Path) -> None:
    generate(tmp_path / "other", MICRO, seed=8)
    assert _tree_digest(tmp_path / "other") != _tree_digest(corpus)


def test_manifest_counts_what_was_written(corpus: Path) -> None:
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    content = corpus / "ours" / "content"
    assert manifest["articles"] == 11
    assert len(list((content / "articles").glob("*.md"))) == 11 + manifest["translations"]
    assert len(list((content / "events").glob("*.md"))) == 8
    assert len(list((content / "galleries").glob("*/*.jpg"))) == 5
    assert (content / manifest["edit_target"]).is_file()
    assert (corpus / manifest["added_photo"]["source"]).is_file()
    added = (
        content / "galleries" / manifest["added_photo"]["gallery"] / manifest["added_photo"]["name"]
    )
    assert not added.exists()  # the bench adds it; it is not part of the corpus


def test_markdown_reads_with_pelican(corpus: Path) -> None:
    from pelican.readers import MarkdownReader
    from pelican.settings import DEFAULT_CONFIG

    reader = MarkdownReader(dict(DEFAULT_CONFIG))
    for tree in ("ours", "reference"):
        for path in sorted((corpus / tree / "content").rglob("*.md")):
            html, meta = reader.read(str(path))
            assert meta["title"], path
            assert "<h2" in html or path.parent.name in ("pages", "projects"), path
            if path.parent.name in ("articles", "events"):
                assert meta["date"].year >= 2019, path
            if path.parent.name == "events":
                assert "event-start" in meta, path


def test_projects_name_their_gallery_in_each_format(corpus: Path) -> None:
    from pelican.readers import MarkdownReader
    from pelican.settings import DEFAULT_CONFIG

    reader = MarkdownReader(dict(DEFAULT_CONFIG))
    galleries = corpus / "ours" / "content" / "galleries"
    for path in sorted((corpus / "ours" / "content" / "projects").glob("*.md")):
        _, ours = reader.read(str(path))
        _, theirs = reader.read(str(corpus / "reference" / "content" / "projects" / path.name))
        assert ours["template"] == "project"
        assert (galleries / ours["gallery"]).is_dir()
        assert theirs["gallery"] == "{photo}" + ours["gallery"]


def test_captions_name_existing_photos(corpus: Path) -> None:
    for captions in (corpus / "ours" / "content" / "galleries").glob("*/captions.txt"):
        for line in captions.read_text(encoding="utf-8").splitlines():
            name, _, caption = line.partition(": ")
            assert (captions.parent / name).is_file(), line
            assert caption


def test_photos_are_jpegs_with_phone_exif(corpus: Path) -> None:
    for path in sorted((corpus / "ours" / "content" / "galleries").glob("*/*.jpg")):
        with Image.open(path) as image:
            assert image.format == "JPEG"
            assert sorted(image.size) == [48, 64]
            exif = image.getexif()
            assert exif[ExifTags.Base.Make] == "BenchPhone"
            assert exif[ExifTags.Base.Orientation] in (1, 3, 6, 8)
            image.load()  # decodes completely


@pytest.mark.parametrize("seed", range(40))
def test_photo_plan_mixes_orientations_and_gps(seed: int) -> None:
    spec = plan_photo(random.Random(seed), PhotoSize(4000, 3000), "2024:03:02 09:00:00")
    assert spec.size in ((4000, 3000), (3000, 4000))
    # Rotation tags are only on photos stored sideways, as phones do.
    assert spec.orientation == 1 or spec.size == (4000, 3000)
    if spec.gps is not None:
        assert 31 < spec.gps[0] < 32 and 121 < spec.gps[1] < 122


def test_photo_plans_cover_every_case() -> None:
    specs = [plan_photo(random.Random(n), PhotoSize(4000, 3000), "x") for n in range(200)]
    assert {s.orientation for s in specs} == {1, 3, 6, 8}
    assert {s.size for s in specs} == {(4000, 3000), (3000, 4000)}
    assert any(s.gps for s in specs) and not all(s.gps for s in specs)
