"""The editor's page and files in the output: which files of the bundle, and index.html.

Pure core. Decap CMS comes from the npm registry at the version pinned in
cms/package-lock.json (`npm ci` in cms/ puts it in cms/node_modules/decap-cms/dist);
the build copies the files listed by `bundle_files` beside index.html and our
cms-setup.js. `ADMIN_CSP` is the page's own policy (docs/CMS.md says why each part).
"""

from __future__ import annotations

import hashlib
import html
from collections.abc import Iterable
from pathlib import Path

__all__ = ["ADMIN_CSP", "BUNDLE_NAME", "admin_page", "bundle_files", "digest"]

BUNDLE_NAME = "decap-cms.js"
# What Decap CMS needs, and nothing else:
# - script-src 'unsafe-eval': it compiles its config schema (ajv) with `new Function`;
# - style-src 'unsafe-inline': its components set their styles at run time (emotion);
# - img-src blob: data: previews of photos not yet uploaded, and its icons;
# - connect-src https://api.github.com: the GitHub backend (reading and committing);
#   img-src https://avatars.githubusercontent.com: the signed-in volunteer's picture.
ADMIN_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-eval'; "
    "style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob: https://avatars.githubusercontent.com; "
    "font-src 'self' data:; connect-src 'self' blob: https://api.github.com; "
    "media-src 'self' blob:; frame-src 'self' blob:; worker-src 'self' blob:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'"
)


def bundle_files(names: Iterable[str]) -> list[str]:
    """The files of Decap's dist/ the page loads: the bundle, its chunks, its WebAssembly
    and the licence; not the source maps nor the second copy (cms.js)."""
    keep = []
    for name in sorted(names):
        if name.endswith(".map"):
            continue
        if name in (BUNDLE_NAME, f"{BUNDLE_NAME}.LICENSE.txt") or name.endswith(
            (f".{BUNDLE_NAME}", ".wasm")
        ):
            keep.append(name)
    return keep


def digest(path: Path) -> str:
    """sha256 of a file, to name the bundle's version in the page (cache busting)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def admin_page(*, title: str, lang: str, version: str, preview_style: str) -> str:
    """/admin/index.html: no inline script or style, not for search engines."""
    quoted = html.escape
    return f"""<!doctype html>
<html lang="{quoted(lang)}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex, nofollow">
  <meta http-equiv="Content-Security-Policy" content="{quoted(ADMIN_CSP)}">
  <meta name="referrer" content="same-origin">
  <title>{quoted(title)}</title>
  <link rel="cms-config-url" type="text/yaml" href="config.yml?v={quoted(version)}">
</head>
<body>
  <script src="{BUNDLE_NAME}?v={quoted(version)}"></script>
  <script src="cms-setup.js?v={quoted(version)}"
          data-preview-style="{quoted(preview_style)}"></script>
</body>
</html>
"""
