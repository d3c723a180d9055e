"""The demonstration site: Qingquanshan Community and its Youth Home (Hengyang, Hunan).

Everything that makes it this community is here and in `content/` beside this file; the
product's settings come from `community_press.defaults`. The repository's own
`pelicanconf.py` builds this site until `make new-site` replaces it with a community's own.
"""

from pathlib import Path

from community_press.defaults import *  # noqa: F403

PATH = str(Path(__file__).resolve().parent / "content")

AUTHOR = "清泉山社区青年之家"
SITENAME = "清泉山社区"
# Pelican's feed subtitle.
SITESUBTITLE = "Qingquanshan Community · Youth Home"
TIMEZONE = "Asia/Shanghai"
# The community reads Chinese first; English pages are translations of the same slug.
DEFAULT_LANG = "zh"
I18N_UI_LANGUAGES = ["zh", "en"]
# The site name in the other languages; SITENAME is the default's.
I18N_UI_SITENAME = {"en": "Qingquanshan Community"}
# Where `make publish` points links when the SITEURL variable is not set.
PUBLISH_SITEURL = "https://qingquanshan.example.org"

# Who the community is (plugins/identity; docs/NEW-COMMUNITY.md lists every setting).
SITE_SUBNAME = {"zh": "青年之家", "en": "Youth Home"}
SITE_TAGLINE = {
    "zh": "为居民办好事，让居民好办事。",
    "en": "Doing good things for residents, and making things easy for residents.",
}
SITE_DESCRIPTION = {
    "zh": "衡阳市珠晖区清泉山社区与青年之家的新闻、活动和志愿服务项目。",
    "en": "News, events and volunteer projects of Qingquanshan Community and its Youth Home, "
    "Hengyang.",
}
SECTION_DESCRIPTIONS = {
    "news": {
        "zh": "清泉山社区和青年之家的全部新闻，最新的在前。",
        "en": "All news from Qingquanshan Community and its Youth Home, newest first.",
    },
    "projects": {
        "zh": "青年之家的志愿服务项目和照片。",
        "en": "Volunteer projects of the Youth Home, with photos.",
    },
}
COMMUNITY_ADDRESS = {
    "zh": ["清泉山社区 · 居民服务接待窗口", "湖南省衡阳市珠晖区酃湖乡清泉山社区"],
    "en": [
        "Qingquanshan Community · Resident service reception window",
        "Qingquanshan Community, Linghu Township, Zhuhui District, Hengyang, Hunan",
    ],
}
COMMUNITY_PARTNERS = {
    "zh": "湖南工学院团委、珠晖区团委与酃湖乡党委。",
    "en": "The Youth League Committee of Hunan Institute of Technology, the Zhuhui District "
    "Youth League Committee and the Linghu Township Party Committee.",
}
