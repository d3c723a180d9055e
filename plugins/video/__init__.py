"""Video: a video file beside an article, event, page or project, with a poster image and
captions; copied to the output as it is (never decoded, never re-encoded).

An editor writes `Video: promo.mp4` (and `Video-poster: promo.jpg`,
`Video-captions: promo.vtt`), each a file in the content folder's VIDEO_PATH (`videos/`);
see docs/EDITING.md, "Videos". Which file holds what:

- `glue`: the only module importing Pelican: `apply_defaults` and `VideoGenerator`, which
  gives each content its `video` and copies the files.
- `settings`: DEFAULTS and `settings_problems`.
- `core`: `plan_video` (metadata in, a `Video` for the template out), the file kinds.
- `rules`: the rule book (`video_problems`), called by plugins/rulebook for the build and
  `make check` alike.

Why a plugin of its own and not part of posters or the gallery: a video is neither a photo
(the gallery decodes and resizes every file it holds) nor printed; it shares nothing with
either but the content folder.
"""

__all__ = ["register"]


def register() -> None:
    from pelican import signals  # noqa: PLC0415  (core modules stay importable without it)

    from . import glue  # noqa: PLC0415

    signals.initialized.connect(glue.apply_defaults)
    signals.get_generators.connect(glue.get_generators)
