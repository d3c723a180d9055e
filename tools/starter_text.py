"""The starter site `make new-site` writes: texts a volunteer replaces, per language.

English and Chinese have their own words; any other language starts from the English text
(with a note to translate it), since only its editors can write it.
"""

from __future__ import annotations

import datetime as dt

__all__ = ["starter_pages"]

# {name} is the community's name. Each entry: (title, summary, body).
_TEXTS: dict[str, dict[str, tuple[str, str, str]]] = {
    "en": {
        "about": (
            "About",
            "Who we are and what this site is for.",
            "{name} is a neighbourhood community run by its residents and volunteers.\n\n"
            "This site keeps track of our news, our events and the projects we run "
            "together. Tell readers here who you are, where you are and how you started.\n\n"
            "Want to help? See [Volunteer with us]({{filename}}/pages/volunteer.{lang}.md). "
            "Questions or ideas? See [Contact]({{filename}}/pages/contact.{lang}.md).",
        ),
        "contact": (
            "Contact",
            "How to reach {name}: address, opening hours, phone and email.",
            "## Where we are\n\nWrite the address and how to get there.\n\n"
            "## Opening hours\n\nWrite when someone is there to help.\n\n"
            "## Phone and email\n\nWrite how residents can reach you.",
        ),
        "volunteer": (
            "Volunteer",
            "How to volunteer with {name}.",
            "Volunteers keep {name} going: helping at events, looking after children "
            "after school, taking photos, writing news for this site.\n\n"
            "Write here what help you need, and how to sign up.",
        ),
        "welcome": (
            "Welcome to the new website of {name}",
            "Our news, events and projects now have a home on the web.",
            "This is the first article of our new website. Here you will find the news "
            "of {name}, what is coming up, and the projects our volunteers run.\n\n"
            "Replace this article with your own first news.",
        ),
    },
    "zh": {
        "about": (
            "关于我们",
            "我们是谁，这个网站做什么。",
            "{name}是由居民和志愿者共同维护的社区。\n\n"
            "这个网站记录我们的新闻、活动和一起开展的项目。请在这里介绍你们是谁、在哪里、"
            "是怎样开始的。\n\n"
            "想出一份力？请看[加入志愿者]({{filename}}/pages/volunteer.{lang}.md)。"
            "有问题或建议？请看[联系我们]({{filename}}/pages/contact.{lang}.md)。",
        ),
        "contact": (
            "联系我们",
            "怎样联系{name}：地址、办公时间、电话和邮箱。",
            "## 地址\n\n写下地址和交通方式。\n\n"
            "## 办公时间\n\n写下什么时间有人接待。\n\n"
            "## 电话和邮箱\n\n写下居民怎样联系你们。",
        ),
        "volunteer": (
            "志愿服务",
            "怎样成为{name}的志愿者。",
            "志愿者让{name}充满活力：在活动中帮忙、课后照看孩子、拍照、为网站写新闻。\n\n"
            "请在这里写下需要什么帮助，以及怎样报名。",
        ),
        "welcome": (
            "{name}新网站上线了",
            "我们的新闻、活动和项目在网上有了家。",
            "这是新网站的第一篇文章。在这里可以看到{name}的新闻、近期活动，"
            "以及志愿者们开展的项目。\n\n请用你们自己的第一条新闻替换这篇文章。",
        ),
    },
}
_TRANSLATE_NOTE = "\n\n(Translate this text into {lang}.)"
_PAGES = ("about", "contact", "volunteer")


def _words(lang: str, key: str, name: str) -> tuple[str, str, str]:
    own = _TEXTS.get(lang)
    title, summary, body = (own or _TEXTS["en"])[key]
    if own is None:
        body += _TRANSLATE_NOTE
    return (
        title.format(name=name),
        summary.format(name=name),
        body.format(name=name, lang=lang),
    )


def _page(slug: str, lang: str, name: str) -> str:
    title, summary, body = _words(lang, slug, name)
    return f"Title: {title}\nSlug: {slug}\nLang: {lang}\nSummary: {summary}\n\n{body}\n"


def _article(lang: str, name: str, now: dt.datetime) -> str:
    title, summary, body = _words(lang, "welcome", name)
    date = now.strftime("%Y-%m-%d %H:%M")
    return (
        f"Title: {title}\nSlug: welcome\nLang: {lang}\nDate: {date}\nAuthor: {name}\n"
        f"Summary: {summary}\n\n{body}\n"
    )


def starter_pages(name: str, languages: tuple[str, ...], now: dt.datetime) -> dict[str, str]:
    """Every starter file's text, by its path below the site's folder."""
    files = {}
    for lang in languages:
        for slug in _PAGES:
            files[f"content/pages/{slug}.{lang}.md"] = _page(slug, lang, name)
        files[f"content/articles/welcome.{lang}.md"] = _article(lang, name, now)
    return files
