"""`make check` warns about a photo that tells where it was taken, wherever it says so.

Found by a tester: GPS only in XMP, and IPTC place names (a city, a street), passed the
check in silence; only EXIF GPS was named. The published copies were clean either way:
the warning is for the repository, which keeps the original.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from gallery.rules import photo_problems
from gallery.settings import DEFAULTS
from gallery_helpers import XMP, exif_block, iptc_segment, upright


def _photo(path: Path, *, xmp: bytes = b"", iptc: bool = False, gps: bool = False) -> Path:
    out = io.BytesIO()
    upright().save(out, "JPEG", exif=exif_block(1, gps, None).tobytes(), xmp=xmp)
    data = out.getvalue()
    path.write_bytes(data[:2] + iptc_segment() + data[2:] if iptc else data)
    return path


PLACE_XMP = XMP.replace(b'exif:GPSLatitude="26,53.7N"', b'photoshop:City="Hengyang"').replace(
    b'rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/"',
    b'rdf:Description xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"',
)


@pytest.mark.parametrize(
    ("options", "said"),
    [
        ({"gps": True}, "photo carries a GPS location"),
        ({"xmp": XMP}, "photo carries a GPS location"),  # in XMP only
        ({"iptc": True}, "photo carries a place name"),  # IPTC's city
        ({"xmp": PLACE_XMP}, "photo carries a place name"),
        ({}, None),
    ],
)
def test_a_photo_that_tells_where_it_was_taken_is_named(
    tmp_path: Path, options: dict[str, object], said: str | None
) -> None:
    photo = _photo(tmp_path / "a.jpg", **options)  # type: ignore[arg-type]
    messages = [p.problem for p in photo_problems(photo, DEFAULTS, tmp_path)]
    if said is None:
        assert messages == []
    else:
        assert any(m.startswith(said) for m in messages), messages
