"""Rendering a lint report: text (one finding a line, as compilers and ruff print them), JSON, GitHub
workflow annotations, SARIF 2.1.0, and per-rule statistics. Pure functions from a Report to a string."""

from __future__ import annotations

import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any, Mapping

    from casefile.lint.engine import Finding, Report

FORMATS = ("text", "json", "github", "sarif")
JSON_VERSION = 1


def display_path(f_path: str, root: Path | None, cwd: Path) -> str:
    """A finding's path as the person at the terminal would type it: relative to where they are."""
    if f_path == "-":
        return f_path
    from pathlib import Path

    p = Path(f_path)
    full = p if p.is_absolute() or root is None else root / p
    try:
        rel = os.path.relpath(full, cwd)
    except ValueError:  # another drive on Windows
        return full.as_posix()
    return Path(rel).as_posix()


def _with_suggestion(f: Finding) -> str:
    return f"{f.message} (suggestion: {f.suggestion})" if f.suggestion else f.message


def path_shower(root: Path | None, cwd: Path):
    """display_path for many findings: quick when the terminal is in (or at) the caseload."""
    prefix = None
    if root is not None:  # where cwd is in the caseload ("." at its top), or None (root is resolved)
        here, top = os.path.realpath(cwd), str(root)
        if here == top:
            prefix = "."
        elif here.startswith(top.rstrip(os.sep) + os.sep):
            prefix = here[len(top.rstrip(os.sep)) + 1:].replace(os.sep, "/")
    memo: dict[str, str] = {}

    def show(path: str) -> str:
        if prefix == "." and not path.startswith("/"):
            return path
        if prefix and path.startswith(prefix + "/"):
            return path[len(prefix) + 1:]
        got = memo.get(path)
        if got is None:
            got = memo[path] = display_path(path, root, cwd)
        return got

    return show


def _line(path: str, line: int, column: int, code: str, message: str, suggestion: str | None) -> str:
    if suggestion:
        return f"{path}:{line}:{column}: {code} {message} (suggestion: {suggestion})"
    return f"{path}:{line}:{column}: {code} {message}"


def _join(lines: list[str]) -> str:
    return "\n".join(lines) + ("\n" if lines else "")


def text(report: Report, cwd: Path) -> str:
    show = path_shower(report.root, cwd)
    return _join([_line(show(f.path), f.line, f.column, f.code, f.message, f.suggestion) for f in report.findings])


def summary_line(report: Report) -> str:
    return _summary_line(report.summary(), len({f.path for f in report.findings}), report.fail_on)


def _summary_line(s: dict, files: int, fail_on: str) -> str:
    n = s["findings"]
    parts = [f"{v} {k if v == 1 or k == 'info' else k + 's'}" for k, v in s["by_severity"].items() if v]
    line = (f"Found {n} finding{'s' if n != 1 else ''} ({', '.join(parts)}) in {files} "
            f"file{'s' if files != 1 else ''} of {s['files']} checked")
    if s["suppressed"]:
        line += f"; {s['suppressed']} suppressed"
    if s["failed"]:
        line += f"; failing at {fail_on} and above"
    return line + "."


def statistics(report: Report) -> str:
    counts: dict[str, list[Any]] = {}
    for f in report.findings:
        c = counts.setdefault(f.code, [0, f.name, f.severity])
        c[0] += 1
    rows = sorted(counts.items(), key=lambda kv: (-kv[1][0], kv[0]))
    width = max((len(str(v[0])) for _, v in rows), default=1)
    return "".join(f"{v[0]:>{width}}  {code}  {v[1]}  [{v[2]}]\n" for code, v in rows)


def to_json(report: Report) -> str:
    import json

    return _json([f.to_dict() for f in report.findings], report.summary())


def _json(findings: list[dict], summary: dict) -> str:
    import json

    data = {"version": JSON_VERSION, "findings": findings, "summary": summary}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _git_prefix(root: Path | None) -> str:
    """The caseload's folder relative to the top of its git repository ('' when it is the top)."""
    if root is None:
        return ""
    for d in (root, *root.parents):
        if (d / ".git").exists():
            rel = root.relative_to(d).as_posix()
            return "" if rel == "." else rel + "/"
    return ""


def _gh_escape(s: str, prop: bool = False) -> str:
    s = s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        s = s.replace(":", "%3A").replace(",", "%2C")
    return s


_GH_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def github(report: Report) -> str:
    prefix = _git_prefix(report.root)
    out = []
    for f in report.findings:
        path = f.path if f.path.startswith("/") or f.path == "-" else prefix + f.path
        props = [f"file={_gh_escape(path, True)}", f"line={f.line}", f"col={f.column}"]
        if f.end_line is not None:
            props.append(f"endLine={f.end_line}")
        if f.end_column is not None:
            props.append(f"endColumn={f.end_column}")
        props.append(f"title={_gh_escape(f'{f.code} {f.name}', True)}")
        out.append(f"::{_GH_LEVEL[f.severity]} {','.join(props)}::{_gh_escape(_with_suggestion(f))}")
    return "\n".join(out) + ("\n" if out else "")


