"""No agent changes a resource it does not keep; the other party's events on it wait for its confirmation.

The cases are generated from the actions of ``ontology/vf.ttl``: every action whose behaviour changes the
resource an event names (its quantities, custody or accountability) is tried by an outsider on another
organisation's resource, directly (refused, nothing changes), as a pending event (kept, nothing changes),
and confirmed by the keeper (the resource then changes exactly as if the event had been recorded directly).
A new action in the ontology is covered without touching this file.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest

from tests.neo4j.world import World, qty
from vfgraph.domain.access import Caller
from vfgraph.domain.actions import Action
from vfgraph.domain.kinds import Kind
from vfgraph.errors import Forbidden, Immutable, InsufficientQuantity
from vfgraph.services import pending
from vfgraph.services.ledger import Ledger
from vfgraph.vocab.ontology import load_ontology

ACTIONS = load_ontology().actions
_CHANGES = {"increment", "decrement", "decrementIncrement"}
_TO_CHANGES = {"incrementTo", "decrementIncrement"}


def changes_resource(a: Action) -> bool:
    """The action changes the quantities, custody or accountability of the resource an event names."""
    return bool({a.accounting_effect, a.onhand_effect} & _CHANGES)


def changes_to_resource(a: Action) -> bool:
    """The action changes the quantities, custody or accountability of the event's to-resource."""
    return bool({a.accounting_effect, a.onhand_effect} & _TO_CHANGES) or a.accountable_effect == "updateTo"


ON_RESOURCE = sorted(a.id for a in ACTIONS.values() if changes_resource(a))
ON_TO_RESOURCE = sorted(a.id for a in ACTIONS.values() if changes_to_resource(a))

STATE = """
MATCH (r:EconomicResource {id: $id})
RETURN r.accountingQuantityValue AS accounting, r.onhandQuantityValue AS onhand,
       r.currentLocation AS location, r.state AS state, r.custodian AS custodian,
       [(r)-[:PRIMARY_ACCOUNTABLE]->(a) | a.id][0] AS accountable,
       [(r)-[:CONTAINED_IN]->(c) | c.id][0] AS containedIn,
       [(r)-[:STAGE]->(s) | s.id][0] AS stage
"""
EVENTS_NAMED = "MATCH (e:EconomicEvent {id: $id}) RETURN count(e) AS n"


@dataclass
class Two:
    world: World
    keeper: str  # the organisation whose resources are at stake
    outsider: str  # another organisation, with its own key
    as_keeper: Ledger
    as_outsider: Ledger
    process: str  # a process in the outsider's scope

    def stock(self, owner: str, value: str = "10") -> str:
        return self.world.stock(value, owner=owner)

    def state(self, iri: str) -> dict[str, Any]:
        rows = self.world.ledger.store.rows(STATE, {"id": iri})
        assert rows, iri
        return rows[0]


@pytest.fixture
def two(world: World) -> Two:
    ledger = world.ledger
    keeper = ledger.create(Kind.ORGANIZATION, {"name": "Keeper Coop"})
    outsider = ledger.create(Kind.ORGANIZATION, {"name": "Outsider Ltd"})
    process = ledger.create(Kind.PROCESS, {"name": "outsider's work", "inScopeOf": [outsider]})
    return Two(
        world,
        keeper,
        outsider,
        ledger.acting_as(Caller(key_id="keeper-key", agent=keeper)),
        ledger.acting_as(Caller(key_id="outsider-key", agent=outsider)),
        process,
    )


def _kg(two: Two, value: str) -> dict[str, Any]:
    return qty(value, two.world.kg)


def event_of(two: Two, action: Action, **fields: Any) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """An event of ``action`` in which the keeper provides and the outsider receives, with what the action
    needs (a process to be an input or output of, an effort, a new to-resource)."""
    event: dict[str, Any] = {
        "action": action.id,
        "provider": two.keeper,
        "receiver": two.outsider,
        "resourceQuantity": qty("1", two.world.kg),
        **fields,
    }
    if action.needs_effort:
        event["effortQuantity"] = qty("1", two.world.hour)
    if action.is_input:
        event["inputOf"] = two.process
    elif action.is_output:
        event["outputOf"] = two.process
    new = {"name": "the outsider's part"} if action.create_resource == "optionalTo" else None
    if new is None and "toResourceInventoriedAs" not in fields and action.has_to_resource:
        event["toResourceInventoriedAs"] = two.stock(two.outsider)
    return event, new


