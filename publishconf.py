"""Publishing settings: everything from pelicanconf.py, then only what publishing changes.

SITEURL comes from the environment so that each host (GitHub Pages, a server behind nginx,
a bucket) gets absolute URLs of its own:

    SITEURL=https://example.org make publish

Without it, the site's own PUBLISH_SITEURL (pelicanconf.py) is used.
"""

import importlib.util
import os
from pathlib import Path

# The pelicanconf.py beside this file, loaded by its path: a module of that name elsewhere
# on the import path (another site's) must not answer instead.
_spec = importlib.util.spec_from_file_location(
    "site_settings", Path(__file__).with_name("pelicanconf.py")
)
_site = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_site)
globals().update({k: v for k, v in vars(_site).items() if k.isupper()})

# An empty SITEURL (a CI variable left blank) counts as unset.
SITEURL = (os.environ.get("SITEURL") or PUBLISH_SITEURL).rstrip("/")  # noqa: F821
RELATIVE_URLS = False

FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/category/{slug}.atom.xml"
TRANSLATION_FEED_ATOM = "feeds/all-{lang}.atom.xml"

# Publishing steps of plugins/publish (all off in pelicanconf.py); see docs/DEPLOY.md.
PLUGINS = [*(p for p in PLUGINS if p != "parallel_write"), "publish", "parallel_write"]  # noqa: F821
PUBLISH_NOOPENER = True
PUBLISH_SITEMAP_SAVE_AS = "sitemap.xml"
PUBLISH_ROBOTS_SAVE_AS = "robots.txt"
PUBLISH_PAGEFIND = True
PUBLISH_MINIFY = True
PUBLISH_PRECOMPRESS = True
# The editor at /admin/ (plugins/cms, docs/CMS.md), when `make cms-install` has run.
CMS_ENABLED = True
# No 'unsafe-inline' anywhere: the build fails on a page with inline code or styles.
# 'wasm-unsafe-eval' lets Pagefind's WebAssembly run; a <meta> policy cannot carry
# frame-ancestors, so servers add that as a header (docs/DEPLOY.md).
PUBLISH_CSP = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; media-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'"
)
