"""Community Press's own settings: what every community's site starts from.

A site's `pelicanconf.py` begins with `from community_press.defaults import *` and then says
who the community is (`make new-site` writes it; docs/NEW-COMMUNITY.md explains each
setting). Nothing here names a community.
"""

import os
from pathlib import Path

# The product's folder (theme/, plugins/), wherever the site's own settings are.
HERE = Path(__file__).resolve().parents[2]

SITEURL = ""
# What `make publish` uses when the SITEURL variable is not set (publishconf.py).
PUBLISH_SITEURL = "https://example.org"
RELATIVE_URLS = True

DEFAULT_DATE_FORMAT = "%Y-%m-%d"

ARTICLE_PATHS = ["articles", "events"]
PAGE_PATHS = ["pages", "projects"]
STATIC_PATHS = ["extra"]
# Galleries are read by our gallery plugin, never copied as they are (they may carry GPS).
IGNORE_FILES = [".#*", "*.tmp", "galleries"]
USE_FOLDER_AS_CATEGORY = False
DEFAULT_CATEGORY = "News"

# URLs: folders with index.html, so links carry no ".html".
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
CATEGORIES_URL = "category/"
CATEGORIES_SAVE_AS = "category/index.html"
TAG_URL = "tag/{slug}/"
TAG_SAVE_AS = "tag/{slug}/index.html"
TAGS_URL = "tag/"
TAGS_SAVE_AS = "tag/index.html"
ARCHIVES_URL = "archives/"
ARCHIVES_SAVE_AS = "archives/index.html"
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DRAFT_URL = "drafts/{slug}/"
DRAFT_SAVE_AS = "drafts/{slug}/index.html"
DRAFT_LANG_URL = "drafts/{lang}/{slug}/"
DRAFT_LANG_SAVE_AS = "drafts/{lang}/{slug}/index.html"
INDEX_SAVE_AS = "index.html"
# The home page, /news/, /search/ and 404 are rendered for every language by the listings
# plugin (index.html is the home, not a paginated list), so Pelican's "index" is left out.
DIRECT_TEMPLATES = ["archives", "categories", "tags"]
DEFAULT_PAGINATION = 10
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)

THEME = str(HERE / "theme")

# Our own plugins. Pelican only logs a plugin that fails to import; `tools/build.py` runs
# with --fatal errors, so that log line fails the build.
PLUGIN_PATHS = [str(HERE / "plugins")]
# rulebook first: it checks the content before any other plugin reads it.
PLUGINS = [
    "rulebook",
    "identity",
    "events",
    "gallery",
    "projects",
    "translations",
    "listings",
    "theme_helpers",
    "posters",  # after events: it prints their views
    "video",
    "jinja_cache",
    "sharecards",  # after gallery: it draws the gallery covers into the cards
    "digest",  # after events: it lists their occurrences
    "cms",  # /admin/ (docs/CMS.md); before publish, which publishconf.py appends
    "parallel_write",  # last, or the build stops: it renders what the others recorded
]

# Feeds are for publishing (publishconf.py); a preview build does not need them.
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# Content caching: an unchanged Markdown file is not parsed again. The cache lives outside
# output/ so that the safe build (a fresh output folder every time) keeps it.
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CONTENT_CACHING_LAYER = "reader"
# Every build cache lives under one folder, `.cache/` unless COMMUNITY_PRESS_CACHE says
# otherwise (tests and the benchmark point it at a folder of their own).
CACHE_ROOT = Path(os.environ.get("COMMUNITY_PRESS_CACHE") or HERE / ".cache")
CACHE_PATH = str(CACHE_ROOT / "pelican")
CHECK_MODIFIED_METHOD = "md5"
# Gzipping the cache cost 0.3 s of every medium bench build, to save a few MB of disk.
GZIP_CACHE = False
# Resized, metadata-free photos, keyed on each photo's bytes: keep this folder between
# builds (and in CI) and an unchanged photo is never decoded again.
GALLERY_CACHE_PATH = str(CACHE_ROOT / "gallery")
# Compiled templates (plugins/jinja_cache): half of a small warm build was compiling them.
JINJA_BYTECODE_CACHE_PATH = str(CACHE_ROOT / "jinja")

# The safe build writes a new folder every time; nothing to delete.
DELETE_OUTPUT_DIRECTORY = False

MARKDOWN = {
    "extension_configs": {
        # Code blocks as Pelican writes them, the ':::python' first line of older Pelican
        # sites read as the language, not shown, and no inline styles (no Pygments: the
        # publishing CSP forbids them).
        "markdown.extensions.codehilite": {"use_pygments": False, "css_class": "highlight"},
        "markdown.extensions.extra": {},
        "markdown.extensions.toc": {},
    },
    "output_format": "html5",
}

# We write Markdown only (the rule book checks Markdown): no reStructuredText reader (it
# would also warn about the "zh" language), no HTML reader (it publishes a page's HTML
# unchecked). The rule book refuses such a file in a folder of pages, naming it.
READERS = {"rst": None, "html": None, "htm": None}

SUMMARY_MAX_LENGTH = 60
TYPOGRIFY = False
