"""casefile.yml `lint:`: select/ignore by code, prefix or name, severity, per-path ignores, fail_on;
misspellings are configuration errors with a did-you-mean (exit 2), never a silently disabled check."""

from __future__ import annotations

import pytest

from .helpers import CONFIG, cli, note


def configure(root, lint_yaml: str):
    (root / "casefile.yml").write_text(CONFIG + "lint:\n" + lint_yaml, encoding="utf-8")


def test_selection_follows_the_most_specific_selector(rules):
    from casefile.lint.settings import parse_settings

    s = parse_settings({"select": ["CF1", "CF199"], "ignore": ["CF19"]})
    on = s.enabled("x.md")
    assert "CF199" in on and "CF198" not in on and "CF101" in on and "CF301" not in on
    s = parse_settings({"ignore": ["CF3", "test-zebra"]})
    on = s.enabled("x.md")
    assert "CF301" not in on and "CF199" not in on and "CF201" in on
    s = parse_settings({"select": ["CF3"], "ignore": ["CF301"]})
    assert "CF301" not in s.enabled("x.md") and "CF302" in s.enabled("x.md")
    s = parse_settings({"select": ["ALL"]}, select=["CF2"], ignore=["CF201"])
    assert s.enabled("x.md") == {c for c in s.enabled("x.md") if c.startswith("CF2")} and "CF201" not in s.enabled("x.md")


def test_per_path_ignores_and_severity(cl, rules):
    for cid in ("c-0001", "c-0003"):
        d = cl / "clients" / cid / "notes"
        d.mkdir(parents=True, exist_ok=True)
        (d / "z.md").write_text(note(cid, data="zebra"), encoding="utf-8")
    configure(cl, '  select: [CF199]\n  per_path_ignores:\n    "clients/c-0003/**": [CF19]\n'
                  "  severity: {CF199: error}\n")
    r = cli(cl, "lint", "--format", "json")
    import json

    found = json.loads(r.stdout)["findings"]
    assert [(f["path"], f["severity"]) for f in found] == [("clients/c-0001/notes/z.md", "error")]


@pytest.mark.parametrize("fail_on,severity,exit_code", [
    ("warning", "info", 0), ("warning", "warning", 1), ("error", "warning", 0), ("error", "error", 1),
    ("info", "info", 1),
])
def test_fail_on(cl, rules, fail_on, severity, exit_code):
    (cl / "clients/c-0001/notes/z.md").write_text(note(data="zebra"), encoding="utf-8")
    configure(cl, f"  select: [CF199]\n  severity: {{CF199: {severity}}}\n  fail_on: {fail_on}\n")
    r = cli(cl, "lint")
    assert r.exit_code == exit_code
    assert r.stdout.count("CF199") == 1  # info findings print even when they do not fail


@pytest.mark.parametrize("lint_yaml,message", [
    ("  selct: [CF2]\n", "error: casefile.yml: lint: unknown setting 'selct'; did you mean select?\n"),
    ("  per_path_ignore: {}\n",
     "error: casefile.yml: lint: unknown setting 'per_path_ignore'; did you mean per_path_ignores?\n"),
    ("  select: [CF2, CF31]\n", "error: casefile.yml: lint: select: 'CF31' names no rule; did you mean CF301 or "
                                "CF3 or CF1?\n"),
    ("  ignore: [hedge-in-dta]\n", "error: casefile.yml: lint: ignore: 'hedge-in-dta' is not a rule code, prefix "
                                   "or name; did you mean hedge-in-data or vague-in-data?\n"),
    ("  severity: {CF301: eror}\n",
     "error: casefile.yml: lint: severity: CF301: 'eror' is not a severity; did you mean error?\n"),
    ("  fail_on: warnings\n", "error: casefile.yml: lint: fail_on: 'warnings' is not a severity; did you mean "
                              "warning?\n"),
    ("  select: CF2\n  per_path_ignores: [CF4]\n", "error: casefile.yml: lint: per_path_ignores: must map path globs "
     "to codes, such as {\"clients/c-0003/**\": [CF4]}\n"),
])
def test_config_mistakes_are_clear_errors(cl, lint_yaml, message):
    configure(cl, lint_yaml)
    r = cli(cl, "lint")
    assert r.exit_code == 2
    assert r.stderr == message and r.stdout == ""


def test_rules_settings_keys_are_passed_through(cl):
    from casefile.lint.rules import SETTINGS_KEYS

    configure(cl, "".join(f"  {k}: {{}}\n" for k in SETTINGS_KEYS if k in ("glossary",)) + "  select: [CF4]\n")
    r = cli(cl, "lint")
    assert r.exit_code == 0, r.output


def test_cli_flags_are_checked_too(cl):
    r = cli(cl, "lint", "--select", "CF9")
    assert r.exit_code == 2 and r.stderr.startswith("error: --select: 'CF9' names no rule")
    r = cli(cl, "lint", "--fail-on", "never")
    assert r.exit_code == 2 and "--fail-on" in r.stderr
    r = cli(cl, "lint", "--format", "xml")
    assert r.exit_code == 2 and r.stderr == "error: --format: 'xml' is not a format; use one of text, json, github, sarif\n"


