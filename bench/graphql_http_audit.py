"""Run the graphql-http audit suite (bench/graphql_http_audit.mjs) against vfgraph served on 127.0.0.1.

Starts ``vfgraph serve`` on a spare port with the current settings (``VFGRAPH_MODE`` and the limits included),
waits for ``/health``, runs the audit with node, stops the server, and exits with the audit's status.
``make audit`` installs the suite first (``npm ci`` in bench/audit).

    python bench/graphql_http_audit.py [--key vfg_...]    (a key: audit as an authenticated caller)
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

BENCH = Path(__file__).resolve().parent
VFGRAPH = Path(sys.executable).with_name("vfgraph")


def spare_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def wait_healthy(base: str, timeout: float = 60.0) -> None:
    until = time.monotonic() + timeout
    while time.monotonic() < until:
        try:
            with urllib.request.urlopen(f"{base}/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"vfgraph did not answer on {base}/health within {timeout:.0f}s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--key", help="an API key to send as 'Authorization: Bearer <key>'")
    args = parser.parse_args()
    port = spare_port()
    env = {**os.environ, "VFGRAPH_HOST": "127.0.0.1", "VFGRAPH_PORT": str(port)}
    quiet = subprocess.DEVNULL
    server = subprocess.Popen([str(VFGRAPH), "serve"], env=env, stdout=quiet, stderr=quiet)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_healthy(base)
        audit_env = {**os.environ, **({"VFGRAPH_AUDIT_KEY": args.key} if args.key else {})}
        script = BENCH / "graphql_http_audit.mjs"
        return subprocess.run(["node", str(script), f"{base}/graphql"], env=audit_env, check=False).returncode
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
