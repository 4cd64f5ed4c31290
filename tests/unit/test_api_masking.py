"""A masked error carries the request's id, which the server log records beside the real exception."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

import pytest
import strawberry

from vfgraph.api.errors import ErrorCodes
from vfgraph.api.schema import Schema
from vfgraph.domain.access import Caller


@strawberry.type
class Query:
    @strawberry.field
    def bug(self) -> str | None:
        raise KeyError("secret internal detail")


schema = Schema(query=Query, extensions=[ErrorCodes])


@dataclass
class FakeContext:
    """What the error handling reads of a context: the request id and the caller."""

    request_id: str
    caller: Caller | None = None


def test_a_masked_error_carries_the_request_id_that_the_log_records(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR, logger="vfgraph.api"):
        result = asyncio.run(schema.execute("{ bug }", context_value=FakeContext("r-123")))
    assert result.errors is not None
    (error,) = result.errors
    assert error.extensions == {"code": "INTERNAL_SERVER_ERROR", "requestId": "r-123"}
    assert "secret" not in str(error.formatted)
    (record,) = caplog.records
    assert "r-123" in record.getMessage()
    assert record.exc_info is not None and "secret internal detail" in str(record.exc_info[1])


@pytest.mark.parametrize(("caller", "suggested"), [(None, False), (Caller("k", None, operator=True), True)])
def test_suggestions_are_for_authenticated_callers_only(caller: Caller | None, suggested: bool) -> None:
    result = asyncio.run(schema.execute("{ bugg }", context_value=FakeContext("r", caller)))
    assert result.errors is not None
    assert ("Did you mean 'bug'?" in result.errors[0].message) is suggested
