"""Every article and page is written in one of the site's languages.

Pelican takes any `Lang`: `EN` would get pages of its own under `/EN/`, and a locale such
as `zh-CN` breaks date formatting further on. `unknown_language` is the rule: the build
(`glue.check_language`) and the content checker (`make check`, which adds the line) both
call it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["unknown_language"]


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
