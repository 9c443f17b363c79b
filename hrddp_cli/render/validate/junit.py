"""JUnit XML, for CI systems that show test reports: a suite per dossier, a case per file.

Each error is a failure of its file's case; warnings are failures under ``--strict`` and
otherwise listed in the case's output.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict

from hrddp_cli.findings import Finding
from hrddp_cli.render import Options
from hrddp_cli.validate import Report
from hrddp_cli.visible import plain


def render(report: Report, options: Options) -> str:
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for finding in report.sorted_findings():
        by_file[finding.file].append(finding)
    files_of: dict[str, list[str]] = defaultdict(list)
    for dossier, file in report.checked:
        files_of[dossier].append(file)
    for finding in report.findings:  # a missing file (HRD003) is a case too
        if finding.file not in files_of[finding.dossier]:
            files_of[finding.dossier].append(finding.file)

    # XML 1.0 cannot hold most control characters, and a line of it must not start a CI command:
    # every name and message goes through plain().
    suites = ET.Element("testsuites", name="hrddp validate")
    total_cases = total_failures = 0
    for dossier, files in files_of.items():
        suite = ET.SubElement(suites, "testsuite", name=plain(dossier))
        failures = 0
        for file in sorted(files):
            case = ET.SubElement(suite, "testcase", classname=plain(dossier), name=plain(file))
            notes = []
            failed = False
            for finding in by_file.get(file, []):
                where = f"{finding.file}:{finding.line}:{finding.column}" if finding.line else finding.file
                text = plain(f"{where}: {finding.code} {finding.message}")
                if finding.severity == "error" or options.strict:
                    ET.SubElement(case, "failure", type=finding.code, message=plain(finding.message)).text = text
                    failed = True
                else:
                    notes.append(f"warning {text}")
            if notes:
                ET.SubElement(case, "system-out").text = "\n".join(notes)
            failures += failed
        suite.set("tests", str(len(files)))
        suite.set("failures", str(failures))
        total_cases += len(files)
        total_failures += failures
    suites.set("tests", str(total_cases))
    suites.set("failures", str(total_failures))
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
