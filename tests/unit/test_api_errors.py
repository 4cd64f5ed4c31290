"""What a client sees of an exception: vfgraph errors with their code and details, anything else masked."""

from __future__ import annotations

import asyncio
import logging

import pytest
import strawberry

from vfgraph.api.errors import ErrorCodes
from vfgraph.api.schema import Schema
from vfgraph.errors import NotFound, ShaclViolation, Violation

VIOLATION = Violation(
    focus_node="http://example.org/e1",
    path="https://w3id.org/valueflows/ont/vf#effortQuantity",
    message="work needs an effortQuantity",
    shape="https://w3id.org/vfgraph/shapes#EffortNeeded",
)


@strawberry.type
class Query:
    @strawberry.field
    def shapes(self) -> str:
        raise ShaclViolation([VIOLATION])

    @strawberry.field
    def missing(self) -> str:
        raise NotFound("no such record", id="http://example.org/x")

    @strawberry.field
    def bug(self) -> str | None:
        raise KeyError("secret internal detail")

    @strawberry.field
    def fine(self) -> str:
        return "ok"


schema = Schema(query=Query, extensions=[ErrorCodes])


def run(query: str) -> strawberry.types.ExecutionResult:
    return asyncio.run(schema.execute(query))


def test_a_shacl_violation_carries_its_code_and_violations() -> None:
    result = run("{ shapes }")
    assert result.errors is not None
    (error,) = result.errors
    assert error.message.startswith("SHACL validation failed: work needs an effortQuantity")
    assert error.extensions == {
        "code": "SHACL_VIOLATION",
        "violations": [
            {
                "focusNode": "http://example.org/e1",
                "path": "https://w3id.org/valueflows/ont/vf#effortQuantity",
                "message": "work needs an effortQuantity",
                "shape": "https://w3id.org/vfgraph/shapes#EffortNeeded",
            }
        ],
    }


def test_details_of_a_vfgraph_error_are_merged_into_the_extensions() -> None:
    result = run("{ missing }")
    assert result.errors is not None
    assert result.errors[0].message == "no such record"
    assert result.errors[0].extensions == {"code": "NOT_FOUND", "id": "http://example.org/x"}


def test_any_other_exception_is_masked_and_logged(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR, logger="vfgraph.api"):
        result = run("{ bug fine }")
    assert result.data == {"bug": None, "fine": "ok"}
    assert result.errors is not None
    (error,) = result.errors
    assert error.message == "Internal server error"
    assert error.extensions == {"code": "INTERNAL_SERVER_ERROR"}
    formatted = error.formatted
    assert "secret" not in str(formatted)
    assert "secret internal detail" in caplog.text  # the real exception stays on the server


def test_a_query_the_schema_cannot_run_keeps_its_message() -> None:
    result = run("{ nope }")
    assert result.errors is not None
    assert "nope" in result.errors[0].message
