"""One step along the flow of resources (ValueFlows ``previous`` / ``next``), read from action behaviour.

- An event comes after the process it is an output of, or else after the resource it takes from (an input,
  or an action that decrements its ``resourceInventoriedAs``: transfers, moves, lower).
- An event comes before the process it is an input of, or else before the resource it increments: the
  ``toResourceInventoriedAs`` of a transfer or move, the ``resourceInventoriedAs`` of an output or a raise.
- A resource comes after the events that incremented it, and before the events that took from it.
- A process comes after its input events and before its output events.
"""

from __future__ import annotations

from vfgraph.domain.actions import Action

_TAKES = ("decrement", "decrementIncrement")
_GIVES = ("increment",)


def takes_from_resource(a: Action) -> bool:
    """True when the event's ``resourceInventoriedAs`` is where the flow comes from."""
    return a.is_input or a.accounting_effect in _TAKES or a.onhand_effect in _TAKES


def gives_to_resource(a: Action) -> bool:
    """True when the event's ``resourceInventoriedAs`` is where the flow goes (outputs, raise)."""
    if takes_from_resource(a):
        return False
    return a.is_output or a.accounting_effect in _GIVES or a.onhand_effect in _GIVES