def test_glob_matching():
    from casefile.lint.settings import glob_to_regex

    rx = glob_to_regex("clients/c-0003/**")
    assert rx.match("clients/c-0003/notes/a.md") and not rx.match("clients/c-00031/notes/a.md")
    assert glob_to_regex("clients/*/goals/*.md").match("clients/c-1/goals/g01.md")
    assert not glob_to_regex("clients/*/goals/*.md").match("clients/c-1/goals/old/g01.md")
    assert glob_to_regex("**/notes/2025-*").match("clients/c-2/notes/2025-01-02-1030-session.md")
    assert glob_to_regex("./clients/c-0001").match("clients/c-0001/plan.md")


@pytest.mark.parametrize("lint_yaml,message", [
    # top-level settings written under lint: are not silently ignored
    ("  late_entry_after: 24h\n", "error: casefile.yml: lint: set late_entry_after at the top level of "
                                  "casefile.yml, not under lint:\n"),
    ("  draft_limit: 3d\n", "error: casefile.yml: lint: set draft_limit at the top level of casefile.yml, "
                            "not under lint:\n"),
    ("  horizons: {short: [1w, 4w]}\n", "error: casefile.yml: lint: set horizons at the top level of "
                                        "casefile.yml, not under lint:\n"),
    # word lists and glossary: typos and wrong types
    ("  words: {remov: [lazy]}\n", "error: casefile.yml: lint: words: unknown key 'remov'; did you mean remove?\n"),
    ("  words: {remove: manipulative}\n",
     "error: casefile.yml: lint: words: remove: must be a list of terms, such as [manipulative]\n"),
    ("  words: {remove: [lazzy]}\n",
     "error: casefile.yml: lint: words: remove: 'lazzy' is in no word list; did you mean lazy?\n"),
    ("  glossary: [ODSP]\n", "error: casefile.yml: lint: glossary: must map each acronym to its expansion, "
                             "such as {ODSP: Ontario Disability Support Program}\n"),
    ("  glossary: {'': y}\n", "error: casefile.yml: lint: glossary: '' is not an acronym\n"),
    ("  words: {add: [{term: zonk}]}\n", "error: casefile.yml: lint: words.add: entry 'zonk': missing category, "
     "severity, rewrite, why, bad, good (every entry needs its examples and rewrite)\n"),
    # an empty selection
    ("  select: []\n", "error: casefile.yml: lint: select: names no rules; leave it out to run every rule\n"),
    # malformed globs
    ("  per_path_ignores: {'clients/[c-0003/**': [CF4]}\n",
     "error: casefile.yml: lint: per_path_ignores: 'clients/[c-0003/**' is not a path glob: '[' without ']'\n"),
    ("  per_path_ignores: {'/clients/**': [CF4]}\n",
     "error: casefile.yml: lint: per_path_ignores: '/clients/**' is not a path glob: globs are relative to the "
     "caseload root\n"),
    ("  per_path_ignores: {'clients/c-**/notes': [CF4]}\n",
     "error: casefile.yml: lint: per_path_ignores: 'clients/c-**/notes' is not a path glob: ** must be a whole "
     "folder name, such as clients/**/notes\n"),
])
def test_more_config_mistakes_are_clear_errors(cl, lint_yaml, message):
    configure(cl, lint_yaml)
    r = cli(cl, "lint")
    assert r.exit_code == 2
    assert r.stderr == message and r.stdout == ""


def test_empty_cli_selection_is_an_error(cl):
    r = cli(cl, "lint", "--select", "")
    assert r.exit_code == 2 and r.stderr.startswith("error: --select: names no rules")


def test_star_stays_within_one_folder():
    from casefile.lint.settings import glob_to_regex

    assert not glob_to_regex("clients/*").match("clients/c-0001/notes/a.md")
    assert glob_to_regex("clients/*").match("clients/c-0001")
    assert not glob_to_regex("clients/*.md").match("clients/c-1/notes/a.md")
    assert glob_to_regex("clients/**").match("clients/c-0001/notes/a.md")
    assert glob_to_regex("clients/**/*.md").match("clients/c-0001/notes/a.md")
    assert glob_to_regex("clients/**/*.md").match("clients/a.md")
    assert glob_to_regex("clients/c-0001/").match("clients/c-0001/notes/a.md")


def test_cli_non_entry_file_in_a_client_folder(cl):
    # (the rule's side is in tests/lint_rules/test_review.py)
    d = cl / "clients" / "c-0001" / "attachments"
    d.mkdir(parents=True)
    (d / "letter.md").write_text("Dear landlord,\n\nPlease find the lease attached.\n", encoding="utf-8")
    r = cli(cl, "lint", "--format", "json")
    import json

    found = [f for f in json.loads(r.stdout)["findings"] if f["path"].endswith("letter.md")]
    assert not [f for f in found if f["severity"] == "error"], found
