"""The resident server: Python and casefile's modules loaded once, a fresh copy of them for each command.

A cold `casefile` process spends most of its time starting Python and importing typer, YAML and Jinja2
(docs/benchmarks.md). `casefile server start` runs one process per caseload that has done those imports
and waits on a Unix socket in the caseload's .git/casefile/server/ (a folder that is the owner's alone).
When it runs, `casefile` (casefile/launch.py) checks that the socket and the process behind it are its
own user's and sends a key; the server forks, and the child, in a process group of its own, receives the
command (arguments, folder, environment, umask, the signals the caller ignores) with the caller's stdin,
stdout and stderr, runs it exactly as a fresh process would, on the caller's terminal, then exits. The
server itself reads only the key: the command and its environment (client text, for `--body`) reach only
the child, which is gone when the command ends. The editor runs in the calling process, which owns the terminal;
Ctrl-C, Ctrl-\\, Ctrl-Z and termination are passed on to the command's process group.

Nothing changes when no server runs: `casefile` looks for the socket (one stat) and runs the command
itself. It also runs it itself whenever the server could not behave as a fresh process would: a server
started by other code or another setup (casefile or a library upgraded, another Python, locale, PYTHON*
setting, group, resource limit, priority or CPU set), or commit signing configured in git (a passphrase
prompt needs the caller's own terminal). The two sides compare a key of those first.

Only the standard library is imported here at the top: the calling side runs before typer is imported.
"""

from __future__ import annotations

import os
import sys

# The C modules under socket and signal: the calling side runs at every start of `casefile` while a server
# runs, and socket.py and signal.py spend ~5 ms each turning their constants into enums.
import _signal
import _socket

FOLDER = os.path.join("casefile", "server")  # inside the caseload's .git folder
SOCKET_NAME = "sock"
_CHECK_EVERY = 30.0  # seconds between the idle server's checks of its socket and its code
_ANSWER_WITHIN = 5.0  # seconds a caller waits for the server to take its command, and the server for a caller
# Passed on to the command; SIGTSTP (Ctrl-Z) stops the command's group and then the caller.
_PASSED_ON = (_signal.SIGINT, _signal.SIGTERM, _signal.SIGHUP, _signal.SIGQUIT)
# Whose disposition the child takes from the caller (ignored stays ignored).
_MIRRORED = (*_PASSED_ON, _signal.SIGTSTP, _signal.SIGTTIN, _signal.SIGTTOU)


def socket_path(root: str) -> str | None:
    """Where the server of the caseload at `root` listens; None where there can be none (no .git folder of
    its own, as in a git worktree)."""
    git = os.path.join(root, ".git")
    return os.path.join(git, FOLDER, SOCKET_NAME) if os.path.isdir(git) else None


def _in_folder(folder: str, use):
    """use(name) with the current folder set to `folder` and back: a socket's address is limited to about
    100 bytes, which a caseload's path may exceed, so it is always given relative to its folder."""
    here = os.open(".", os.O_RDONLY)
    try:
        os.chdir(folder)
        return use(SOCKET_NAME)
    finally:
        os.fchdir(here)
        os.close(here)


