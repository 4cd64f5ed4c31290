"""Economic events through GraphQL: recording, exact quantities, errors, and one step of flow."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from tests.e2e.client import Api

RECORD = """
mutation ($e: EconomicEventCreateParams!, $r: EconomicResourceCreateParams) {
  createEconomicEvent(event: $e, newInventoriedResource: $r) {
    economicEvent { id action { id } resourceQuantity { hasNumericalValue hasUnit { symbol } } }
    economicResource { id name accountingQuantity { hasNumericalValue } conformsTo { name } }
  }
}"""

T = "2026-10-01T09:00:00Z"


@dataclass
class Farm:
    api: Api
    farm: str
    mill: str
    kg: str
    grain: str

    def record(
        self, action: str, new_resource: dict[str, Any] | None = None, **fields: Any
    ) -> dict[str, Any]:
        event = {"action": action, "provider": self.farm, "receiver": self.farm, "hasPointInTime": T}
        event.update(fields)
        data = self.api.data(RECORD, e=event, r=new_resource)
        result: dict[str, Any] = data["createEconomicEvent"]
        return result

    def kilos(self, value: str) -> dict[str, Any]:
        return {"hasNumericalValue": value, "hasUnit": self.kg}

    def process(self, name: str) -> str:
        data = self.api.data(
            "mutation ($n: String!) { createProcess(process: {name: $n}) { process { id } } }", n=name
        )
        process_id: str = data["createProcess"]["process"]["id"]
        return process_id


def _create(api: Api, mutation: str, path: tuple[str, ...], **variables: Any) -> str:
    data: Any = api.data(mutation, **variables)
    for key in path:
        data = data[key]
    return str(data)


@pytest.fixture
def farm(api: Api) -> Farm:
    org = "mutation ($n: String!) { createOrganization(organization: {name: $n}) { agent { id } } }"
    kg = _create(
        api,
        'mutation { createUnit(unit: {label: "kilogram", symbol: "kg"}) { unit { id } } }',
        ("createUnit", "unit", "id"),
    )
    grain = _create(
        api,
        """mutation ($u: ID) { createResourceSpecification(resourceSpecification:
             {name: "Grain", defaultUnitOfResource: $u}) { resourceSpecification { id } } }""",
        ("createResourceSpecification", "resourceSpecification", "id"),
        u=kg,
    )
    return Farm(
        api=api,
        farm=_create(api, org, ("createOrganization", "agent", "id"), n="Farm"),
        mill=_create(api, org, ("createOrganization", "agent", "id"), n="Mill"),
        kg=kg,
        grain=grain,
    )


def test_produce_creates_a_resource_and_quantities_stay_exact(farm: Farm) -> None:
    harvest = farm.process("harvest")
    first = farm.record(
        "produce",
        {"name": "Grain lot 1"},
        outputOf=harvest,
        resourceConformsTo=farm.grain,
        resourceQuantity=farm.kilos("0.1"),
    )
    assert first["economicEvent"]["resourceQuantity"] == {
        "hasNumericalValue": "0.1",
        "hasUnit": {"symbol": "kg"},
    }
    lot = first["economicResource"]
    assert lot["name"] == "Grain lot 1"
    assert lot["conformsTo"] == {"name": "Grain"}
    for _ in range(9):
        farm.record(
            "produce", outputOf=harvest, resourceInventoriedAs=lot["id"], resourceQuantity=farm.kilos("0.1")
        )
    read = farm.api.data(
        "query ($id: ID!) { economicResource(id: $id) { accountingQuantity { hasNumericalValue } } }",
        id=lot["id"],
    )
    assert read["economicResource"]["accountingQuantity"] == {"hasNumericalValue": "1"}


def test_a_quantity_sent_as_a_json_number_is_refused(farm: Farm) -> None:
    event = {
        "action": "raise",
        "provider": farm.farm,
        "receiver": farm.farm,
        "hasPointInTime": T,
        "resourceConformsTo": farm.grain,
        "resourceQuantity": {"hasNumericalValue": 0.1, "hasUnit": farm.kg},
    }
    body = farm.api.post(RECORD, {"e": event})
    assert body["errors"][0]["extensions"]["code"] == "INVALID_QUANTITY"


def test_a_shacl_violation_reaches_the_client_with_its_violations(farm: Farm) -> None:
    event = {"action": "work", "provider": farm.farm, "receiver": farm.mill, "hasPointInTime": T}
    errors = farm.api.errors(RECORD, e=event)
    extensions = errors[0]["extensions"]
    assert extensions["code"] == "SHACL_VIOLATION"
    assert extensions["violations"]
    for violation in extensions["violations"]:
        assert set(violation) == {"focusNode", "path", "message", "shape"}
    assert any("effortQuantity" in v["message"] for v in extensions["violations"])


FLOW = """
query ($lot: ID!, $harvest: ID!, $milling: ID!, $produce: ID!, $consume: ID!) {
  economicResource(id: $lot) { previous { id } next { id } }
  harvest: process(id: $harvest) { previous { id } next { id } nextProcesses { id } deletable }
  milling: process(id: $milling) { previous { id } next { id } previousProcesses { id } }
  produce: economicEvent(id: $produce) {
    previous { __typename ... on Process { id } }
    next { __typename ... on EconomicResource { id } }
  }
  consume: economicEvent(id: $consume) {
    previous { __typename ... on EconomicResource { id } }
    next { __typename ... on Process { id } }
  }
}"""


def test_previous_and_next_take_one_step_along_the_flow(farm: Farm) -> None:
    harvest, milling = farm.process("harvest"), farm.process("milling")
    produced = farm.record(
        "produce",
        {"name": "lot"},
        outputOf=harvest,
        resourceConformsTo=farm.grain,
        resourceQuantity=farm.kilos("5"),
    )
    lot, produce = produced["economicResource"]["id"], produced["economicEvent"]["id"]
    consume = farm.record(
        "consume", inputOf=milling, resourceInventoriedAs=lot, resourceQuantity=farm.kilos("2")
    )["economicEvent"]["id"]

    data = farm.api.data(FLOW, lot=lot, harvest=harvest, milling=milling, produce=produce, consume=consume)
    assert data["economicResource"] == {"previous": [{"id": produce}], "next": [{"id": consume}]}
    assert data["harvest"] == {
        "previous": [],
        "next": [{"id": produce}],
        "nextProcesses": [{"id": milling}],
        "deletable": False,
    }
    assert data["milling"] == {
        "previous": [{"id": consume}],
        "next": [],
        "previousProcesses": [{"id": harvest}],
    }
    assert data["produce"] == {
        "previous": [{"__typename": "Process", "id": harvest}],
        "next": [{"__typename": "EconomicResource", "id": lot}],
    }
    assert data["consume"] == {
        "previous": [{"__typename": "EconomicResource", "id": lot}],
        "next": [{"__typename": "Process", "id": milling}],
    }


def test_a_transfer_flows_from_one_resource_into_the_other(farm: Farm) -> None:
    lot = farm.record(
        "raise", {"name": "farm lot"}, resourceConformsTo=farm.grain, resourceQuantity=farm.kilos("5")
    )
    lot_id = lot["economicResource"]["id"]
    sold = farm.record(
        "transfer",
        {"name": "mill lot"},
        receiver=farm.mill,
        resourceInventoriedAs=lot_id,
        resourceQuantity=farm.kilos("2"),
    )
    transfer, mill_lot = sold["economicEvent"]["id"], sold["economicResource"]["id"]
    data = farm.api.data(
        """query ($t: ID!, $from: ID!, $to: ID!) {
             economicEvent(id: $t) { previous { ... on EconomicResource { id } }
                                     next { ... on EconomicResource { id } }
                                     toResourceInventoriedAs { primaryAccountable { name } } }
             from: economicResource(id: $from) { next { id } accountingQuantity { hasNumericalValue } }
             to: economicResource(id: $to) {
               previous { id } economicEventsTo { edges { node { id } } } } }""",
        t=transfer,
        **{"from": lot_id, "to": mill_lot},
    )
    assert data["economicEvent"] == {
        "previous": [{"id": lot_id}],
        "next": [{"id": mill_lot}],
        "toResourceInventoriedAs": {"primaryAccountable": {"name": "Mill"}},
    }
    assert data["from"] == {"next": [{"id": transfer}], "accountingQuantity": {"hasNumericalValue": "3"}}
    assert data["to"]["previous"] == [{"id": transfer}]
    assert data["to"]["economicEventsTo"]["edges"] == [{"node": {"id": transfer}}]
