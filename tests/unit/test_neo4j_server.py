"""The project's own Neo4j server: configuration and the readiness probe (no server needed)."""

from __future__ import annotations

import socket
from pathlib import Path

from vfgraph import neo4j_server
from vfgraph.settings import Settings


def test_the_configuration_listens_on_loopback_only_with_http_off(tmp_path: Path) -> None:
    settings = Settings.from_env({"VFGRAPH_NEO4J_HOME": str(tmp_path), "VFGRAPH_NEO4J_BOLT_PORT": "7999"})
    layout = neo4j_server.Layout(settings.neo4j_home)
    neo4j_server.configure(settings, layout)
    conf = dict(
        line.split("=", 1)
        for line in (tmp_path / "conf" / "neo4j.conf").read_text().splitlines()
        if "=" in line
    )
    assert conf["server.bolt.listen_address"] == "127.0.0.1:7999"
    assert conf["server.default_listen_address"] == "127.0.0.1"
    assert conf["server.http.enabled"] == "false"
    assert conf["dbms.security.auth_enabled"] == "true"
    assert conf["server.directories.data"] == str(tmp_path / "data")


def test_a_password_is_generated_once_and_kept(tmp_path: Path) -> None:
    settings = Settings.from_env({"VFGRAPH_NEO4J_HOME": str(tmp_path)})
    layout = neo4j_server.Layout(settings.neo4j_home)
    first = neo4j_server.password_for(settings, layout)
    assert len(first) >= 16
    assert neo4j_server.password_for(settings, layout) == first
    assert first.isalnum()  # never read as a command-line option
    assert Settings.from_env({"VFGRAPH_NEO4J_HOME": str(tmp_path)}).neo4j_password == first


def test_a_configured_uri_means_an_external_server(tmp_path: Path) -> None:
    settings = Settings.from_env(
        {"VFGRAPH_NEO4J_URI": "neo4j://db.example:7687", "VFGRAPH_NEO4J_HOME": str(tmp_path)}
    )
    assert settings.neo4j_external
    assert settings.neo4j_uri == "neo4j://db.example:7687"


def test_a_port_that_does_not_speak_bolt_is_not_ready() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        free_port = s.getsockname()[1]
    assert not neo4j_server.bolt_answers(free_port, timeout=0.5)