def code_key() -> bytes:
    """What a server must share with the caller to run its command as a fresh process would: the same
    Python and flags, the same casefile files (any edit or upgrade changes a size or a time), the same
    installed libraries (installing or removing one changes its folder's time), the same start-up
    environment, and the same user, groups, limits, priority and CPU set."""
    import resource

    # Python puts the folder of whatever started it first on sys.path (the `casefile` script's, the current
    # one), unless told not to (-P, as the server is started): not part of the setup.
    paths = sys.path if sys.flags.safe_path else sys.path[1:]
    flags = {name: getattr(sys.flags, name) for name in dir(sys.flags)
             if not name.startswith("_") and name not in ("safe_path", "count", "index", "n_fields",
                                                          "n_sequence_fields", "n_unnamed_fields")}
    parts = [os.path.realpath(sys.executable), sys.prefix, sys.version, repr(paths), repr(sorted(flags.items())),
             repr(sys._xoptions), repr(sys.warnoptions)]
    parts += sorted(f"{k}={v}" for k, v in os.environ.items() if k.startswith("PYTHON") or k.startswith("LC_"))
    parts.append(f"LANG={os.environ.get('LANG', '')}")
    parts.append(f"ids={os.getuid()},{os.geteuid()},{os.getgid()},{os.getegid()},{sorted(os.getgroups())}")
    parts.append(f"nice={os.nice(0)}")
    parts.append(f"limits={[resource.getrlimit(r) for r in (resource.RLIMIT_NOFILE, resource.RLIMIT_NPROC, resource.RLIMIT_AS, resource.RLIMIT_CORE, resource.RLIMIT_STACK)]}")
    if hasattr(os, "sched_getaffinity"):
        parts.append(f"cpus={sorted(os.sched_getaffinity(0))}")
    for entry in paths:
        try:
            parts.append(f"{entry}:{os.stat(entry or '.').st_mtime_ns}")
        except OSError:
            parts.append(f"{entry}:-")
    package = os.path.dirname(os.path.abspath(__file__))
    stack = [package]
    while stack:
        with os.scandir(stack.pop()) as it:
            for e in it:
                if e.is_dir(follow_symlinks=False):
                    if e.name != "__pycache__":
                        stack.append(e.path)
                else:
                    st = e.stat(follow_symlinks=False)
                    parts.append(f"{e.path}:{st.st_size}:{st.st_mtime_ns}")
    return "\n".join(parts).encode("utf-8", "surrogateescape")


def commit_may_prompt(root: str) -> bool:
    """True when a commit in the caseload may need the terminal (which the server's child, in a session of its
    own, cannot open): git may sign (a passphrase), a hook other than casefile's own may ask, or that cannot
    be told cheaply from the files (an include, hooks elsewhere, config given in the environment)."""
    if any(k.startswith("GIT_CONFIG") and k not in ("GIT_CONFIG_NOSYSTEM", "GIT_CONFIG_GLOBAL") for k in os.environ):
        return True
    home = os.path.expanduser("~")
    xdg = os.environ.get("XDG_CONFIG_HOME") or os.path.join(home, ".config")
    files = [os.path.join(root, ".git", "config"), os.path.join(root, ".git", "config.worktree")]
    files += [os.environ["GIT_CONFIG_GLOBAL"]] if "GIT_CONFIG_GLOBAL" in os.environ else [
        os.path.join(home, ".gitconfig"), os.path.join(xdg, "git", "config")]
    if not os.environ.get("GIT_CONFIG_NOSYSTEM"):
        files.append("/etc/gitconfig")  # (a git built elsewhere may read another file: hooks there still count)
    for name in files:
        try:
            with open(name, "rb") as f:
                text = f.read().lower()
        except OSError:
            continue
        if any(word in text for word in (b"gpgsign", b"signingkey", b"[include", b"hookspath")):
            return True
    hooks = os.path.join(root, ".git", "hooks")
    try:
        names = [n for n in os.listdir(hooks) if not n.endswith(".sample")]
    except OSError:
        return False
    for name in names:
        path = os.path.join(hooks, name)
        if not os.access(path, os.X_OK):
            continue
        try:
            with open(path, "rb") as f:
                mine = b"casefile hook run" in f.read(4096)
        except OSError:
            return True
        if not (name == "pre-commit" and mine):
            return True
    return False


def _stdio_is_the_callers() -> bool:
    """stdin, stdout and stderr are open, and stdin, if a terminal, is this process's to read (it is in the
    foreground): the server's child could not be stopped for reading it in the background."""
    try:
        for fd in (0, 1, 2):
            os.fstat(fd)
    except OSError:
        return False  # (a closed one would be taken by the socket itself)
    if os.isatty(0):
        try:
            return os.tcgetpgrp(0) == os.getpgrp()
        except OSError:
            return False
    return True


# --- messages: a 4-byte length, then a marshalled tuple (both ends are the same Python: the key says so)

