"""The reference: plain Pelican 4.12 with pelican-photos, as a Pelican user would set it up.

It gets the same URLs, pagination, Markdown and content cache as our site (so the comparison
is about the design, not about settings), the default theme with one template added to show
galleries, and pelican-photos with parallel resizing (PHOTO_RESIZE_JOBS = 2) making a
thumbnail and a large size of every photo. Run with `.venv-bench` (pelican-photos needs a
Pillow older than the site's).
"""

import os
from pathlib import Path

HERE = Path(__file__).resolve().parent
_cache = Path(os.environ.get("BENCH_CACHE_DIR", HERE.parent / ".cache" / "bench" / "refcache"))

AUTHOR = "清泉山社区青年之家"
SITENAME = "清泉山社区"
SITEURL = ""
RELATIVE_URLS = True
PATH = "content"
TIMEZONE = "Asia/Shanghai"
DEFAULT_LANG = "zh"
DEFAULT_DATE_FORMAT = "%Y-%m-%d"

ARTICLE_PATHS = ["articles", "events"]
PAGE_PATHS = ["pages", "projects"]
STATIC_PATHS = ["extra"]
USE_FOLDER_AS_CATEGORY = False
DEFAULT_CATEGORY = "News"

ARTICLE_URL = "news/{slug}/"
ARTICLE_SAVE_AS = "news/{slug}/index.html"
ARTICLE_LANG_URL = "{lang}/news/{slug}/"
ARTICLE_LANG_SAVE_AS = "{lang}/news/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
PAGE_LANG_URL = "{lang}/{slug}/"
PAGE_LANG_SAVE_AS = "{lang}/{slug}/index.html"
CATEGORY_URL = "category/{slug}/"
CATEGORY_SAVE_AS = "category/{slug}/index.html"
CATEGORIES_SAVE_AS = "category/index.html"
TAG_URL = "tag/{slug}/"
TAG_SAVE_AS = "tag/{slug}/index.html"
TAGS_SAVE_AS = "tag/index.html"
ARCHIVES_SAVE_AS = "archives/index.html"
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DEFAULT_PAGINATION = 10
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)

FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CONTENT_CACHING_LAYER = "reader"
CACHE_PATH = str(_cache / "pelican")
CHECK_MODIFIED_METHOD = "md5"
DELETE_OUTPUT_DIRECTORY = False

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.toc": {},
    },
    "output_format": "html5",
}
READERS = {"rst": None}
SUMMARY_MAX_LENGTH = 60
TYPOGRIFY = False

# The default theme, plus the gallery template the pelican-photos README suggests.
THEME_TEMPLATES_OVERRIDES = [str(HERE / "reference" / "templates")]
PLUGINS = ["pelican.plugins.photos"]
PHOTO_LIBRARY = os.environ.get("BENCH_PHOTO_LIBRARY", "galleries")
PHOTO_RESIZE_JOBS = 2
PHOTO_GALLERY = (1600, 1600, 85)  # the large size
PHOTO_THUMB = (400, 400, 80)  # the thumbnail
PHOTO_EXIF_KEEP = False
