"""The reference: plain Pelican 4.12 with pelican-photos, as a Pelican user would set it up.

It gets the same URLs, pagination, Markdown and content cache as our site (so the comparison
is about the design, not about settings), the default theme with one template added to show
galleries, and pelican-photos with parallel resizing (PHOTO_RESIZE_JOBS = 2) making a
thumbnail and a large size of every photo. Run with `.venv-bench` (pelican-photos needs a
Pillow older than the site's).
"""

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
_cache = Path(os.environ.get("BENCH_CACHE_DIR", HERE.parent / ".cache" / "bench" / "refcache"))

# Site, URL, pagination, feed and content-cache settings are ours, imported by name: the
# comparison is about the design, so the two sites must not drift apart.
sys.path.insert(0, str(HERE.parent))
# The site's settings start from the product's (plugins/community_press/defaults.py); this
# venv has no .pth for the project's folders.
sys.path.insert(0, str(HERE.parent / "plugins"))
from pelicanconf import (  # noqa: E402, F401
    ARCHIVES_SAVE_AS,
    ARTICLE_LANG_SAVE_AS,
    ARTICLE_LANG_URL,
    ARTICLE_PATHS,
    ARTICLE_SAVE_AS,
    ARTICLE_URL,
    AUTHOR,
    AUTHOR_FEED_ATOM,
    AUTHOR_FEED_RSS,
    AUTHOR_SAVE_AS,
    AUTHORS_SAVE_AS,
    CACHE_CONTENT,
    CATEGORIES_SAVE_AS,
    CATEGORY_FEED_ATOM,
    CATEGORY_SAVE_AS,
    CATEGORY_URL,
    CHECK_MODIFIED_METHOD,
    CONTENT_CACHING_LAYER,
    DEFAULT_CATEGORY,
    DEFAULT_DATE_FORMAT,
    DEFAULT_LANG,
    DEFAULT_PAGINATION,
    DELETE_OUTPUT_DIRECTORY,
    FEED_ALL_ATOM,
    LOAD_CONTENT_CACHE,
    MARKDOWN,
    MONTH_ARCHIVE_SAVE_AS,
    PAGE_LANG_SAVE_AS,
    PAGE_LANG_URL,
    PAGE_PATHS,
    PAGE_SAVE_AS,
    PAGE_URL,
    PAGINATION_PATTERNS,
    PATH,
    READERS,
    RELATIVE_URLS,
    SITENAME,
    SITEURL,
    STATIC_PATHS,
    SUMMARY_MAX_LENGTH,
    TAG_SAVE_AS,
    TAG_URL,
    TAGS_SAVE_AS,
    TIMEZONE,
    TRANSLATION_FEED_ATOM,
    TYPOGRIFY,
    USE_FOLDER_AS_CATEGORY,
    YEAR_ARCHIVE_SAVE_AS,
)

CACHE_PATH = str(_cache / "pelican")

# The default theme, plus the gallery template the pelican-photos README suggests.
THEME_TEMPLATES_OVERRIDES = [str(HERE / "reference" / "templates")]
PLUGINS = ["pelican.plugins.photos"]
PHOTO_LIBRARY = os.environ.get("BENCH_PHOTO_LIBRARY", "galleries")
PHOTO_RESIZE_JOBS = 2
PHOTO_GALLERY = (1600, 1600, 85)  # the large size
PHOTO_THUMB = (400, 400, 80)  # the thumbnail
PHOTO_EXIF_KEEP = False
