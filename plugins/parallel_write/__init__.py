"""Render the site's pages on every core: Pelican writes them one by one on one core.

Pelican renders each page's template as its generators ask for it. This plugin's writer
records those requests instead, and its generator (which runs after the other plugins'
generators) renders them at the end in forked processes, a share each, with the same
templates and context as Pelican would have used. With one worker, with something
listening to `content_written`, or with other threads running, it writes at once, exactly
as Pelican does. See README.md, "Performance", and PARALLEL_WRITE_WORKERS.

It must be the last of PLUGINS, so its generator runs after every generator that writes
pages: the build stops at start-up, naming the right order, when it is not.

Which file holds what: `settings.py` (PARALLEL_WRITE_* and the PLUGINS order check),
`shares.py` (who renders which page), `glue.py` (the writer, the generator, the signals).
"""

__all__ = ["register"]


def register() -> None:
    from pelican import signals  # noqa: PLC0415  (the core stays importable without it)

    from . import glue  # noqa: PLC0415

    signals.initialized.connect(glue.apply_defaults)
    signals.get_writer.connect(glue.get_writer)
    signals.get_generators.connect(glue.get_generators)
    signals.static_generator_finalized.connect(glue.settle_content)
    signals.finalized.connect(glue.flush_leftovers)