@pytest.mark.parametrize("action_id", ON_RESOURCE)
def test_an_outsider_cannot_change_anothers_resource_directly(two: Two, action_id: str) -> None:
    lot = two.stock(two.keeper)
    before = two.state(lot)
    event, new = event_of(two, ACTIONS[action_id], resourceInventoriedAs=lot)
    with pytest.raises(Forbidden) as refused:
        two.as_outsider.record_event(event, new)
    assert refused.value.details["keepers"] == [two.keeper]
    assert refused.value.details["hint"] == "createPendingEconomicEvent"
    assert "createPendingEconomicEvent" in refused.value.message
    assert two.state(lot) == before


@pytest.mark.parametrize("action_id", ON_RESOURCE)
def test_a_pending_event_changes_nothing_until_the_keeper_confirms_it(two: Two, action_id: str) -> None:
    action = ACTIONS[action_id]
    lot, twin = two.stock(two.keeper), two.stock(two.keeper)
    before = two.state(lot)
    event, new = event_of(two, action, resourceInventoriedAs=lot)
    iri, new_iri = pending.request(two.as_outsider, event, new)
    assert two.state(lot) == before
    assert two.world.ledger.store.rows(EVENTS_NAMED, {"id": iri})[0]["n"] == 0
    assert (new_iri is None) == (new is None)

    with pytest.raises(Forbidden):
        pending.confirm(two.as_outsider, iri)  # the one who asked cannot apply it
    confirmed, created = pending.confirm(two.as_keeper, iri)
    assert (confirmed, created) == (iri, new_iri)

    # The same event recorded directly (by an operator) on a twin resource changes it the same way.
    twin_event, twin_new = event_of(two, action, resourceInventoriedAs=twin)
    two.world.ledger.record_event(twin_event, twin_new)
    assert two.state(lot) == two.state(twin) != before
    assert two.world.ledger.store.rows(EVENTS_NAMED, {"id": iri})[0]["n"] == 1


@pytest.mark.parametrize("action_id", ON_TO_RESOURCE)
def test_an_outsider_cannot_put_anything_into_anothers_resource(two: Two, action_id: str) -> None:
    action = ACTIONS[action_id]
    mine, theirs = two.stock(two.outsider), two.stock(two.keeper)
    before = two.state(theirs)
    event, _ = event_of(
        two, action, resourceInventoriedAs=mine, toResourceInventoriedAs=theirs, provider=two.outsider
    )
    event["receiver"] = two.keeper
    with pytest.raises(Forbidden) as refused:
        two.as_outsider.record_event(event)
    assert refused.value.details["keepers"] == [two.keeper]
    assert two.state(theirs) == before


def test_a_confirmation_that_no_longer_fits_fails_and_the_event_stays_pending(two: Two) -> None:
    lot = two.stock(two.keeper, "3")
    event, _ = event_of(two, ACTIONS["consume"], resourceInventoriedAs=lot)
    event["resourceQuantity"] = qty("5", two.world.kg)
    iri, _ = pending.request(two.as_outsider, event, None)
    with pytest.raises(InsufficientQuantity):
        pending.confirm(two.as_keeper, iri)
    assert two.state(lot)["accounting"] == "3"
    raised = {"action": "raise", "provider": two.keeper, "receiver": two.keeper}
    two.as_keeper.record_event(raised | {"resourceInventoriedAs": lot, "resourceQuantity": _kg(two, "2")})
    pending.confirm(two.as_keeper, iri)
    assert two.state(lot)["accounting"] == "0"


def test_a_rejected_event_is_kept_and_never_applied(two: Two) -> None:
    lot = two.stock(two.keeper)
    event, _ = event_of(two, ACTIONS["consume"], resourceInventoriedAs=lot)
    iri, _ = pending.request(two.as_outsider, event, None)
    pending.reject(two.as_keeper, iri, "we never sold you that")
    with pytest.raises(Immutable):
        pending.confirm(two.as_keeper, iri)
    with pytest.raises(Immutable):
        pending.reject(two.as_outsider, iri, None)
    assert two.state(lot)["accounting"] == "10"
    stranger = two.world.ledger.create(Kind.ORGANIZATION, {"name": "Stranger"})
    other = two.world.ledger.acting_as(Caller(key_id="stranger-key", agent=stranger))
    iri2, _ = pending.request(two.as_outsider, event, None)
    with pytest.raises(Exception) as hidden:
        pending.reject(other, iri2, None)
    assert getattr(hidden.value, "code", None) == "NOT_FOUND"  # a stranger does not even see it


