"""Publishing settings: everything from pelicanconf.py, then only what publishing changes.

SITEURL comes from the environment so that each host (GitHub Pages, a server behind nginx,
a bucket) gets absolute URLs of its own:

    SITEURL=https://example.org make publish

Without it, the site's own PUBLISH_SITEURL (pelicanconf.py) is used.
"""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: F403

# An empty SITEURL (a CI variable left blank) counts as unset.
SITEURL = (os.environ.get("SITEURL") or PUBLISH_SITEURL).rstrip("/")
RELATIVE_URLS = False

FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/category/{slug}.atom.xml"
TRANSLATION_FEED_ATOM = "feeds/all-{lang}.atom.xml"

# Publishing steps of plugins/publish (all off in pelicanconf.py); see docs/DEPLOY.md.
PLUGINS = [*(p for p in PLUGINS if p != "parallel_write"), "publish", "parallel_write"]
PUBLISH_NOOPENER = True
PUBLISH_SITEMAP_SAVE_AS = "sitemap.xml"
PUBLISH_ROBOTS_SAVE_AS = "robots.txt"
PUBLISH_PAGEFIND = True
PUBLISH_MINIFY = True
PUBLISH_PRECOMPRESS = True
# No 'unsafe-inline' anywhere: the build fails on a page with inline code or styles.
# 'wasm-unsafe-eval' lets Pagefind's WebAssembly run; a <meta> policy cannot carry
# frame-ancestors, so servers add that as a header (docs/DEPLOY.md).
PUBLISH_CSP = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; media-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'"
)
