"""The Pagefind search index of the published pages.

Pagefind's Python API drives the Pagefind binary (its extended build, which segments
Chinese). Each page goes in with its public path, and Pagefind reads its language from
`<html lang>`, so every language gets its own index and a query searches the index of
the search page's language.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import NamedTuple

from pagefind.index import IndexConfig, PagefindIndex

__all__ = ["IndexedPage", "build_index"]


class IndexedPage(NamedTuple):
    url: str  # path below the site root, as Pagefind stores it: '/news/x/'
    words: int


async def _index(
    root: Path,
    pages: Sequence[tuple[str, str]],
    bundle: Path,
    exclude_selectors: Sequence[str],
) -> list[IndexedPage]:
    # The bundle folder goes in the config: leaving the context writes the files again with
    # the configured path, which would otherwise be `pagefind/` in the working directory.
    config = IndexConfig(exclude_selectors=list(exclude_selectors), output_path=str(bundle))
    indexed: list[IndexedPage] = []
    async with PagefindIndex(config=config) as index:
        for relative, url in pages:
            text = (root / relative).read_text(encoding="utf-8")
            result = await index.add_html_file(content=text, url=url)
            indexed.append(IndexedPage(result["page_url"], result["page_word_count"]))
    return indexed


def build_index(
    root: Path,
    pages: Sequence[tuple[str, str]],
    bundle: Path,
    exclude_selectors: Sequence[str] = (),
) -> list[IndexedPage]:
    """Index `pages` ((output path, site path) pairs below `root`) into the folder `bundle`."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:  # the usual case: no event loop in this thread
        return asyncio.run(_index(root, pages, bundle, exclude_selectors))
    # Called from code that runs an event loop (a test driving a browser): use a thread.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, _index(root, pages, bundle, exclude_selectors)).result()
