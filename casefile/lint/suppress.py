"""Inline suppression: Markdown comments in the body, YAML comments in the front matter, always with a reason.

    <!-- casefile: disable-next-line CF301 -- the client's own words, quoted -->
    <!-- casefile: disable CF301, CF302 -- quoted letter from the landlord -->  ...  <!-- casefile: enable CF301, CF302 -->
    <!-- casefile: disable-file CF4 -- interpreter's transcript -->
    # casefile: disable-next-line CF505 -- (a full-line comment inside the front matter)

Codes may be codes, prefixes (CF4) or rule names. A suppression is itself checked: without a reason
(CF191), malformed or naming no rule (CF192), or suppressing nothing (CF190). Suppressions never hide the
CF19x findings about suppressions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Mapping

from casefile.lint.api import REGISTRY, Hit, rule

DIRECTIVES = ("disable-next-line", "disable", "enable", "disable-file")
UNUSED, NO_REASON, INVALID = "CF190", "CF191", "CF192"
OWN_CODES = (UNUSED, NO_REASON, INVALID)

_HTML = re.compile(r"<!--\s*casefile\s*:(?P<body>.*?)-->", re.I)
_HTML_OPEN = re.compile(r"<!--\s*casefile\s*:", re.I)  # a comment whose end is not on its line
_HTML_MASK = re.compile(r"<!--\s*casefile\s*:.*?(?:-->|$)", re.I | re.S)
_YAML = re.compile(r"^(?P<indent>\s*)#\s*casefile\s*:(?P<body>.*)$", re.I)
_YAML_TRAILING = re.compile(r"\S\s*#\s*casefile\s*:", re.I)
# ' -- ' separates the codes from the reason; without spaces too ("CF302--the reason"): no code or rule name
# has a double hyphen
_REASON_SPLIT = re.compile(r"\s*--(?!>)\s*")
MARKER = "casefile"
_MARKER_RX = re.compile(MARKER, re.I)
# Directives that were not honoured (the comment cannot be read as one); the action names the problem.
MULTI_LINE, TRAILING = "<multi-line>", "<trailing>"
# Plausible actions that are not casefile's, and what to write instead.
_INSTEAD = {"disable-line": "disable-next-line (on the line before)", "disable-this-line": "disable-next-line "
            "(on the line before)", "ignore": "disable-next-line", "ignore-next-line": "disable-next-line",
            "noqa": "disable-next-line", "disable-all": "disable-file", "enable-file": "enable",
            "disable-block": "disable", "disable-next": "disable-next-line"}


@dataclass(frozen=True)
class Directive:
    """One suppression comment. `line`/`column`/`end_column` are 1-based file positions of the comment."""

    action: str  # as written, lower-cased: one of DIRECTIVES, or something else (reported)
    codes: tuple[str, ...]
    reason: str | None
    line: int
    column: int
    end_column: int

    def as_tuple(self) -> tuple:
        return (self.action, self.codes, self.reason, self.line, self.column, self.end_column)

    @classmethod
    def from_tuple(cls, t) -> "Directive":
        return cls(t[0], tuple(t[1]), t[2], t[3], t[4], t[5])


def _directive(body: str, line: int, column: int, end_column: int) -> Directive:
    parts = _REASON_SPLIT.split(body.strip(), maxsplit=1)
    head = parts[0].strip()
    reason = parts[1].strip() if len(parts) > 1 else None
    words = [w for w in re.split(r"[\s,]+", head) if w]
    action = words[0].lower() if words else ""
    return Directive(action, tuple(words[1:]), reason or None, line, column, end_column)


def parse_directives(text: str) -> list[Directive]:
    """Every suppression comment of a file, in order. Cheap when there is none."""
    if not _MARKER_RX.search(text):
        return []
    lines = text.split("\n")
    out: list[Directive] = []
    start = 0
    if lines and lines[0].rstrip("\r") == "---":
        for i in range(1, len(lines)):
            if lines[i].rstrip("\r") in ("---", "..."):
                for j in range(1, i):
                    m = _YAML.match(lines[j].rstrip("\r"))
                    if m:
                        col = len(m.group("indent")) + 1
                        out.append(_directive(m.group("body"), j + 1, col, len(lines[j].rstrip("\r")) + 1))
                        continue
                    t = _YAML_TRAILING.search(lines[j])
                    if t:
                        out.append(Directive(TRAILING, (), None, j + 1, t.start() + 2,
                                             len(lines[j].rstrip("\r")) + 1))
                start = i + 1
                break
    fence = None
    for i in range(start, len(lines)):
        line = lines[i]
        stripped = line.lstrip()
        if stripped.startswith("```") or stripped.startswith("~~~"):
            mark = stripped[:3]
            if fence is None:
                fence = mark
            elif fence == mark:
                fence = None
            continue
        if fence is not None or not _MARKER_RX.search(line):
            continue
        end = 0
        for m in _HTML.finditer(line):
            out.append(_directive(m.group("body"), i + 1, m.start() + 1, m.end() + 1))
            end = m.end()
        o = _HTML_OPEN.search(line, end)
        if o:  # the comment goes on past this line: not read as a suppression, and said so
            out.append(Directive(MULTI_LINE, (), None, i + 1, o.start() + 1, len(line.rstrip("\r")) + 1))
    return out


def mask(text: str) -> str:
    """The text with every suppression comment in the body blanked out (same length, so every line and
    column stays where it is): the rules never see them as prose."""
    if not _MARKER_RX.search(text):
        return text
    return _HTML_MASK.sub(_blank, text)


def _blank(m: re.Match) -> str:
    # every character but the line breaks: lines and columns stay where they are
    return re.sub(r"[^\r\n]", " ", m.group(0))


def _resolve(token: str, registry: Mapping) -> str | None:
    from casefile.lint.settings import resolve_selector

    try:
        return resolve_selector(token, registry)[0]
    except ValueError:
        return None


def apply(directives: list[Directive], hits: list[tuple], enabled: Iterable[str], n_lines: int,
          registry: Mapping | None = None) -> tuple[list[tuple], int, list[tuple[str, Hit]]]:
    """Split `hits` (tuples whose [0] is the code and [1] the line) into kept and suppressed.

    Returns (kept hits, number suppressed, [(code, Hit)] about the suppressions themselves).
    `enabled` are the codes that ran on the file: a suppression of a rule that did not run is not 'unused'.
    """
    if not directives:
        return hits, 0, []
    from casefile.lint.settings import did_you_mean, resolve_selector, selector_hint

    reg = registry if registry is not None else REGISTRY
    problems: list[tuple[str, Hit]] = []
    spans: list[tuple[str, int, int, int, str]] = []  # (prefix, first line, last line, directive, token)
    open_blocks: dict[str, tuple[int, int, str]] = {}  # prefix -> (first line, directive, token)
    last = max(n_lines, 1)

    def report(code: str, d: Directive, message: str, suggestion: str | None = None) -> None:
        problems.append((code, Hit(d.line, d.column, message, suggestion, d.line, d.end_column)))

    for n, d in enumerate(directives):
        if d.action == MULTI_LINE:
            report(INVALID, d, "suppression comment not read: it spans more than one line",
                   "write it on one line: <!-- casefile: disable-next-line CF301 -- why -->")
            continue
        if d.action == TRAILING:
            report(INVALID, d, "suppression comment not read: in the front matter it must be a comment on its "
                   "own line", "move it to its own line above: # casefile: disable-next-line CF505 -- why")
            continue
        if d.action not in DIRECTIVES:
            instead = _INSTEAD.get(d.action)
            hint = (f"did you mean {instead}?" if instead else did_you_mean(d.action, DIRECTIVES, n=1)
                    or f"use one of {', '.join(DIRECTIVES)}")
            report(INVALID, d, f"unknown suppression {d.action or '(empty)'!r}; {hint}")
            continue
        tokens = []
        for tok in d.codes:
            try:
                prefix = resolve_selector(tok, reg)[0]
                covered = [c for c in reg if c.startswith(prefix)]
                if covered and all(c in OWN_CODES for c in covered):
                    report(INVALID, d, f"{tok} cannot be suppressed: the findings about suppressions "
                           f"({', '.join(OWN_CODES)}) are never hidden", "fix the suppression comment instead")
                    continue
                tokens.append((prefix, tok))
            except ValueError:
                hint = selector_hint(tok, reg)
                report(INVALID, d, f"suppression names {tok!r}, which is no rule code, prefix or name"
                       + (f"; {hint}" if hint else ""))
        if not d.codes:
            report(INVALID, d, f"`{d.action}` names no rule; give the codes it is for, such as CF301")
        if d.action != "enable" and d.reason is None:
            report(NO_REASON, d, "suppression without a reason",
                   f"add the reason after ' -- ': casefile: {d.action} {' '.join(d.codes) or 'CF301'} -- why")
        if d.action == "disable-next-line":
            spans += [(p, d.line + 1, d.line + 1, n, t) for p, t in tokens]
        elif d.action == "disable-file":
            spans += [(p, 1, last, n, t) for p, t in tokens]
        elif d.action == "disable":
            for p, t in tokens:
                open_blocks.setdefault(p, (d.line, n, t))
        elif d.action == "enable":
            for p, t in tokens:
                if p in open_blocks:
                    s, m, tok = open_blocks.pop(p)
                    spans.append((p, s, d.line, m, tok))
                else:
                    report(INVALID, d, f"`enable {t}` has no `disable {t}` before it")
    for p, (s, m, tok) in open_blocks.items():
        spans.append((p, s, last, m, tok))

    used: set[tuple[int, str]] = set()
    kept: list[tuple] = []
    suppressed = 0
    for h in hits:
        code, line = h[0], h[1]
        by = None
        if code not in OWN_CODES:
            for p, s, e, n, tok in spans:
                if s <= line <= e and code.startswith(p):
                    by = (n, tok)
                    used.add(by)
        if by is None:
            kept.append(h)
        else:
            suppressed += 1

    live = [c for c in enabled if c not in OWN_CODES]
    unused: dict[int, list[str]] = {}
    for p, s, e, n, tok in spans:
        if (n, tok) in used or not any(c.startswith(p) for c in live):
            continue
        if tok not in unused.setdefault(n, []):
            unused[n].append(tok)
    where = {"disable-next-line": "on the next line", "disable-file": "in this file", "disable": "in this block"}
    for n, toks in sorted(unused.items()):
        d = directives[n]
        report(UNUSED, d, f"unused suppression: no {', '.join(toks)} finding {where[d.action]}", "remove the comment")
    return kept, suppressed, problems


def check_suppressions(text: str, hits: list[tuple], enabled: Iterable[str], registry: Mapping | None = None):
    """(kept hits, suppressed count, [(code, Hit)] about the suppressions) for one file's text."""
    directives = parse_directives(text)
    return apply(directives, hits, enabled, text.count("\n") + 1, registry)


