"""How ``hrddp history`` scales with commits: N commits of the sample dossier, against one ``hrddp validate``.

Each commit changes risks.yaml (a new title and likelihood for R-004, so that every version is
new to the reader's cache); the repository is written with ``git fast-import`` into
``benchmarks/out/history-N`` when missing. Both commands run as whole processes, interleaved, and
the medians are compared: the target is history over 200 commits at most 10× one validate.

    python benchmarks/history.py [--commits 200 1000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

from run import ROOT, find_tool, run

SAMPLE = ROOT / "sample-dossier"
TARGET = 10.0


def make_repository(commits: int) -> Path:
    """A repository with ``commits`` commits of the sample dossier (made once, then reused)."""
    target = ROOT / "benchmarks" / "out" / f"history-{commits}"
    if (target / ".git").exists():
        return target
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    subprocess.run(["git", "init", "-q", "-b", "main", str(target)], check=True)
    stream = bytearray()
    files = {path.name: path.read_bytes() for path in SAMPLE.glob("*.yaml")}
    risks = files["risks.yaml"].decode()
    for index in range(commits):
        version = re.sub(r"(  - id: R-004\n    title: )[^\n]*", rf"\g<1>Version {index} of R-004", risks, count=1)
        changed = {"risks.yaml": version.encode()} if index else dict(files, **{"risks.yaml": version.encode()})
        when = 1_767_225_600 + index * 86_400  # one commit a day from 2026-01-01
        message = f"Edit {index}".encode()
        who = f"Ana Analyst <a@example.org> {when} +0000"
        stream += f"commit refs/heads/main\nauthor {who}\ncommitter {who}\ndata {len(message)}\n".encode()
        stream += message + b"\n"
        for name, content in changed.items():
            stream += f"M 100644 inline dossiers/ardessa/{name}\ndata {len(content)}\n".encode() + content + b"\n"
    subprocess.run(["git", "fast-import", "--quiet"], cwd=target, input=bytes(stream), check=True)
    subprocess.run(["git", "checkout", "-q", "main"], cwd=target, check=True)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commits", type=int, nargs="+", default=[200, 1000])
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args(argv)
    hrddp = find_tool("hrddp")
    if hrddp is None:
        print("hrddp is not installed in this environment", file=sys.stderr)
        return 2
    print("| commits | hrddp history median | hrddp validate median | ratio | target |")
    print("|---:|---:|---:|---:|---|")
    for commits in options.commits:
        repository = make_repository(commits)
        history, validate = [], []
        for _ in range(options.repeat):
            timed = run([hrddp, "history", "dossiers/ardessa", "-f", "json"], cwd=repository)
            if timed.returncode != 0 or timed.stdout.count('"commit"') != commits:
                print(f"history gave the wrong answer:\n{timed.stderr}", file=sys.stderr)
                return 1
            history.append(timed.seconds)
            validate.append(run([hrddp, "validate", "dossiers/ardessa"], cwd=repository).seconds)
        ratio = statistics.median(history) / statistics.median(validate)
        met = "met" if commits > 200 or ratio <= TARGET else "missed"
        target = f"≤ {TARGET:g}× at 200: {met}" if commits == 200 else "reported"
        print(
            f"| {commits} | {statistics.median(history):.3f} s | {statistics.median(validate):.3f} s "
            f"| {ratio:.1f}× | {target} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
