"""Private, fast, responsive photo galleries from folders of phone photos.

`gallery: NAME` in an article, page or event shows the photos of
``content/galleries/NAME/``; images in content get the same treatment. See README.md,
"Galleries", for the metadata and the GALLERY_* settings.

Which file holds what:

- `glue`: the only module importing Pelican: the signal receivers and `GalleryGenerator`.
- `settings`: DEFAULTS, `settings_problems` (every wrong setting), `processing_of`.
- `rules`: the rule book the build and `make check` share: `gallery_problems`,
  `folder_problems`, `photo_problems`.
- `folders`: a gallery's folder and photos, never outside ``content/galleries/``.
- `formats`: which pictures in content are published (photos, GIFs) and why not the rest.
- `captions`: reading captions files and putting photos in order.
- `digests`: a photo's SHA-256, remembered between builds (`DigestMemo`, `gitblobs`).
- `pipeline`, `pool`, `privacy`: decoding, resizing and encoding photos without metadata,
  in several processes.
- `renditions`: processed photos as `Picture`s, `Gallery`s and rewritten ``<img>``.
- `markup`: finding ``<img>`` and writing ``<picture>``.
- `sweep`: no metadata on any other image in the output.
- `model`: the plain types handed to templates.
"""

__all__ = ["register"]


def register() -> None:
    from pelican import signals  # noqa: PLC0415  (core modules stay importable without it)

    from . import glue  # noqa: PLC0415

    signals.initialized.connect(glue.apply_defaults)
    signals.initialized.connect(glue.start_photos)
    signals.get_generators.connect(glue.get_generators)
    signals.finalized.connect(glue.finish)
