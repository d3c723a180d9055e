"""Render the site's pages on every core: Pelican writes them one by one on one core.

Pelican renders each page's template as its generators ask for it. This plugin's writer
records those requests instead, and its generator (which runs after the other plugins'
generators) renders them at the end in forked processes, a share each, with the same
templates and context as Pelican would have used. With one worker, with something
listening to `content_written`, or with other threads running, it writes at once, exactly
as Pelican does. See README.md, "Performance", and PARALLEL_WRITE_WORKERS.

Put it last in PLUGINS, so its generator runs after every generator that writes pages.
"""

from pelican import signals

from . import glue

__all__ = ["register"]


def register() -> None:
    signals.initialized.connect(glue.apply_defaults)
    signals.get_writer.connect(glue.get_writer)
    signals.get_generators.connect(glue.get_generators)
    signals.finalized.connect(glue.flush_leftovers)