# -- the rules, registered so that they can be selected, ignored and explained like any other ------------

_NOTE = """---
kind: note
client: c-0001
when: 2026-11-22T10:30
type: session
format: DAP
who: [client, worker asmith]
where: office
why: "Review housing applications"
author: asmith
recorded: 2026-11-22T11:05
status: draft
---

## Data

"""


def _standalone(entry, ctx, code: str):
    """Run a suppression rule on one entry by itself (the engine does this with the real findings)."""
    from casefile.lint.api import REGISTRY as reg

    hits: list[tuple] = []
    if code == UNUSED:
        for r in list(reg.values()):
            if r.code in OWN_CODES or (r.kinds and entry.kind not in r.kinds):
                continue
            try:
                hits += [(r.code, h.line) for h in r.check(entry, ctx)]
            except Exception:  # noqa: BLE001 - a broken rule is reported by the engine, not here
                continue
    _, _, problems = check_suppressions(entry.text, hits, reg.keys(), reg)
    for c, h in problems:
        if c == code:
            yield h


@rule(UNUSED, "unused-suppression", severity="warning", kinds=(),
      summary="A suppression comment that suppresses nothing.",
      why="A suppression that no longer matches a finding hides the next real one on that line and tells the "
          "reader a problem was there. Remove it once the text is fixed (as ruff's RUF100 does). A comment "
          "for a rule that did not run (not selected) is not reported.",
      bad=_NOTE + "<!-- casefile: disable-next-line CF301 -- the client's own words -->\n"
                  "Client arrived at 10:00 with the signed lease.\n",
      good=_NOTE + "Client arrived at 10:00 with the signed lease.\n")
