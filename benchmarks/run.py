"""`make bench`: time our site against plain Pelican + pelican-photos on one synthetic corpus.

    .venv-bench/bin/python -m benchmarks.run --size small --runs 3

For every run, in this order, alternating which side goes first:
  cold     no output, no caches (both sides)
  warm     nothing changed (both sides)
  inplace  warm, but `pelican` straight into the existing output folder, not the safe build
           (ours only: what the fresh output folder of tools/build.py costs)
  edit     one article edited (both sides)
  photo    one photo added to a gallery (ours only)
  clone    a fresh clone: the content committed to git and cloned in its place (new files,
           times and inodes; every file rewritten where git is missing), no output, the
           cache folder kept (ours only; compare with the reference's warm build)

Then the preview measurement (benchmarks/preview.py): an edit saved, then served by `make
devserver` and by `hugo server` on the same text-only corpus of the same size, median of
`--preview-edits` edits, with the ratio (`--no-preview` leaves it out, `--preview-only` runs
nothing else, `--preview-size large` measures at 10,000 articles).

A third side, `ours-jpeg`, builds our site cold making what the reference makes:
GALLERY_FORMATS = ["jpeg"], GALLERY_WIDTHS = [400, 1600] (`--no-variant` leaves it out).

Each build runs in a fresh probe process (benchmarks/probe.py) while this process samples the
resident memory of the whole build tree (pool workers included). Photo decodes are counted by
benchmarks/hooks/sitecustomize.py. Results: a table on stdout and
`.cache/bench/results-<size>.json`. Absolute times on a shared machine are noisy: quote ratios.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from dataclasses import asdict, dataclass, field
from pathlib import Path

try:
    import psutil
except ImportError:  # the site's venv: its tests import the runner's pure parts only
    psutil = None

from benchmarks.corpus import CACHE_ROOT, ROOT, SIZES, ensure_corpus, text_only

HERE = Path(__file__).resolve().parent
SCENARIOS = ("cold", "warm", "inplace", "edit", "photo", "clone")
REFERENCE_SCENARIOS = ("cold", "warm", "edit")
VARIANT = "ours-jpeg"  # our site making the reference's two JPEG sizes: cold builds only
VARIANT_SCENARIOS = ("cold",)
COLD_TARGET = 1.0  # our default outputs
COLD_JPEG_TARGET = 0.5  # the variant: the same two JPEG sizes as the reference
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".avif", ".gif"}
GIB = 1024**3
MIB = 1024**2


@dataclass
class Sample:
    """One measured build."""

    side: str
    scenario: str
    run: int
    wall_s: float
    cpu_s: float
    peak_tree_rss_mib: float  # sampled sum over the build's process tree
    max_process_rss_mib: float  # rusage: largest single process
    max_processes: int
    output_bytes: int
    output_image_bytes: int
    output_files: int
    decodes: int  # decodes of content photos (the corpus' images)
    decoded_files: list[str] = field(default_factory=list)
    other_decodes: int = 0  # any other image (theme icons and the like)
    other_decoded_files: list[str] = field(default_factory=list)


@dataclass
class Side:
    """One site of the comparison: its work folders and how to build it."""

    name: str
    work: Path
    corpus_content: Path
    build_python: str
    photo_library: Path | None = None
    extra_env: dict[str, str] = field(default_factory=dict)

    @property
    def content(self) -> Path:
        return self.work / "content"

    @property
    def output(self) -> Path:
        return self.work / "output"

    @property
    def cache(self) -> Path:
        return self.work / "cache"

    def command(self, scenario: str) -> list[str]:
        if self.name == "reference":
            return [
                self.build_python, "-m", "pelican", str(self.content),
                "-s", str(HERE / "refconf.py"), "-o", str(self.output), "--fatal", "errors",
            ]  # fmt: skip
        if scenario == "inplace":  # no staging folder, no swap: straight into output/
            return [
                self.build_python, "-m", "pelican", str(self.content),
                "-s", str(HERE / "benchconf.py"), "-o", str(self.output), "--fatal", "errors",
            ]  # fmt: skip
        return [
            self.build_python, str(ROOT / "tools" / "build.py"),
            "-s", str(HERE / "benchconf.py"), "-c", str(self.content), "-o", str(self.output),
        ]  # fmt: skip

    def env(self, decode_log: Path) -> dict[str, str]:
        env = dict(os.environ)
        # Compiled modules are kept, as on a volunteer's laptop or a CI runner: with this
        # set (some containers set it), our plugins would be compiled on every build while
        # the reference's installed packages come compiled.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        hooks = str(HERE / "hooks")
        env["PYTHONPATH"] = os.pathsep.join(p for p in (hooks, env.get("PYTHONPATH")) if p)
        env["BENCH_DECODE_LOG"] = str(decode_log)
        env["BENCH_CACHE_DIR"] = str(self.cache)
        env.update(self.extra_env)
        if self.photo_library is not None:
            env["BENCH_PHOTO_LIBRARY"] = str(self.photo_library)
        return env

    def reset(self) -> None:
        """Fresh content copied from the corpus (photos hard-linked), no output, no caches."""
        shutil.rmtree(self.work, ignore_errors=True)
        self.work.mkdir(parents=True)
        shutil.copytree(self.corpus_content, self.content, copy_function=_link_photos)


def _link_photos(src: str, dst: str) -> str:
    """Hard-link photos (never modified, only added) and copy text (edited by the bench)."""
    if Path(src).suffix.lower() in IMAGE_SUFFIXES:
        try:
            os.link(src, dst)
            return dst
        except OSError:
            pass
    return shutil.copy2(src, dst)


def _git(folder: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(folder), "-c", "user.name=bench", "-c", "user.email=bench@example.org",
         "-c", "init.defaultBranch=main", "-c", "core.autocrlf=false", *args],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


def _clone_in_place(content: Path) -> None:
    """Replace `content` by a real `git clone` of itself, as CI's checkout makes it: new
    files, times and inodes, and a git index (the repository kept beside it, so the
    content folder holds only a `.git` file). Without git, rewrite every file instead."""
    if shutil.which("git") is None:
        _rewrite_all(content)
        return
    origin = content.with_name(content.name + ".origin")
    store = content.with_name(content.name + ".git")
    for folder in (origin, store):
        shutil.rmtree(folder, ignore_errors=True)
    os.replace(content, origin)
    _git(origin, "init", "-q")
    _git(origin, "add", "-A")
    _git(origin, "commit", "-q", "-m", "bench corpus")
    _git(origin.parent, "clone", "-q", "--no-hardlinks", f"--separate-git-dir={store}",
         str(origin), str(content))  # fmt: skip
    shutil.rmtree(origin)


def _rewrite_all(folder: Path) -> None:
    """Give every file a new inode and mtime, as `git clone` does."""
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        fresh = path.with_name(path.name + ".clone-tmp")
        shutil.copyfile(path, fresh)
        os.replace(fresh, path)


def _folder_size(folder: Path) -> tuple[int, int, int]:
    total = images = files = 0
    for path in folder.rglob("*"):
        if path.is_file():
            size = path.stat().st_size
            total += size
            files += 1
            if path.suffix.lower() in IMAGE_SUFFIXES:
                images += size
    return total, images, files


class _TreeSampler(threading.Thread):
    """Sample the summed RSS of a process's descendants until stopped."""

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak = 0
        self.max_processes = 0
        self._stop_event = threading.Event()

    def run(self) -> None:
        try:
            root = psutil.Process(self.pid)
        except psutil.NoSuchProcess:
            return
        while not self._stop_event.is_set():
            try:
                children = root.children(recursive=True)
            except psutil.NoSuchProcess:
                return
            total = 0
            for child in children:
                with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied):
                    total += child.memory_info().rss
            self.peak = max(self.peak, total)
            self.max_processes = max(self.max_processes, len(children))
            self._stop_event.wait(self.interval)

    def stop(self) -> None:
        self._stop_event.set()
        self.join()


