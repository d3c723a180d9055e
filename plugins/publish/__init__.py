"""Publishing steps for `make publish`: links, sitemap, search index, minified and
precompressed files.

Every step is off until a `PUBLISH_*` setting turns it on (publishconf.py does), so a
preview build stays fast and unchanged.

Which file holds what: `settings.py` (PUBLISH_* defaults and their check), `markup.py`
(links, inline code), `policy.py` (the CSP, with TRUSTED_FRAME_HOSTS in frame-src),
`sitemap.py`, `search.py` (Pagefind), `minify.py`, `compress.py`, and `glue.py` (the
Pelican signals that run the steps).
"""

__all__ = ["register"]


def register() -> None:
    from pelican import signals  # noqa: PLC0415  (the core stays importable without it)

    from . import glue  # noqa: PLC0415

    signals.initialized.connect(glue.apply_defaults)
    signals.content_object_init.connect(glue.mark_external_links)
    signals.all_generators_finalized.connect(glue.collect_content)
    signals.finalized.connect(glue.finalize)
