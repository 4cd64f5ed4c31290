"""vf-graphql ``action``: the actions, as the ontology defines them.

Besides the vf-graphql fields (``resourceEffect`` is the ontology's accountingEffect), every ValueFlows 1.0
behaviour property is exposed under its own name, with the ontology's values (``notApplicable`` included).
"""

from __future__ import annotations

import strawberry

from vfgraph.domain.actions import Action as ActionData


@strawberry.type
class Action:
    id: strawberry.ID
    label: str
    resource_effect: str
    onhand_effect: str
    input_output: str | None
    pairs_with: str | None
    accounting_effect: str
    create_resource: str
    event_quantity: str
    location_effect: str
    contained_effect: str
    accountable_effect: str
    stage_effect: str
    state_effect: str

    @classmethod
    def of(cls, a: ActionData) -> Action:
        return cls(
            id=strawberry.ID(a.id),
            label=a.label,
            resource_effect=a.accounting_effect,
            onhand_effect=a.onhand_effect,
            input_output=a.input_output,
            pairs_with=a.pairs_with,
            accounting_effect=a.accounting_effect,
            create_resource=a.create_resource,
            event_quantity=a.event_quantity,
            location_effect=a.location_effect,
            contained_effect=a.contained_effect,
            accountable_effect=a.accountable_effect,
            stage_effect=a.stage_effect,
            state_effect=a.state_effect,
        )
