"""A synthetic caseload for benchmarks: N clients x M notes, with profile, goals and a plan per client.

The note text is varied (DAP, SOAP, BIRP, GIRP and free notes; sessions, calls, home visits, no-shows...)
and about one file in eight carries a planted problem of the kinds `casefile lint` looks for: a hedge or a
label in the facts, a missing Why or Where, a goal that names no measure or no date, a goal framed as what
the client will stop doing, a reference to a goal that does not exist, a late entry with no reason.
Everything is made up: the names come from short lists, nothing is a real person.

As a program:

    python bench/generate.py OUT --clients 150 --notes 100 [--seed 0] [--git]

As a library (other benchmarks use it):

    from bench.generate import generate
    stats = generate(path, clients=150, notes=100, git=True)

`--git` makes the caseload a git repository with ONE COMMIT PER FILE, as a caseload kept with casefile
would have, written in one pass through `git fast-import` (about 15,000 commits in a few seconds).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

WORKER = ("asmith", "Alex Smith", "asmith@example.org")

FIRST = ("Jordan", "Sam", "Taylor", "Morgan", "Casey", "Riley", "Jamie", "Avery", "Quinn", "Robin", "Dana",
         "Kim", "Lee", "Noor", "Amir", "Mei", "Olu", "Ines", "Piotr", "Aroha", "Sione", "Maya", "Theo")
LAST = ("Doe", "Roe", "Nguyen", "Martin", "Okafor", "Silva", "Tremblay", "MacLeod", "Haddad", "Kowalski",
        "Singh", "Ahmed", "Brown", "Lavoie", "Walsh", "Ibrahim", "Chen", "Park", "Cohen", "Reyes")
PROGRAMS = ("employment", "housing first", "community support", "probation", "youth transitions")
PLACES = ("office", "phone", "video", "home", "Halifax public library", "community centre", "food bank",
          "court house", "coffee shop on Main St", "shelter")
SERVICES = ("Metro Housing", "Career Centre", "Food Bank", "Legal Aid", "Mental Health Clinic",
            "Income Assistance", "Adult Learning Centre", "Transit Pass Program")

NEEDS = [
    ("housing", "Stable housing she can afford"),
    ("employment", "Steady work with daytime hours"),
    ("income", "Enough income to cover rent and food"),
    ("health", "Regular care for diabetes"),
    ("education", "Finish the high school equivalency"),
    ("legal", "Meet the conditions of the probation order"),
    ("family", "Regular visits with the children"),
    ("transport", "A way to get to appointments"),
]
GOALS = {
    "housing": [("Move into my own place",
                 "Sign a lease for a one-bedroom unit in Halifax that costs under 35% of income",
                 ("leases signed", 0, 1)),
                ("Keep my apartment", "Pay rent in full by the 1st of each month for 6 months",
                 ("months paid on time", 2, 6))],
    "employment": [("Get a job I can keep", "Apply to 3 warehouse or retail jobs each week with the resume",
                    ("applications per week", 0, 3)),
                   ("Finish the forklift course", "Attend all 8 sessions of the forklift course at the Career Centre",
                    ("sessions attended", 0, 8))],
    "income": [("Have money for rent", "Submit the income assistance application with all documents",
                ("applications submitted", 0, 1))],
    "health": [("Take care of my sugar", "Check blood sugar twice a day and bring the log to the clinic",
                ("days logged per week", 1, 7))],
    "education": [("Get my GED", "Attend the Tuesday and Thursday classes and sit the math test",
                   ("tests passed", 0, 5))],
    "legal": [("Finish probation", "Attend every meeting with the probation officer until the order ends",
               ("meetings attended", 0, 12))],
    "family": [("See my kids every week", "Attend the supervised visit each Saturday at the family centre",
                ("visits per month", 1, 4))],
    "transport": [("Get around on my own", "Use the transit pass to get to every appointment this month",
                   ("appointments reached by bus", 0, 6))],
}
VAGUE_GOALS = [("Improve housing situation", "Work on finding better housing"),
               ("Be better with money", "Try to understand the budget"),
               ("Stop missing appointments", "No more missed appointments"),
               ("Not drinking", "Stop drinking on weekends")]

QUOTES = ('"I want to get my own place before winter."', '"The bus was late again, so I walked."',
          '"I filled in the form but I did not have my ID."', '"My sister can watch the kids on Tuesdays."',
          '"I sent two applications on Monday."', '"I am tired of waiting for a call back."',
          '"The landlord said the unit is still open."', '"I took my pills every day this week."',
          '"I do not know how to fill in the tax part."', '"I got the interview for Thursday."')
OBSERVED = ("Client arrived at {t} and stayed for the whole session.",
            "Client brought the rent receipt for {m} and the pay stub from last week.",
            "Client spoke quietly and looked at the floor when talking about the eviction notice.",
            "Client had the completed application with her and asked what to do with the last page.",
            "Client said she slept at her sister's place for the last three nights.",
            "Client showed the worker two job postings printed at the library.",
            "Client's hands shook while signing the consent form; she said she had not eaten since morning.",
            "Client and worker reviewed the budget line by line; rent is {p}% of income.",
            "Worker called {s} with the client present and booked an intake for {d}.",
            "Client reported 2 missed doses this week because the pharmacy was closed.",
            "Client read the letter from {s} aloud and asked what 'arrears' means.",
            "Client's son was present for the first ten minutes and then went outside.")
HEDGED = ("Client seems unmotivated to look for work.", "Client appears to be using again.",
          "Client probably forgot the appointment on purpose.", "Client might be hiding income.")
LABELS = ("Client was non-compliant with the plan.", "Client refused to sign the release.",
          "Client was manipulative and demanding at the front desk.", "Client is an addict.",
          "Client claims she lost her ID again.", "Client was combative when asked about rent.")
ASSESS = ("In my professional opinion the client is making steady progress on {g}.",
          "Worker's assessment: the barrier to {g} is transport, not motivation.",
          "Client is more confident than last month; she led the call to {s} herself.",
          "Progress on {g} is slower than planned because the documents are still missing.",
          "The plan still fits; no change to the goals is needed.",
          "Client's stress about rent is high and is getting in the way of the job search.")
PLAN = ("Worker will call {s} by {d} to confirm the intake.", "Client will bring her ID and the lease to the next session.",
        "Next contact: {d} at the office.", "Client will apply to two more postings before {d}.",
        "Worker will send the referral to {s} today.", "Review the budget again at the next session on {d}.")
RESPONSE = ("Client said the plan made sense and wrote down the next two steps.",
            "Client asked questions about the lease and agreed to call the landlord herself.",
            "Client practised the phone call twice and then made it.")
INTERVENTION = ("Worker went through the application form with the client, one section at a time.",
                "Worker role-played the interview questions with the client.",
                "Worker explained how the housing waitlist works and where the client is on it.")
SLANG = ("Client went round the twist when the letter came.", "Client is a frequent flyer at the shelter.")
SENSITIVE = "Client's SIN is 046 454 286 for the assistance form."


@dataclass
class Stats:
    clients: int = 0
    notes: int = 0
    goals: int = 0
    files: int = 0
    commits: int = 0
    planted: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def plant(self, what: str) -> None:
        self.planted[what] = self.planted.get(what, 0) + 1


def _yaml_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _front(lines: list[str], body: str) -> str:
    return "---\n" + "\n".join(lines) + "\n---\n" + body


def _slug(title: str) -> str:
    s = "".join(c if c.isalnum() else "-" for c in title.lower())
    return "-".join(p for p in s.split("-") if p)[:40]


def _client_files(i: int, n_notes: int, rng: random.Random, end: dt.date, stats: Stats,
                  problems: bool) -> list[tuple[str, str, dt.datetime]]:
    """(relative path, text, when it was written) for every file of client number i."""
    cid = f"c-{i:04d}"
    base = f"clients/{cid}"
    steps = [rng.randint(1, 5) for _ in range(n_notes)]
    opened = end - dt.timedelta(days=sum(steps) + 1 + rng.randint(0, 3))
    first, last = rng.choice(FIRST), rng.choice(LAST)
    needs = rng.sample(NEEDS, k=rng.randint(2, 4))
    mandated = rng.random() < 0.2
    files: list[tuple[str, str, dt.datetime]] = []
    t_open = dt.datetime.combine(opened, dt.time(9, 0))

    need_lines = []
    for n, (domain, need) in enumerate(needs, 1):
        need_lines += [f"  - id: n{n}", f"    need: {_yaml_str(need)}", f"    priority: {n}", f"    domain: {domain}"]
    profile = [
        "kind: client", f"id: {cid}", f"name: {_yaml_str(first + ' ' + last)}", f"preferred_name: {first}",
        f"pronouns: {rng.choice(['she/her', 'he/him', 'they/them'])}",
        f"dob: {dt.date(1960 + rng.randint(0, 45), rng.randint(1, 12), rng.randint(1, 28))}",
        f"phone: \"902-555-{rng.randint(1000, 9999)}\"", f"program: {rng.choice(PROGRAMS)}",
        f"opened: {opened}", f"worker: {WORKER[0]}", "status: open",
        "consent:", f"  to: [{rng.choice(SERVICES)}]", f"  signed: {opened}",
        f"  expires: {opened + dt.timedelta(days=365)}",
        "needs:", *need_lines,
        "strengths:", f"  - {_yaml_str('Steady part-time job')}", f"  - {_yaml_str('Close to her sister')}",
        "risks:", "  - risk: eviction", f"    level: {rng.choice(['low', 'medium', 'high'])}",
    ]
    if mandated:
        profile += ["mandates:", "  - id: m1", "    condition: \"Report to probation every two weeks\"",
                    "    source: provincial court", f"    until: {opened + dt.timedelta(days=540)}"]
    body = ("\n## Background\n\n" + f"{first} was referred by {rng.choice(SERVICES)} in {opened:%B %Y}. "
            "She lives with her two children and works part time at a grocery store.\n")
    files.append((f"{base}/profile.md", _front(profile, body), t_open))

    goals = []
    n_goals = min(len(needs), rng.randint(2, 4))
    for g in range(1, n_goals + 1):
        domain = needs[g - 1][0]
        gid = f"g{g:02d}"
        term = "long" if g == 1 else rng.choice(["short", "long"])
        g_start = max(opened + dt.timedelta(days=7), end - dt.timedelta(days=rng.randint(60, 150) if term == "long"
                                                                          else rng.randint(3, 10)))
        due = g_start + dt.timedelta(days=180 if term == "long" else 18)
        title, specific, (metric, baseline, target) = rng.choice(GOALS[domain])
        lines = ["kind: goal", f"id: {gid}", f"client: {cid}"]
        if problems and rng.random() < 0.12:
            title, specific = rng.choice(VAGUE_GOALS)
            lines += [f"title: {_yaml_str(title)}", f"term: {term}", f"domain: {domain}",
                      f"specific: {_yaml_str(specific)}", f"start: {g_start}", "status: active"]
            stats.plant("goal-not-smart")
        else:
            lines += [f"title: {_yaml_str(title)}", f"term: {term}", f"domain: {domain}",
                      f"addresses: [n{g}]", f"specific: {_yaml_str(specific)}",
                      f"measure: {{metric: {metric}, baseline: {baseline}, target: {target}}}",
                      f"achievable: {_yaml_str('Referral to ' + rng.choice(SERVICES) + '; strength: steady part-time job')}",
                      f"start: {g_start}", f"due: {due}", "review_every: 2 weeks", "status: active"]
        body = f"\n## Why this matters to {first}\n\n{rng.choice(QUOTES)}\n"
        goals.append((gid, title))
        stats.goals += 1
        files.append((f"{base}/goals/{gid}-{_slug(title)}.md", _front(lines, body), t_open + dt.timedelta(hours=g)))

    tasks = ["kind: plan", f"client: {cid}", "tasks:"]
    for t in range(1, 2 * n_goals + 2):
        gid = goals[(t - 1) % n_goals][0]
        due = opened + dt.timedelta(days=7 + 5 * t)
        tasks += [f"  - id: t{t:02d}", f"    goal: {gid}",
                  f"    what: {_yaml_str(rng.choice(PLAN).format(s=rng.choice(SERVICES), d=due))}",
                  f"    who: {rng.choice(['client', 'worker', rng.choice(SERVICES)])}", f"    due: {due}",
                  f"    status: {rng.choice(['open', 'open', 'done'])}"]
        if rng.random() < 0.3:
            tasks += ["    service:", "      type: referral", f"      provider: {rng.choice(SERVICES)}",
                      f"      follow_up: {due + dt.timedelta(days=7)}"]
    files.append((f"{base}/plan.md", _front(tasks, "\n## Notes\n\nReviewed with the client at intake.\n"),
                  t_open + dt.timedelta(hours=6)))

    formats = rng.choice([("DAP",) * 6 + ("SOAP", "free"), ("SOAP",) * 3 + ("DAP",), ("BIRP", "GIRP", "DAP"),
                          ("DAP",)])
    when = t_open + dt.timedelta(days=1)
    used_names: set[str] = set()
    for k in range(n_notes):
        when += dt.timedelta(days=steps[k])
        when = when.replace(hour=rng.choice([9, 10, 11, 13, 14, 15, 16]), minute=rng.choice([0, 15, 30, 45]))
        ctype = rng.choices(["session", "phone", "home-visit", "video", "email", "collateral", "group",
                             "no-show", "cancelled"], [40, 20, 8, 6, 6, 8, 4, 5, 3])[0]
        fmt = "free" if ctype in ("no-show", "cancelled", "email") else rng.choice(formats)
        goal_ids = [g for g, _ in rng.sample(goals, k=rng.randint(1, min(2, len(goals))))]
        late = problems and k < n_notes - 3 and rng.random() < 0.03
        recorded = when + (dt.timedelta(days=rng.randint(4, 9)) if late else dt.timedelta(minutes=rng.randint(20, 300)))
        where = {"phone": "phone", "video": "video", "home-visit": "home", "email": "email"}.get(ctype, rng.choice(PLACES[:1] + PLACES[4:]))
        who = ["client", f"worker {WORKER[0]}"]
        if ctype == "collateral":
            who = [f"worker {WORKER[0]}", f"{rng.choice(SERVICES)} intake worker"]
        elif rng.random() < 0.1:
            who.append(f"{rng.choice(['sister', 'son', 'landlord', 'probation officer'])} ({rng.choice(FIRST)})")
        why = rng.choice(["Review housing applications", "Check in on the job search", "Prepare for the court date",
                          "Review the budget", "Follow up on the referral", "Plan the move"])
        lines = ["kind: note", f"client: {cid}", f"when: {when:%Y-%m-%dT%H:%M}",
                 f"duration: {rng.choice([15, 30, 45, 50, 60])}m", f"type: {ctype}", f"format: {fmt}",
                 "who: [" + ", ".join(who) + "]"]
        problem = rng.random() < 0.125 if problems else False
        kind_of_problem = rng.choice(["hedge", "label", "no-why", "no-where", "bad-goal", "slang", "sensitive"]) if problem else ""
        if kind_of_problem != "no-where":
            lines.append(f"where: {_yaml_str(where)}")
        if kind_of_problem != "no-why":
            lines.append(f"why: {_yaml_str(why)}")
        if kind_of_problem == "bad-goal":
            goal_ids = goal_ids + ["g09"]
        lines += ["goals: [" + ", ".join(goal_ids) + "]", f"author: {WORKER[0]}",
                  f"recorded: {recorded:%Y-%m-%dT%H:%M}"]
        # Notes of the last few days may still be drafts; an old draft left unsigned is a planted problem.
        final = not (k >= n_notes - 2 and rng.random() < 0.5) and not (problems and rng.random() < 0.01)
        if not final and k < n_notes - 2:
            stats.plant("stale-draft")
        lines.append(f"status: {'final' if final else 'draft'}")
        if final:
            lines += [f"signed_by: {WORKER[0]}", f"signed_at: {recorded + dt.timedelta(minutes=5):%Y-%m-%dT%H:%M}"]
        if kind_of_problem:
            stats.plant(kind_of_problem)
        if late:
            stats.plant("late-without-reason")
        goal_title = goals[0][1].lower()
        ctx = {"t": f"{when:%H:%M}", "m": f"{when:%B}", "p": rng.randint(30, 60), "s": rng.choice(SERVICES),
               "d": f"{(when + dt.timedelta(days=7)):%Y-%m-%d}", "g": f"the goal '{goal_title}'"}
        facts = [f.format(**ctx) for f in rng.sample(OBSERVED, k=rng.randint(1, 4))]
        if rng.random() < 0.6:
            facts.insert(rng.randint(0, len(facts)), f"Client said: {rng.choice(QUOTES)}")
        if kind_of_problem == "hedge":
            facts.insert(rng.randint(0, len(facts)), rng.choice(HEDGED))
        elif kind_of_problem == "label":
            facts.insert(rng.randint(0, len(facts)), rng.choice(LABELS))
        elif kind_of_problem == "slang":
            facts.append(rng.choice(SLANG))
        elif kind_of_problem == "sensitive":
            facts.append(SENSITIVE)
        assessment = " ".join(a.format(**ctx) for a in rng.sample(ASSESS, k=rng.randint(1, 2)))
        plan = [p.format(**ctx) for p in rng.sample(PLAN, k=rng.randint(1, 3))]
        if ctype in ("no-show", "cancelled"):
            body = (f"\nClient did not attend the {when:%H:%M} appointment. Worker called at "
                    f"{(when + dt.timedelta(minutes=15)):%H:%M} and left a voicemail. Next contact: {ctx['d']}.\n")
        elif fmt == "DAP":
            body = ("\n## Data\n\n" + " ".join(facts) + "\n\n## Assessment\n\n" + assessment + "\n\n## Plan\n\n"
                    + "\n".join(f"- {p}" for p in plan) + "\n")
        elif fmt == "SOAP":
            subj = facts[:1] or [f"Client said: {rng.choice(QUOTES)}"]
            body = ("\n## Subjective\n\n" + " ".join(subj) + "\n\n## Objective\n\n" + " ".join(facts[1:] or facts)
                    + "\n\n## Assessment\n\n" + assessment + "\n\n## Plan\n\n" + "\n".join(f"- {p}" for p in plan) + "\n")
        elif fmt == "BIRP":
            body = ("\n## Behavior\n\n" + " ".join(facts) + "\n\n## Intervention\n\n" + rng.choice(INTERVENTION)
                    + "\n\n## Response\n\n" + rng.choice(RESPONSE) + " " + assessment + "\n\n## Plan\n\n"
                    + "\n".join(f"- {p}" for p in plan) + "\n")
        elif fmt == "GIRP":
            body = (f"\n## Goals\n\nWorked on {ctx['g']}.\n\n## Intervention\n\n" + rng.choice(INTERVENTION) + " "
                    + " ".join(facts) + "\n\n## Response\n\n" + rng.choice(RESPONSE) + "\n\n## Plan\n\n"
                    + "\n".join(f"- {p}" for p in plan) + "\n")
        else:
            body = "\n" + " ".join(facts) + "\n\n" + assessment + "\n\n" + " ".join(plan) + "\n"
        name = f"{when:%Y-%m-%d-%H%M}-{ctype}"
        while name in used_names:
            name += "b"
        used_names.add(name)
        stats.notes += 1
        files.append((f"{base}/notes/{name}.md", _front(lines, body), recorded))
    return files


CONFIG = f"""worker:
  id: {WORKER[0]}
  name: {WORKER[1]}
  email: {WORKER[2]}
