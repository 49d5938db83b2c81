"""A word-list entry's own severity reaches the finding; casefile.yml's severity for the rule wins over it."""

from __future__ import annotations

import json

NOTE = """---
kind: note
client: c-0001
when: 2026-11-20T10:00
type: session
format: DAP
who: [client, worker asmith]
where: office
why: Review of the job search plan
author: asmith
recorded: 2026-11-20T10:40
status: draft
---
## Data
Client was pleasant. Client was lazy about the applications.

## Assessment
In my professional opinion the plan needs smaller steps.

## Plan
Client will send two applications by 2026-11-27.
"""


def severities(cli, caseload):
    (caseload / "clients/c-0001/notes").mkdir(parents=True, exist_ok=True)
    (caseload / "clients/c-0001/notes/2026-11-20-1000-session.md").write_text(NOTE)
    out = cli("lint", "--format", "json", "--no-cache", "clients/c-0001/notes", ok=False).output
    found = json.loads(out)["findings"]
    return {(f["code"], NOTE.splitlines()[f["line"] - 1][f["column"] - 1:f["end_column"] - 1]): f["severity"]
            for f in found if f["code"] == "CF302"}


def test_entry_severity_and_config_override(cli, caseload):
    cli("client", "new", "--name", "Dana Reyes")
    assert severities(cli, caseload) == {("CF302", "pleasant"): "info", ("CF302", "lazy"): "warning"}
    config = caseload / "casefile.yml"
    config.write_text(config.read_text().replace("lint: {}", "lint: {severity: {CF302: error}}"))
    assert severities(cli, caseload) == {("CF302", "pleasant"): "error", ("CF302", "lazy"): "error"}
