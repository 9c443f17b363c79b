"""How long a memo of the sample dossier takes, format by format, as a whole process.

The sample is copied into a fresh git repository of two review cycles (so that the memo holds its
timeline and its changes since the last review), and each format is rendered ``--repeat`` times.
Targets (the issue's): md and html well under a second; docx and pdf under 3 s.

    python benchmarks/brief.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from run import ROOT, find_tool, run

TARGETS = {"md": 1.0, "html": 1.0, "docx": 3.0, "pdf": 3.0}


def make_repository(root: Path) -> Path:
    """Two commits: the sample, then a new review cycle with one risk lowered."""
    dossier = root / "dossiers" / "ardessa"
    shutil.copytree(ROOT / "sample-dossier", dossier)
    git = ["git", "-c", "user.name=Ana Analyst", "-c", "user.email=a@example.org"]
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    subprocess.run([*git, "add", "-A"], cwd=root, check=True)
    subprocess.run([*git, "commit", "-qm", "First review"], cwd=root, check=True)
    context = (dossier / "context.yaml").read_text(encoding="utf-8")
    (dossier / "context.yaml").write_text(re.sub(r"  date: 2026-09-15", "  date: 2026-11-20", context, count=1))
    subprocess.run([*git, "commit", "-qam", "Second review"], cwd=root, check=True)
    return root


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args(argv)
    hrddp = find_tool("hrddp")
    if hrddp is None:
        print("hrddp is not installed in this environment", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="hrddp-brief-") as temporary:
        repository = make_repository(Path(temporary) / "portfolio")
        print("| format | median | target |")
        print("|---|---:|---|")
        for format, target in TARGETS.items():
            times = []
            for _ in range(options.repeat):
                out = Path(temporary) / f"memo.{format}"
                timed = run(
                    [hrddp, "brief", "dossiers/ardessa", "--as-of", "2026-11-29", "-o", str(out)], cwd=repository
                )
                if timed.returncode != 0 or not out.stat().st_size:
                    print(f"brief -f {format} failed:\n{timed.stderr}", file=sys.stderr)
                    return 1
                times.append(timed.seconds)
            median = statistics.median(times)
            print(f"| {format} | {median:.3f} s | < {target:g} s: {'met' if median < target else 'missed'} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
