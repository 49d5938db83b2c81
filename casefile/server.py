"""The resident server: Python and casefile's modules loaded once, a fresh copy of them for each command.

A cold `casefile` process spends most of its time starting Python and importing typer, YAML and Jinja2
(docs/benchmarks.md). `casefile server start` runs one process per caseload that has done those imports
and waits on a Unix socket in the caseload's .git/casefile/. When it runs, `casefile` (casefile/launch.py)
sends it the command (its arguments, folder, environment and umask) and its own stdin, stdout and stderr;
the server forks, and the child runs the command exactly as a fresh process would, on the caller's
terminal, then exits. The server itself never reads a case file: client data lives only in the child,
which is gone when the command ends. An editor is run by the calling process, in its own terminal.

Nothing changes when no server runs: `casefile` looks for the socket (one stat) and runs the command
itself. It also runs it itself when the server was started by other code or another setup (casefile or a
library upgraded, another Python, another locale): the two compare a key of those first.

Only the standard library is imported here at the top: the calling side runs before typer is imported.
"""

from __future__ import annotations

import os
import sys

# The C modules under socket and signal: the calling side runs at every start of `casefile` while a server
# runs, and socket.py and signal.py spend ~5 ms each turning their constants into enums.
import _signal
import _socket

SOCKET_NAME = "server.sock"
# The environment that decides how Python itself behaves at start-up: a server started under other
# values would not run a command as a fresh process would.
_STARTUP_ENV = ("LANG", "LC_ALL", "LC_CTYPE", "PYTHONIOENCODING", "PYTHONUTF8", "PYTHONPATH", "PYTHONHASHSEED")
# The longest path a Unix socket can have on Linux and macOS, less its terminating byte.
_MAX_SOCKET_PATH = 103
_CHECK_EVERY = 30.0  # seconds between the idle server's checks of its socket and its code


def socket_path(root: str) -> str | None:
    """Where the server of the caseload at `root` listens; None where there can be none (no .git folder,
    as in a git worktree, or a path too long for a socket)."""
    git = os.path.join(root, ".git")
    path = os.path.join(git, "casefile", SOCKET_NAME)
    if not os.path.isdir(git) or len(os.fsencode(path)) > _MAX_SOCKET_PATH:
        return None
    return path


def code_key() -> bytes:
    """What a server must share with the caller to run its command as a fresh process would: the same
    Python, the same casefile files (any edit or upgrade changes a size or a time), the same installed
    libraries (installing or removing one changes its folder's time) and the same start-up environment."""
    # Python puts the folder of whatever started it first on sys.path (the `casefile` script's, the current
    # one), unless told not to (-P, as the server is started): not part of the setup.
    paths = sys.path if sys.flags.safe_path else sys.path[1:]
    parts = [os.path.realpath(sys.executable), sys.prefix, sys.version, repr(paths)]
    parts += [f"{name}={os.environ.get(name, '')}" for name in _STARTUP_ENV]
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
    parts.sort()
    return "\n".join(parts).encode("utf-8", "surrogateescape")


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
    """One message and the file descriptors that came with it; (None, []) when the other end is gone."""
    import marshal

    fds: list[int] = []
    if max_fds:
        import struct

        head, ancillary, _, _ = sock.recvmsg(4, _socket.CMSG_LEN(max_fds * 4))
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
            return None, fds
        chunks.append(chunk)
        size -= len(chunk)
    return marshal.loads(b"".join(chunks)), fds


def _connect(path: str):
    sock = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    try:
        sock.connect(path)
    except OSError:
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
        if not os.path.isdir(os.path.join(root, ".git")):
            raise ServerError("this caseload has no .git folder of its own to hold the server's socket")
        raise ServerError(f"the caseload's path is too long for a server socket ({_MAX_SOCKET_PATH} bytes at "
                          "most with .git/casefile/server.sock)", "move the caseload to a shorter path")
    return path


def status(root: str) -> ServerInfo | None:
    """The server running for the caseload at `root`, or None."""
    path = socket_path(root)
    answer = ask(path, ("status",)) if path and os.path.exists(path) else None
    return ServerInfo(*answer[1:]) if answer and answer[0] == "status" else None


def start(root: str, idle_seconds: float, wait_seconds: float = 20.0) -> ServerInfo:
    """Start the caseload's server (detached, in its own session), or find the one running."""
    import subprocess
    import time

    from casefile.errors import ServerError

    path = _path_for(root)
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

def forward(path: str, args: list[str]) -> int | None:
    """Have the server at `path` run `casefile ARGS` on this process's terminal. Returns its exit code, or
    None when the command was not started there (no server answers, or it runs other code), so that the
    caller runs it itself."""
    sock = _connect(path)
    if sock is None:
        return None
    try:
        return _forward(sock, args)
    finally:
        sock.close()


