"""Which language a page is in, and the language-aware `_` that templates call.

Pure core (Jinja, no Pelican): `page_lang_of` reads a template context, `PageLanguage`
remembers its answer per render, `install_gettext` gives a Jinja environment `_`,
`gettext` & co. bound to the catalogues of `catalogues.py`.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any, Protocol

from babel import Locale
from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from .catalogues import Catalogues

__all__ = ["Lookup", "PageLanguage", "html_lang", "install_gettext", "page_lang_of"]


class Lookup(Protocol):
    """What a template context offers: a Jinja `Context` or a plain dict."""

    def get(self, key: str, default: Any = None) -> Any: ...


def page_lang_of(values: Lookup, default: str) -> str:
    """The language of the page being rendered, from its template context.

    An explicit `lang` variable (given by generators that render one page per language)
    wins; then the language of the `article` or `page` the template shows; else `default`.
    """
    explicit = values.get("lang")
    if isinstance(explicit, str) and explicit:
        return explicit
    for name in ("article", "page"):
        content = values.get(name)
        lang = getattr(content, "lang", None)
        if isinstance(lang, str) and lang:
            return lang
    return default


def html_lang(lang: str, tags: Mapping[str, str]) -> str:
    """The BCP 47 tag for `<html lang>` and `hreflang` (`zh` -> `zh-Hans`)."""
    return tags.get(lang, lang)


@cache
def text_direction(lang: str) -> str:
    """`rtl` for a language written from right to left (Arabic, Hebrew, Persian, Urdu...),
    as the CLDR says; '' for the others (and for a code it does not know)."""
    try:
        order = Locale.parse(lang.replace("-", "_")).character_order
    except (ValueError, LookupError):
        return ""
    return "rtl" if order == "right-to-left" else ""


# The context variables `page_lang_of` reads.
_LANG_NAMES = frozenset(("lang", "article", "page"))
_LANG_MEMO = "_page_lang"  # where `PageLanguage` keeps its answer on a Jinja context


class PageLanguage:
    """`page_lang_of` a Jinja context, worked out once per context: every `_()` asks."""

    def __init__(self, default: str) -> None:
        self.default = default

    def __call__(self, ctx: Context) -> str:
        """A context looks a name up in `vars` (what the template set), then in `parent`
        (what it was rendered with). `parent` never changes during a render, so its
        answer is kept on the context; a template that sets `lang`, `article` or `page`
        itself is asked again every time."""
        if not _LANG_NAMES.isdisjoint(ctx.vars):
            return page_lang_of(ctx, self.default)
        known: str | None = getattr(ctx, _LANG_MEMO, None)
        if known is None:
            known = page_lang_of(ctx.parent, self.default)
            setattr(ctx, _LANG_MEMO, known)
        return known


def install_gettext(env: Environment, cats: Catalogues, lang: PageLanguage) -> None:
    """Give `env` the i18n extension's callables and `_`, in the page's language."""

    @pass_context
    def gettext(ctx: Context, message: str) -> str:
        return cats.gettext(lang(ctx), message)

    @pass_context
    def ngettext(ctx: Context, singular: str, plural: str, n: int) -> str:
        return cats.ngettext(lang(ctx), singular, plural, n)

    @pass_context
    def pgettext(ctx: Context, context: str, message: str) -> str:
        return cats.pgettext(lang(ctx), context, message)

    @pass_context
    def npgettext(ctx: Context, context: str, singular: str, plural: str, n: int) -> str:
        return cats.npgettext(lang(ctx), context, singular, plural, n)

    if not hasattr(env, "install_gettext_callables"):
        env.add_extension("jinja2.ext.i18n")
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext, ngettext, newstyle=True, pgettext=pgettext, npgettext=npgettext
    )

    @pass_context
    def underscore(ctx: Context, message: str, **variables: Any) -> str:
        """`_()`: what the extension's `_` does (it looks up `gettext`, which wraps ours
        in the newstyle rules), in one call instead of three: a page makes dozens."""
        text = cats.gettext(lang(ctx), message)
        if ctx.eval_ctx.autoescape:
            text = Markup(text)
        return text % variables

    env.globals["_"] = underscore
