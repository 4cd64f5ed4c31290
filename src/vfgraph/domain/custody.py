"""Who holds a resource: the custodian vfgraph keeps beside ``primaryAccountable``.

ValueFlows 1.0 says who is accountable for a resource, and that ``transferCustody`` passes "physical custody
and control" without rights; it has no term for the holder. vfgraph keeps one (the ``custodian`` property,
bookkeeping like ``involved``, never a field of the API or of the linked data) because its write policy
lets the keepers of a resource, the agent accountable for it and the agent holding it, change it
(:mod:`vfgraph.services.authorization`). The rules, read from the action's behaviour:

- an event whose action puts on-hand quantity into its ``toResourceInventoriedAs`` (``vf:onhandEffect``
  ``decrementIncrement`` or ``incrementTo``: transfer, transfer custody, move, copy) makes its receiver the
  holder of that to-resource;
- a resource an event creates with no agent accountable for it is held by the event's receiver;
- otherwise the holder stays as it was.
"""

from __future__ import annotations

from vfgraph.domain.actions import Action

_GIVES_ONHAND = frozenset({"decrementIncrement", "incrementTo"})


def custodian(
    action: Action,
    receiver: str,
    *,
    to_resource: bool,
    created: bool,
    accountable: str | None,
    before: str | None,
) -> str | None:
    """The holder of a resource after an event (``to_resource``: it is the event's to-resource)."""
    if to_resource and action.onhand_effect in _GIVES_ONHAND:
        return receiver
    if created and accountable is None:
        return receiver
    return before