def test_the_confirmed_event_remembers_who_asked_and_who_confirmed(two: Two) -> None:
    lot = two.stock(two.keeper)
    event, new = event_of(two, ACTIONS["transfer"], resourceInventoriedAs=lot)
    iri, new_iri = pending.request(two.as_outsider, event, new)
    pending.confirm(two.as_keeper, iri)
    row = two.world.ledger.store.rows(
        "MATCH (e:EconomicEvent {id: $id}) RETURN e.createdBy AS asked, e.confirmedBy AS confirmed,"
        " e.hasPointInTime AS time, e.requestedAt AS requestedAt",
        {"id": iri},
    )[0]
    assert (row["asked"], row["confirmed"]) == (two.outsider, two.keeper)
    assert row["time"] is not None and row["time"][:16] == row["requestedAt"][:16]
    assert new_iri is not None
    t = two.state(new_iri)
    assert (t["accountable"], t["custodian"], t["accounting"]) == (two.outsider, two.outsider, "1")


def test_an_agent_keeps_its_own_resources_and_what_it_was_given_custody_of(two: Two) -> None:
    mine = two.stock(two.outsider)
    consume = {"action": "consume", "provider": two.outsider, "receiver": two.outsider}
    two.as_outsider.record_event(consume | {"resourceInventoriedAs": mine, "resourceQuantity": _kg(two, "1")})
    assert two.state(mine)["accounting"] == "9"
    # The keeper hands custody of 4 kg to the outsider: the outsider holds the new resource, and uses it up.
    lot = two.stock(two.keeper)
    custody = {"action": "transferCustody", "provider": two.keeper, "receiver": two.outsider}
    _, held = two.as_keeper.record_event(
        custody | {"resourceInventoriedAs": lot, "resourceQuantity": qty("4", two.world.kg)}, {"name": "held"}
    )
    assert held is not None
    assert two.state(held)["custodian"] == two.outsider and two.state(held)["accountable"] is None
    # It holds what is on hand (not the rights): it hands 1 kg on, which only the holder (or owner) may.
    onward = {"action": "transferCustody", "provider": two.outsider, "receiver": two.keeper}
    two.as_outsider.record_event(
        onward | {"resourceInventoriedAs": held, "resourceQuantity": qty("1", two.world.kg)}, {"name": "back"}
    )
    assert two.state(held)["onhand"] == "3"


def test_a_resource_no_one_keeps_is_changed_only_by_an_operator(two: Two) -> None:
    lot = two.stock(two.outsider)
    # As data imported from elsewhere may be: a resource no agent is accountable for.
    forget = "MATCH (:EconomicResource {id: $id})-[a:PRIMARY_ACCOUNTABLE]->() DELETE a"
    two.world.ledger.store.write(lambda tx: tx.rows(forget, {"id": lot}))
    lower = {"action": "lower", "provider": two.outsider, "receiver": two.outsider}
    with pytest.raises(Forbidden) as refused:
        two.as_outsider.record_event(
            lower | {"resourceInventoriedAs": lot, "resourceQuantity": _kg(two, "1")}
        )
    assert refused.value.details["keepers"] == []
    two.world.ledger.record_event(lower | {"resourceInventoriedAs": lot, "resourceQuantity": _kg(two, "1")})
    assert two.state(lot)["accounting"] == "9"


# -- acting for an organisation ---------------------------------------------------------------------


def _member(two: Two, person: str, label: str, by: Ledger) -> None:
    role = two.world.ledger.create(Kind.AGENT_RELATIONSHIP_ROLE, {"roleLabel": label})
    by.create(Kind.AGENT_RELATIONSHIP, {"subject": person, "object": two.keeper, "relationship": role})


def _consume_by(two: Two, who: Ledger, lot: str) -> None:
    who.record_event(
        {"action": "consume", "provider": two.keeper, "receiver": two.keeper}
        | {"resourceInventoriedAs": lot, "resourceQuantity": qty("1", two.world.kg)}
    )


@pytest.mark.parametrize("label", ["member", "member of", "Is Member Of"])
def test_a_member_the_organisation_names_acts_for_it(two: Two, label: str) -> None:
    person = two.world.ledger.create(Kind.PERSON, {"name": f"Ana {uuid.uuid4().hex[:6]}"})
    _member(two, person, label, by=two.as_keeper)
    lot = two.stock(two.keeper)
    _consume_by(two, two.world.ledger.acting_as(Caller(key_id="ana", agent=person)), lot)
    assert Decimal(two.state(lot)["accounting"]) == 9


@pytest.mark.parametrize(
    ("label", "stated_by_self"),
    [("member", True), ("supplier of", False), ("former member", False)],
)
def test_no_one_acts_for_an_organisation_without_its_word(two: Two, label: str, stated_by_self: bool) -> None:
    person = two.world.ledger.create(Kind.PERSON, {"name": "Bob"})
    as_person = two.world.ledger.acting_as(Caller(key_id="bob", agent=person))
    _member(two, person, label, by=as_person if stated_by_self else two.as_keeper)
    lot = two.stock(two.keeper)
    with pytest.raises(Forbidden):
        _consume_by(two, as_person, lot)
    assert two.state(lot)["accounting"] == "10"
