"""Who is calling: the identity every read and write is checked against.

A :class:`Caller` is built from an API key or a token by :mod:`vfgraph.services.keys` and travels with the
request. ``None`` where a caller is expected means an anonymous request: it may read what is open and
write nothing.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Caller:
    """An authenticated caller: an agent's key, or an operator key (which may act for any agent)."""

    key_id: str
    agent: str | None  # the agent the key belongs to; None for an operator key not tied to an agent
    operator: bool = False

    def may_act_for(self, agent: str) -> bool:
        return self.operator or self.agent == agent
