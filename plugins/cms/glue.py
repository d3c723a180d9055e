"""Pelican glue: /admin/ (Decap CMS, our setup script and config.yml) in the output.

1. `apply_defaults` (``initialized``) fills in and checks the CMS_* settings, and tells
   the publish plugin that /admin/ is no page for search engines nor for site search, and
   that the editor's files are published as they come (not minified again).
2. `note_taxonomy` (``all_generators_finalized``) notes the categories and tags in use,
   which the editor offers.
3. `write_admin` (``finalized``, before the publish plugin's) writes admin/: index.html,
   config.yml, cms-setup.js and the bundle's files, or logs one line saying why not.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path
from typing import Any

from community_press import atomic_write, settle
from publish.compress import precompress
from publish.settings import DEFAULTS as PUBLISH_DEFAULTS
from translations.settings import content_languages

from .bundle import BUNDLE_NAME, admin_page, bundle_files, digest
from .config import Site, cms_config
from .settings import DEFAULTS, settings_problems
from .yamltext import to_yaml

logger = logging.getLogger(__name__)

PROJECT = Path(__file__).resolve().parents[2]
DEFAULT_BUNDLE = PROJECT / "cms" / "node_modules" / "decap-cms" / "dist"
SETUP = Path(__file__).resolve().parent / "admin" / "cms-setup.js"
_TAXONOMY_KEY = "_CMS_TAXONOMY"
# The editor's files that come minified: the publish plugin leaves them as they are (and
# write_admin precompresses them); index.html is minified and compressed with the pages.
BUNDLE_SUFFIXES = (".js", ".wasm", ".txt")
HEADER = """Written by the cms plugin (plugins/cms) from the site's settings at every build:
edit pelicanconf.py or the plugins, not this file. See docs/CMS.md."""


def apply_defaults(pelican: Any) -> None:
    """`initialized`: fill in the CMS_* settings; keep /admin/ from robots and minifying."""
    settings = pelican.settings
    settle(settings, "cms", DEFAULTS, settings_problems)
    folder = settings["CMS_SAVE_AS"].strip("/")
    as_is = [f"{folder}/*{suffix}" for suffix in BUNDLE_SUFFIXES]
    for key, values in (("PUBLISH_AS_IS", as_is), ("PUBLISH_ROBOTS_DISALLOW", [f"{folder}/"])):
        known = list(settings.get(key, PUBLISH_DEFAULTS[key]))
        settings[key] = known + [value for value in values if value not in known]


def note_taxonomy(generators: list[Any]) -> None:
    """`all_generators_finalized`: the categories and tags the site uses."""
    categories: set[str] = set()
    tags: set[str] = set()
    settings = None
    for generator in generators:
        settings = generator.settings
        categories.update(str(c) for c, _ in getattr(generator, "categories", []) or [])
        tags.update(str(t) for t in (getattr(generator, "tags", None) or {}))
    if settings is not None:
        settings[_TAXONOMY_KEY] = (sorted(categories), sorted(tags))


def repository_root(settings: dict[str, Any]) -> Path:
    if settings.get("CMS_ROOT"):
        return Path(settings["CMS_ROOT"]).resolve()
    content = Path(settings["PATH"]).resolve()
    for folder in [content, *content.parents]:
        if (folder / ".git").exists():
            return folder
    return content.parent


def _languages(settings: dict[str, Any]) -> list[str]:
    default = settings["DEFAULT_LANG"]
    return [default, *(lang for lang in content_languages(settings) if lang != default)]


def site_of(settings: dict[str, Any]) -> Site:
    """The site as the editor sees it, from Pelican's settings."""
    content = Path(settings["PATH"]).resolve()
    try:
        relative = content.relative_to(repository_root(settings)).as_posix()
    except ValueError:
        relative = content.name
    categories, tags = settings.get(_TAXONOMY_KEY) or ([], [])
    return Site(
        content="" if relative == "." else relative,
        languages=_languages(settings),
        article_paths=list(settings.get("ARTICLE_PATHS") or []),
        event_paths=list(settings.get("EVENTS_PATHS") or ["events"]),
        page_paths=list(settings.get("PAGE_PATHS") or []),
        projects_path=str(settings.get("PROJECTS_PATH") or "projects"),
        gallery_path=str(settings.get("GALLERY_PATH") or "galleries"),
        images_path=settings["CMS_IMAGES_PATH"].strip("/"),
        timezone=str(settings.get("TIMEZONE") or "UTC"),
        default_category=str(settings.get("DEFAULT_CATEGORY") or ""),
        categories=categories,
        tags=tags,
        repo=settings["CMS_REPO"],
        branch=settings["CMS_BRANCH"],
        editorial_workflow=settings["CMS_EDITORIAL_WORKFLOW"],
        open_authoring=settings["CMS_OPEN_AUTHORING"],
        auth_url=settings["CMS_AUTH_URL"],
        site_url=settings["CMS_SITE_URL"] or str(settings.get("SITEURL") or ""),
    )


def _bundle(settings: dict[str, Any]) -> Path:
    given = settings.get("CMS_BUNDLE_PATH")
    return Path(given) if given else DEFAULT_BUNDLE


def write_admin(pelican: Any) -> None:
    """`finalized`: admin/ in the output, or one line saying why it is left out."""
    settings = pelican.settings
    if not settings["CMS_ENABLED"]:
        return
    bundle = _bundle(settings)
    if not (bundle / BUNDLE_NAME).is_file():
        logger.info(
            "cms: /admin/ left out: the editor is not installed (%s); run `make cms-install`",
            bundle,
        )
        return
    folder = Path(pelican.output_path) / settings["CMS_SAVE_AS"].strip("/")
    folder.mkdir(parents=True, exist_ok=True)
    for name in bundle_files(p.name for p in bundle.iterdir()):
        shutil.copyfile(bundle / name, folder / name)
    shutil.copyfile(SETUP, folder / SETUP.name)
    config = to_yaml(cms_config(site_of(settings)), HEADER)
    atomic_write(folder / "config.yml", config.encode("utf-8"))
    version = digest(bundle / BUNDLE_NAME)[:6] + digest(SETUP)[:6]
    depth = "../" * len(Path(settings["CMS_SAVE_AS"].strip("/")).parts)
    style = f"{depth}{settings.get('THEME_STATIC_DIR', 'theme')}/css/site.css"
    lang = settings["DEFAULT_LANG"]
    page = admin_page(
        title=f"{settings.get('SITENAME', '')} · CMS",
        lang=(settings.get("I18N_UI_HTML_LANG") or {}).get(lang, lang),
        version=version,
        preview_style=style,
    )
    atomic_write(folder / "index.html", page.encode("utf-8"))
    if settings.get("PUBLISH_PRECOMPRESS"):
        _precompress(folder, settings["CMS_BROTLI_QUALITY"])
    logger.info("cms: wrote the editor into %s/", folder.name)


def _precompress(folder: Path, quality: int) -> None:
    """.gz and .br beside the editor's files (the publish plugin leaves admin/ as it is:
    at its own quality of 11, brotli takes 13 s for Decap's 6 MB; 5 takes 0.3 s)."""
    for path in sorted(folder.iterdir()):
        if path.suffix in BUNDLE_SUFFIXES and path.is_file():
            precompress(path, quality)