class BuildFailed(RuntimeError):
    pass


def measure(side: Side, scenario: str, run: int, logs: Path) -> Sample:
    """Build `side` once in a fresh probe process and measure it."""
    logs.mkdir(parents=True, exist_ok=True)
    log_path = logs / f"{side.name}-{scenario}-{run}.log"
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        result_path, decode_log = Path(tmp) / "probe.json", Path(tmp) / "decodes.txt"
        probe = [sys.executable, str(HERE / "probe.py"), str(result_path), "--"]
        with log_path.open("w", encoding="utf-8") as log:
            process = subprocess.Popen(
                probe + side.command(scenario),
                cwd=ROOT,
                env=side.env(decode_log),
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            sampler = _TreeSampler(process.pid)
            sampler.start()
            process.wait()
            sampler.stop()
        result = json.loads(result_path.read_text(encoding="utf-8"))
        decodes = decode_log.read_text(encoding="utf-8").splitlines() if decode_log.exists() else []
    if result["exit"] != 0:
        tail = "".join(log_path.read_text(encoding="utf-8").splitlines(keepends=True)[-25:])
        raise BuildFailed(f"{side.name} {scenario} build failed (exit {result['exit']}), "
                          f"log {log_path}:\n{tail}")  # fmt: skip
    total, images, files = _folder_size(side.output)
    photos, others = [], []
    for line in decodes:
        path = line.split("\t")[1]
        relative = _relative(path, side)
        (others if relative is None else photos).append(relative or Path(path).name)
    return Sample(
        side=side.name,
        scenario=scenario,
        run=run,
        wall_s=round(result["wall_s"], 3),
        cpu_s=round(result["cpu_s"], 3),
        peak_tree_rss_mib=round(sampler.peak / MIB, 1),
        max_process_rss_mib=round(result["max_process_rss_kib"] / 1024, 1),
        max_processes=sampler.max_processes,
        output_bytes=total,
        output_image_bytes=images,
        output_files=files,
        decodes=len(photos),
        decoded_files=sorted(set(photos)),
        other_decodes=len(others),
        other_decoded_files=sorted(set(others)),
    )


def _relative(path: str, side: Side) -> str | None:
    """`path` relative to the side's content (or photo library), or None if outside both."""
    for base in (side.content, side.photo_library):
        if base is not None:
            try:
                return str(Path(path).resolve().relative_to(base.resolve()))
            except ValueError:
                continue
    return None


def prepare(side: Side, scenario: str, run: int, corpus: Path, manifest: dict) -> None:
    """Put `side` in the state `scenario` starts from (the previous scenarios ran before)."""
    if scenario == "cold":
        side.reset()
    elif scenario == "edit":
        target = side.content / str(manifest["edit_target"])
        text = target.read_text(encoding="utf-8")
        target.write_text(text + f"\nEdited for benchmark run {run}: 周末见！\n", encoding="utf-8")
    elif scenario == "photo":
        added = manifest["added_photo"]
        dest = side.content / "galleries" / added["gallery"] / added["name"]
        _link_photos(str(corpus / added["source"]), str(dest))
    elif scenario == "clone":
        _clone_in_place(side.content)
        shutil.rmtree(side.output, ignore_errors=True)
    # Write what the preparation changed to disk now, not during the measured build (a
    # checkout is minutes old by the time CI builds).
    os.sync()


def stats(values: list[float]) -> dict[str, float]:
    median = statistics.median(values)
    return {
        "median": round(median, 3),
        "min": round(min(values), 3),
        "max": round(max(values), 3),
        "spread_pct": round(100 * (max(values) - min(values)) / median, 1) if median else 0.0,
        "n": len(values),
    }


def summarise(samples: list[Sample]) -> dict[str, dict[str, dict]]:
    """Per side and scenario: time statistics, peak memory, output size, decodes."""
    summary: dict[str, dict[str, dict]] = {}
    for sample in samples:
        summary.setdefault(sample.side, {}).setdefault(sample.scenario, {"samples": []})
        summary[sample.side][sample.scenario]["samples"].append(sample)
    for scenarios in summary.values():
        for scenario, entry in scenarios.items():
            group: list[Sample] = entry.pop("samples")
            last = group[-1]
            scenarios[scenario] = {
                "wall_s": stats([s.wall_s for s in group]),
                "cpu_s": stats([s.cpu_s for s in group]),
                "peak_tree_rss_mib": max(s.peak_tree_rss_mib for s in group),
                "max_process_rss_mib": max(s.max_process_rss_mib for s in group),
                "max_processes": max(s.max_processes for s in group),
                "output_bytes": last.output_bytes,
                "output_image_bytes": last.output_image_bytes,
                "output_files": last.output_files,
                "decodes_max": max(s.decodes for s in group),
                "decoded_files": sorted({f for s in group for f in s.decoded_files}),
                "other_decodes_max": max(s.other_decodes for s in group),
                "other_decoded_files": sorted({f for s in group for f in s.other_decoded_files}),
            }
    return summary


def ratio(summary: dict, ours: str, reference: str, side: str = "ours") -> float | None:
    try:
        a = summary[side][ours]["wall_s"]["median"]
        b = summary["reference"][reference]["wall_s"]["median"]
    except KeyError:
        return None
    return round(a / b, 3) if b else None


@dataclass
class Target:
    name: str
    status: str  # "met", "missed" or "not measured"
    detail: str


def check_targets(size: str, summary: dict, manifest: dict) -> list[Target]:
    """The issue's targets, judged from this run's figures."""
    ours = summary.get("ours", {})
    targets = []

    def verdict(ok: bool | None) -> str:
        return "not measured" if ok is None else ("met" if ok else "missed")

    def median(scenario: str, side: str = "ours") -> float | None:
        entry = summary.get(side, {}).get(scenario)
        return entry["wall_s"]["median"] if entry else None

    cold = ratio(summary, "cold", "cold")
    if size == "small":
        targets.append(
            Target(
                f"cold build, small, default outputs: <= {COLD_TARGET}x reference",
                verdict(None if cold is None else cold <= COLD_TARGET),
                f"ratio {cold}",
            )
        )
        if VARIANT in summary:
            plain = ratio(summary, "cold", "cold", VARIANT)
            targets.append(
                Target(
                    f"cold build, small, the reference's two JPEG sizes: "
                    f"<= {COLD_JPEG_TARGET}x reference",
                    verdict(None if plain is None else plain <= COLD_JPEG_TARGET),
                    f"ratio {plain}",
                )
            )
    for scenario, label in (("warm", "warm build"), ("clone", "fresh clone, cache restored")):
        mine, theirs = median(scenario), median("warm", "reference")
        entry = ours.get(scenario)
        ok = (
            None
            if entry is None or theirs is None or mine is None
            else (entry["decodes_max"] == 0 and mine <= theirs)
        )
        detail = (
            ""
            if entry is None
            else f"{entry['decodes_max']} decodes, {mine} s vs reference warm {theirs} s"
        )
        targets.append(Target(f"{label}: no photo decoded, <= reference warm", verdict(ok), detail))
    entry = ours.get("photo")
    if entry is not None:
        added = f"{manifest['added_photo']['gallery']}/{manifest['added_photo']['name']}"
        decoded = [f for f in entry["decoded_files"] if f != f"galleries/{added}"]
        ok = not decoded and bool(entry["decoded_files"])
        detail = f"decoded {len(entry['decoded_files'])} file(s)" + (
            f", others: {decoded[:3]}" if decoded else ""
        )
        targets.append(Target("one photo added: only that photo processed", verdict(ok), detail))
    if size == "medium":
        edit, edit_ratio = median("edit"), ratio(summary, "edit", "edit")
        ok = None if edit is None else edit <= 5.85
        targets.append(
            Target(
                "one article edited, medium: <= 5.85 s",
                verdict(ok),
                f"{edit} s, ratio {edit_ratio}",
            )
        )
        peak = max((e["peak_tree_rss_mib"] for e in ours.values()), default=None)
        ok = None if peak is None else peak * MIB < 1.5 * GIB
        targets.append(
            Target("peak memory, medium: < 1.5 GiB", verdict(ok), f"{peak} MiB (tree sum)")
        )
    return targets


def _fmt_time(entry: dict | None) -> str:
    if entry is None:
        return "-"
    t = entry["wall_s"]
    return f"{t['median']:.2f} ({t['min']:.2f}-{t['max']:.2f})"


def render_table(summary: dict, scenarios: list[str]) -> str:
    head = ("scenario", "ours s (min-max)", "ref s (min-max)", "ratio", "ours MiB", "ref MiB",
            "decodes", "ours out MB", "ref out MB")  # fmt: skip
    rows = [head]
    for scenario in scenarios:
        mine = summary.get("ours", {}).get(scenario)
        theirs = summary.get("reference", {}).get(scenario)
        compare = "warm" if scenario in ("clone", "inplace") else scenario
        r = ratio(summary, scenario, compare)
        rows.append((
            scenario,
            _fmt_time(mine),
            _fmt_time(theirs),
            "-" if r is None else (f"{r:.2f}" + ("*" if compare != scenario else "")),
            "-" if mine is None else f"{mine['peak_tree_rss_mib']:.0f}",
            "-" if theirs is None else f"{theirs['peak_tree_rss_mib']:.0f}",
            "-" if mine is None else str(mine["decodes_max"]),
            "-" if mine is None else f"{mine['output_bytes'] / 1e6:.1f}",
            "-" if theirs is None else f"{theirs['output_bytes'] / 1e6:.1f}",
        ))  # fmt: skip
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    variant = summary.get(VARIANT, {}).get("cold")
    if variant is not None:
        r = ratio(summary, "cold", "cold", VARIANT)
        lines.append(
            f"{VARIANT} cold: {_fmt_time(variant)} s, ratio {r}, "
            f"{variant['peak_tree_rss_mib']:.0f} MiB, {variant['output_bytes'] / 1e6:.1f} MB out"
        )
    lines.append("ratio = ours median / reference median; * = against the reference's warm build.")
    lines.append(
        "MiB = peak resident memory of the whole build process tree (sampled sum, incl. workers)."
    )
    return "\n".join(lines)


def _git_commit() -> str:
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        return done.stdout.strip() or "unknown"
    except OSError:
        return "unknown"


def _arguments(argv: list[str] | None) -> tuple[argparse.Namespace, list[str]]:
    """The command line, and the scenarios to run in their order."""
    parser = argparse.ArgumentParser(
        description="Benchmark our site against plain Pelican + pelican-photos."
    )
    parser.add_argument("--size", choices=sorted(SIZES), default="small")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--scenarios",
        default=",".join(SCENARIOS),
        help="comma-separated, from: " + ", ".join(SCENARIOS),
    )
    parser.add_argument(
        "--text-only", action="store_true", help="the corpus without galleries and photos"
    )
    parser.add_argument("--only", choices=("both", "ours", "reference"), default="both")
    parser.add_argument(
        "--no-variant",
        action="store_true",
        help=f"leave out {VARIANT} (ours making two JPEG sizes)",
    )
    parser.add_argument("--no-preview", action="store_true", help="no preview measurement")
    parser.add_argument("--preview-only", action="store_true", help="only the preview measurement")
    parser.add_argument("--preview-size", choices=sorted(SIZES), default=None,
                        help="the preview's corpus (text only; default: --size)")  # fmt: skip
    parser.add_argument("--preview-edits", type=int, default=5)
    parser.add_argument("--site-python", default=str(ROOT / ".venv" / "bin" / "python"),
                        help="the interpreter of the site's venv (builds ours)")  # fmt: skip
    parser.add_argument(
        "--jobs", type=int, default=min(2, os.cpu_count() or 1), help="corpus generation processes"
    )
    args = parser.parse_args(argv)

    wanted = [s.strip() for s in args.scenarios.split(",") if s.strip()]
    unknown = sorted(set(wanted) - set(SCENARIOS))
    if unknown:
        parser.error(f"unknown scenario(s) {unknown}; choose from {', '.join(SCENARIOS)}")
    scenarios = [s for s in SCENARIOS if s in wanted]
    if "cold" not in scenarios and not args.preview_only:
        parser.error("every run starts with 'cold' (it resets the work folders)")
    return args, scenarios


