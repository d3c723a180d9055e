"""Every article and page is written in one of the site's languages.

Pelican takes any `Lang`: `EN` would get pages of its own under `/EN/`, and a locale such
as `zh-CN` breaks date formatting further on. `unknown_language` is the rule (the content
checker, `tools/checker`, reports it with the line); `check_language` stops the build.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from pathlib import Path, PurePosixPath
from typing import Any

logger = logging.getLogger(__name__)


def unknown_language(lang: str, languages: Sequence[str]) -> str | None:
    """Why `lang` is none of `languages`, naming the code most likely meant (`EN`,
    `zh-CN`, `zh_Hans` -> `en`, `zh`), or None when it is one of them."""
    if lang in languages:
        return None
    if not lang.strip():
        choices = " or ".join(f"'Lang: {code}'" for code in languages)
        return f"empty: write {choices}, or delete the line"
    base = re.split(r"[-_]", lang.strip())[0].lower()
    meant = f": write 'Lang: {base}'" if base in languages else ""
    return f"this site is written in {', '.join(languages)}{meant}"


def check_language(content: Any) -> None:
    """`content_object_init`: an error naming the file when its `Lang` is not the site's.

    (A static file always has DEFAULT_LANG, which `apply_defaults` checks.)"""
    languages = content.settings.get("I18N_UI_LANGUAGES") or []
    problem = unknown_language(str(content.lang), languages) if languages else None
    if problem:
        folder = PurePosixPath(Path(content.settings["PATH"]).name)
        source = folder / PurePosixPath(content.relative_source_path or "")
        logger.error("%s: field 'lang' = %r: %s", str(source), content.lang, problem)