agency: Example Community Services
note_format: DAP
late_entry_after: 72h
lint: {{}}
"""


def generate(root: str | os.PathLike, clients: int = 150, notes: int = 100, *, seed: int = 0, git: bool = False,
             problems: bool = True, end: dt.date | None = None) -> Stats:
    """Write a caseload of `clients` x `notes` into `root` (made if missing; must be empty or absent).

    Each client's notes run up to a few days before `end` (default: today), so the last notes are recent (a
    few are still drafts) and the goals current; give `end` for a caseload that does not depend on the day
    it is made.
    """
    t0 = time.perf_counter()
    end = end or dt.date.today()
    start = end - dt.timedelta(days=6 * notes + 60)
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    if any(root.iterdir()):
        raise SystemExit(f"{root} is not empty")
    rng = random.Random(seed)
    stats = Stats(clients=clients)
    everything: list[tuple[str, str, dt.datetime]] = [("casefile.yml", CONFIG, dt.datetime.combine(start, dt.time(8)))]
    made: set[str] = set()
    for i in range(1, clients + 1):
        for rel, text, when in _client_files(i, notes, rng, end, stats, problems):
            path = root / rel
            parent = path.parent.as_posix()
            if parent not in made:
                path.parent.mkdir(parents=True, exist_ok=True)
                made.add(parent)
            path.write_text(text, encoding="utf-8")
            everything.append((rel, text, when))
    (root / "casefile.yml").write_text(CONFIG, encoding="utf-8")
    stats.files = len(everything)
    if git:
        everything.sort(key=lambda f: (f[2], f[0]))
        stats.commits = commit_each(root, [(rel, text, when) for rel, text, when in everything])
    stats.seconds = time.perf_counter() - t0
    return stats


def commit_each(root: Path, files: list[tuple[str, str, dt.datetime]], branch: str = "main") -> int:
    """Make `root` a git repository whose history adds the files one commit each, with git fast-import.

    The files must already be in the work tree with the same content; the index is refreshed at the end so
    that `git status` is clean.
    """
    env = dict(os.environ, GIT_TERMINAL_PROMPT="0")
    subprocess.run(["git", "init", "-q", "-b", branch, str(root)], check=True, env=env)
    name, email = WORKER[1], WORKER[2]
    proc = subprocess.Popen(["git", "fast-import", "--quiet", "--done"], cwd=root, stdin=subprocess.PIPE, env=env)
    assert proc.stdin is not None
    out = proc.stdin
    for n, (rel, text, when) in enumerate(files, 1):
        stamp = int(when.replace(tzinfo=dt.timezone.utc).timestamp())
        kind = ("config" if rel == "casefile.yml" else "note" if "/notes/" in rel else
                "goal" if "/goals/" in rel else Path(rel).stem)
        client = rel.split("/")[1] if rel.startswith("clients/") else ""
        action = "init" if kind == "config" else f"{'client' if kind == 'profile' else kind}.add"
        msg = f"{action} {client}".strip() + f"\n\nCasefile-Action: {action}\n"
        if client:
            msg += f"Casefile-Client: {client}\n"
        mb, data = msg.encode(), text.encode()
        out.write(f"commit refs/heads/{branch}\nmark :{n}\n".encode())
        out.write(f"author {name} <{email}> {stamp} +0000\ncommitter {name} <{email}> {stamp} +0000\n".encode())
        out.write(b"data %d\n" % len(mb) + mb + b"\n")
        if n > 1:
            out.write(b"from :%d\n" % (n - 1))
        out.write(f"M 100644 inline {rel}\n".encode() + b"data %d\n" % len(data) + data + b"\n")
    out.write(b"done\n")
    out.close()
    if proc.wait() != 0:
        raise RuntimeError("git fast-import failed")
    subprocess.run(["git", "reset", "-q"], cwd=root, check=True, env=env)
    return len(files)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("out", help="folder to write the caseload into (must be empty or absent)")
    p.add_argument("--clients", type=int, default=150)
    p.add_argument("--notes", type=int, default=100, help="notes per client")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--git", action="store_true", help="make it a git repository, one commit per file")
    p.add_argument("--clean", action="store_true", help="plant no problems")
    p.add_argument("--end", type=dt.date.fromisoformat, default=None,
                   help="the day the notes run up to (default: today)")
    a = p.parse_args(argv)
    s = generate(a.out, a.clients, a.notes, seed=a.seed, git=a.git, problems=not a.clean, end=a.end)
    print(f"{s.files} files ({s.clients} clients, {s.goals} goals, {s.notes} notes), {s.commits} commits, "
          f"{s.seconds:.1f} s; planted: " + ", ".join(f"{k} {v}" for k, v in sorted(s.planted.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
