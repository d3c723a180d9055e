"""Publishing steps for `make publish`: links, sitemap, search index, minified and
precompressed files.

Every step is off until a `PUBLISH_*` setting turns it on (publishconf.py does), so a
preview build stays fast and unchanged.
"""

from pelican import signals

from . import glue

__all__ = ["register"]


def register() -> None:
    signals.initialized.connect(glue.apply_defaults)
    signals.content_object_init.connect(glue.mark_external_links)
    signals.all_generators_finalized.connect(glue.collect_content)
    signals.finalized.connect(glue.finalize)
