"""The version of kept values (events.kept): an explicit CACHE_VERSION per kind of value,
bumped by hand, plus the versions of the packages that make the values.

Editing a comment, or moving code to another file, keeps the cache; bumping the constant
or upgrading a package throws it away.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest
from events import ics, kept, labels, recurrence

PLUGIN = Path(ics.__file__).parent

KINDS: dict[str, tuple[ModuleType, Callable[[], str]]] = {
    "feeds": (ics, ics.feeds_version),
    "labels": (labels, labels.labels_version),
    "rules": (recurrence, recurrence.rules_version),
}


@pytest.mark.parametrize("kind", KINDS)
def test_the_version_changes_with_the_constant(kind: str, monkeypatch: pytest.MonkeyPatch) -> None:
    module, version = KINDS[kind]
    before = version()
    assert version() == before  # the same every time
    monkeypatch.setattr(module, "CACHE_VERSION", module.CACHE_VERSION + 1)
    assert version() != before


@pytest.mark.parametrize("kind", KINDS)
def test_the_version_changes_with_a_package(kind: str, monkeypatch: pytest.MonkeyPatch) -> None:
    module, version = KINDS[kind]
    before = version()
    package = module.CACHE_PACKAGES[0]
    real = kept.package_version
    monkeypatch.setattr(
        kept, "package_version", lambda name: "99.0" if name == package else real(name)
    )
    assert version() != before


def test_the_packages_are_the_ones_the_values_come_from() -> None:
    assert set(ics.CACHE_PACKAGES) == {"icalendar", "python-dateutil", "tzdata"}
    assert set(labels.CACHE_PACKAGES) == {"babel", "tzdata"}
    assert set(recurrence.CACHE_PACKAGES) == {"icalendar"}


def test_a_missing_package_has_a_version_too() -> None:
    assert kept.package_version("no-such-package-at-all") == "none"


def _versions(plugins: Path) -> str:
    """The three versions as a fresh interpreter importing `plugins/events` sees them."""
    code = (
        "from events import ics, labels, recurrence\n"
        "print(ics.feeds_version(), labels.labels_version(), recurrence.rules_version())"
    )
    env = {"PYTHONPATH": str(plugins)}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def test_an_unrelated_edit_keeps_the_version(tmp_path: Path) -> None:
    copy = tmp_path / "plugins" / "events"
    shutil.copytree(PLUGIN, copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = _versions(copy.parent)
    assert str(copy.parent) in subprocess.run(  # the copy is what gets imported
        [sys.executable, "-c", "import events; print(events.__file__)"],
        env={"PYTHONPATH": str(copy.parent)}, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    for name in ("model.py", "ics.py", "labels.py", "recurrence.py"):
        with (copy / name).open("a", encoding="utf-8") as handle:
            handle.write("\n# an edited comment\n")
    (copy / "moved.py").write_text("def helper() -> None:\n    pass\n", encoding="utf-8")
    assert _versions(copy.parent) == before