def _sides(args: argparse.Namespace, work: Path, corpus: Path) -> list[Side]:
    """Ours, ours making two JPEG sizes, the reference: as --only and --no-variant say."""
    sides = []
    if args.only in ("both", "ours"):
        sides.append(Side("ours", work / "ours", corpus / "ours" / "content", args.site_python))
        if not args.no_variant and not args.text_only:
            same = {"BENCH_GALLERY_FORMATS": "jpeg", "BENCH_GALLERY_WIDTHS": "400,1600"}
            sides.append(Side(VARIANT, work / VARIANT, corpus / "ours" / "content",
                              args.site_python, extra_env=same))  # fmt: skip
    if args.only in ("both", "reference"):
        library = corpus / "ours" / "content" / "galleries"
        reference = corpus / "reference" / "content"
        sides.append(Side("reference", work / "reference", reference, sys.executable, library))
    return sides


def _measure_all(
    sides: list[Side], scenarios: list[str], runs: int, corpus: Path, manifest: dict, *,
    logs: Path,
) -> list[Sample]:  # fmt: skip
    """Every scenario of every run, the sides alternating in order from run to run."""
    samples: list[Sample] = []
    for run in range(runs):
        order = sides if run % 2 == 0 else sides[::-1]
        for scenario in scenarios:
            for side in order:
                if side.name == "reference" and scenario not in REFERENCE_SCENARIOS:
                    continue
                if side.name == VARIANT and scenario not in VARIANT_SCENARIOS:
                    continue
                prepare(side, scenario, run, corpus, manifest)
                sample = measure(side, scenario, run, logs)
                samples.append(sample)
                print(
                    f"  run {run + 1}/{runs} {side.name:9} {scenario:8}"
                    f" {sample.wall_s:7.2f} s {sample.peak_tree_rss_mib:6.0f} MiB"
                    f" {sample.decodes:4d} decodes",
                    flush=True,
                )
    return samples


