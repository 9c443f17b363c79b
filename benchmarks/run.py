"""Benchmarks of ``hrddp validate`` against ``check-jsonschema``, measured back to back (benchmarks/README.md).

A machine's speed can drift 1.2–2× within an hour while ratios measured back to back hold, so
every comparison interleaves the two tools, repetition by repetition, and reports medians and
minima both as seconds and as ratios. Each command runs as a whole process, as a user or a
pre-commit hook would run it: start-up is part of the cost.

Before any timing counts, a first untimed round checks that the numbers mean something: the
valid portfolio gives no finding, and the portfolio with injected errors gives exactly the
errors of its ``injected.json``, each at its line.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import generate

ROOT = Path(__file__).resolve().parent.parent
OUT = Path("benchmarks") / "out"  # relative to ROOT, where every command runs
STARTUP_RUNS = 20
MAX_INJECTED = 20
TARGET_VALIDATE = 0.5  # hrddp validate at most 0.5× check-jsonschema's five runs
TARGET_STARTUP = 1.0  # one-dossier validate no slower than check-jsonschema --version
TARGET_STATUS = 1.2  # hrddp status at most 1.2× hrddp validate on the same portfolio
TARGET_MEMORY = 1.1  # peak memory flat: at most 10% more for three times the dossiers
# Children cache their bytecode, as an installed tool does, but under /tmp: an editable install
# run with PYTHONDONTWRITEBYTECODE would recompile hrddp at every start, and nothing is written
# into the project.
CHILD_ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
CHILD_ENV["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "hrddp-bench-pycache")
INSTALL_HINT = "install it with: .venv/bin/pip install -e '.[bench]'"
PARSER_PROBE = "import ruamel.yaml as y; p = y.YAML(typ='safe').Parser; print(y.__version__, p.__module__, p.__name__)"


@dataclass(frozen=True, slots=True)
class Run:
    """One finished process: its wall time, peak resident memory, exit code and outputs."""

    seconds: float
    max_rss_kb: int
    returncode: int
    stdout: str
    stderr: str


@dataclass(frozen=True, slots=True)
class Portfolio:
    """A generated portfolio, its path relative to ROOT, and the errors injected into it."""

    path: Path
    injected: list[dict[str, object]]

    @property
    def dossiers(self) -> Path:
        return self.path / "dossiers"

    def files(self, kind: str) -> list[str]:
        return sorted(str(path.relative_to(ROOT)) for path in (ROOT / self.dossiers).glob(f"*/{kind}.yaml"))

    def schema(self, kind: str) -> str:
        return str(self.path / ".hrddp" / "schemas" / f"{kind}.schema.json")


@dataclass(frozen=True, slots=True)
class Timing:
    """The seconds of the repetitions of one measurement."""

    samples: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def min(self) -> float:
        return min(self.samples)


def run(command: list[str], cwd: Path = ROOT) -> Run:
    """Run ``command`` from ``cwd`` (ROOT) as a whole process; its own rusage (``wait4``) gives its peak RSS.

    ``getrusage(RUSAGE_CHILDREN)`` would report the largest child so far, not this one. Outputs
    go to files, not pipes, so that a large report cannot block the child.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=CHILD_ENV, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        texts = []
        for stream in (out, err):
            stream.seek(0)
            texts.append(stream.read().decode("utf-8", errors="replace"))
    return Run(seconds, usage.ru_maxrss, process.returncode, *texts)


def find_tool(name: str) -> str | None:
    """``name`` in the virtual environment of the running Python, else on PATH."""
    local = Path(sys.executable).parent / name
    if local.is_file() and os.access(local, os.X_OK):
        return str(local)
    return shutil.which(name)


def interpreter_of(script: str) -> str:
    """The Python that runs a console script: the one its ``#!`` line names."""
    with open(script, encoding="utf-8", errors="replace") as stream:
        first = stream.readline()
    return first[2:].strip().split()[0] if first.startswith("#!") else sys.executable


