"""Help text for every field the editor shows, in Chinese and in English.

The rules are those of the rule book (`make check`): the same date form, slug form, alt
text and event keys. `hint(key)` joins both languages for Decap's `hint`.
"""

from __future__ import annotations

__all__ = ["HELP", "LABELS", "hint", "label"]

DATE = "YYYY-MM-DD HH:MM"
HELP: dict[str, tuple[str, str]] = {
    "title": ("标题，显示在页面顶部和列表里。", "The title, shown on the page and in lists."),
    "slug": (
        "网址里的名字：小写英文字母、数字和连字符，例如 open-day。中文版和英文版用同一个。",
        "The name in the address: lower-case letters, digits and hyphens (open-day). "
        "The same for every language.",
    ),
    "lang": (
        "这个版本的语言，保存时由编辑器自动写上。",
        "The language of this version, written by the editor when it saves.",
    ),
    "date": (
        f"发布时间（{DATE}）。不要写将来的时间。",
        f"When it was published ({DATE}). Not in the future.",
    ),
    "modified": (f"最后修改时间（{DATE}），可不填。", f"Last changed ({DATE}); optional."),
    "category": ("分类：从已有分类里选一个。", "Category: pick one the site already has."),
    "tags": (
        "标签：每个标签一项（已有的标签见下方说明）。",
        "Tags: one per item (the tags the site already uses are listed below).",
    ),
    "author": ("作者或主办方的名字。", "Who wrote it or who runs it."),
    "summary": (
        "一两句话说清楚这篇讲什么，显示在列表和搜索结果里。",
        "One or two sentences, shown in lists and search results.",
    ),
    "status": (
        "draft（草稿，不发布）、hidden（发布但不列出）或 published（发布）。",
        "draft (not published), hidden (published, not listed) or published.",
    ),
    "body": (
        "正文。插入图片时一定要写图片说明（替代文字）。",
        "The text. Every picture needs a description (alt text).",
    ),
    "order": ("项目列表里的顺序，小的在前。", "The place in the projects list, smallest first."),
    "gallery": (
        "相册的名字（“相册”里的文件夹名），例如 youth-home。",
        "The gallery's name (its folder in Galleries), such as youth-home.",
    ),
    "cover": (
        "封面照片：相册里一张照片的文件名，例如 mural.jpg。",
        "The cover: the file name of one photo of the gallery, such as mural.jpg.",
    ),
    "template": ("页面模板，不用改。", "The page template; leave it."),
    "name": (
        "相册的文件夹名：小写英文字母、数字和连字符，例如 youth-home。项目的“相册”一栏写这个名字。",
        "The gallery's folder name: lower-case letters, digits, hyphens (youth-home). "
        "A project names it in its Gallery field.",
    ),
    "photos": (
        "每张照片一项：照片、说明和替代文字。",
        "One item per photo: the photo, its caption and its alt text.",
    ),
    "photo": (
        "照片文件（JPEG、PNG 或 WebP，5 MB 以内，最好不带位置信息）。",
        "The photo (JPEG, PNG or WebP, under 5 MB, preferably without location).",
    ),
    "caption": ("照片下面显示的说明。", "The caption shown under the photo."),
    "alt": (
        "给看不见照片的人描述照片里有什么。没有替代文字，检查会警告。",
        "What the photo shows, for people who cannot see it; without it the check warns.",
    ),
    "event-start": (
        f"开始时间（{DATE}），是活动所在时区的钟点；全天活动不填时间。新活动不能在过去。",
        f"Start ({DATE}), clock time in the event's time zone; leave the time empty for an "
        "all-day event. A new event is not in the past.",
    ),
    "event-end": (
        "结束时间，必须晚于开始时间；也可以改填“时长”。",
        "End, after the start; or give a duration instead.",
    ),
    "event-duration": (
        "时长，代替结束时间：例如 2h、2h 30m、90 min、1d。",
        "Length instead of an end: 2h, 2h 30m, 90 min, 1d.",
    ),
    "event-timezone": (
        "时区（IANA 名称），不填就是网站的时区。",
        "Time zone (an IANA name); empty means the site's.",
    ),
    "event-rrule": (
        "重复规则：用下面的选择器生成，例如每周二：FREQ=WEEKLY;BYDAY=TU。开始时间必须是第一次。",
        "Repeats: build it with the helper, e.g. FREQ=WEEKLY;BYDAY=TU. The start is the "
        "first session.",
    ),
    "event-exdate": (
        "取消的日期（YYYY-MM-DD），每个都必须是重复活动中的一天。",
        "Dates left out (YYYY-MM-DD); each must be a date of the series.",
    ),
    "event-status": ("活动状态。", "The event's status."),
    "event-status-reason": ("状态的原因，例如“下大雨”。", "Why, shown with the status."),
    "event-location": ("活动地点。", "Where it happens."),
    "event-geo": ("坐标：纬度;经度，例如 26.89;112.62。", "Coordinates: lat;lon (26.89;112.62)."),
    "event-url": (
        "报名链接（http://、https:// 或 mailto:）。",
        "Sign-up link (http://, https:// or mailto:).",
    ),
    "event-organizer": ("主办方。", "Who runs it."),
    "event-cost": ("费用，例如“免费”。", "The price, such as Free."),
    "event-categories": (
        "活动类别，每个类别有自己的日历订阅。",
        "Event categories; each gets a calendar feed of its own.",
    ),
    "event-uid": (
        "固定的日历编号，一般不填。",
        "A fixed calendar UID; usually left empty.",
    ),
    "event-description": (
        "给日历软件看的简短说明，不填就用摘要。",
        "Short text for calendar apps; empty means the summary.",
    ),
}


def hint(key: str, extra: tuple[str, str] = ("", "")) -> str:
    """The help of `key` in both languages (Chinese first), plus `extra` words."""
    zh, en = HELP[key]
    zh = f"{zh}{extra[0]}"
    en = f"{en}{extra[1]}"
    return f"{zh} / {en}"


LABELS: dict[str, str] = {
    "title": "标题 Title",
    "slug": "网址名 Slug",
    "lang": "语言 Language",
    "date": "日期 Date",
    "modified": "修改日期 Modified",
    "category": "分类 Category",
    "tags": "标签 Tags",
    "author": "作者 Author",
    "summary": "摘要 Summary",
    "status": "状态 Status",
    "body": "正文 Text",
    "order": "顺序 Order",
    "gallery": "相册 Gallery",
    "cover": "封面 Cover",
    "template": "模板 Template",
    "name": "文件夹名 Folder name",
    "photos": "照片 Photos",
    "photo": "照片 Photo",
    "caption": "说明 Caption",
    "alt": "替代文字 Alt text",
    "event-start": "开始 Start",
    "event-end": "结束 End",
    "event-duration": "时长 Duration",
    "event-timezone": "时区 Time zone",
    "event-rrule": "重复 Repeats",
    "event-exdate": "取消的日期 Dates left out",
    "event-status": "活动状态 Event status",
    "event-status-reason": "状态原因 Status reason",
    "event-location": "地点 Location",
    "event-geo": "坐标 Coordinates",
    "event-url": "报名链接 Sign-up link",
    "event-organizer": "主办方 Organiser",
    "event-cost": "费用 Cost",
    "event-categories": "活动类别 Event categories",
    "event-uid": "日历编号 Calendar UID",
    "event-description": "日历说明 Calendar text",
}


def label(key: str) -> str:
    """The field's label in both languages."""
    return LABELS[key]