_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def sarif(report: Report, registry: Mapping[str, Any]) -> str:
    from casefile import __version__

    codes = sorted(registry)
    index = {c: i for i, c in enumerate(codes)}
    rules = []
    for c in codes:
        r = registry[c]
        rules.append({
            "id": c, "name": r.name,
            "shortDescription": {"text": r.summary},
            "fullDescription": {"text": r.why},
            "help": {"text": f"{r.summary}\n\nBad:\n{r.bad}\n\nGood:\n{r.good}"},
            "defaultConfiguration": {"level": _SARIF_LEVEL[r.severity]},
            "properties": {"kinds": list(r.kinds) or ["any"]},
        })
    results = []
    for f in report.findings:
        region: dict[str, int] = {"startLine": f.line, "startColumn": f.column}
        if f.end_line is not None:
            region["endLine"] = f.end_line
        if f.end_column is not None:
            region["endColumn"] = f.end_column
        if f.path.startswith("/"):
            from pathlib import Path

            artifact: dict[str, str] = {"uri": Path(f.path).as_uri()}
        else:
            artifact = {"uri": f.path, "uriBaseId": "CASELOAD"}
        res: dict[str, Any] = {"ruleId": f.code, "level": _SARIF_LEVEL[f.severity],
                               "message": {"text": _with_suggestion(f)},
                               "locations": [{"physicalLocation": {"artifactLocation": artifact, "region": region}}]}
        if f.code in index:
            res["ruleIndex"] = index[f.code]
        results.append(res)
    run: dict[str, Any] = {
        "tool": {"driver": {"name": "casefile", "version": __version__, "rules": rules}},
        "results": results,
        "columnKind": "unicodeCodePoints",
    }
    if report.root is not None:
        run["originalUriBaseIds"] = {"CASELOAD": {"uri": report.root.as_uri() + "/"}}
    import json

    data = {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0", "runs": [run]}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def render(report: Report, fmt: str, cwd: Path, registry: Mapping[str, Any] | None = None) -> str:
    if fmt == "json":
        return to_json(report)
    if fmt == "github":
        return github(report)
    if fmt == "sarif":
        from casefile.lint.engine import load_rules

        return sarif(report, registry if registry is not None else load_rules())
    return text(report, cwd)


# -- `casefile rules` ------------------------------------------------------------------------------------------

def rules_table(registry: Mapping[str, Any], codes: list[str] | None = None) -> str:
    codes = codes if codes is not None else sorted(registry)
    if not codes:
        return ""
    wn = max(len(registry[c].name) for c in codes)
    ws = max(len(registry[c].severity) for c in codes)
    return "".join(f"{c}  {registry[c].name:<{wn}}  {registry[c].severity:<{ws}}  {registry[c].summary}\n"
                   for c in codes)


def _indent(text: str) -> str:
    return "\n".join(("    " + line) if line.strip() else "" for line in text.rstrip("\n").split("\n"))


def explain(r: Any, severity: str | None = None) -> str:
    kinds = ", ".join(r.kinds) if r.kinds else "every file"
    sev = r.severity if not severity or severity == r.severity else f"{severity} here (default {r.severity})"
    return (f"{r.code} {r.name}\n\n"
            f"{r.summary}\n\n"
            f"Why: {r.why}\n\n"
            f"Severity: {sev}\nChecks: {kinds}\n\n"
            f"Bad:\n\n{_indent(r.bad)}\n\n"
            f"Good:\n\n{_indent(r.good)}\n\n"
            + (f"Turn it off with `ignore: [{r.code}]` under `lint:` in casefile.yml.\n" if r.code.startswith("CF19")
               else f"Turn it off for one line with <!-- casefile: disable-next-line {r.code} -- reason -->, "
                    f"or everywhere with `ignore: [{r.code}]` under `lint:` in casefile.yml.\n"))


# -- answering from the snapshot, without the engine (casefile/launch.py) ---------------------------------------

_FIELDS = ("path", "line", "column", "end_line", "end_column", "code", "name", "severity", "message", "suggestion")
_SEVERITIES = ("info", "warning", "error")  # settings.SEVERITIES


def from_snapshot(snap: dict, fmt: str, quiet: bool, root: Path, cwd: Path):
    """(stdout text, stderr line or None, exit code) of `casefile lint [--format text|json] [-q]`, rendered
    from a snapshot that cache.quick_snapshot accepted: what cli/lint.py prints for the same report.
    The findings stay the snapshot's tuples, in engine.Finding's field order."""
    rows = snap["findings"]
    level = snap["quick"]["level"]
    lv = _SEVERITIES.index(level)
    by_sev = {s: 0 for s in ("error", "warning", "info")}
    by_code: dict = {}
    for r in rows:
        by_sev[r[7]] = by_sev.get(r[7], 0) + 1
        by_code[r[5]] = by_code.get(r[5], 0) + 1
    failed = any(n and _SEVERITIES.index(s) >= lv for s, n in by_sev.items())
    summary = {"files": snap["files"], "findings": len(rows), "by_severity": by_sev,
               "by_code": dict(sorted(by_code.items())), "suppressed": snap["suppressed"], "fail_on": level,
               "failed": failed, "internal_errors": 0}  # (engine.Report.summary)
    err = None
    if fmt == "json":
        out = _json([dict(zip(_FIELDS, r)) for r in rows], summary)
    else:
        show = path_shower(root, cwd)
        out = _join([_line(show(r[0]), r[1], r[2], r[5], r[8], r[9]) for r in rows])
        if rows and not quiet:
            err = _summary_line(summary, len({r[0] for r in rows}), level)
    return out, err, 1 if failed else 0
