"""Precision and recall of the lint rules on the labelled corpus (corpus/), per rule family and per rule,
for the dev split (the rules were tuned on it) and the held-out split (never tuned on).

    python bench/lint_quality.py                 # tables for both splits (Markdown)
    python bench/lint_quality.py --errors dev    # list the dev items the rules get wrong (for tuning)
    python bench/lint_quality.py --speed         # word-matching throughput, files per second
    python bench/lint_quality.py --independent   # the independent set: tune and holdout halves
    python bench/lint_quality.py --errors independent-tune   # the tune items the rules get wrong
    python bench/lint_quality.py --errors independent        # all independent items the rules get wrong
    python bench/lint_quality.py --independent2  # a later independent set (2 to 10: training data)
    python bench/lint_quality.py --errors independent4       # its items the rules get wrong
    python bench/lint_quality.py --independent11  # the newest independent set (a fresh holdout, no --errors)

The independent set (corpus/independent/) is labelled by family, not by rule code; see `independent()`.

Each corpus item is wrapped in a complete, well-formed entry (a DAP session note, or a goal), the rules run
on it through a small runner of this script's own (the same calls the engine makes: `rule.check(entry,
ctx)`), and the codes found are compared with the labels. Scoring is per item: for a family (CF3, say), an
item counts as a true positive when it is labelled with a code of that family and a rule of that family
fires, a false positive when a rule of the family fires on an item not labelled with it, a false negative
when the label is there and no rule of the family fires. The same is done per rule code.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import casefile.lint.rules  # noqa: E402,F401
from casefile.entry import parse_entry  # noqa: E402
from casefile.lint.api import REGISTRY, ClientIndex, LintContext  # noqa: E402

NOW = dt.datetime(2026, 11, 22, 12, 0)
CORPUS = ROOT / "corpus"
SPLITS = ("dev", "heldout")
NOTE_FRONT = {
    "kind": "note", "client": "c-0001", "when": "2026-11-20T10:30", "type": "session", "format": "DAP",
    "who": "[client, worker asmith]", "where": "office", "why": "Review housing applications",
    "author": "asmith", "recorded": "2026-11-20T11:05", "status": "draft",
}
FILLER = {"D": "Client arrived at 10:30 and brought her lease.",
          "A": "Worker assessed the plan as on track.",
          "P": "Next session on 2026-11-27 at 10:30."}


def context(now: dt.datetime = NOW) -> LintContext:
    # No needs or mandates in the index: relevance (CF504) is a link to the profile, not something a goal's
    # words show, so the corpus does not label it.
    idx = ClientIndex("c-0001", goal_ids={"g01", "g02", "g03"}, task_ids={"t01", "t02"}, need_ids=set(),
                      mandate_ids=set(), note_paths=set(), known=True)
    return LintContext(settings={}, config=None, root=None, now=now, clients={"c-0001": idx})


def yaml_scalar(v) -> str:
    if isinstance(v, (dict, list)):
        return yaml.safe_dump(v, default_flow_style=True, width=10_000).strip()
    return str(v)


def note_text(front: dict | None, body: str) -> str:
    fields = dict(NOTE_FRONT)
    for k, v in (front or {}).items():
        if v is None:
            fields.pop(k, None)
        else:
            fields[k] = yaml_scalar(v) if not isinstance(v, str) or k == "who" else v
    lines = []
    for k, v in fields.items():
        if k in ("why", "where") and isinstance(v, str) and ":" in v:
            v = '"' + v.replace('"', '\\"') + '"'
        lines.append(f"{k}: {v}")
    return "---\n" + "\n".join(lines) + "\n---\n" + body


def sentence_note(text: str, section: str) -> str:
    parts = dict(FILLER)
    parts[section] = text
    body = f"## Data\n{parts['D']}\n\n## Assessment\n{parts['A']}\n\n## Plan\n{parts['P']}\n"
    return note_text(None, body)


def goal_text(item: dict) -> str:
    lines = ["kind: goal", "id: g01", "client: c-0001", "title: " + yaml.safe_dump(item["title"], width=10_000).strip().removesuffix("\n..."),
             f"term: {item.get('term', 'long')}", f"start: {item.get('start', '2026-11-02')}", "status: active"]
    for k in ("specific", "measure", "achievable", "addresses", "due"):
        if k in item:
            v = item[k]
            lines.append(f"{k}: " + (yaml_scalar(v) if not isinstance(v, str) else yaml.safe_dump(v, width=10_000).strip().removesuffix("\n...")))
    return "---\n" + "\n".join(lines) + "\n---\n" + item.get("body", "")


PATHS = {"note": "clients/c-0001/notes/2026-11-20-1030-session.md", "goal": "clients/c-0001/goals/g01-goal.md"}


def run_rules(text: str, kind: str, ctx: LintContext) -> set[str]:
    entry = parse_entry(text, PATHS[kind])
    found = set()
    for code, r in REGISTRY.items():
        if r.kinds and kind not in r.kinds:
            continue
        for _ in r.check(entry, ctx):
            found.add(code)
            break
    return found


def load(kind: str, split: str) -> list[dict]:
    data = yaml.safe_load((CORPUS / kind / f"{split}.yml").read_text(encoding="utf-8"))
    return data["items"]


# Which families each kind of corpus item is labelled for (codes of other families are not scored on it).
SCORED = {"sentences": ("CF3", "CF4"), "goals": ("CF5",), "notes": ("CF2", "CF3", "CF4", "CF6", "CF7")}


def evaluate(split: str):
    ctx = context()
    rows = []  # (corpus kind, item id, expected codes, found codes)
    for i, it in enumerate(load("sentences", split)):
        found = run_rules(sentence_note(it["t"], it.get("s", "D")), "note", ctx)
        rows.append(("sentences", it["t"], set(it.get("e") or []), found))
    for it in load("goals", split):
        found = run_rules(goal_text(it), "goal", ctx)
        rows.append(("goals", it["title"], set(it.get("e") or []), found))
    for it in load("notes", split):
        found = run_rules(note_text(it.get("front"), it["body"]), "note", ctx)
        rows.append(("notes", it["id"], set(it.get("e") or []), found))
    return rows


def score(rows, key):
    """{group: [tp, fp, fn]} with `key(code)` mapping a code to its group (family or code)."""
    counts = defaultdict(lambda: [0, 0, 0])
    for kind, _id, exp, found in rows:
        fams = SCORED[kind]
        exp = {c for c in exp if c[:3] in fams}
        found = {c for c in found if c[:3] in fams}
        eg, fg = {key(c) for c in exp}, {key(c) for c in found}
        for g in eg | fg:
            if g in eg and g in fg:
                counts[g][0] += 1
            elif g in fg:
                counts[g][1] += 1
            else:
                counts[g][2] += 1
    return counts


def pr(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else None
    r = tp / (tp + fn) if tp + fn else None
    return p, r


def fmt(x):
    return "–" if x is None else f"{x:.2f}"


FAMILIES = {"CF2": "five Ws", "CF3": "fact vs opinion", "CF4": "language", "CF5": "goals (SMART)",
            "CF6": "plans", "CF7": "records"}


def table(rows, by_code: bool) -> str:
    counts = score(rows, (lambda c: c) if by_code else (lambda c: c[:3]))
    head = "| rule | name | TP | FP | FN | precision | recall |" if by_code else \
        "| family | | TP | FP | FN | precision | recall |"
    out = [head, "|---|---|---:|---:|---:|---:|---:|"]
    total = [0, 0, 0]
    for g in sorted(counts):
        tp, fp, fn = counts[g]
        total = [total[0] + tp, total[1] + fp, total[2] + fn]
        p, r = pr(tp, fp, fn)
        name = REGISTRY[g].name if by_code and g in REGISTRY else FAMILIES.get(g, "")
        out.append(f"| {g} | {name} | {tp} | {fp} | {fn} | {fmt(p)} | {fmt(r)} |")
    p, r = pr(*total)
    out.append(f"| **all** | | {total[0]} | {total[1]} | {total[2]} | **{fmt(p)}** | **{fmt(r)}** |")
    return "\n".join(out)


def clean_items(rows):
    clean = [r for r in rows if not {c for c in r[2] if c[:3] in SCORED[r[0]]}]
    silent = [r for r in clean if not {c for c in r[3] if c[:3] in SCORED[r[0]]}]
    return len(silent), len(clean)


def report(split: str) -> str:
    rows = evaluate(split)
    n = defaultdict(int)
    for kind, *_ in rows:
        n[kind] += 1
    silent, clean = clean_items(rows)
    parts = [f"### {split} ({n['sentences']} sentences, {n['goals']} goals, {n['notes']} notes)", "",
             f"Good items left silent: {silent} of {clean}.", "", "By family:", "", table(rows, False), "",
             "By rule:", "", table(rows, True), ""]
    return "\n".join(parts)


def errors(split: str) -> str:
    out = []
    for kind, ident, exp, found in evaluate(split):
        fams = SCORED[kind]
        e = {c for c in exp if c[:3] in fams}
        f = {c for c in found if c[:3] in fams}
        if e != f:
            miss, extra = sorted(e - f), sorted(f - e)
            out.append(f"[{kind}] {ident[:90]!r}\n    missed: {miss}  extra: {extra}")
    return "\n".join(out)


def speed(n: int = 3000) -> str:
    from casefile.lint import wordlists

    wl = wordlists.load({})
    body = ("Client arrived at 10:30 and brought two completed rental applications. She said, \"I want to be out "
            "of the shelter before Christmas.\" Worker and client checked both applications line by line; one was "
            "missing a reference, which client added. Client said her mother can look after the children on "
            "Tuesdays and that she has paid $300 toward her arrears. Worker assessed that client is on track. "
            "Client will submit both applications by 2026-11-25. Next session 2026-11-27 at 10:30.\n") * 3
    texts = [body.replace("10:30", f"10:{i % 60:02d}") for i in range(n)]
    t = time.perf_counter()
    for x in texts:
        wl.scan(x)
    dt_ = time.perf_counter() - t
    ctx = context()
    notes = [parse_entry(sentence_note(x, "D"), PATHS["note"]) for x in texts[:500]]
    t = time.perf_counter()
    for e in notes:
        for code, r in REGISTRY.items():
            if not r.kinds or "note" in r.kinds:
                list(r.check(e, ctx))
    dt2 = time.perf_counter() - t
    return (f"word matching (all lists, with context checks): {n / dt_:,.0f} notes/s "
            f"({len(body)} characters each, {len(wl.by_form)} forms)\n"
            f"all rules on parsed notes: {len(notes) / dt2:,.0f} notes/s")


FAMILY_TITLES = {"CF1": "File and front matter", "CF2": "The five Ws of a note", "CF3": "Fact versus opinion",
                 "CF4": "Language", "CF5": "Goals (SMART)", "CF6": "Plans, tasks and referrals", "CF7": "Records"}


def rules_doc() -> str:
    """docs/rules.md, the rule catalogue, from the registry."""
    from casefile.lint import wordlists as W

    out = ["# Lint rules", "",
           "Every rule has a code (select or ignore by prefix, `CF3` or `CF302`), a readable name, a default severity",
           "(error: the record is wrong; warning: most language findings; info: stylistic), and a bad and a good example",
           "that the test suite runs. CF190-CF199 are the engine's own rules (suppressions). This page is generated",
           "from the rule registry (`python bench/lint_quality.py --rules-doc > docs/rules.md`).", "",
           "Word lists are data: `casefile/lint/wordlists/*.yml`. Each entry has its category, severity, suggested",
           "rewrite, rationale and a failing and a passing example; a list whose entry lacks them, or whose examples",
           "misbehave, refuses to load. Agencies extend them in casefile.yml:", "",
           "```yaml", "lint:", "  words:", "    add:", "      - term: flaky", "        category: label",
           "        severity: warning", "        rewrite: Describe what happened (\"missed 2 of 4 appointments\").",
           "        why: A judgement of character.", "        bad: Client is flaky about appointments.",
           "        good: Client missed 2 of 4 appointments in May.",
           "    remove: [dramatic, \"a lot\"]   # from every list it is in; a term in no list is an error",
           "  glossary:", "    ODSP: Ontario Disability Support Program",
           "# top level, not under lint: (the goal and record rules read them)",
           "horizons: {short: [1w, 4w], long: [3mo, 12mo]}", "late_entry_after: 72h", "draft_limit: 7d", "```", "",
           "Categories: " + ", ".join(f"`{k}` ({v.rule}, {v.doc})" for k, v in W.CATEGORIES.items()) + ".", "",
           "An entry may also say where its forms count: `forms` (the words to find; default the term), `prev` (one "
           "of these among the 3 words before), `not_prev` (none of these among the 2 words before), "
           "`not_in_clause` (none of these earlier in the same clause), `in_clause` (one of these earlier in the same "
           "sentence), `next` / `not_next` (what the text after "
           "must or must not start with), `client_subject: true` (only when the client is the subject), "
           "`not_passive: true` (not after was / were / been).", "",
           "| code | name | severity | what it finds |", "|---|---|---|---|"]
    for c, r in sorted(REGISTRY.items()):
        out.append(f"| {c} | `{r.name}` | {r.severity} | {r.summary.replace('|', '/')} |")
    out.append("")
    cur = None
    for c, r in sorted(REGISTRY.items()):
        if c[:3] != cur:
            cur = c[:3]
            out += [f"## {cur}xx {FAMILY_TITLES.get(cur, '')}", ""]
        out += [f"### {c} `{r.name}` ({r.severity})", "", r.summary, "", f"Why: {r.why}", "",
                "Bad:", "", "```markdown", r.bad.rstrip(), "```", "", "Good:", "", "```markdown", r.good.rstrip(),
                "```", ""]
    return "\n".join(out)


# --- the independent set ----------------------------------------------------------------------------
#
# corpus/independent/ was written and labelled by a second expert who did not see the rules. Labels are
# families: sentences fact-opinion / language; goals specific, measurable, achievable, relevant,
# time-bound, negative; notes who, what, where, when, why, fact-opinion, language, late. The split is fixed
# by position (docs/lint-quality.md): sentences and goals at an even 0-based index and notes at an even
# index of the alphabetical file list are `tune`; the odd ones are `holdout`, which is never used for tuning
# (`--errors` does not offer it).

INDEPENDENT = CORPUS / "independent"
# The later sets, each written by one more labeller (the n-th set by the (n+1)-th): each arrives as a fresh
# holdout, scored by its aggregate tables only; when the next one arrives it becomes training data, and
# `--errors independentN` lists its items. The newest (HOLDOUT) is never offered to --errors.
NUMBERED = {n: CORPUS / f"independent{n}" for n in (2, 3, 4, 5, 6, 7, 8, 9, 10, 11)}
HOLDOUT = max(NUMBERED)
HALVES = ("tune", "holdout")
SECTION_LETTER = {"data": "D", "assessment": "A", "plan": "P"}
IND_SCORED = {
    "sentences": ("fact-opinion", "language"),
    "goals": ("specific", "measurable", "achievable", "relevant", "time-bound", "negative"),
    "notes": ("who", "what", "where", "when", "why", "fact-opinion", "language", "late"),
}
_CODE_FAMILY = {"CF201": "who", "CF202": "what", "CF203": "where", "CF204": "when", "CF205": "why",
                "CF501": "specific", "CF502": "measurable", "CF503": "achievable", "CF504": "relevant",
                "CF505": "time-bound", "CF506": "negative", "CF701": "late",
                # a note recorded before its contact: one of the two dates is wrong, and labellers mark it as `when`
                "CF704": "when"}


def code_family(code: str) -> str | None:
    """The independent set's family of a rule code (None: a code the set does not label, e.g. CF1xx, CF507)."""
    if code in _CODE_FAMILY:
        return _CODE_FAMILY[code]
    if code.startswith("CF3"):
        return "fact-opinion"
    if code.startswith("CF4"):
        return "language"
    return None


