"""The 41 test cases of the PACT conformance tool for v3.0, as vfgraph's own tests, over real HTTPS.

The official tool (the wbcsd/pact-conformance-service repository, not on a registry) runs these cases
against a host given its base URL and client credentials; here each case is one test, written from what
the tool sends and checks (its numbering kept), against the app served by uvicorn with TLS on a free port,
on the real Neo4j. Where the tool checks a response against the specification's schema, so does the test
(vfgraph's own schema document, vfgraph.pact.schema). The two callback cases (13, 14.B), pending in the
tool's command-line mode, are checked for real: a second HTTPS host (the requester) receives the answers.

Like the tool, the tests first read the list of footprints and its pagination links (``limit=1``), and
take their filter values from the first footprint listed.
"""

from __future__ import annotations

import secrets
import string
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from tests.e2e.pact_host import (
    Host,
    Producer,
    Requester,
    certificate,
    pact_host,
    producer,
    register,
    requester_host,
)
from vfgraph.pact import schema
from vfgraph.services.ledger import Ledger

EVENTS = "application/cloudevents+json; charset=UTF-8"
CREATED = "org.wbcsd.pact.ProductFootprint.RequestCreatedEvent.3"
FULFILLED = "org.wbcsd.pact.ProductFootprint.RequestFulfilledEvent.3"
REJECTED = "org.wbcsd.pact.ProductFootprint.RequestRejectedEvent.3"
PUBLISHED = "org.wbcsd.pact.ProductFootprint.PublishedEvent.3"


def rand(n: int) -> str:
    return "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(n))