def yaml_parser(check_jsonschema: str) -> str:
    """Which ruamel.yaml parser check-jsonschema gets: it asks for ``YAML(typ='safe')``, like this probe."""
    probe = run([interpreter_of(check_jsonschema), "-c", PARSER_PROBE])
    if probe.returncode != 0:
        return "unknown (ruamel.yaml could not be imported)"
    version, module, name = probe.stdout.split()
    kind = "C, libyaml" if name == "CParser" else "pure Python: install ruamel.yaml[oldlibyaml] for the C parser"
    return f"ruamel.yaml {version}, {module}.{name} ({kind})"


def portfolio(dossiers: int, errors: int, hrddp: str) -> Portfolio:
    """The portfolio of that size (generated once, atomically), with freshly exported schemas."""
    name = f"portfolio-{dossiers}" + (f"-{errors}-errors" if errors else "")
    path = OUT / name
    if not (ROOT / path / "dossiers").is_dir():
        print(f"generating {path} ...", file=sys.stderr)
        scratch = ROOT / OUT / f".{name}.partial"
        shutil.rmtree(scratch, ignore_errors=True)
        generate.write_portfolio(scratch, dossiers, seed=1, errors=errors)
        scratch.rename(ROOT / path)
    exported = run([hrddp, "schema", "export", str(path / ".hrddp" / "schemas")])
    if exported.returncode != 0:
        sys.exit(f"hrddp schema export failed:\n{exported.stderr}")
    listing = ROOT / path / "injected.json"
    injected = json.loads(listing.read_text(encoding="utf-8"))["errors"] if errors else []
    return Portfolio(path, injected)


# --- What each tool reports -----------------------------------------------------------------------


def check_report(result: Run, target: Portfolio) -> None:
    """Stop unless hrddp reported exactly the injected errors, each at its line (none for a valid portfolio)."""
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        sys.exit(f"hrddp validate did not print JSON (exit {result.returncode}):\n{result.stderr[:2000]}")
    wanted = {(os.path.normpath(target.path / str(e["file"])), e["line"], e["code"]) for e in target.injected}
    found = {(f["file"], f["line"], f["code"]) for f in report["findings"] if f["severity"] == "error"}
    warnings = report["summary"]["warnings"]
    if wanted != found or (not wanted and warnings):
        missing, extra = sorted(wanted - found), sorted(found - wanted)
        sys.exit(
            f"hrddp validate {target.dossiers}: the findings are not the injected errors\n"
            f"  missing: {missing[:10]}\n  unexpected: {extra[:10]}\n  warnings: {warnings}"
        )
    if wanted:
        print(
            f"checked: hrddp reports the {len(wanted)} injected errors of {target.dossiers} at their lines",
            file=sys.stderr,
        )
    else:
        print(f"checked: hrddp finds nothing to report in {target.dossiers}", file=sys.stderr)


def validate_command(hrddp: str, target: Portfolio) -> list[str]:
    return [hrddp, "validate", str(target.dossiers), "--format", "json"]


def check_jsonschema_runs(tool: str, target: Portfolio) -> list[Run]:
    """One ``check-jsonschema --schemafile`` per kind of file, over every file of that kind."""
    return [run([tool, "--schemafile", target.schema(kind), *target.files(kind)]) for kind in generate.KINDS]


# --- The benchmarks ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the timing table: hrddp against check-jsonschema (None when not installed)."""

    name: str
    hrddp: Timing
    other: Timing | None
    target: float


def time_validate(hrddp: str, tool: str | None, target: Portfolio, repeat: int) -> tuple[Timing, Timing | None]:
    """(a) and (b): hrddp validate and the five check-jsonschema runs, interleaved, after a checked round."""
    check_report(run(validate_command(hrddp, target)), target)
    if tool is not None:
        codes = [result.returncode for result in check_jsonschema_runs(tool, target)]
        if not target.injected and any(codes):
            print(f"note: check-jsonschema exits {codes} on the valid portfolio", file=sys.stderr)
    ours: list[float] = []
    theirs: list[float] = []
    for n in range(1, repeat + 1):
        print(f"timing validate of {target.dossiers}, repetition {n}/{repeat}", file=sys.stderr)
        ours.append(run(validate_command(hrddp, target)).seconds)
        if tool is not None:
            theirs.append(sum(result.seconds for result in check_jsonschema_runs(tool, target)))
    return Timing(ours), Timing(theirs) if tool is not None else None