def _half(items: list, half: str) -> list:
    if half == "all":
        return items
    return items[HALVES.index(half)::2]


def _items(doc) -> list:
    """A set's items: a bare list, or (independent3) a mapping with the list under `items`."""
    return doc["items"] if isinstance(doc, dict) else doc


def independent_rows(half: str, base: Path = INDEPENDENT):
    """(kind, text or file, expected families, found families, found codes) for one half ("all": both)."""
    ctx = context(set_now(base))
    rows = []
    sents = _items(yaml.safe_load((base / "sentences.yml").read_text(encoding="utf-8")))
    for it in _half(sents, half):
        codes = run_rules(sentence_note(it["text"], SECTION_LETTER[it["section"].lower()]), "note", ctx)
        rows.append(("sentences", f"[{it['section'][0]}] {it['text']}", set(it["label"] or []), codes))
    goals = _items(yaml.safe_load((base / "goals.yml").read_text(encoding="utf-8")))
    for it in _half(goals, half):
        item = {"title": it["text"], "term": it.get("term", "long")}
        codes = run_rules(goal_text(item), "goal", ctx)
        rows.append(("goals", it["text"], set(it["label"] or []), codes))
    notes = sorted((base / "notes").glob("*.md"))
    dates_are_timeliness = uses_timeliness(base)
    for path in _half(notes, half):
        labels = yaml.safe_load(path.with_name(path.stem + ".labels.yml").read_text(encoding="utf-8"))
        entry = parse_entry(path.read_text(encoding="utf-8"), f"clients/c-0001/notes/{path.name}")
        codes = set()
        for code, r in REGISTRY.items():
            if r.kinds and "note" not in r.kinds:
                continue
            for _ in r.check(entry, ctx):
                codes.add(code)
                break
        if dates_are_timeliness and codes & {"CF204", "CF704"}:
            # the set labels a contact dated in the future or after its record as timeliness: CF704, and
            # CF204 when the note has a `when` (its finding is then a future one), count as `late`
            codes = {("@late" if c == "CF704" or (c == "CF204" and entry.meta.get("when")) else c) for c in codes}
        rows.append(("notes", path.name, {LABEL_ALIASES.get(x, x) for x in labels["label"] or []}, codes))
    out = []
    coarse = five_ws_coarse(base)
    for kind, ident, exp, codes in rows:
        fams = scored(kind, base)
        found = {"late" if c == "@late" else code_family(c) for c in codes}
        if coarse and kind == "notes" and found & set(FIVE_WS):
            found = (found - set(FIVE_WS)) | {"five-ws"}
        out.append((kind, ident, exp & set(fams), found & set(fams), codes))
    return out


