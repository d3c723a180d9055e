"""The CMS_* settings: where the editor at /admin/ commits, and how it is built.

Pure core: `DEFAULTS` are filled in by `glue.apply_defaults`; `settings_problems` lists
every wrong one, and the build stops before it reads any content.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from community_press import SettingsCheck

__all__ = ["DEFAULTS", "settings_problems"]

DEFAULTS: dict[str, Any] = {
    # Write /admin/ (the editor, its config.yml and its files) into the output: on in
    # publishconf.py and for `make cms`, off for previews. Left out, with one notice,
    # when the editor's files are not installed (docs/CMS.md).
    "CMS_ENABLED": False,
    # Where the editor's files are: cms/node_modules/decap-cms/dist after `npm ci` in cms/.
    "CMS_BUNDLE_PATH": None,
    # The output folder of the editor.
    "CMS_SAVE_AS": "admin",
    # The GitHub repository ("owner/name") and branch the published editor commits to.
    "CMS_REPO": "",
    "CMS_BRANCH": "main",
    # Volunteers' changes become pull requests that an editor reviews and merges.
    "CMS_EDITORIAL_WORKFLOW": True,
    # Volunteers without write access may propose changes from their own fork.
    "CMS_OPEN_AUTHORING": False,
    # The address of the sign-in (OAuth) service for GitHub accounts (docs/CMS.md).
    "CMS_AUTH_URL": "",
    # The folder (a path) that config.yml paths are relative to: the repository's root.
    # None: the nearest folder above PATH with a .git, else the folder holding PATH.
    "CMS_ROOT": None,
    # Where pictures inside articles and pages go, below PATH, and their URL path.
    "CMS_IMAGES_PATH": "images",
    # The site's address as the editor links to it ("" : SITEURL).
    "CMS_SITE_URL": "",
    # Brotli quality of the editor's precompressed files when PUBLISH_PRECOMPRESS is on.
    "CMS_BROTLI_QUALITY": 5,
}

_REPO = re.compile(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")


def settings_problems(settings: Mapping[str, Any]) -> list[str]:
    """Every wrong CMS_* setting, with its value and what it must be."""
    check = SettingsCheck({**DEFAULTS, **settings})
    values = check.settings
    if not isinstance(values["CMS_ENABLED"], bool):
        check.bad("CMS_ENABLED", "must be True or False")
    for key in ("CMS_EDITORIAL_WORKFLOW", "CMS_OPEN_AUTHORING"):
        if not isinstance(values[key], bool):
            check.bad(key, "must be True or False")
    if values["CMS_OPEN_AUTHORING"] is True and values["CMS_EDITORIAL_WORKFLOW"] is not True:
        check.bad("CMS_OPEN_AUTHORING", "needs CMS_EDITORIAL_WORKFLOW = True")
    auth = values["CMS_AUTH_URL"]
    if not isinstance(auth, str) or (auth and not auth.startswith("https://")):
        check.bad("CMS_AUTH_URL", "must be '' or an https:// address")
    repo = values["CMS_REPO"]
    if not isinstance(repo, str) or (repo and not _REPO.fullmatch(repo)):
        check.bad("CMS_REPO", "must be '' or a GitHub repository as 'owner/name'")
    for key in ("CMS_BRANCH", "CMS_SAVE_AS", "CMS_IMAGES_PATH"):
        value = values[key]
        if not isinstance(value, str) or not value.strip("/") or ".." in value.split("/"):
            check.bad(key, "must be a name such as 'main', 'admin' or 'images'")
    for key in ("CMS_BUNDLE_PATH", "CMS_ROOT"):
        check.optional_path(key)
    check.count("CMS_BROTLI_QUALITY", 0, 11)
    if not isinstance(values["CMS_SITE_URL"], str):
        check.bad("CMS_SITE_URL", "must be '' or the site's address")
    return check.problems
