"""The content checker: reads content/ without building and reports ``path:line:`` problems."""

from __future__ import annotations

import sys
from pathlib import Path

# The checker reuses the plugins' own parsers (`events.model`, `gallery.captions`), which
# Pelican imports from PLUGIN_PATHS; outside a build they need the same folder on the path.
_PLUGINS = str(Path(__file__).resolve().parents[2] / "plugins")
if _PLUGINS not in sys.path:
    sys.path.insert(0, _PLUGINS)

from .problems import ERROR, WARNING, Problem  # noqa: E402
from .site import check_site, load_settings  # noqa: E402

__all__ = ["ERROR", "WARNING", "Problem", "check_site", "load_settings"]