def when(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


@dataclass
class Run:
    host: Host
    requester: Requester
    mill: Producer
    token: str
    listed: list[dict[str, Any]]  # what the first ListFootprints returned
    links: dict[str, str]  # the Link header of ListFootprints?limit=1, by rel
    first: dict[str, Any]  # the filter values, from the first footprint listed
    run_id: str

    def http(self) -> httpx.Client:
        return self.host.client()

    def get(self, path: str, token: str | None = None, **kwargs: Any) -> httpx.Response:
        with self.http() as c:
            return c.get(
                self.host.base + path, headers={"Authorization": f"Bearer {token or self.token}"}, **kwargs
            )

    def post_event(
        self, event: dict[str, Any], token: str | None = None, base: str | None = None
    ) -> httpx.Response:
        with self.http() as c:
            return c.post(
                (base or self.host.base) + "/3/events",
                json=event,
                headers={"Authorization": f"Bearer {token or self.token}", "Content-Type": EVENTS},
            )

    def event(self, kind: str, event_id: str, data: dict[str, Any]) -> dict[str, Any]:
        return {
            "specversion": "1.0",
            "id": event_id,
            "source": self.requester.url,
            "time": iso(datetime.now(UTC)),
            "type": kind,
            "data": data,
        }


def _filter_values(doc: dict[str, Any]) -> dict[str, Any]:
    """The tool's choice of filter values: from the first footprint, its validity period (or the three
    years after its reference period) widened by a day for validAfter/validBefore."""
    if doc.get("validityPeriodStart") and doc.get("validityPeriodEnd"):
        start, end = when(doc["validityPeriodStart"]), when(doc["validityPeriodEnd"])
    else:
        start = when(doc["pcf"]["referencePeriodEnd"])
        end = start.replace(year=start.year + 3)
    pcf = doc["pcf"]
    return {
        "id": doc["id"],
        "productId": doc["productIds"][0],
        "productIds": doc["productIds"],
        "companyId": doc["companyIds"][0],
        "geography": pcf.get("geographyCountry")
        or pcf.get("geographyRegionOrSubregion")
        or pcf.get("geographyCountrySubdivision")
        or "",
        "classification": (doc.get("productClassifications") or [""])[0],
        "validOn": iso(start),
        "validAfter": iso(start - timedelta(days=1)),
        "validBefore": iso(end + timedelta(days=1)),
        "status": doc["status"],
    }


def _links(header: str | None) -> dict[str, str]:
    found: dict[str, str] = {}
    for part in (header or "").split(", "):
        if part.startswith("<") and '>; rel="' in part:
            url, rel = part[1:].split('>; rel="', 1)
            found[rel.rstrip('"')] = url
    return found


@pytest.fixture(scope="module")
def run(ledger: Ledger, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Run]:
    cert = certificate(tmp_path_factory.mktemp("pact-tls"))
    mill = producer(ledger)
    # Three snapshots: oat flour (country, validity period) replaced by a newer one, and bran.
    mill.publish(
        mill.oat_flour,
        pcf={"geographyCountry": "DE"},
        validityPeriodStart="2026-02-04T00:00:00Z",
        validityPeriodEnd="2027-02-04T00:00:00Z",
    )
    mill.publish(mill.bran, pcf={"geographyRegionOrSubregion": "Western Europe"})
    mill.publish(mill.oat_flour, pcf={"geographyCountry": "DE"})
    with requester_host(cert) as requester, pact_host(ledger, cert) as host:
        register(host.ledger, requester)
        token = host.token(mill.client_id, mill.client_secret)
        with host.client() as c:
            auth = {"Authorization": f"Bearer {token}"}
            listed = c.get(host.base + "/3/footprints", headers=auth)
            assert listed.status_code == 200, listed.text
            paged = c.get(host.base + "/3/footprints?limit=1", headers=auth)
        data = listed.json()["data"]
        assert len(data) >= 2, "the tool needs two footprints or more"
        yield Run(
            host,
            requester,
            mill,
            token,
            data,
            _links(paged.headers.get("link")),
            _filter_values(data[0]),
            str(uuid.uuid4()),
        )


def _conforms(definition: str, body: object) -> None:
    problems = schema.errors(definition, body)
    assert not problems, problems


def _listed(r: httpx.Response) -> list[dict[str, Any]]:
    """A filtered ListFootprints answer as the tool wants it: 200, at least one footprint, each with an
    id; vfgraph's answers are also checked against the whole schema."""
    assert r.status_code == 200, r.text
    body = r.json()
    _conforms("ListFootprintsResponse", body)
    assert body["data"], "the tool expects at least one footprint"
    return list(body["data"])


def _empty(r: httpx.Response) -> None:
    assert r.status_code == 200, r.text
    assert r.json() == {"data": []}


# -- authentication -----------------------------------------------------------------------------------


def test_case_01_a_token_for_valid_credentials(run: Run) -> None:
    with run.http() as c:
        r = c.post(
            run.host.base + "/auth/token",
            content="grant_type=client_credentials",
            headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"},
            auth=(run.mill.client_id, run.mill.client_secret),
        )
    assert r.status_code == 200
    _conforms("TokenResponse", r.json())
    assert r.json()["token_type"] == "Bearer" and r.json()["expires_in"] > 0


def test_case_02_no_token_for_invalid_credentials(run: Run) -> None:
    with run.http() as c:
        r = c.post(
            run.host.base + "/auth/token",
            data={"grant_type": "client_credentials"},
            auth=(rand(16), rand(16)),
        )
    assert r.status_code in (400, 401)
    assert r.json()["error"] == "invalid_client"


# -- GetFootprint and ListFootprints ------------------------------------------------------------------


def test_case_03_get_a_footprint(run: Run) -> None:
    r = run.get(f"/3/footprints/{run.first['id']}")
    assert r.status_code == 200
    _conforms("GetFootprintResponse", r.json())
    assert r.json()["data"]["id"] == run.first["id"]


def test_case_04_list_every_footprint(run: Run) -> None:
    r = run.get("/3/footprints")
    assert r.status_code in (200, 202)
    _conforms("ListFootprintsResponse", r.json())
    assert len(r.json()["data"]) == len(run.listed)


def test_case_05_the_pagination_link(run: Run) -> None:
    assert "next" in run.links, "ListFootprints?limit=1 must say where the next page is"
    link = run.links["next"]
    parts, base = urlsplit(link), urlsplit(run.host.base)
    assert parts.scheme == "https" and parts.netloc == base.netloc, "absolute, on the host the client called"
    assert link.startswith(run.host.base)
    with run.http() as c:
        r = c.get(link, headers={"Authorization": f"Bearer {run.token}"})
        again = c.get(link, headers={"Authorization": f"Bearer {run.token}"})
    assert r.status_code == 200
    data = _listed(r)
    assert len(data) == 1  # no more than the limit
    assert again.json() == r.json()  # the same page each time it is called


def test_case_06_list_with_an_invalid_token(run: Run) -> None:
    r = run.get("/3/footprints", token=f"very-invalid-access-token-{rand(16)}")
    assert r.status_code in (400, 401)
    assert r.json()["code"] == "BadRequest"


def test_case_07_get_with_an_invalid_token(run: Run) -> None:
    r = run.get(f"/3/footprints/{run.first['id']}", token=f"very-invalid-access-token-{rand(16)}")
    assert r.status_code in (400, 401)
    assert r.json()["code"] == "BadRequest"


def test_case_08_get_an_unknown_footprint(run: Run) -> None:
    r = run.get("/3/footprints/00000000-0000-0000-0000-000000000000")
    assert r.status_code in (400, 404)
    assert r.json()["code"] in ("NotFound", "BadRequest")
    _conforms("Error", r.json())


# -- plain HTTP is refused ----------------------------------------------------------------------------


def _refused_over_http(run: Run, method: str, path: str, **kwargs: Any) -> None:
    """The tool sends the request to the same URL with http: instead of https: and passes when it fails;
    vfgraph's TLS port does not speak plain HTTP, and its plain listener refuses the PACT routes."""
    same_port = run.host.base.replace("https://", "http://") + path
    with httpx.Client(timeout=10) as c:
        try:
            r = c.request(method, same_port, **kwargs)
        except httpx.HTTPError:
            pass  # the connection is refused: the case passes
        else:
            assert r.status_code != 200 or ("data" not in r.text and "access_token" not in r.text)
        r = c.request(method, run.host.plain + path, **kwargs)
    assert r.status_code == 400, r.text
    assert "access_token" not in r.text and '"data"' not in r.text


def test_case_09_authentication_over_http(run: Run) -> None:
    _refused_over_http(
        run,
        "POST",
        "/auth/token",
        data={"grant_type": "client_credentials"},
        auth=(run.mill.client_id, run.mill.client_secret),
    )


def test_case_10_list_over_http(run: Run) -> None:
    _refused_over_http(run, "GET", "/3/footprints", headers={"Authorization": f"Bearer {run.token}"})


def test_case_11_get_over_http(run: Run) -> None:
    _refused_over_http(
        run, "GET", f"/3/footprints/{run.first['id']}", headers={"Authorization": f"Bearer {run.token}"}
    )


# -- asynchronous requests ----------------------------------------------------------------------------


def test_case_12_an_asynchronous_request_is_accepted(run: Run) -> None:
    data = {"productId": run.first["productIds"], "comment": "Please send PCF data for this year."}
    r = run.post_event(run.event(CREATED, run.run_id + "/12", data))
    assert r.status_code == 200, r.text
    assert r.content == b""


def test_case_13_the_request_is_answered_with_the_footprints(run: Run) -> None:
    answer = run.requester.answer_to(run.run_id + "/12")
    assert answer["path"] == "/3/events"
    assert answer["contentType"].startswith("application/cloudevents+json")
    event = answer["event"]
    _conforms("RequestFulfilledEvent", event)
    assert event["type"] == FULFILLED
    ids = {pf["id"] for pf in event["data"]["pfs"]}
    assert run.first["id"] in ids
    assert all(set(run.first["productIds"]) & set(pf["productIds"]) for pf in event["data"]["pfs"])


def test_case_14a_a_request_for_an_unknown_product_is_accepted(run: Run) -> None:
    data = {"productId": ["urn:pact:null"], "comment": "Please send PCF data for this year."}
    r = run.post_event(run.event(CREATED, run.run_id + "/14.A", data))
    assert r.status_code == 200, r.text


def test_case_14b_the_request_is_answered_with_a_rejection(run: Run) -> None:
    event = run.requester.answer_to(run.run_id + "/14.A")["event"]
    _conforms("RequestRejectedEvent", event)
    assert event["type"] == REJECTED
    assert event["data"]["error"]["code"] == "NotFound"


def test_case_15_a_published_event_is_accepted(run: Run) -> None:
    r = run.post_event(
        run.event(PUBLISHED, str(uuid.uuid4()), {"pfIds": ["3a6c14a7-4deb-498a-b5ea-16ce2535b576"]})
    )
    assert r.status_code == 200, r.text


def test_case_16_events_with_an_invalid_token(run: Run) -> None:
    event = run.event(PUBLISHED, run.run_id + "/16", {"pfIds": ["3a6c14a7-4deb-498a-b5ea-16ce2535b576"]})
    r = run.post_event(event, token=f"very-invalid-access-token-{rand(16)}")
    assert r.status_code in (400, 401)
    assert r.json()["code"] == "BadRequest"


def test_case_17_events_over_http(run: Run) -> None:
    event = run.event(PUBLISHED, run.run_id + "/17", {"pfIds": ["3a6c14a7-4deb-498a-b5ea-16ce2535b576"]})
    _refused_over_http(
        run,
        "POST",
        "/3/events",
        json=event,
        headers={"Authorization": f"Bearer {run.token}", "Content-Type": EVENTS},
    )


# -- OpenID Connect discovery ---------------------------------------------------------------------------


def test_case_18_the_token_endpoint_found_by_openid_connect_discovery(run: Run) -> None:
    with run.http() as c:
        found = c.get(run.host.base + "/.well-known/openid-configuration")
        assert found.status_code == 200
        endpoint = found.json()["token_endpoint"]
        assert endpoint == run.host.base + "/auth/token"
        r = c.post(
            endpoint,
            data={"grant_type": "client_credentials"},
            auth=(run.mill.client_id, run.mill.client_secret),
        )
    assert r.status_code == 200
    _conforms("TokenResponse", r.json())


def test_case_19_the_discovered_endpoint_refuses_wrong_credentials(run: Run) -> None:
    with run.http() as c:
        endpoint = c.get(run.host.base + "/.well-known/openid-configuration").json()["token_endpoint"]
        r = c.post(endpoint, data={"grant_type": "client_credentials"}, auth=(rand(16), rand(16)))
    assert r.status_code in (400, 401)


# -- the filters --------------------------------------------------------------------------------------


def test_case_20_filter_by_product_id(run: Run) -> None:
    data = _listed(run.get("/3/footprints", params={"productId": run.first["productId"]}))
    assert all(run.first["productId"] in pf["productIds"] for pf in data)


def test_case_21_filter_by_company_id(run: Run) -> None:
    data = _listed(run.get("/3/footprints", params={"companyId": run.first["companyId"]}))
    assert all(run.first["companyId"] in pf["companyIds"] for pf in data)


def test_case_22_filter_by_geography(run: Run) -> None:
    geography = run.first["geography"]
    assert geography, "the first footprint names a geography, so the filter is exercised"
    data = _listed(run.get("/3/footprints", params={"geography": geography}))
    keys = ("geographyCountry", "geographyRegionOrSubregion", "geographyCountrySubdivision")
    assert all(any(pf["pcf"].get(k) == geography for k in keys) for pf in data)


def test_case_23_filter_by_classification(run: Run) -> None:
    classification = run.first["classification"]
    assert classification
    data = _listed(run.get("/3/footprints", params={"classification": classification}))
    assert all(classification in pf["productClassifications"] for pf in data)


def _validity(pf: dict[str, Any]) -> tuple[datetime, datetime]:
    if pf.get("validityPeriodStart") and pf.get("validityPeriodEnd"):
        return when(pf["validityPeriodStart"]), when(pf["validityPeriodEnd"])
    end = when(pf["pcf"]["referencePeriodEnd"])
    return end, end.replace(year=end.year + 3)


def test_case_24_filter_by_valid_on(run: Run) -> None:
    on = when(run.first["validOn"])
    data = _listed(run.get("/3/footprints", params={"validOn": run.first["validOn"]}))
    assert all(_validity(pf)[0] <= on <= _validity(pf)[1] for pf in data)


def test_case_25_filter_by_valid_after(run: Run) -> None:
    after = when(run.first["validAfter"])
    data = _listed(run.get("/3/footprints", params={"validAfter": run.first["validAfter"]}))
    assert all(_validity(pf)[0] > after for pf in data)


def test_case_26_filter_by_valid_before(run: Run) -> None:
    before = when(run.first["validBefore"])
    data = _listed(run.get("/3/footprints", params={"validBefore": run.first["validBefore"]}))
    assert all(_validity(pf)[1] < before for pf in data)


def test_case_27_filter_by_status(run: Run) -> None:
    data = _listed(run.get("/3/footprints", params={"status": run.first["status"]}))
    assert all(pf["status"] == run.first["status"] for pf in data)


def test_case_28_filter_by_status_and_product_id(run: Run) -> None:
    params = {"status": run.first["status"], "productId": run.first["productId"]}
    data = _listed(run.get("/3/footprints", params=params))
    assert all(
        pf["status"] == run.first["status"] and run.first["productId"] in pf["productIds"] for pf in data
    )


def test_case_29_several_values_of_one_criterion_are_or_ed(run: Run) -> None:
    params = [("companyId", run.first["companyId"]), ("companyId", rand(8)), ("companyId", rand(8))]
    data = _listed(run.get("/3/footprints", params=params))
    assert all(run.first["companyId"] in pf["companyIds"] for pf in data)


def test_case_30_an_unknown_product_id_matches_nothing(run: Run) -> None:
    _empty(run.get("/3/footprints", params={"productId": f"urn:bogus:product:{rand(16)}"}))


def test_case_31_an_unknown_company_id_matches_nothing(run: Run) -> None:
    _empty(run.get("/3/footprints", params={"companyId": f"urn:bogus:company:{rand(16)}"}))


def test_case_32_an_unknown_geography_matches_nothing(run: Run) -> None:
    _empty(run.get("/3/footprints", params={"geography": "XX"}))


def test_case_33_an_unknown_classification_matches_nothing(run: Run) -> None:
    _empty(run.get("/3/footprints", params={"classification": f"urn:bogus:classification:{rand(16)}"}))


def test_case_34_a_day_long_before_every_validity_matches_nothing(run: Run) -> None:
    _empty(run.get("/3/footprints", params={"validOn": "1900-01-01T00:00:00Z"}))


def test_case_35_valid_after_the_far_future_matches_nothing(run: Run) -> None:
    _empty(run.get("/3/footprints", params={"validAfter": "2099-12-31T23:59:59Z"}))


def test_case_36_valid_before_the_far_past_matches_nothing(run: Run) -> None:
    _empty(run.get("/3/footprints", params={"validBefore": "1900-01-01T00:00:00Z"}))


def test_case_37_an_unknown_status_matches_nothing(run: Run) -> None:
    _empty(run.get("/3/footprints", params={"status": f"BogusStatus{rand(8)}"}))


def test_case_38_criteria_are_and_ed(run: Run) -> None:
    params = {"companyId": f"urn:bogus:company:{rand(8)}", "productId": f"urn:bogus:product:{rand(16)}"}
    _empty(run.get("/3/footprints", params=params))


def test_case_39_several_unknown_values_of_one_criterion_match_nothing(run: Run) -> None:
    params = [("companyId", f"urn:bogus:company:{rand(8)}") for _ in range(3)]
    _empty(run.get("/3/footprints", params=params))


def test_case_40_a_published_event_naming_a_product_instead_of_a_footprint_is_refused(run: Run) -> None:
    r = run.post_event(run.event(PUBLISHED, str(uuid.uuid4()), {"pfIds": ["urn:gtin:4712345060507"]}))
    assert r.status_code == 400
    assert r.json()["code"] == "BadRequest"
    _conforms("Error", r.json())
