"""Output formats (text, json, github, sarif, statistics) and `casefile rules`."""

from __future__ import annotations

import json

from .helpers import cli, note


def planted(cl):
    (cl / "clients/c-0001/notes/z.md").write_text(note(data="zebra, zebra"), encoding="utf-8")
    (cl / "clients/c-0001/notes/g.md").write_text(note(front="goals: [g01, g09]"), encoding="utf-8")


def test_json(cl, rules):
    planted(cl)
    r = cli(cl, "lint", "--select", "CF198,CF199", "--format", "json")
    assert r.exit_code == 1 and r.stderr == ""
    data = json.loads(r.stdout)
    assert data["version"] == 1
    assert data["findings"][0] == {
        "path": "clients/c-0001/notes/g.md", "line": 11, "column": 1, "end_line": None, "end_column": None,
        "code": "CF198", "name": "test-goal-ref", "severity": "warning", "message": "no goal g09", "suggestion": None}
    assert data["findings"][1]["end_column"] == 6 and data["findings"][2]["column"] == 8
    assert data["summary"] == {"files": 6, "findings": 3, "by_severity": {"error": 0, "warning": 3, "info": 0},
                               "by_code": {"CF198": 1, "CF199": 2}, "suppressed": 0, "fail_on": "warning",
                               "failed": True, "internal_errors": 0}


def test_json_when_clean(cl):
    r = cli(cl, "lint", "--format", "json")
    assert r.exit_code == 0 and json.loads(r.stdout)["findings"] == []


def test_github_annotations(cl, rules):
    planted(cl)
    r = cli(cl, "lint", "--select", "CF198,CF199", "--format", "github")
    assert r.stdout.splitlines() == [
        "::warning file=clients/c-0001/notes/g.md,line=11,col=1,title=CF198 test-goal-ref::no goal g09",
        "::warning file=clients/c-0001/notes/z.md,line=21,col=1,endLine=21,endColumn=6,title=CF199 test-zebra::"
        "the word zebra (suggestion: horse)",
        "::warning file=clients/c-0001/notes/z.md,line=21,col=8,endLine=21,endColumn=13,title=CF199 test-zebra::"
        "the word zebra (suggestion: horse)",
    ]


def test_github_escapes_and_info_is_a_notice():
    from casefile.lint.engine import Finding, Report
    from casefile.lint.output import github

    f = Finding("a,b:c.md", 1, 1, None, None, "CF199", "test", "info", "50% done\nnext", None)
    assert github(Report([f], 1, "warning")) == "::notice file=a%2Cb%3Ac.md,line=1,col=1,title=CF199 test::50%25 done%0Anext\n"


def test_sarif(cl, rules):
    planted(cl)
    r = cli(cl, "lint", "--select", "CF198,CF199", "--format", "sarif")
    data = json.loads(r.stdout)
    assert data["version"] == "2.1.0"
    run = data["runs"][0]
    rules_ = run["tool"]["driver"]["rules"]
    assert {x["id"] for x in rules_} >= {"CF100", "CF301", "CF199"}
    res = run["results"][1]
    assert res["ruleId"] == "CF199" and rules_[res["ruleIndex"]]["id"] == "CF199" and res["level"] == "warning"
    loc = res["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"] == {"uri": "clients/c-0001/notes/z.md", "uriBaseId": "CASELOAD"}
    assert loc["region"] == {"startLine": 21, "startColumn": 1, "endLine": 21, "endColumn": 6}
    assert run["originalUriBaseIds"]["CASELOAD"]["uri"].startswith("file:///")


def test_statistics(cl, rules):
    planted(cl)
    r = cli(cl, "lint", "--select", "CF198,CF199", "--statistics")
    assert r.exit_code == 1
    assert r.stdout == "2  CF199  test-zebra  [warning]\n1  CF198  test-goal-ref  [warning]\n"


def test_rules_list_and_explain():
    r = cli(__import__("pathlib").Path.cwd(), "rules")
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    assert lines[0].startswith("CF100  invalid-front-matter")
    assert any(line.startswith("CF190  unused-suppression") for line in lines)
    assert any(line.startswith("CF301  hedge-in-data") for line in lines)
    one = cli(__import__("pathlib").Path.cwd(), "rules", "CF301")
    by_name = cli(__import__("pathlib").Path.cwd(), "rules", "hedge-in-data")
    assert one.exit_code == 0 and one.stdout == by_name.stdout
    assert one.stdout.startswith("CF301 hedge-in-data\n") and "\nBad:\n" in one.stdout and "\nGood:\n" in one.stdout
    family = cli(__import__("pathlib").Path.cwd(), "rules", "CF19")
    assert [line.split()[0] for line in family.stdout.splitlines()] == ["CF190", "CF191", "CF192", "CF193", "CF194"]
    bad = cli(__import__("pathlib").Path.cwd(), "rules", "hedge-in-dat")
    assert bad.exit_code == 2 and bad.stderr.startswith("error: 'hedge-in-dat' is not a rule code, prefix or name; "
                                                        "did you mean hedge-in-data")
    js = json.loads(cli(__import__("pathlib").Path.cwd(), "rules", "--json").stdout)
    assert {"code", "name", "severity", "kinds", "summary", "why", "bad", "good"} <= set(js[0])


def test_help_does_not_import_the_engine():
    import subprocess
    import sys

    code = ("import sys; from casefile.cli import app; from typer.testing import CliRunner; "
            "CliRunner().invoke(app, ['lint', '--help']); "
            "print(sorted(m for m in sys.modules if m.startswith(('casefile.lint', 'yaml'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
