"""The pure parts of the keepers rule: who holds a resource after an event, which roles make a member,
and the shape of a pending event."""

from __future__ import annotations

import pytest
from rdflib import Graph

from vfgraph.domain.custody import custodian
from vfgraph.services.authorization import is_member_role
from vfgraph.vocab.ontology import load_ontology
from vfgraph.vocab.shacl import ShapesValidator

ACTIONS = load_ontology().actions
HANDS_ON = sorted(a for a, x in ACTIONS.items() if x.onhand_effect in ("decrementIncrement", "incrementTo"))


@pytest.mark.parametrize("action", HANDS_ON)
def test_the_receiver_holds_the_resource_an_event_puts_on_hand_quantity_into(action: str) -> None:
    held = custodian(
        ACTIONS[action], "ex:b", to_resource=True, created=False, accountable="ex:a", before="ex:a"
    )
    assert held == "ex:b"


@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_the_holder_of_the_resource_an_event_names_stays_unless_the_event_creates_it_unowned(
    action: str,
) -> None:
    a = ACTIONS[action]
    assert custodian(a, "ex:b", to_resource=False, created=False, accountable="ex:a", before="ex:c") == "ex:c"
    assert custodian(a, "ex:b", to_resource=False, created=True, accountable=None, before=None) == "ex:b"
    assert custodian(a, "ex:b", to_resource=False, created=True, accountable="ex:a", before=None) is None


@pytest.mark.parametrize(
    ("label", "member"),
    [
        ("member", True),
        ("Member of", True),
        ("is member of", True),
        ("  MEMBER  ", True),
        ("supplier of", False),
        ("former member", False),
        ("has member", False),
        ("", False),
        (None, False),
    ],
)
def test_which_role_labels_make_a_member(label: str | None, member: bool) -> None:
    assert is_member_role(label) is member


VIEW = """
@prefix vf: <https://w3id.org/valueflows/ont/vf#> .
@prefix vfg: <https://w3id.org/vfgraph/ns#> .
<https://example.org/e> a vfg:PendingEconomicEvent ; vfg:requestStatus {status} .
"""


@pytest.mark.parametrize(("status", "ok"), [('"pending"', True), ('"rejected"', True), ('"maybe"', False)])
def test_a_pending_event_states_where_it_stands(status: str, ok: bool) -> None:
    violations = ShapesValidator().validate(
        Graph().parse(data=VIEW.replace("{status}", status), format="turtle")
    )
    assert (not violations) is ok
    if not ok:
        assert any("requestStatus" in v.message for v in violations)
