"""`make test` installs the Debian packages its tests need, or says exactly which.

`tools/system_deps.sh` runs as the machine's user with a PATH where some commands are
missing: as root it would install them (CI); as anyone else, without a password-less
sudo, it must fail naming every missing package and the command that installs them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

SCRIPT = ROOT / "tools" / "system_deps.sh"


def _path_with(folder: Path, commands: list[str]) -> str:
    """A PATH holding only `commands` (links to the real ones)."""
    folder.mkdir()
    for name in commands:
        # python3: the interpreter this venv was made from (a pyenv shim would need more)
        found = sys._base_executable if name == "python3" else shutil.which(name)
        if found:  # the real file: a pyenv shim or venv link needs what is left out here
            (folder / name).symlink_to(os.path.realpath(found))
    return str(folder)


def _run(tmp_path: Path, commands: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    # Never root here: as root the script would really install packages.
    fake_id = tmp_path / "id-bin"
    fake_id.mkdir()
    (fake_id / "id").write_text("#!/bin/sh\necho 1000\n", encoding="utf-8")
    (fake_id / "id").chmod(0o755)
    path = f"{fake_id}:{_path_with(tmp_path / 'bin', commands)}"
    return subprocess.run(
        ["/bin/bash", str(SCRIPT)],
        capture_output=True,
        text=True,
        env={"PATH": path, "HOME": str(tmp_path), **env},
        check=False,
    )


BASICS = ["python3", "make", "npm", "chromium", "chromedriver", "dirname", "fc-list"]


@pytest.mark.skipif(not Path("/usr/share/fonts/opentype/noto").is_dir(), reason="needs the font")
def test_nothing_missing_installs_nothing(tmp_path: Path) -> None:
    result = _run(tmp_path, BASICS)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""


def test_a_missing_browser_is_named_with_the_command_to_install_it(tmp_path: Path) -> None:
    result = _run(tmp_path, [c for c in BASICS if c not in ("chromium", "chromedriver")])
    assert result.returncode == 1
    assert "sudo apt-get install chromium chromium-driver" in result.stderr
    assert "CP_SKIP_BROWSER=1" in result.stderr


def test_skipping_the_browser_tests_does_not_ask_for_a_browser(tmp_path: Path) -> None:
    result = _run(
        tmp_path,
        [c for c in BASICS if c not in ("chromium", "chromedriver")],
        CP_SKIP_BROWSER="1",
    )
    assert result.returncode == 0, result.stderr


def test_ci_and_make_test_share_the_list() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "tools/system_deps.sh" in ci
    assert "tools/system_deps.sh" in makefile
    assert "apt-get" not in ci  # the list lives once
    assert os.access(SCRIPT, os.X_OK)
