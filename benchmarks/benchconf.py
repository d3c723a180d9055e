"""Our site's settings for `make bench`: pelicanconf.py with its caches moved into the bench.

The bench passes the content and output folders on the command line (as `tools/build.py`
does) and the cache folder in BENCH_CACHE_DIR, so a cold run can remove every cache of its
own without touching the developer's `.cache/pelican` and `.cache/gallery`.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pelicanconf import *  # noqa: F403

_cache = os.environ.get("BENCH_CACHE_DIR")
if _cache:
    CACHE_PATH = str(Path(_cache) / "pelican")
    GALLERY_CACHE_PATH = str(Path(_cache) / "gallery")
    JINJA_BYTECODE_CACHE_PATH = str(Path(_cache) / "jinja")

# The bench's variant side: our site with other gallery formats and widths
# ("jpeg" and "400,1600": what the reference makes).
_formats = os.environ.get("BENCH_GALLERY_FORMATS")
if _formats:
    GALLERY_FORMATS = [f.strip() for f in _formats.split(",") if f.strip()]
_widths = os.environ.get("BENCH_GALLERY_WIDTHS")
if _widths:
    GALLERY_WIDTHS = [int(w) for w in _widths.split(",") if w.strip()]
