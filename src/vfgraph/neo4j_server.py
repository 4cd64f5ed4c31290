"""The project's own Neo4j Community server: assemble, configure, start, stop.

The jars come from Maven Central through ``deploy/neo4j/pom.xml`` (``mvn package`` copies them into
``<home>/lib``). The server is started the way Neo4j 5's own launcher starts it: ``java`` with the launcher's
JVM flags on ``org.neo4j.server.CommunityEntryPoint --home-dir --config-dir --console-mode``, detached,
with its output in ``<home>/logs/console.log`` and its process id in ``<home>/run/neo4j.pid``.

Bolt listens on 127.0.0.1 only; HTTP is off; auth is on with the password from the settings, or one
generated on first start and kept in ``<home>/password``. Nothing here imports the neo4j driver: readiness
is a Bolt handshake on the socket.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import struct
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from vfgraph.settings import REPO_ROOT, Settings

POM = REPO_ROOT / "deploy" / "neo4j" / "pom.xml"
ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
ADMIN_TOOL = "org.neo4j.cli.AdminTool"

# The flags Neo4j 5's launcher passes to the JVM (its default server.jvm.additional list).
JVM_FLAGS = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+AlwaysPreTouch",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048",
    "-Djdk.tls.rejectClientInitiatedRenegotiation=true",
    "-XX:FlightRecorderOptions=stackdepth=256",
    "-XX:+UnlockDiagnosticVMOptions",
    "-XX:+DebugNonSafepoints",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
    "-Dlog4j2.disable.jmx=true",
    "-Dfile.encoding=UTF-8",
)


class Neo4jServerError(RuntimeError):
    """The local server could not be assembled, started or stopped; the message says why."""


@dataclass(frozen=True, slots=True)
class Layout:
    """Where the local server keeps its files (all under one git-ignored folder)."""

    home: Path

    @property
    def lib(self) -> Path:
        return self.home / "lib"

    @property
    def conf(self) -> Path:
        return self.home / "conf"

    @property
    def data(self) -> Path:
        return self.home / "data"

    @property
    def logs(self) -> Path:
        return self.home / "logs"

    @property
    def run(self) -> Path:
        return self.home / "run"

    @property
    def pid_file(self) -> Path:
        return self.run / "neo4j.pid"

    @property
    def console_log(self) -> Path:
        return self.logs / "console.log"

    @property
    def password_file(self) -> Path:
        return self.home / "password"


def assemble(layout: Layout) -> None:
    """Fetch the server jars from Maven Central into ``lib/`` unless they are already there."""
    if any(layout.lib.glob("neo4j-bolt-*.jar")):
        return
    mvn = shutil.which("mvn")
    if mvn is None:
        raise Neo4jServerError("Maven (mvn) is not installed; it is needed to fetch Neo4j's jars")
    cmd = [mvn, "-B", "-q", "-f", str(POM), f"-Dneo4j.home={layout.home}", "package"]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0 or not any(layout.lib.glob("neo4j-bolt-*.jar")):
        raise Neo4jServerError(
            "could not fetch Neo4j from Maven Central:\n" + done.stdout[-4000:] + done.stderr[-4000:]
        )


def password_for(settings: Settings, layout: Layout) -> str:
    """The server's password: the configured one, else the stored one, else a new one (stored)."""
    if settings.neo4j_password:
        return settings.neo4j_password
    if layout.password_file.exists():
        return layout.password_file.read_text().strip()
    layout.home.mkdir(parents=True, exist_ok=True)
    # Letters and digits only: a password is passed on command lines, where one starting with "-" would
    # read as an option.
    password = secrets.token_hex(18)
    layout.password_file.write_text(password + "\n")
    layout.password_file.chmod(0o600)
    return password


def configure(settings: Settings, layout: Layout) -> None:
    """Write ``conf/neo4j.conf`` (5.x refuses unknown settings, so only known ones are written)."""
    for d in (layout.conf, layout.data, layout.logs, layout.run):
        d.mkdir(parents=True, exist_ok=True)
    conf = f"""# Written by vfgraph (vfgraph neo4j start); edits are overwritten.
server.default_listen_address=127.0.0.1
server.bolt.enabled=true
server.bolt.listen_address=127.0.0.1:{settings.neo4j_bolt_port}
server.bolt.advertised_address=127.0.0.1:{settings.neo4j_bolt_port}
server.http.enabled=false
server.https.enabled=false
dbms.security.auth_enabled=true
dbms.usage_report.enabled=false
server.directories.data={layout.data}
server.directories.logs={layout.logs}
server.directories.run={layout.run}
server.directories.lib={layout.lib}
server.memory.heap.initial_size={settings.neo4j_heap}
server.memory.heap.max_size={settings.neo4j_heap}
server.memory.pagecache.size={settings.neo4j_pagecache}
db.tx_log.rotation.retention_policy=1 days
"""
    (layout.conf / "neo4j.conf").write_text(conf)