def time_startup(hrddp: str, tool: str | None) -> tuple[Timing, Timing | None]:
    """(c): one-dossier ``hrddp validate sample-dossier`` against ``check-jsonschema --version``, interleaved."""
    commands: list[list[str]] = [[hrddp, "validate", "sample-dossier"]]
    if tool is not None:
        commands.append([tool, "--version"])
    samples: list[list[float]] = [[] for _ in commands]
    print(f"timing start-up, {STARTUP_RUNS} runs each", file=sys.stderr)
    for command in commands:
        run(command)  # warm the file cache and the bytecode
    for _ in range(STARTUP_RUNS):
        for command, seconds in zip(commands, samples, strict=True):
            seconds.append(run(command).seconds)
    return Timing(samples[0]), Timing(samples[1]) if tool is not None else None


def time_status(hrddp: str, target: Portfolio, repeat: int) -> tuple[Timing, Timing]:
    """(e): hrddp status against hrddp validate on the same portfolio, interleaved: scoring must be cheap."""
    status = [hrddp, "status", str(target.dossiers), "--format", "json", "--as-of", "2026-11-29"]
    run(status)
    scored: list[float] = []
    validated: list[float] = []
    for n in range(1, repeat + 1):
        print(f"timing status of {target.dossiers}, repetition {n}/{repeat}", file=sys.stderr)
        scored.append(run(status).seconds)
        validated.append(run(validate_command(hrddp, target)).seconds)
    return Timing(scored), Timing(validated)


def status_table(dossiers: int, timings: tuple[Timing, Timing]) -> list[str]:
    scored, validated = timings
    ratio = scored.median / validated.median
    return [
        "| benchmark | hrddp status median | hrddp validate median | ratio | target |",
        "|---|---:|---:|---:|---|",
        f"| status vs validate, {dossiers} dossiers | {scored.median:.3f} s | {validated.median:.3f} s "
        f"| {ratio:.2f}× | {verdict(ratio, TARGET_STATUS)} |",
    ]


def peak_memory(hrddp: str, small: Portfolio, large: Portfolio, repeat: int) -> tuple[float, float]:
    """(d): median peak RSS (MB) of hrddp validate on the small and the large portfolio."""
    print(f"measuring peak memory on {small.dossiers} and {large.dossiers}", file=sys.stderr)
    medians = []
    for target in (small, large):
        kilobytes = [run(validate_command(hrddp, target)).max_rss_kb for _ in range(repeat)]
        medians.append(statistics.median(kilobytes) / 1024)
    return medians[0], medians[1]


# --- The report ----------------------------------------------------------------------------------------


def verdict(ratio: float, target: float) -> str:
    return f"≤ {target:g}×: {'met' if ratio <= target else 'missed'}"