def _send(sock, message: tuple, fds: list[int] | None = None) -> None:
    import marshal

    data = marshal.dumps(message)
    data = len(data).to_bytes(4, "big") + data
    if fds:
        import struct

        sent = sock.sendmsg([data], [(_socket.SOL_SOCKET, _socket.SCM_RIGHTS, struct.pack(f"{len(fds)}i", *fds))])
        if sent < len(data):
            sock.sendall(data[sent:])
    else:
        sock.sendall(data)


def _receive(sock, max_fds: int = 0) -> tuple[tuple | None, list[int]]:
    """One message and the file descriptors that came with it; (None, []) when the other end is gone or
    sent something that is not a message. Descriptors of a message that is not whole are closed."""
    import marshal

    fds: list[int] = []
    try:
        if max_fds:
            import struct

            flags = getattr(_socket, "MSG_CMSG_CLOEXEC", 0)
            head, ancillary, _, _ = sock.recvmsg(4, _socket.CMSG_LEN(max_fds * 4), flags)
            for level, kind, data in ancillary:
                if level == _socket.SOL_SOCKET and kind == _socket.SCM_RIGHTS:
                    fds += struct.unpack(f"{len(data) // 4}i", data[: len(data) - len(data) % 4])
        else:
            head = sock.recv(4)
        while head and len(head) < 4:
            more = sock.recv(4 - len(head))
            if not more:
                break
            head += more
        if len(head) < 4:
            _close(fds)
            return None, []
        size, chunks = int.from_bytes(head, "big"), []
        while size:
            chunk = sock.recv(min(size, 1 << 20))
            if not chunk:
                _close(fds)
                return None, []
            chunks.append(chunk)
            size -= len(chunk)
        message = marshal.loads(b"".join(chunks))
    except BaseException:
        _close(fds)
        raise
    if not isinstance(message, tuple) or not message or not isinstance(message[0], str):
        _close(fds)
        return None, []
    return message, fds


def _close(fds: list[int]) -> None:
    for fd in fds:
        try:
            os.close(fd)
        except OSError:
            pass


def _peer_uid(sock) -> int | None:
    """The user of the process at the other end (Linux); None where the system does not say."""
    if not hasattr(_socket, "SO_PEERCRED"):
        return None
    import struct

    creds = sock.getsockopt(_socket.SOL_SOCKET, _socket.SO_PEERCRED, struct.calcsize("3i"))
    return struct.unpack("3i", creds)[1]


def _own(path: str, folder: bool) -> bool:
    """The socket or its folder is this user's, and the folder lets nobody else in."""
    import stat

    try:
        st = os.lstat(path)
    except OSError:
        return False
    if st.st_uid != os.getuid():
        return False
    if folder:
        return stat.S_ISDIR(st.st_mode) and not st.st_mode & 0o077
    return stat.S_ISSOCK(st.st_mode)


def _connect(path: str, timeout: float | None = _ANSWER_WITHIN):
    """A connection to the server at `path`, if it is this user's own; else None."""
    if not (_own(os.path.dirname(path), folder=True) and _own(path, folder=False)):
        return None
    sock = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    sock.settimeout(timeout)
    try:
        _in_folder(os.path.dirname(path), sock.connect)
        uid = _peer_uid(sock)
    except OSError:
        sock.close()
        return None
    if uid is not None and uid != os.getuid():
        sock.close()
        return None
    return sock


def ask(path: str, message: tuple) -> tuple | None:
    """A request the server answers itself (status, stop); None when no server answers."""
    sock = _connect(path)
    if sock is None:
        return None
    try:
        _send(sock, message)
        answer, _ = _receive(sock)
    except OSError:
        return None
    finally:
        sock.close()
    return answer


# --- starting, stopping and asking (`casefile server`)

class ServerInfo:
    """A running server, as it describes itself. (A plain class: dataclasses costs launch.py ~9 ms.)"""

    def __init__(self, pid: int, started: float, idle_seconds: float, served: int, already: bool = False):
        self.pid = pid
        self.started = started  # seconds since the epoch
        self.idle_seconds = idle_seconds  # it stops after this long without a command
        self.served = served  # commands run so far
        self.already = already  # `start` found it running