def unused_suppression(entry, ctx):
    yield from _standalone(entry, ctx, UNUSED)


@rule(NO_REASON, "suppression-without-reason", severity="warning", kinds=(),
      summary="A suppression comment that does not say why.",
      why="A case file is a legal record: whoever reads it later (an auditor, a court, the client) should see "
          "why a finding was set aside. Write the reason after ' -- '.",
      bad=_NOTE + "<!-- casefile: disable-next-line CF301 -->\nClient said she \"might move in May\".\n",
      good=_NOTE + "<!-- casefile: disable-next-line CF301 -- the client's own words, quoted -->\n"
                   "Client said she \"might move in May\".\n")
def suppression_without_reason(entry, ctx):
    yield from _standalone(entry, ctx, NO_REASON)


@rule(INVALID, "invalid-suppression", severity="warning", kinds=(),
      summary="A suppression comment that casefile cannot read: an unknown action or rule code, or none.",
      why="A misspelt suppression would silently suppress nothing (or the wrong thing); casefile says so instead.",
      bad=_NOTE + "<!-- casefile: disable-nextline CF301 -- the client's own words, quoted -->\n"
                  "Client said she \"might move in May\".\n",
      good=_NOTE + "<!-- casefile: disable-next-line CF301 -- the client's own words, quoted -->\n"
                   "Client said she \"might move in May\".\n")
def invalid_suppression(entry, ctx):
    yield from _standalone(entry, ctx, INVALID)