FIVE_WS = ("who", "what", "where", "when", "why")
# Set 6 names the `late` family `timeliness`, and puts under it a `when` in the future or after `recorded`
# (its README): decided from the README before the set was first scored.
LABEL_ALIASES = {"timeliness": "late"}


def uses_timeliness(base: Path) -> bool:
    return any("timeliness" in (yaml.safe_load(p.read_text(encoding="utf-8"))["label"] or [])
               for p in (base / "notes").glob("*.labels.yml"))


def five_ws_coarse(base: Path) -> bool:
    """Whether a set labels its notes' five-W problems as one family, `five-ws` (set 5 does), instead of one
    family per W: then the rules' five W families are scored as that one family too."""
    return any("five-ws" in (yaml.safe_load(p.read_text(encoding="utf-8"))["label"] or [])
               for p in (base / "notes").glob("*.labels.yml"))


def scored(kind: str, base: Path) -> tuple[str, ...]:
    fams = IND_SCORED[kind]
    if kind == "notes" and five_ws_coarse(base):
        return ("five-ws",) + tuple(f for f in fams if f not in FIVE_WS)
    return fams


def set_now(base: Path) -> dt.datetime:
    """The clock a set is checked at: NOW, or the latest `recorded` of its notes if that is later. (Set 5's
    notes run to 2 December 2026: a note is read after it is written, not before its contact happened.)"""
    latest = NOW
    for p in (base / "notes").glob("*.md"):
        m = re.search(r"^recorded: *(\S+)", p.read_text(encoding="utf-8"), re.M)
        if m:
            latest = max(latest, dt.datetime.fromisoformat(m.group(1).strip("\"'")))
    return latest