def _path_for(root: str) -> str:
    from casefile.errors import ServerError

    path = socket_path(root)
    if path is None:
        raise ServerError("this caseload has no .git folder of its own to hold the server's socket")
    return path


def status(root: str) -> ServerInfo | None:
    """The server running for the caseload at `root`, or None."""
    path = socket_path(root)
    answer = ask(path, ("status",)) if path and os.path.exists(path) else None
    if not answer or answer[0] != "status" or len(answer) != 5:
        return None
    return ServerInfo(*answer[1:])


def _prepare_folder(path: str) -> None:
    """The socket's folder: made the owner's alone, whatever made .git/casefile before."""
    from casefile.errors import ServerError

    folder = os.path.dirname(path)
    os.makedirs(folder, mode=0o700, exist_ok=True)
    st = os.lstat(folder)
    if st.st_uid != os.getuid() or not os.path.isdir(folder) or os.path.islink(folder):
        raise ServerError(f".git/{FOLDER} belongs to someone else; remove it first")
    os.chmod(folder, 0o700)


def start(root: str, idle_seconds: float, wait_seconds: float = 20.0) -> ServerInfo:
    """Start the caseload's server (detached, in its own session), or find the one running."""
    import fcntl
    import subprocess
    import time

    from casefile.errors import ServerError

    path = _path_for(root)
    _prepare_folder(path)
    # one start at a time: a second one waits, then finds the first one's server
    with open(os.path.join(os.path.dirname(path), "start.lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        running = status(root)
        if running is not None:
            running.already = True
            return running
        # -P: nothing of the folder it starts in is importable (a caseload is not code)
        proc = subprocess.Popen(
            [sys.executable, "-P", "-m", "casefile.server", root, repr(idle_seconds)], cwd=root,
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
        )
        deadline = time.monotonic() + wait_seconds
        try:
            while time.monotonic() < deadline:
                info = status(root) if os.path.exists(path) else None
                if info is not None and info.pid == proc.pid:
                    return info
                if proc.poll() is not None:
                    lines = proc.stderr.read().decode("utf-8", "replace").strip().splitlines()
                    why = f": {lines[-1]}" if lines else ""
                    raise ServerError(f"the server stopped as it started (exit {proc.returncode}){why}")
                time.sleep(0.02)
            proc.kill()
            raise ServerError(f"the server did not answer within {wait_seconds:.0f} s; it was stopped")
        finally:
            proc.stderr.close()


def stop(root: str, wait_seconds: float = 10.0) -> ServerInfo | None:
    """Stop the caseload's server; None when none was running. Commands it is running finish first."""
    import time

    path = socket_path(root)
    info = status(root)
    if info is None or path is None:
        return None
    ask(path, ("stop",))
    deadline = time.monotonic() + wait_seconds
    while os.path.exists(path) and time.monotonic() < deadline:
        time.sleep(0.01)
    return info


# --- the calling side (casefile/launch.py)

def forward(root: str, path: str, args: list[str], may_commit: bool = True) -> int | None:
    """Have the server at `path` run `casefile ARGS` on this process's terminal. Returns its exit code, or
    None when the command was not started there (no server of this user's answers, it runs other code or
    another setup, this process's stdio could not be handed over as they are, or a commit may need the
    terminal), so that the caller runs it itself."""
    if not _stdio_is_the_callers() or (may_commit and commit_may_prompt(root)):
        return None
    sock = _connect(path)
    if sock is None:
        return None
    previous = {sig: _signal.getsignal(sig) for sig in _MIRRORED}
    forwarding = _Forwarding(sock, previous)
    try:
        return forwarding.run(args)
    except _Interrupted:  # a signal after the command was given back to this process, before the handlers were
        return forwarding._as_fresh(forwarding.pending[-1])
    finally:
        sock.close()
        for sig, handler in previous.items():
            if handler is not None:
                _signal.signal(sig, handler)


class _Interrupted(Exception):
    """A signal came before the server's child began the command."""


class _Forwarding:
    """One command run by the server on this process's behalf."""

    def __init__(self, sock, previous: dict):
        self.sock = sock
        self.previous = previous
        self.child = 0  # the command's process (and group)
        self.pending: list[int] = []  # signals that came before the command started
        self.passed: int | None = None  # the last signal passed on
        self.editing = False  # the editor runs here, and gets Ctrl-C first
        self.deferred: int | None = None  # a Ctrl-C that came while it ran

    def pass_on(self, signum, frame) -> None:
        if not self.child:  # not begun: it never will (the server's child waits for the command)
            self.pending.append(signum)
            raise _Interrupted
        if self.editing and signum in (_signal.SIGINT, _signal.SIGQUIT):
            self.deferred = signum  # the editor has it too; the command hears of it when the editor is done
            return
        self.passed = signum
        try:
            os.killpg(self.child, signum)
        except OSError:
            pass

    def suspend(self, signum, frame) -> None:
        """Ctrl-Z: stop the command's group, then this process, as the shell expects; carry on together."""
        if self.child:
            try:
                os.killpg(self.child, _signal.SIGSTOP)
            except OSError:
                pass
        _signal.signal(_signal.SIGTSTP, _signal.SIG_DFL)
        os.kill(os.getpid(), _signal.SIGTSTP)  # stopped here until the shell continues us
        _signal.signal(_signal.SIGTSTP, self.suspend)
        if self.child:
            try:
                os.killpg(self.child, _signal.SIGCONT)
            except OSError:
                pass

    def run(self, args: list[str]) -> int | None:
        ignored = [sig for sig in _MIRRORED if self.previous[sig] == _signal.SIG_IGN]
        for sig in _PASSED_ON:
            if sig not in ignored:
                _signal.signal(sig, self.pass_on)
        if self.previous[_signal.SIGTSTP] == _signal.SIG_DFL:
            _signal.signal(_signal.SIGTSTP, self.suspend)
        umask = os.umask(0o022)
        os.umask(umask)
        try:
            _send(self.sock, ("run", code_key()))
            message, _ = _receive(self.sock)
            if message is None or message[0] != "started":
                return self._not_started()
            # The command, with this process's stdin, stdout and stderr, goes to the child that is waiting
            # for it, never to the server: nothing of it stays there, and a server that stopped answering
            # never holds this process's pipes open.
            self.child = message[1]
            _send(self.sock, ("command", args, os.getcwd(), dict(os.environ), umask, ignored), [0, 1, 2])
            self.sock.settimeout(None)  # the command may take as long as it takes (an editor, a long lint)
            while True:
                message, _ = _receive(self.sock)
                if message is None:
                    return self._lost()
                if message[0] == "editor":
                    self.editing = True
                    try:
                        status = _run_editor(message[1])
                    finally:
                        self.editing = False
                    if self.deferred is not None:  # as in a fresh process: the command is interrupted
                        signum, self.deferred = self.deferred, None
                        self.pass_on(signum, None)
                    try:
                        _send(self.sock, ("editor-exit", status))
                    except OSError:
                        pass  # the command was interrupted meanwhile: its exit code may be waiting
                elif message[0] == "exit":
                    return message[1]
                else:
                    return self._lost()
        except _Interrupted:
            return self._not_started()
        except OSError:
            return self._lost() if self.child else self._not_started()

    def _not_started(self) -> int | None:
        if not self.pending:
            return None  # run it here
        return self._as_fresh(self.pending[-1])

    def _lost(self) -> int:
        if self.passed is not None:  # the command ended by the signal passed on: so does this process
            return self._as_fresh(self.passed)
        sys.stderr.write("error: the casefile server stopped in the middle of the command; "
                         "check `git status` and `casefile log`\n")
        return 2

    def _as_fresh(self, signum: int) -> int:
        """End as a fresh process would have on this signal."""
        if signum == _signal.SIGINT:
            sys.stderr.write("interrupted; nothing more was written\n")
            return 130
        sys.stderr.flush()
        _signal.signal(signum, _signal.SIG_DFL)
        os.kill(os.getpid(), signum)
        return 128 + signum  # (not reached)


def _run_editor(path) -> int:
    """The server's command asks for the editor on `path`: the command line is made here, from this
    process's own environment, never taken from the server."""
    from casefile import editor

    if not isinstance(path, str) or not os.path.isfile(path):
        return 1
    cmd = editor.editor_command()
    if not cmd:
        return 1
    try:
        return editor.run_here(["sh", "-c", f'{cmd} "$@"', cmd, path])
    except OSError:
        return 127


# --- the server

def serve(root: str, idle_seconds: float) -> None:
    """Run the server of the caseload at `root` until it has had no command for `idle_seconds`, its socket
    is taken over or removed, its code changes, or it is told to stop. Detached: it prints nothing."""
    import select
    import signal
    import socket
    import time

    path = socket_path(root)
    if path is None:
        return
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))  # (so that its socket is removed)
    _preload()
    key = code_key()
    _prepare_folder(path)
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    staging = f"{path}.{os.getpid()}"
    old_umask = os.umask(0o077)  # the socket is the owner's alone
    try:
        _in_folder(os.path.dirname(path), lambda name: sock.bind(f"{name}.{os.getpid()}"))
    finally:
        os.umask(old_umask)
    sock.listen(16)
    os.replace(staging, path)
    mine = os.stat(path).st_ino
    started, last, served = time.time(), time.monotonic(), 0
    try:
        while True:
            _reap()
            wait = idle_seconds - (time.monotonic() - last)
            if wait <= 0:
                return
            ready, _, _ = select.select([sock], [], [], min(wait, _CHECK_EVERY))
            if not ready:
                try:
                    if os.stat(path).st_ino != mine:
                        return
                except OSError:
                    return
                if code_key() != key:
                    return
                continue
            try:
                conn, _ = sock.accept()
            except OSError:
                continue
            with conn:
                try:
                    answer = _answer(conn, sock, key, started, idle_seconds, served)
                except Exception:  # noqa: BLE001 - one caller's trouble never stops the server
                    continue
                if answer == "stop":
                    return
                if answer == "ran":
                    last, served = time.monotonic(), served + 1
    finally:
        sock.close()
        try:
            if os.stat(path).st_ino == mine:
                os.unlink(path)
        except OSError:
            pass


