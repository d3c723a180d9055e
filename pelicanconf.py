"""This site's settings.

A fresh clone builds the demonstration community in `examples/qingquanshan/`.
`make new-site NAME=... LANGUAGES=... TIMEZONE=...` replaces this file with your own
community's settings and starts `content/` for it (docs/NEW-COMMUNITY.md).
`publishconf.py` imports everything from here and overrides only what publishing needs.
"""

from examples.qingquanshan.pelicanconf import *  # noqa: F403
