"""Real SPARQL servers for the tests, on 127.0.0.1 only: ``oxigraph serve`` and Virtuoso Open
Source 7 (Debian's ``virtuoso-opensource``), each on free ports over a throw-away database,
and a loopback proxy that cuts a request in the middle of its body.

Virtuoso is started with an ini file of its own in a temporary folder: both its ports (SQL and
HTTP) bound to 127.0.0.1, no plugins, a random ``dba`` password, and the users a test asks
for (``GRANT SPARQL_UPDATE`` for a writer, ``SPARQL_SELECT`` only for a reader).
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

VIRTUOSO = "/usr/bin/virtuoso-t"
ISQL = "/usr/bin/isql-vt"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, seconds: float) -> bool:
    """Whether *port* on 127.0.0.1 accepts connections before *process* ends or time runs out."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return True
        except OSError:
            time.sleep(0.1)
    return False


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(10)


# -- oxigraph serve ----------------------------------------------------------------------------

def oxigraph_binary() -> str:
    found = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    if not Path(found).is_file():
        pytest.fail("the oxigraph server binary is missing: pip install -e '.[test]'")
    return found


def serve_oxigraph(location: Path):
    """Run ``oxigraph serve`` on 127.0.0.1 over *location*; yield its base URL, then stop it."""
    binary = oxigraph_binary()
    for _attempt in range(3):  # a free port can be taken between the check and the bind
        port = free_port()
        process = subprocess.Popen([binary, "serve", "--location", str(location), "--bind",
                                    f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        if wait_for_port(port, process, 20):
            try:
                yield f"http://127.0.0.1:{port}"
            finally:
                stop(process)
            return
        stop(process)
    pytest.fail("oxigraph serve did not start")


# -- Virtuoso ----------------------------------------------------------------------------------

def virtuoso_or_skip() -> str:
    """The Virtuoso server binary. Missing, the tests skip only when ``.ci/run`` tried to
    install the package and could not (it says why in ``CREDGRAPH_VIRTUOSO_MISSING``);
    otherwise they fail and say how to install it."""
    if Path(VIRTUOSO).is_file() and Path(ISQL).is_file():
        return VIRTUOSO
    why = os.environ.get("CREDGRAPH_VIRTUOSO_MISSING")
    if why:
        pytest.skip(f"Virtuoso is not installed and could not be installed: {why}")
    pytest.fail("Virtuoso is missing: apt-get install virtuoso-opensource (.ci/run does it)")


INI = """\
[Database]
DatabaseFile       = {dir}/virtuoso.db
ErrorLogFile       = {dir}/virtuoso.log
LockFile           = {dir}/virtuoso.lck
TransactionFile    = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = {dir}/virtuoso-temp.db
TransactionFile    = {dir}/virtuoso-temp.trx
Striping           = 0

[Parameters]
ServerPort           = 127.0.0.1:{sql_port}
DisableUnixSocket    = 1
DisableTcpSocket     = 0
MaxClientConnections = 10
CheckpointInterval   = 60
CaseMode             = 2
DirsAllowed          = {dir}
AllowOSCalls         = 0
NumberOfBuffers      = {buffers}
MaxDirtyBuffers      = {dirty}

[HTTPServer]
ServerPort           = 127.0.0.1:{http_port}
ServerRoot           = {dir}
ServerThreads        = 10
MaxClientConnections = 10
MaxKeepAlives        = 10
KeepAliveTimeout     = 10
Charset              = UTF-8
EnabledDavVSP        = 0

[URIQA]
DefaultHost          = 127.0.0.1:{http_port}

[SPARQL]
ResultSetMaxRows           = {max_rows}
MaxQueryExecutionTime      = {max_seconds}
MaxQueryCostEstimationTime = 400
"""
"""Debian's defaults where they matter (``ResultSetMaxRows`` 10000 cuts results), every port
on 127.0.0.1, no hosting plugins, operating-system calls refused."""


@dataclass
class Virtuoso:
    """A running throw-away Virtuoso: its URL, ports, users (name -> password), process."""

    url: str
    http_port: int
    sql_port: int
    folder: Path
    process: subprocess.Popen
    dba_password: str
    users: dict[str, str] = field(default_factory=dict)

    def sql(self, statements: str) -> str:
        """Run SQL as dba through isql on the loopback SQL port; its output."""
        done = subprocess.run([ISQL, f"127.0.0.1:{self.sql_port}", "dba", self.dba_password,
                               "VERBOSE=OFF", "BANNER=OFF", "PROMPT=OFF", "ECHO=OFF",
                               f"exec={statements}"], capture_output=True, text=True,
                              timeout=120)
        if done.returncode or "*** Error" in done.stdout + done.stderr:
            raise RuntimeError(f"isql failed: {done.stdout}{done.stderr}")
        return done.stdout

    def add_user(self, name: str, *roles: str) -> str:
        """A Virtuoso user with a random password and *roles*; returns the password."""
        password = secrets.token_hex(12)
        grants = "".join(f'GRANT {role} TO "{name}"; ' for role in roles)
        self.sql(f"DB.DBA.USER_CREATE ('{name}', '{password}'); {grants}")
        self.users[name] = password
        return password


def serve_virtuoso(folder: Path, *, max_rows: int = 10_000, max_seconds: int = 60,
                   buffers: int = 10_000):
    """Start Virtuoso over a new database in *folder*; yield a :class:`Virtuoso`, then stop it
    and leave the folder to pytest's temporary directory."""
    binary = virtuoso_or_skip()
    folder.mkdir(parents=True, exist_ok=True)
    for _attempt in range(3):
        sql_port, http_port = free_port(), free_port()
        (folder / "virtuoso.ini").write_text(INI.format(
            dir=folder, sql_port=sql_port, http_port=http_port, max_rows=max_rows,
            max_seconds=max_seconds, buffers=buffers, dirty=buffers * 3 // 4))
        for stale in folder.glob("virtuoso*.[dltp]*"):
            if stale.name != "virtuoso.ini":
                stale.unlink()
        process = subprocess.Popen([binary, "+foreground", "+configfile",
                                    str(folder / "virtuoso.ini")], cwd=folder,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if wait_for_port(http_port, process, 60) and wait_for_port(sql_port, process, 30):
            server = Virtuoso(f"http://127.0.0.1:{http_port}", http_port, sql_port, folder,
                              process, "dba")
            try:
                password = secrets.token_hex(12)
                for attempt in range(20):  # the SQL port may open before the accounts
                    try:
                        server.sql(f"DB.DBA.USER_CHANGE_PASSWORD ('dba', 'dba', '{password}');")
                        break
                    except RuntimeError as exc:
                        if "Bad login" not in str(exc) or attempt == 19:
                            raise
                        time.sleep(0.5)
                server.dba_password = password
                yield server
            finally:
                stop(process)
            return
        stop(process)
    log = folder / "virtuoso.log"
    pytest.fail("Virtuoso did not start: " + (log.read_text()[-2000:] if log.exists() else ""))


# -- a proxy that cuts a request ---------------------------------------------------------------

class CuttingProxy:
    """A loopback TCP proxy to *port* that forwards everything, except that once armed with
    :meth:`cut_after` it forwards only that many more bytes from the client and then closes
    the connection: the server sees a request end in the middle of its body."""

    def __init__(self, port: int):
        self.target = port
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.budget: int | None = None
        self.cuts = 0
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def cut_after(self, size: int | None) -> None:
        with self.lock:
            self.budget = size

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._pipe, args=(client,), daemon=True).start()

    def _pipe(self, client: socket.socket) -> None:
        server = socket.create_connection(("127.0.0.1", self.target))
        threading.Thread(target=self._back, args=(server, client), daemon=True).start()
        try:
            while data := client.recv(65536):
                with self.lock:
                    cut = self.budget is not None and len(data) >= self.budget
                    if cut:
                        data, self.budget, self.cuts = data[:self.budget], None, self.cuts + 1
                    elif self.budget is not None:
                        self.budget -= len(data)
                server.sendall(data)
                if cut:
                    break
        except OSError:
            pass
        for sock in (client, server):
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()

    @staticmethod
    def _back(server: socket.socket, client: socket.socket) -> None:
        try:
            while data := server.recv(65536):
                client.sendall(data)
        except OSError:
            pass

    def close(self) -> None:
        self.listener.close()
