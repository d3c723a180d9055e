"""The benchmark's verdicts: medians, ratios and targets judged from measured samples.

No timing here (speed is measured only by `make bench`): these feed the runner samples
whose figures are chosen, and check what it concludes from them.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import ROOT

from benchmarks.run import (
    VARIANT,
    Sample,
    check_targets,
    ratio,
    render_table,
    stats,
    summarise,
)

MANIFEST = {"added_photo": {"gallery": "g", "name": "new.jpg"}}


def sample(side: str, scenario: str, wall: float, run: int = 0, **extra: object) -> Sample:
    fields: dict = {
        "cpu_s": wall,
        "peak_tree_rss_mib": 100.0,
        "max_process_rss_mib": 80.0,
        "max_processes": 3,
        "output_bytes": 1_000_000,
        "output_image_bytes": 900_000,
        "output_files": 10,
        "decodes": 0,
    }
    fields.update(extra)
    return Sample(side=side, scenario=scenario, run=run, wall_s=wall, **fields)


def by_name(targets):
    return {t.name: t for t in targets}


def test_stats_are_median_and_spread():
    assert stats([3.0, 1.0, 2.0]) == {
        "median": 2.0, "min": 1.0, "max": 3.0, "spread_pct": 100.0, "n": 3,
    }  # fmt: skip


def test_ratio_is_of_medians_measured_in_the_same_run():
    summary = summarise([
        sample("ours", "cold", 4.0), sample("ours", "cold", 6.0, run=1),
        sample("ours", "cold", 5.0, run=2), sample("reference", "cold", 10.0),
    ])  # fmt: skip
    assert ratio(summary, "cold", "cold") == 0.5
    assert ratio(summary, "warm", "warm") is None  # not measured: no ratio, no crash


@pytest.mark.parametrize(
    ("ours", "variant", "cold_status", "variant_status"),
    [(9.9, 4.9, "met", "met"), (12.0, 5.0, "missed", "met"), (10.1, 5.1, "missed", "missed")],
)
def test_cold_target_is_judged_for_our_site_and_the_variant(
    ours, variant, cold_status, variant_status
):
    summary = summarise([
        sample("ours", "cold", ours, decodes=50),
        sample(VARIANT, "cold", variant, decodes=50),
        sample("reference", "cold", 10.0, decodes=100),
    ])  # fmt: skip
    targets = by_name(check_targets("small", summary, MANIFEST))
    assert targets["cold build, small, default outputs: <= 1.0x reference"].status == cold_status
    assert targets[
        "cold build, small, the reference's two JPEG sizes: <= 0.5x reference"
    ].status == (variant_status)
    assert f"{VARIANT} cold:" in render_table(summary, ["cold"])


def test_warm_target_needs_no_decode_and_no_more_time():
    base = [sample("reference", "warm", 1.0)]
    fast_but_decoding = summarise([*base, sample("ours", "warm", 0.8, decodes=1)])
    slow = summarise([*base, sample("ours", "warm", 1.2)])
    good = summarise([*base, sample("ours", "warm", 0.9)])
    name = "warm build: no photo decoded, <= reference warm"
    assert by_name(check_targets("small", fast_but_decoding, MANIFEST))[name].status == "missed"
    assert by_name(check_targets("small", slow, MANIFEST))[name].status == "missed"
    assert by_name(check_targets("small", good, MANIFEST))[name].status == "met"


def test_adding_a_photo_must_decode_that_photo_only():
    only = summarise(
        [sample("ours", "photo", 2.0, decodes=1, decoded_files=["galleries/g/new.jpg"])]
    )
    more = summarise([
        sample("ours", "photo", 2.0, decodes=2,
               decoded_files=["galleries/g/new.jpg", "galleries/g/old.jpg"]),
    ])  # fmt: skip
    none = summarise([sample("ours", "photo", 2.0)])
    name = "one photo added: only that photo processed"
    assert by_name(check_targets("small", only, MANIFEST))[name].status == "met"
    assert by_name(check_targets("small", more, MANIFEST))[name].status == "missed"
    assert by_name(check_targets("small", none, MANIFEST))[name].status == "missed"


def test_medium_targets_edit_time_and_peak_memory():
    summary = summarise([
        sample("ours", "edit", 5.0, peak_tree_rss_mib=700.0),
        sample("ours", "cold", 100.0, peak_tree_rss_mib=1600.0),
        sample("reference", "edit", 4.0),
    ])  # fmt: skip
    targets = by_name(check_targets("medium", summary, MANIFEST))
    assert targets["one article edited, medium: <= 5.85 s"].status == "met"
    assert "ratio 1.25" in targets["one article edited, medium: <= 5.85 s"].detail
    assert targets["peak memory, medium: < 1.5 GiB"].status == "missed"  # the cold peak counts


def test_the_reference_settings_load_without_the_site_venv() -> None:
    """benchmarks/refconf.py runs in .venv-bench, which has no .pth for the project's
    folders: it must find the site's settings (and the product's defaults) by itself."""
    loaded = subprocess.run(
        [sys.executable, "-S", "-c",
         "import runpy; g = runpy.run_path('benchmarks/refconf.py'); "
         "print(g['ARTICLE_URL'], g['TIMEZONE'])"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert loaded.returncode == 0, loaded.stderr
    assert loaded.stdout.split() == ["news/{slug}/", "Asia/Shanghai"]