def _preview(args: argparse.Namespace) -> dict[str, object] | None:
    """The preview measurement, printed; None when left out."""
    if args.no_preview and not args.preview_only:
        return None
    from benchmarks import preview  # noqa: PLC0415

    size = args.preview_size or args.size
    print(f"\npreview measurement ({size}, text only) ...", flush=True)
    result = preview.measure(size, args.preview_edits, args.site_python, args.seed)
    print(preview.render(result))
    out = CACHE_ROOT / f"preview-{size}.json"
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return result


def main(argv: list[str] | None = None) -> int:
    args, scenarios = _arguments(argv)
    if args.preview_only:
        result = _preview(args)
        return 0 if result is not None and "skipped" not in result else 1
    size = text_only(SIZES[args.size]) if args.text_only else SIZES[args.size]
    if args.text_only:
        scenarios = [s for s in scenarios if s != "photo"]
    print(f"corpus {size.name} (seed {args.seed}) ...", flush=True)
    corpus, manifest = ensure_corpus(size, args.seed, jobs=args.jobs)
    print(
        f"  {corpus}: {manifest['articles']} articles (+{manifest['translations']} translations),"
        f" {manifest['events']} events ({manifest['recurring_events']} recurring),"
        f" {manifest['projects']} projects, {manifest['photos']} photos"
        f" ({int(manifest['photo_bytes']) / 1e6:.0f} MB)"
    )

    work = CACHE_ROOT / f"work-{size.name}"
    try:
        samples = _measure_all(
            _sides(args, work, corpus), scenarios, args.runs, corpus, manifest, logs=work / "logs"
        )
    except BuildFailed as failure:
        print(failure, file=sys.stderr)
        return 1

    summary = summarise(samples)
    targets = check_targets(size.name, summary, manifest)
    print()
    print(f"{size.name} corpus, {args.runs} run(s) each, {os.cpu_count()} cores")
    print(render_table(summary, scenarios))
    print()
    for target in targets:
        print(f"  [{target.status:^12}] {target.name}: {target.detail}")

    preview_result = _preview(args)
    results = {
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "commit": _git_commit(),
        "machine": {
            "cpus": os.cpu_count(),
            "memory_gib": round(psutil.virtual_memory().total / GIB, 1),
            "python": platform.python_version(),
        },
        "size": size.name,
        "seed": args.seed,
        "runs": args.runs,
        "corpus": manifest,
        "summary": summary,
        "ratios": {
            s: ratio(summary, s, "warm" if s in ("clone", "inplace") else s) for s in scenarios
        },
        "targets": [asdict(t) for t in targets],
        "preview": preview_result,
        "samples": [asdict(s) for s in samples],
    }
    out = CACHE_ROOT / f"results-{size.name}.json"
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nresults: {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
