"""The GitHub Actions workflow: valid for actionlint, least privilege, and every `make`
target it runs exists. Also the upload targets other hosts use."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"


@pytest.fixture(scope="module")
def workflow() -> dict[Any, Any]:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def _actionlint() -> str:
    found = Path(sys.executable).with_name("actionlint")
    if found.exists():
        return str(found)
    on_path = shutil.which("actionlint")
    assert on_path, "actionlint missing: pip install -r requirements-dev.txt"
    return on_path


def test_workflow_passes_actionlint() -> None:
    result = subprocess.run(
        [_actionlint(), "-no-color", str(WORKFLOW)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _makefile_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([A-Za-z0-9_.-]+)\s*:(?!=)", text, flags=re.MULTILINE))


def _run_steps(workflow: dict[Any, Any]) -> list[str]:
    return [
        step["run"]
        for job in workflow["jobs"].values()
        for step in job.get("steps", [])
        if "run" in step
    ]


def test_every_make_target_the_workflow_runs_exists(workflow: dict[Any, Any]) -> None:
    used = {m for run in _run_steps(workflow) for m in re.findall(r"\bmake ([\w-]+)", run)}
    assert {"check", "test", "publish"} <= used
    assert used <= _makefile_targets()


def test_triggers(workflow: dict[Any, Any]) -> None:
    on = workflow[True]  # YAML 1.1 reads the key `on` as True
    assert on["push"]["branches"] == ["main"]
    assert "pull_request" in on
    assert on["schedule"][0]["cron"].split()[2:] == ["*", "*", "*"]  # daily


def test_least_privilege(workflow: dict[Any, Any]) -> None:
    assert workflow["permissions"] == {"contents": "read"}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert "write" not in build["permissions"].values()
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build"
    assert "pull_request" in deploy["if"] and "refs/heads/main" in deploy["if"]


def test_deploys_never_race(workflow: dict[Any, Any]) -> None:
    concurrency = workflow["concurrency"]
    assert "pages" in concurrency["group"]
    # Only pull request runs may be cancelled; a deploy always finishes.
    assert concurrency["cancel-in-progress"] == "${{ github.event_name == 'pull_request' }}"


def test_uses_the_official_pages_actions_and_caches(workflow: dict[Any, Any]) -> None:
    uses = [
        step["uses"].split("@")[0]
        for job in workflow["jobs"].values()
        for step in job["steps"]
        if "uses" in step
    ]
    official = ["actions/checkout", "actions/configure-pages", "actions/upload-pages-artifact",
                "actions/deploy-pages", "actions/upload-artifact"]  # fmt: skip
    assert set(official) <= set(uses)
    cached = [
        step["with"]["path"]
        for step in workflow["jobs"]["build"]["steps"]
        if step.get("uses", "").startswith("actions/cache@")
    ]
    assert cached == ["~/.cache/pip", ".cache/gallery"]


def _dry_run(target: str, *variables: str) -> str:
    result = subprocess.run(
        ["make", "-n", target, *variables],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_rsync_upload_publishes_then_copies_over_ssh() -> None:
    commands = _dry_run(
        "rsync_upload", "SSH_HOST=web.example", "SSH_PORT=2222", "SSH_USER=site",
        "SSH_TARGET_DIR=/srv/press",
    )  # fmt: skip
    assert "publishconf.py" in commands
    rsync = " ".join(commands[commands.index("rsync") :].split())
    assert "ssh -p 2222" in rsync and "--delete" in rsync
    assert '"output"/ "site@web.example:/srv/press"' in rsync


def test_s3_upload_syncs_the_bucket_without_precompressed_copies() -> None:
    commands = _dry_run("s3_upload", "S3_BUCKET=press", "S3_ENDPOINT=https://s3.example")
    sync = " ".join(commands[commands.index("aws s3 sync") :].split())
    assert '"output"/ "s3://press" --delete' in sync
    assert '--exclude "*.gz" --exclude "*.br"' in sync
    assert '--endpoint-url "https://s3.example"' in sync
    plain = _dry_run("s3_upload", "S3_BUCKET=press")
    assert "--endpoint-url" not in plain
