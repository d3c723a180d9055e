"""Publishing settings: everything from pelicanconf.py, then only what publishing changes.

SITEURL comes from the environment so that each host (GitHub Pages, a server behind nginx,
a bucket) gets absolute URLs of its own:

    SITEURL=https://example.org make publish

The default below is the placeholder used when nothing is set.
"""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: F403

SITEURL = os.environ.get("SITEURL", "https://qingquanshan.example.org").rstrip("/")
RELATIVE_URLS = False

FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/category/{slug}.atom.xml"
TRANSLATION_FEED_ATOM = "feeds/all-{lang}.atom.xml"