def _forward(sock, args: list[str]) -> int | None:
    umask = os.umask(0o022)
    os.umask(umask)
    child, pending = 0, []

    def pass_on(signum, frame):  # Ctrl-C and friends reach the command, as they would in-process
        if not child:
            pending.append(signum)
            return
        try:
            os.kill(child, signum)
        except OSError:
            pass

    for sig in (_signal.SIGINT, _signal.SIGTERM, _signal.SIGHUP):
        _signal.signal(sig, pass_on)
    try:
        _send(sock, ("run", code_key(), args, os.getcwd(), dict(os.environ), umask), [0, 1, 2])
        while True:
            message, _ = _receive(sock)
            if message is None:
                if not child:
                    return 130 if pending else None
                sys.stderr.write("error: the casefile server stopped in the middle of the command; "
                                 "check `git status` and `casefile log`\n")
                return 2
            kind = message[0]
            if kind == "started":
                child = message[1]
                for signum in pending:
                    pass_on(signum, None)
            elif kind == "editor":
                status = _run_editor(message[1])
                try:
                    _send(sock, ("editor-exit", status))
                except OSError:
                    pass  # the command was interrupted meanwhile: its exit code may be waiting
            elif kind == "exit":
                return message[1]
            else:  # "stale": this server runs other code
                return 130 if pending else None
    except OSError:
        if not child:
            return 130 if pending else None
        sys.stderr.write("error: lost the casefile server in the middle of the command; "
                         "check `git status` and `casefile log`\n")
        return 2


def _run_editor(argv: list[str]) -> int:
    import subprocess

    try:
        return subprocess.run(argv).returncode
    except OSError:
        return 127


# --- the server

def serve(root: str, idle_seconds: float) -> None:
    """Run the server of the caseload at `root` until it has had no command for `idle_seconds`, its socket
    is taken over or removed, its code changes, or it is told to stop. Detached: it prints nothing."""
    import select
    import socket
    import time

    import signal

    path = socket_path(root)
    if path is None:
        return
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))  # (so that its socket is removed)
    _preload()
    key = code_key()
    os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    staging = f"{path}.{os.getpid()}"
    old_umask = os.umask(0o077)  # the socket is the owner's alone
    try:
        sock.bind(staging)
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
                except OSError:  # a caller that went away, or sent nothing in time
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
    conn.settimeout(5.0)  # a caller that connects and says nothing does not hold the server up
    if not _same_user(conn):
        return ""
    message, fds = _receive(conn, max_fds=3)
    if message is None:
        return ""
    kind = message[0]
    if kind == "status":
        _send(conn, ("status", os.getpid(), started, idle_seconds, served))
        return ""
    if kind == "stop":
        _send(conn, ("stopped", os.getpid()))
        return "stop"
    if kind != "run" or message[1] != key or len(fds) != 3:
        _close(fds)
        _send(conn, ("stale",))  # the caller runs the command itself
        if kind == "run" and message[1] != key and code_key() != key:
            return "stop"  # casefile or a library changed under it: make way for a new server
        return ""
    try:
        pid = os.fork()
    except OSError:
        _close(fds)
        _send(conn, ("stale",))
        return ""
    if pid == 0:
        listener.close()
        conn.settimeout(None)  # the command may wait on an editor for as long as the person writes
        _run_child(conn, message, fds)  # never returns
    _close(fds)
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


def _same_user(conn) -> bool:
    """The socket's folder is the owner's alone; on Linux the caller's user is checked as well."""
    import socket
    import struct

    if not hasattr(socket, "SO_PEERCRED"):
        return True
    creds = conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    _, uid, _ = struct.unpack("3i", creds)
    return uid == os.getuid()


def _reap() -> None:
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def _close(fds: list[int]) -> None:
    for fd in fds:
        try:
            os.close(fd)
        except OSError:
            pass


def _run_child(conn, message: tuple, fds: list[int]) -> None:
    """In the forked child: become the calling process (its terminal, folder, environment, umask and
    arguments), run the command as launch.main would, report the exit code, and exit."""
    import atexit
    import signal
    import time

    _, _, args, cwd, env, umask = message
    code = 2
    try:
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
        _close(fds)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        os.chdir(cwd)
        os.environ.clear()
        os.environ.update(env)
        time.tzset()
        os.umask(umask)
        sys.stdout.reconfigure(line_buffering=sys.stdout.isatty())  # as Python sets it up at start-up
        sys.argv = ["casefile", *args]
        from casefile import editor

        editor.run_editor = lambda argv: _editor_via_caller(conn, argv)
        _send(conn, ("started", os.getpid()))
        from casefile import launch

        try:
            launch.run(args)
            code = 0
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
            if isinstance(e.code, str):
                sys.stderr.write(e.code + "\n")
        except KeyboardInterrupt:
            code = 130
        atexit._run_exitfuncs()
    except BaseException:  # noqa: BLE001 - a child must never fall back into the server's loop
        code = 2
        try:
            sys.stderr.write("error: casefile failed unexpectedly in the server; run the command again "
                             "with CASEFILE_SERVER=off\n")
        except Exception:  # noqa: BLE001
            pass
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
            _send(conn, ("exit", code))
        finally:
            os._exit(0)


def _editor_via_caller(conn, argv: list[str]) -> int:
    """The editor runs in the calling process, which owns the terminal (job control, resizing)."""
    _send(conn, ("editor", list(argv)))
    answer, _ = _receive(conn)
    if answer is None:
        raise KeyboardInterrupt
    return answer[1]


if __name__ == "__main__":  # python -m casefile.server ROOT IDLE_SECONDS (started by `casefile server start`)
    serve(sys.argv[1], float(sys.argv[2]))