def _answer(conn, listener, key: bytes, started: float, idle_seconds: float, served: int) -> str:
    """Answer one caller: "stop", "ran" (a child runs its command), or "" (answered, nothing more)."""
    conn.settimeout(0.5)  # a caller that connects and says nothing holds the server up half a second at most
    uid = _peer_uid(conn)
    if uid is not None and uid != os.getuid():
        return ""
    message, _ = _receive(conn)  # the key only: the command goes to the child
    if message is None:
        return ""
    kind = message[0]
    if kind == "status":
        _send(conn, ("status", os.getpid(), started, idle_seconds, served))
        return ""
    if kind == "stop":
        _send(conn, ("stopped", os.getpid()))
        return "stop"
    if kind != "run" or len(message) != 2 or message[1] != key:
        _send(conn, ("stale",))  # the caller runs the command itself
        if kind == "run" and len(message) == 2 and message[1] != key and code_key() != key:
            return "stop"  # casefile or a library changed under it: make way for a new server
        return ""
    pid = os.fork()
    if pid == 0:
        listener.close()
        _run_child(conn)  # never returns
    return "ran"


def _preload() -> None:
    """Import what commands need, so that each child starts with it: the whole CLI, and the core of the
    commands a worker runs most (writing entries, listing, lint). Nothing here reads a caseload."""
    import casefile.cli  # registers every command module

    casefile.cli.app.prebuild()
    import casefile.clients  # noqa: F401
    import casefile.goals  # noqa: F401
    import casefile.history  # noqa: F401
    import casefile.notes  # noqa: F401
    import casefile.plans  # noqa: F401
    import casefile.render  # noqa: F401
    import casefile.workflow  # noqa: F401
    import casefile.lint.engine  # noqa: F401
    import casefile.lint.rules  # noqa: F401
    import casefile.records.common  # noqa: F401
    import jinja2  # noqa: F401
    import yaml  # noqa: F401


