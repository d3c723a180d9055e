"""Private, fast, responsive photo galleries from folders of phone photos.

`gallery: NAME` in an article, page or event shows the photos of
``content/galleries/NAME/``; images in content get the same treatment. See README.md,
"Galleries", for the metadata and the GALLERY_* settings.
"""

from pelican import signals

from . import glue

__all__ = ["register"]


def register() -> None:
    signals.initialized.connect(glue.apply_defaults)
    signals.content_object_init.connect(glue.set_project_urls)
    signals.get_generators.connect(glue.get_generators)
    signals.finalized.connect(glue.sweep_output)
