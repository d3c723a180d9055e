"""What every Community Press plugin and tool shares; not a Pelican plugin itself.

- `problems`: the one shape of a mistake (`Problem`, `ContentError`, `SettingsError`) and
  how it is written: ``content/events/x.md:4: error: field 'event-start' = '...': ...``.
- `settings`: defaults filled in once, every wrong setting listed, then the build stops.
- `suggest`: "did you mean ...?" for a mistyped name.
- `paths`: how a file is named in a message; files written whole or not at all.
- `urls`: language prefixes and absolute addresses.
- `workers`: how many processes the machine gives us.
- `frontmatter`: a Markdown file's `Key: value` lines as Pelican reads them, with lines
  (`on_their_lines` puts a field's problem on the line that sets the field).
- `report`: a glue's problems in one log record, and a clean stop under --fatal.
- `early`: a page's plain text read before the static files are known, without false alarms.

Nothing here imports Pelican: plain values in, plain values out.
"""

from .early import plain_reading
from .frontmatter import on_their_lines
from .lines import text_lines
from .paths import atomic_write, link_or_copy, shown_path
from .problems import ERROR, WARNING, ContentError, ContentErrors, Problem, SettingsError
from .report import report
from .settings import SettingsCheck, fill_defaults, settle, stop_on_wrong_settings
from .suggest import closest, did_you_mean
from .urls import absolute_url, lang_prefix, lang_setting, url_of_file
from .workers import available_cores

__all__ = [
    "ERROR",
    "WARNING",
    "ContentError",
    "ContentErrors",
    "Problem",
    "SettingsCheck",
    "SettingsError",
    "absolute_url",
    "atomic_write",
    "available_cores",
    "closest",
    "did_you_mean",
    "fill_defaults",
    "lang_prefix",
    "lang_setting",
    "link_or_copy",
    "on_their_lines",
    "plain_reading",
    "report",
    "settle",
    "shown_path",
    "stop_on_wrong_settings",
    "text_lines",
    "url_of_file",
]
