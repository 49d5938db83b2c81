"""The resident server: a worker starts it once; each command then runs in a fresh fork of a loaded
casefile, in the worker's own terminal, folder and environment, and gives the same result as without it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import git

pytestmark = pytest.mark.skipif(not hasattr(os, "fork") or sys.platform == "win32", reason="POSIX only")

BODY = '## Data\nClient said, "I sent two applications this week."\n\n## Assessment\nOn track.\n\n## Plan\nCall Friday.\n'


def casefile(root: Path, *args: str, input: str | None = None, env: dict | None = None, cwd: Path | None = None):
    """`casefile ARGS` as its own process, as a worker runs it."""
    return subprocess.run([sys.executable, "-m", "casefile", *args], cwd=cwd or root, input=input, text=True,
                          capture_output=True, env={**os.environ, **(env or {})}, timeout=60)


def served(root: Path) -> int:
    import re

    out = casefile(root, "server", "status").stdout
    m = re.search(r", (\d+) commands? run;", out)
    assert m, f"no server runs: {out!r}"
    return int(m.group(1))


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.fixture
def server(cli, caseload):
    cli("client", "new", "--name", "Dana Reyes")
    started = casefile(caseload, "server", "start", "--idle", "10m")
    assert started.returncode == 0, started.stderr
    pid = int(started.stdout.split("(pid ")[1].split(")")[0])
    yield pid
    casefile(caseload, "server", "stop")
    if alive(pid):
        os.kill(pid, signal.SIGKILL)


def test_a_note_written_through_the_server_is_recorded_as_without_it(caseload, server):
    result = casefile(caseload, "note", "new", "c-0001", "--type", "phone", "--when", "2026-11-02 10:00", "--who",
                      "client", "--where", "phone", "--why", "Check-in", "--body", "-", input=BODY)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Added note: clients/c-0001/notes/2026-11-02-1000-phone.md (commit ")
    assert served(caseload) == 1
    assert git(caseload, "log", "-1", "--format=%an <%ae>%n%B").startswith("Alex Smith <asmith@harbourview.example>")
    assert "Casefile-Entry: clients/c-0001/notes/2026-11-02-1000-phone.md" in git(caseload, "log", "-1", "--format=%B")
    assert BODY.splitlines()[1] in (caseload / "clients/c-0001/notes/2026-11-02-1000-phone.md").read_text()
    assert git(caseload, "status", "--porcelain") == ""


def test_errors_and_exit_codes_come_back_to_the_caller(caseload, server):
    result = casefile(caseload, "note", "new", "c-0009", "--body", "x")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "error: no client 'c-0009' in this caseload; did you mean c-0001?\n"
    assert served(caseload) == 1


def test_the_command_runs_in_the_callers_folder_clock_and_umask(caseload, server, tmp_path):
    # a clock 13 hours ahead of the server's: the note's default time is the caller's
    ahead = casefile(caseload, "note", "new", "c-0001", "--who", "client", "--where", "office", "--why", "x",
                     "--body", "Client attended.", env={"TZ": "XYZ-13"}, cwd=caseload / "clients" / "c-0001")
    assert ahead.returncode == 0, ahead.stderr
    expected = time.gmtime(time.time() + 13 * 3600)
    assert f"notes/{time.strftime('%Y-%m-%d-%H', expected)}" in ahead.stdout
    assert served(caseload) == 1


def test_the_editor_opens_in_the_calling_process(caseload, server, tmp_path):
    script = tmp_path / "editor.py"
    script.write_text(
        "import os, sys\n"
        "parents = [os.getppid()]\n"
        "parents.append(int(open(f'/proc/{parents[0]}/stat').read().rsplit(')', 1)[1].split()[1]))\n"
        "open(os.environ['PARENTS_FILE'], 'w').write(' '.join(map(str, parents)))\n"
        "path = sys.argv[1]\n"
        "open(path, 'a').write('Client attended and brought two pay slips.\\n')\n"
    )
    if not Path("/proc/self/stat").exists():
        pytest.skip("needs /proc to find the editor's parent")
    parents = tmp_path / "parents"
    env = {**os.environ, "EDITOR": f"{sys.executable} {script}", "PARENTS_FILE": str(parents)}
    proc = subprocess.Popen([sys.executable, "-m", "casefile", "note", "new", "c-0001", "--who", "client",
                             "--where", "office", "--why", "Pay slips"], cwd=caseload, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert proc.pid in [int(p) for p in parents.read_text().split()]  # the editor's parent (or its shell's)
    assert served(caseload) == 1
    assert "Added note" in out


def test_ctrl_c_reaches_the_command(caseload, server, tmp_path):
    script = tmp_path / "slow-editor.sh"
    script.write_text("#!/bin/sh\nsleep 2\necho 'Client attended.' >> \"$1\"\n")
    script.chmod(0o755)
    proc = subprocess.Popen([sys.executable, "-m", "casefile", "note", "new", "c-0001", "--who", "client",
                             "--where", "office", "--why", "x"], cwd=caseload, text=True, start_new_session=True,
                            env={**os.environ, "EDITOR": str(script)}, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(1.0)
    os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C: the terminal's whole foreground group, the editor too
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert "interrupted; nothing more was written" in err
    assert git(caseload, "log", "-1", "--format=%s") == "Open case c-0001\n"  # no note was committed


def test_a_server_set_up_differently_is_passed_by(caseload, server):
    other_locale = casefile(caseload, "client", "list", env={"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
                                                          "PYTHONIOENCODING": "utf-8:strict"})
    off = casefile(caseload, "client", "list", env={"CASEFILE_SERVER": "off"})
    assert other_locale.returncode == off.returncode == 0
    assert "c-0001" in other_locale.stdout and other_locale.stdout == off.stdout
    assert served(caseload) == 0


def test_start_status_and_stop(caseload, cli):
    assert casefile(caseload, "server", "status").returncode == 1
    assert casefile(caseload, "server", "stop").stdout == "No casefile server runs for this caseload.\n"
    started = casefile(caseload, "server", "start")
    pid = int(started.stdout.split("(pid ")[1].split(")")[0])
    try:
        assert "stops after 8h00m without a command" in started.stdout
        again = casefile(caseload, "server", "start")
        assert again.stdout.startswith(f"casefile server already runs for this caseload (pid {pid}")
        assert casefile(caseload, "server", "status").returncode == 0
        assert casefile(caseload, "client", "list").returncode == 0
        stopped = casefile(caseload, "server", "stop")
        assert stopped.stdout == f"casefile server stopped (pid {pid}; it ran 1 command)\n"
        assert not (caseload / ".git/casefile/server/sock").exists()
        for _ in range(100):
            if not alive(pid):
                break
            time.sleep(0.05)
        assert not alive(pid)
        assert casefile(caseload, "client", "list").returncode == 0  # runs on its own again
    finally:
        if alive(pid):
            os.kill(pid, signal.SIGKILL)


def test_an_idle_server_stops_by_itself(caseload):
    proc = subprocess.Popen([sys.executable, "-P", "-m", "casefile.server", str(caseload), "1.0"], cwd=caseload)
    try:
        for _ in range(200):
            if (caseload / ".git/casefile/server/sock").exists():
                break
            time.sleep(0.05)
        assert casefile(caseload, "server", "status").returncode == 0
        assert proc.wait(timeout=30) == 0
        assert not (caseload / ".git/casefile/server/sock").exists()
    finally:
        proc.kill()


def test_a_bad_idle_time_is_one_line(caseload):
    result = casefile(caseload, "server", "start", "--idle", "soon")
    assert result.returncode == 2
    assert result.stderr.startswith("error: invalid duration 'soon'") and result.stderr.count("\n") == 1
    assert not (caseload / ".git/casefile/server/sock").exists()


def test_a_caller_that_hangs_up_does_not_stop_the_server(caseload, server):
    import socket

    for _ in range(3):
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.connect(str(caseload / ".git/casefile/server/sock"))
    assert casefile(caseload, "client", "list").returncode == 0
    assert served(caseload) == 1


def test_a_server_killed_outright_leaves_commands_working(caseload, server):
    os.kill(server, signal.SIGKILL)
    for _ in range(100):
        if not alive(server):
            break
        time.sleep(0.05)
    assert (caseload / ".git/casefile/server/sock").exists()  # left behind
    result = casefile(caseload, "client", "list")
    assert result.returncode == 0 and "c-0001" in result.stdout
    assert casefile(caseload, "server", "status").returncode == 1
    restarted = casefile(caseload, "server", "start")
    assert restarted.stdout.startswith("casefile server started")
    assert casefile(caseload, "server", "stop").returncode == 0


def test_a_terminated_server_removes_its_socket(caseload, server):
    os.kill(server, signal.SIGTERM)
    for _ in range(200):
        if not (caseload / ".git/casefile/server/sock").exists():
            break
        time.sleep(0.05)
    assert not (caseload / ".git/casefile/server/sock").exists()


def test_a_socket_folder_others_can_enter_is_not_trusted(caseload, server):
    folder = caseload / ".git/casefile/server"
    folder.chmod(0o750)
    try:
        assert casefile(caseload, "client", "list").returncode == 0
    finally:
        folder.chmod(0o700)
    assert served(caseload) == 0


def test_ctrl_c_while_the_server_does_not_answer_ends_the_command_at_once(caseload, server):
    os.kill(server, signal.SIGSTOP)
    try:
        proc = subprocess.Popen([sys.executable, "-m", "casefile", "client", "list"], cwd=caseload, text=True,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(1.0)
        t0 = time.monotonic()
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
        assert time.monotonic() - t0 < 2.0
        assert proc.returncode == 130 and out == ""
    finally:
        os.kill(server, signal.SIGCONT)


def slow_editor(tmp_path) -> str:
    script = tmp_path / "slow-editor.sh"
    script.write_text("#!/bin/sh\nsleep 2\necho 'Client attended.' >> \"$1\"\n")
    script.chmod(0o755)
    return str(script)


def test_a_server_set_up_differently_leaves_ctrl_c_to_the_command(caseload, server, tmp_path):
    # another hash seed: the server's children would not be like this process, so it runs here
    proc = subprocess.Popen([sys.executable, "-m", "casefile", "note", "new", "c-0001", "--who", "client",
                             "--where", "office", "--why", "x"], cwd=caseload, text=True,
                            env={**os.environ, "EDITOR": slow_editor(tmp_path), "PYTHONHASHSEED": "1"},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(1.0)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130 and "interrupted; nothing more was written" in err
    assert git(caseload, "log", "-1", "--format=%s") == "Open case c-0001\n"
    assert served(caseload) == 0


def test_a_signal_the_caller_ignores_stays_ignored(caseload, server):
    proc = subprocess.Popen([sys.executable, "-m", "casefile", "note", "new", "c-0001", "--who", "client",
                             "--where", "office", "--why", "x", "--body", "-"], cwd=caseload, text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            preexec_fn=lambda: signal.signal(signal.SIGHUP, signal.SIG_IGN))  # as under nohup
    time.sleep(0.5)
    proc.send_signal(signal.SIGHUP)
    out, err = proc.communicate(BODY, timeout=60)
    assert proc.returncode == 0, err
    assert out.startswith("Added note: ")
    assert served(caseload) == 1


def note_args(**kw):
    return ["note", "new", "c-0001", "--who", "client", "--where", "office", "--why", "x", "--body", "-"]


@pytest.mark.parametrize("setup", ["signing", "hook", "nice"])
def test_commands_run_in_the_caller_when_the_server_could_not_be_like_it(caseload, server, setup):
    kw = {}
    if setup == "signing":  # a passphrase prompt needs the caller's own terminal
        git(caseload, "config", "commit.gpgsign", "false")
    elif setup == "hook":  # an agency's hook may ask on the terminal
        hook = caseload / ".git/hooks/post-commit"
        hook.write_text("#!/bin/sh\nexit 0\n")
        hook.chmod(0o755)
    else:
        kw["preexec_fn"] = lambda: os.nice(5)
    proc = subprocess.run([sys.executable, "-m", "casefile", *note_args()], cwd=caseload, text=True, input=BODY,
                          capture_output=True, timeout=60, **kw)
    assert proc.returncode == 0 and proc.stdout.startswith("Added note: "), proc.stderr
    assert served(caseload) == 0
    listed = subprocess.run([sys.executable, "-m", "casefile", "client", "list"], cwd=caseload, text=True,
                            capture_output=True, timeout=60, **kw)
    assert listed.returncode == 0
    assert served(caseload) == (0 if setup == "nice" else 1)  # reading needs no terminal: still served


def test_a_closed_stdin_is_not_taken_over_by_the_socket(caseload, server):
    proc = subprocess.run([sys.executable, "-m", "casefile", *note_args()], cwd=caseload, text=True,
                          capture_output=True, timeout=60, preexec_fn=lambda: os.close(0))
    assert proc.returncode == 2 and proc.stdout == ""
    assert served(caseload) == 0


def test_a_caller_killed_outright_takes_its_command_with_it(caseload, server):
    proc = subprocess.Popen([sys.executable, "-m", "casefile", *note_args()], cwd=caseload, text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(1.0)
    proc.kill()
    proc.wait(timeout=30)
    try:  # the body arrives after the caller is gone: a fresh process would never save it
        proc.stdin.write(BODY)
        proc.stdin.close()
    except BrokenPipeError:
        pass  # nobody reads it any more: the command is gone too
    time.sleep(1.0)
    assert git(caseload, "log", "-1", "--format=%s") == "Open case c-0001\n"
    assert not list((caseload / "clients/c-0001/notes").glob("*.md"))


def test_a_malformed_request_does_not_stop_the_server(caseload, server):
    import marshal
    import socket

    for payload in (marshal.dumps(5), marshal.dumps(("run",)), b"\x00\x00\x00\x05junk!"[4:]):
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.connect(str(caseload / ".git/casefile/server/sock"))
            s.sendall(len(payload).to_bytes(4, "big") + payload)
            s.recv(100)
    assert casefile(caseload, "client", "list").returncode == 0
    assert served(caseload) == 1


def test_starts_at_the_same_time_make_one_server(caseload, cli):
    procs = [subprocess.Popen([sys.executable, "-m", "casefile", "server", "start"], cwd=caseload, text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(3)]
    outs = [p.communicate(timeout=60)[0] for p in procs]
    pids = {int(o.split("(pid ")[1].split(")")[0].split(",")[0]) for o in outs}
    try:
        assert len(pids) == 1, outs
        assert sum(o.startswith("casefile server started") for o in outs) == 1
    finally:
        casefile(caseload, "server", "stop")
        for pid in pids:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