def _reap() -> None:
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def _run_child(conn) -> None:
    """In the forked child: become the calling process (its terminal, folder, environment, umask, ignored
    signals and arguments), run the command as launch.run would, report the exit code, and exit."""
    import atexit
    import signal
    import time

    code = 2
    try:
        os.setpgid(0, 0)  # the command and what it starts (git, hooks) get the caller's signals together
        signal.signal(signal.SIGINT, signal.default_int_handler)  # (not the server's handlers)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        _send(conn, ("started", os.getpid()))
        conn.settimeout(_ANSWER_WITHIN)
        message, fds = _receive(conn, max_fds=3)
        if message is None or message[0] != "command" or len(message) != 6 or len(fds) != 3:
            os._exit(0)  # the caller was interrupted before the command began: it does not run
        _, args, cwd, env, umask, ignored = message
        conn.settimeout(None)  # the command may wait on an editor for as long as the person writes
        _end_with_the_caller(conn)
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
        _close(fds)
        fds = []
        os.closerange(3, conn.fileno())  # nothing of the server's (nor of another caller's) stays open
        os.closerange(conn.fileno() + 1, 1 << 16)
        for sig in _MIRRORED:
            signal.signal(sig, signal.SIG_IGN if sig in ignored else signal.SIG_DFL)
        if signal.SIGINT not in ignored:
            signal.signal(signal.SIGINT, signal.default_int_handler)
        os.chdir(cwd)
        os.environ.clear()
        os.environ.update(env)
        time.tzset()
        os.umask(umask)
        sys.stdout.reconfigure(line_buffering=sys.stdout.isatty())  # as Python sets it up at start-up
        sys.argv = ["casefile", *args]
        from casefile import editor, launch

        editor.run_editor = lambda argv: _editor_via_caller(conn, argv[-1])
        try:
            launch.run(args)
            code = 0
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
            if isinstance(e.code, str):
                sys.stderr.write(e.code + "\n")
        except KeyboardInterrupt:
            sys.stderr.write("interrupted; nothing more was written\n")
            code = 130
        atexit._run_exitfuncs()
    except KeyboardInterrupt:  # before the command began
        code = 130
        try:
            sys.stderr.write("interrupted; nothing more was written\n")
        except Exception:  # noqa: BLE001
            pass
    except BaseException:  # noqa: BLE001 - a child must never fall back into the server's loop
        code = 2
        try:
            sys.stderr.write("error: casefile failed unexpectedly in the server; run the command again "
                             "with CASEFILE_SERVER=off\n")
        except Exception:  # noqa: BLE001
            pass
    finally:
        try:
            try:
                sys.stdout.flush()
            except BrokenPipeError:  # a reader that stopped early (`| head`), as a fresh process would see it
                code = code or 1
            sys.stderr.flush()
            _send(conn, ("exit", code))
        finally:
            os._exit(0)


def _end_with_the_caller(conn) -> None:
    """A caller killed outright (SIGKILL) ends its command as it would have ended a fresh process: a thread
    watches the connection close, without reading from it (Linux: POLLRDHUP)."""
    import select
    import threading

    if not hasattr(select, "POLLRDHUP"):
        return

    def watch() -> None:
        poller = select.poll()
        poller.register(conn.fileno(), select.POLLRDHUP)
        while True:
            for _, events in poller.poll():
                if events & (select.POLLRDHUP | select.POLLHUP | select.POLLERR):
                    os.kill(os.getpid(), _signal.SIGKILL)

    threading.Thread(target=watch, daemon=True).start()


def _editor_via_caller(conn, path: str) -> int:
    """The editor runs in the calling process, which owns the terminal (job control, resizing)."""
    _send(conn, ("editor", str(path)))
    answer, _ = _receive(conn)
    if answer is None:
        raise KeyboardInterrupt
    return answer[1]


if __name__ == "__main__":  # python -m casefile.server ROOT IDLE_SECONDS (started by `casefile server start`)
    serve(sys.argv[1], float(sys.argv[2]))
