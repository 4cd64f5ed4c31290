"""A made-up ``traceGraph`` answer of any size, for what the demo is too small to show (the node cap,
private records). Shaped like the API's: a tree of resources, events and processes, fan-in 3."""

from __future__ import annotations

from typing import Any

BASE = "https://synthetic.example/id/"


def _measure(value: str) -> dict[str, Any]:
    return {
        "hasNumericalValue": value,
        "hasUnit": {"id": BASE + "unit/kg", "label": "kilogram", "symbol": "kg"},
    }


def _org(i: int) -> dict[str, Any]:
    return {"__typename": "Organization", "id": f"{BASE}organization/{i % 7}", "name": f"Org {i % 7}"}


def trace(size: int, private_every: int = 0) -> dict[str, Any]:
    """A trace of ``size`` nodes from ``resource/0``; every ``private_every``-th node comes back redacted."""
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    cycle = ("EconomicResource", "EconomicEvent", "Process", "EconomicEvent")
    level = [(f"{BASE}resource/0", 0)]
    while level and len(nodes) < size:
        following: list[tuple[str, int]] = []
        for node_id, depth in level:
            if len(nodes) >= size:
                break
            i = len(nodes)
            kind = cycle[depth % 4]
            node: dict[str, Any] = {"id": node_id, "kind": kind, "depth": depth}
            private = bool(private_every and i and i % private_every == 0)
            node |= {"redacted": private, "resource": None, "event": None, "process": None}
            if kind == "EconomicResource" and not private:
                node["resource"] = {
                    "id": node_id,
                    "name": f"Lot {i}",
                    "trackingIdentifier": f"L-{i}",
                    "accountingQuantity": _measure("10"),
                    "primaryAccountable": _org(i),
                }
            elif kind == "EconomicEvent" and not private:
                node["event"] = {
                    "id": node_id,
                    "action": {"id": "produce", "label": "produce"},
                    "resourceQuantity": _measure("10"),
                    "effortQuantity": None,
                    "provider": _org(i),
                    "receiver": _org(i + 1),
                }
            elif kind == "Process" and not private:
                node["process"] = {"id": node_id, "name": f"Process {i}", "inScopeOf": [_org(i)]}
            nodes.append(node)
            fan = 3 if kind == "Process" else 1
            for k in range(fan):
                child = f"{BASE}{cycle[(depth + 1) % 4].lower()}/{i}-{k}"
                following.append((child, depth + 1))
                edges.append(
                    {
                        "from": child,
                        "to": node_id,
                        "event": child if cycle[(depth + 1) % 4] == "EconomicEvent" else node_id,
                        "action": {"id": "produce", "label": "produce"},
                        "resourceQuantity": _measure("10"),
                        "effortQuantity": None,
                    }
                )
        level = following
    ids = {n["id"] for n in nodes}
    edges = [e for e in edges if e["from"] in ids]
    return {
        "start": f"{BASE}resource/0",
        "direction": "UPSTREAM",
        "maxDepth": 400,
        "truncated": False,
        "nodes": nodes,
        "edges": edges,
    }