def independent_tables(half: str, base: Path = INDEPENDENT, title: str | None = None) -> str:
    rows = independent_rows(half, base)
    counts = defaultdict(lambda: [0, 0, 0])
    binary = defaultdict(lambda: [0, 0, 0, 0])  # kind -> tp, fp, fn, tn
    crossed = 0  # sentences labelled only under one family and caught only under the other
    for kind, _id, exp, found, _codes in rows:
        for g in exp | found:
            counts[(kind, g)][0 if g in exp and g in found else 1 if g in found else 2] += 1
        b = binary[kind]
        b[0 if exp and found else 1 if found else 2 if exp else 3] += 1
        if kind == "sentences" and exp and found and not (exp & found):
            crossed += 1
    n = defaultdict(int)
    for r in rows:
        n[r[0]] += 1
    title = title or f"independent-{half}"
    out = [f"#### {title} ({n['sentences']} sentences, {n['goals']} goals, {n['notes']} notes)", "",
           "Strict family matching (a sentence labelled `language` that only a CF3 rule catches is a false "
           "negative for language and a false positive for fact-opinion):", "",
           "| items | family | TP | FP | FN | precision | recall |", "|---|---|---:|---:|---:|---:|---:|"]
    total = [0, 0, 0]
    for kind in IND_SCORED:
        for fam in scored(kind, base):
            tp, fp, fn = counts.get((kind, fam), [0, 0, 0])
            total = [total[0] + tp, total[1] + fp, total[2] + fn]
            p, r = pr(tp, fp, fn)
            out.append(f"| {kind} | {fam} | {tp} | {fp} | {fn} | {fmt(p)} | {fmt(r)} |")
    p, r = pr(*total)
    out.append(f"| **all** | | {total[0]} | {total[1]} | {total[2]} | **{fmt(p)}** | **{fmt(r)}** |")
    out += ["", "Binary, per item (flags anything of the scored families vs nothing; family ignored):", "",
            "| items | TP | FP | FN | TN | precision | recall | good items left silent |",
            "|---|---:|---:|---:|---:|---:|---:|---:|"]
    tot = [0, 0, 0, 0]
    for kind in IND_SCORED:
        tp, fp, fn, tn = binary[kind]
        tot = [a + b for a, b in zip(tot, (tp, fp, fn, tn))]
        p, r = pr(tp, fp, fn)
        out.append(f"| {kind} | {tp} | {fp} | {fn} | {tn} | {fmt(p)} | {fmt(r)} | {tn} of {tn + fp} |")
    p, r = pr(*tot[:3])
    out.append(f"| **all** | {tot[0]} | {tot[1]} | {tot[2]} | {tot[3]} | **{fmt(p)}** | **{fmt(r)}** | "
               f"{tot[3]} of {tot[3] + tot[1]} |")
    out += ["", f"Sentences caught only under the other family (strict: FN + FP; binary: TP): {crossed}.", ""]
    return "\n".join(out)


