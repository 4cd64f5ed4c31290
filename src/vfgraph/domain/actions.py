"""ValueFlows actions as plain data.

An :class:`Action` carries the eleven behaviour properties that the ValueFlows 1.0 ontology
attaches to each action individual (``vf:inputOutput``, ``vf:pairsWith``, ``vf:createResource``,
``vf:eventQuantity``, ``vf:accountingEffect``, ``vf:onhandEffect``, ``vf:locationEffect``,
``vf:containedEffect``, ``vf:accountableEffect``, ``vf:stageEffect``, ``vf:stateEffect``).

Values are the local names of the ontology's individuals (``"increment"``, ``"decrementIncrement"``,
``"notApplicable"`` ...). Nothing here lists the actions themselves: they are read from
``ontology/vf.ttl`` at start-up by :mod:`vfgraph.vocab.ontology`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

NOT_APPLICABLE = "notApplicable"


@dataclass(frozen=True, slots=True)
class Action:
    """One ValueFlows action and its behaviour, as the ontology states it."""

    id: str  # local name, e.g. "produce"; also the GraphQL Action.id
    label: str
    input_output: str  # input | output | outputInput | notApplicable
    pairs_with: str  # local name of the paired action, or notApplicable
    create_resource: str  # optional | optionalTo | notApplicable
    event_quantity: str  # resource | effort | both
    accounting_effect: str  # increment | decrement | decrementIncrement | incrementTo | notApplicable
    onhand_effect: str  # same values as accounting_effect
    location_effect: str  # new | update | updateTo | notApplicable
    contained_effect: str  # update | remove | notApplicable
    accountable_effect: str  # new | updateTo | notApplicable
    stage_effect: str  # update | notApplicable
    state_effect: str  # update | updateTo | notApplicable

    @property
    def is_input(self) -> bool:
        return self.input_output in ("input", "outputInput")

    @property
    def is_output(self) -> bool:
        return self.input_output in ("output", "outputInput")

    @property
    def needs_effort(self) -> bool:
        return self.event_quantity in ("effort", "both")

    @property
    def needs_resource_quantity(self) -> bool:
        return self.event_quantity in ("resource", "both")

    @property
    def has_to_resource(self) -> bool:
        """True for actions whose effects reach a second, receiving resource (transfers, move, copy)."""
        return any(
            v.endswith("To") or v == "decrementIncrement"
            for v in (
                self.accounting_effect,
                self.onhand_effect,
                self.location_effect,
                self.accountable_effect,
                self.state_effect,
                self.create_resource,
            )
        )


ActionTable = Mapping[str, Action]