def timing_table(rows: list[Row]) -> list[str]:
    lines = [
        "| benchmark | hrddp median | hrddp min | check-jsonschema median | check-jsonschema min "
        "| ratio (median) | ratio (min) | target |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for row in rows:
        ours = f"| {row.name} | {row.hrddp.median:.3f} s | {row.hrddp.min:.3f} s "
        if row.other is None:
            lines.append(ours + "| – | – | – | – | skipped: no check-jsonschema |")
            continue
        ratio = row.hrddp.median / row.other.median
        lines.append(
            ours + f"| {row.other.median:.3f} s | {row.other.min:.3f} s | {ratio:.2f}× "
            f"| {row.hrddp.min / row.other.min:.2f}× | {verdict(ratio, row.target)} |"
        )
    return lines


def memory_table(small: int, large: int, memory: tuple[float, float]) -> list[str]:
    ratio = memory[1] / memory[0]
    return [
        f"| benchmark | {small} dossiers | {large} dossiers | ratio | target |",
        "|---|---:|---:|---:|---|",
        f"| peak RSS of `hrddp validate` | {memory[0]:.1f} MB | {memory[1]:.1f} MB | {ratio:.2f}× "
        f"| {verdict(ratio, TARGET_MEMORY)} |",
    ]


def revision() -> str:
    """The commit measured, and whether tracked files differ from it."""
    if shutil.which("git") is None:
        return "an unknown revision (no git)"
    head = run(["git", "rev-parse", "--short", "HEAD"])
    if head.returncode != 0:
        return "an unknown revision (not a git checkout)"
    changed = run(["git", "status", "--porcelain", "--untracked-files=no"]).stdout.strip()
    return f"commit {head.stdout.strip()}" + (" with uncommitted changes" if changed else "")


def code_digest() -> str:
    """A digest of hrddp's source, to tell whether it changed while the benchmarks ran."""
    digest = hashlib.sha256()
    for path in sorted((ROOT / "hrddp_cli").rglob("*.py")):
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def environment(hrddp: str, tool: str | None, parser: str, target: Portfolio, repeat: int, started: str) -> list[str]:
    """What the numbers were measured on, so that a later run can tell whether it compares."""
    size = sum(path.stat().st_size for path in (ROOT / target.dossiers).glob("*/*.yaml"))
    files = sum(len(target.files(kind)) for kind in generate.KINDS)
    lines = [
        f"- measured {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC on {platform.platform()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}",
        f"- {run([hrddp, '--version']).stdout.strip()} at {revision()}; portfolio of {files // len(generate.KINDS)} "
        f"dossiers, {files} files, {size / 1e6:.1f} MB; {repeat} repetitions after a checked warm-up round",
    ]
    if code_digest() != started:
        lines.append("- **warning: hrddp's source changed during the run; these numbers mix versions**")
    if tool is None:
        lines.append(f"- check-jsonschema: not installed ({INSTALL_HINT})")
    else:
        version = run([tool, "--version"]).stdout.strip()
        lines.append(f"- {version}; its YAML parser: {parser}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--dossiers", type=int, default=300, help="dossiers in the portfolio (default 300)")
    parser.add_argument("--repeat", type=int, default=3, help="timed repetitions of each measurement (default 3)")
    parser.add_argument("--quick", action="store_true", help="a smoke run: 30 dossiers, 1 repetition")
    args = parser.parse_args(argv)
    dossiers, repeat = (30, 1) if args.quick else (args.dossiers, args.repeat)
    if dossiers < 3 or repeat < 1:
        parser.error("--dossiers must be at least 3 and --repeat at least 1")

    started = code_digest()
    hrddp = find_tool("hrddp")
    if hrddp is None:
        sys.exit("hrddp not found: run `make test` (or .venv/bin/pip install -e .) first")
    tool = find_tool("check-jsonschema")
    parser_used = yaml_parser(tool) if tool is not None else "none"
    if tool is None:
        print(f"check-jsonschema not found next to {sys.executable} or on PATH: {INSTALL_HINT}", file=sys.stderr)
        print("skipping its rows", file=sys.stderr)
    else:
        print(f"check-jsonschema: {tool}; YAML parser: {parser_used}", file=sys.stderr)

    valid = portfolio(dossiers, 0, hrddp)
    broken = portfolio(dossiers, min(MAX_INJECTED, dossiers), hrddp)
    small = portfolio(dossiers // 3, 0, hrddp)
    rows = [
        Row(f"validate {dossiers} dossiers, valid", *time_validate(hrddp, tool, valid, repeat), TARGET_VALIDATE),
        Row(
            f"validate {dossiers} dossiers, {len(broken.injected)} errors",
            *time_validate(hrddp, tool, broken, repeat),
            TARGET_VALIDATE,
        ),
        Row("start-up: validate sample-dossier vs --version", *time_startup(hrddp, tool), TARGET_STARTUP),
    ]
    memory = peak_memory(hrddp, small, valid, repeat)
    scoring = time_status(hrddp, valid, repeat)

    report = [
        "# hrddp benchmarks",
        "",
        *environment(hrddp, tool, parser_used, valid, repeat, started),
        "",
        *timing_table(rows),
        "",
        "check-jsonschema's validate time is its five runs (one per kind of file) summed;",
        "ratios are hrddp / check-jsonschema.",
        "",
        *memory_table(dossiers // 3, dossiers, memory),
        "",
        *status_table(dossiers, scoring),
        "",
    ]
    text = "\n".join(report)
    (ROOT / OUT / "results.md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