def independent() -> str:
    return "\n".join(independent_tables(h) for h in HALVES + ("all",))


def numbered(n: int) -> str:
    return independent_tables("all", NUMBERED[n], f"independent{n}")


def independent_errors(half: str, base: Path = INDEPENDENT) -> str:
    out = []
    for kind, ident, exp, found, codes in independent_rows(half, base):
        if exp != found:
            out.append(f"[{kind}] {ident[:110]!r}\n    label: {sorted(exp)}  found: {sorted(found)}  "
                       f"codes: {sorted(c for c in codes if code_family(c))}")
    return "\n".join(out)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    training = tuple(f"independent{n}" for n in NUMBERED if n != HOLDOUT)
    ap.add_argument("--errors", choices=SPLITS + ("independent-tune", "independent") + training,
                    help=f"list the items of a split that the rules get wrong (never independent{HOLDOUT})")
    ap.add_argument("--independent", action="store_true", help="score the independent set (tune, holdout, all)")
    for n in NUMBERED:
        ap.add_argument(f"--independent{n}", action="store_true",
                        help=f"score independent set {n} (" + ("a fresh holdout: aggregate tables only)"
                                                               if n == HOLDOUT else "training data)"))
    ap.add_argument("--speed", action="store_true", help="measure word-matching throughput")
    ap.add_argument("--rules-doc", action="store_true", help="print docs/rules.md (the rule catalogue)")
    a = ap.parse_args(argv)
    if a.rules_doc:
        print(rules_doc())
        return 0
    if a.errors == "independent-tune":
        print(independent_errors("tune"))
        return 0
    if a.errors == "independent":
        print(independent_errors("all"))
        return 0
    if a.errors in training:
        print(independent_errors("all", NUMBERED[int(a.errors.removeprefix("independent"))]))
        return 0
    if a.errors:
        print(errors(a.errors))
        return 0
    if a.speed:
        print(speed())
        return 0
    if a.independent:
        print(independent())
        return 0
    for n in NUMBERED:
        if getattr(a, f"independent{n}"):
            print(numbered(n))
            return 0
    for split in SPLITS:
        print(report(split))
    print("### independent set\n")
    print(independent())
    for n in NUMBERED:
        if n != HOLDOUT:
            print(f"### independent set {n}\n")
            print(numbered(n))
    return 0


if __name__ == "__main__":
    sys.exit(main())