def _java() -> str:
    java_home = os.environ.get("JAVA_HOME")
    if java_home and (Path(java_home) / "bin" / "java").exists():
        return str(Path(java_home) / "bin" / "java")
    java = shutil.which("java")
    if java is None:
        raise Neo4jServerError("Java is not installed; Neo4j 5.26 needs Java 17")
    return java


def _set_initial_password(layout: Layout, password: str) -> None:
    """Set the password before the very first start (Neo4j ignores it afterwards)."""
    if (layout.data / "dbms" / "auth.ini").exists():
        return
    env = dict(os.environ, NEO4J_HOME=str(layout.home), NEO4J_CONF=str(layout.conf))
    # "--" ends the options, so a configured password that starts with "-" is still taken as the password.
    cmd = [_java(), "-cp", f"{layout.lib}/*", ADMIN_TOOL, "dbms", "set-initial-password", "--", password]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise Neo4jServerError("could not set the initial password:\n" + done.stdout + done.stderr)


def bolt_answers(port: int, host: str = "127.0.0.1", timeout: float = 1.0) -> bool:
    """True when a Bolt server on host:port completes the version handshake."""
    try:
        with socket.create_connection((host, port), timeout=timeout) as s:
            # Magic preamble, then four version proposals (5.x, 4.4, none, none).
            s.sendall(b"\x60\x60\xb0\x17" + struct.pack(">IIII", 0x00040405, 0x00000404, 0, 0))
            reply = s.recv(4)
            return len(reply) == 4 and reply != b"\x00\x00\x00\x00"
    except OSError:
        return False


def _read_pid(layout: Layout) -> int | None:
    try:
        pid = int(layout.pid_file.read_text().strip())
    except (OSError, ValueError):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        return pid
    return pid


def status(settings: Settings) -> str:
    """A one-line description of the local server's state."""
    layout = Layout(settings.neo4j_home)
    pid = _read_pid(layout)
    answers = bolt_answers(settings.neo4j_bolt_port)
    if pid and answers:
        return f"running (pid {pid}), Bolt on 127.0.0.1:{settings.neo4j_bolt_port}"
    if pid:
        return f"starting or unhealthy (pid {pid}), Bolt not answering"
    if answers:
        return f"something else answers Bolt on 127.0.0.1:{settings.neo4j_bolt_port}"
    return "stopped"


def start(settings: Settings, timeout: float = 120.0) -> str:
    """Assemble, configure and start the server; wait until Bolt answers. Harmless if running."""
    layout = Layout(settings.neo4j_home)
    pid = _read_pid(layout)
    if pid and bolt_answers(settings.neo4j_bolt_port):
        return f"already running (pid {pid})"
    if pid is None and bolt_answers(settings.neo4j_bolt_port):
        raise Neo4jServerError(
            f"port {settings.neo4j_bolt_port} already answers Bolt, but not for this project's server"
            f" in {layout.home}; stop it or set VFGRAPH_NEO4J_BOLT_PORT"
        )
    assemble(layout)
    configure(settings, layout)
    _set_initial_password(layout, password_for(settings, layout))
    if pid is None:
        cmd = [
            _java(),
            f"-Xms{settings.neo4j_heap}",
            f"-Xmx{settings.neo4j_heap}",
            *JVM_FLAGS,
            "-cp",
            f"{layout.lib}/*",
            ENTRY_POINT,
            f"--home-dir={layout.home}",
            f"--config-dir={layout.conf}",
            "--console-mode",
        ]
        with layout.console_log.open("ab") as log:
            proc = subprocess.Popen(
                cmd,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                cwd=layout.home,
                start_new_session=True,
            )
        layout.pid_file.write_text(str(proc.pid))
        pid = proc.pid
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if bolt_answers(settings.neo4j_bolt_port):
            return f"started (pid {pid}), Bolt on 127.0.0.1:{settings.neo4j_bolt_port}"
        if _read_pid(layout) is None:
            break
        time.sleep(0.5)
    log_tail = _tail(layout.console_log) + _tail(layout.logs / "debug.log", 40)
    stop(settings)
    raise Neo4jServerError(f"Neo4j did not answer on Bolt within {timeout:.0f}s. Log:\n{log_tail}")


def stop(settings: Settings, timeout: float = 60.0) -> str:
    """Shut the server down cleanly (SIGTERM, then SIGKILL after ``timeout``)."""
    layout = Layout(settings.neo4j_home)
    pid = _read_pid(layout)
    if pid is None:
        layout.pid_file.unlink(missing_ok=True)
        return "not running"
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if _read_pid(layout) is None or _reaped(pid):
            layout.pid_file.unlink(missing_ok=True)
            return f"stopped (pid {pid})"
        time.sleep(0.3)
    os.kill(pid, signal.SIGKILL)
    layout.pid_file.unlink(missing_ok=True)
    return f"killed (pid {pid}) after {timeout:.0f}s"


def _reaped(pid: int) -> bool:
    try:
        done, _ = os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return False
    return done == pid


def _tail(path: Path, lines: int = 60) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) + "\n"
    except OSError:
        return f"({path} not found)\n"
