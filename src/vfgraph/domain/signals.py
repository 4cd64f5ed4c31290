"""Signals, as plain rules (docs/signals.md): which change a subscriber's filter lets through, and how well
an agent could fill an open request.

Matching an agent to a request (an open intent asking for a resource specification, with no provider yet)
looks at what the agent can supply of that specification, and ranks the request by the best of:

    HOLDS_ENOUGH  3  it holds on hand, in the request's unit, at least the quantity asked
                     (or the request asks no quantity and it holds some)
    HOLDS_SOME    2  it holds some on hand, but less than asked or in another unit
    PRODUCES      1  it has produced the specification before (an output of an event it provided, or of a
                     process in its scope)

then by due date (soonest first; none last), then by id. Every match says why, one reason per ground.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import IntEnum
from typing import Any, Literal

from vfgraph.domain.kinds import Kind
from vfgraph.domain.quantities import ZERO, format_decimal

SIGNAL_KINDS = (Kind.INTENT, Kind.PROPOSAL, Kind.COMMITMENT)

# The side of an open proposal: an offer's primary intents name a provider and no receiver, a request's a
# receiver and no provider.
Side = Literal["offer", "request"]


@dataclass(frozen=True, slots=True)
class ProposalFilter:
    """Which open offers or requests to list: any of ``specs``, at any of ``locations``, open at some time
    in [``start``, ``end``]; None means any."""

    specs: tuple[str, ...] | None = None
    locations: tuple[str, ...] | None = None
    start: datetime | None = None
    end: datetime | None = None

    def criteria(self) -> dict[str, Any]:
        """As the criteria of vf-graphql's ProposalFilterParams (domain/filters.py)."""
        given = {
            "resourceConformsTo": self.specs,
            "atLocation": self.locations,
            "startDate": self.start,
            "endDate": self.end,
        }
        return {k: v for k, v in given.items() if v is not None}


def open_side(side: Side) -> dict[str, Any]:
    """The criteria that make a proposal an open offer (request): open now, every primary intent on that
    side, at least one of them not finished."""
    return {"isOffer" if side == "offer" else "isRequest": True, "active": True, "unfinished": True}


@dataclass(frozen=True, slots=True)
class Subject:
    """What a changed intent, proposal or commitment is about, as its subscriber may see it."""

    kind: Kind
    id: str
    specs: frozenset[str] = frozenset()
    locations: frozenset[str] = frozenset()
    agents: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class SignalFilter:
    """What a subscriber wants to hear about. Each criterion left empty lets everything through; each one
    given must share at least one value with the record (a proposal has those of its intents)."""

    kinds: frozenset[Kind] = frozenset(SIGNAL_KINDS)
    specs: frozenset[str] = frozenset()
    locations: frozenset[str] = frozenset()
    agents: frozenset[str] = frozenset()

    def accepts(self, subject: Subject) -> bool:
        return (
            subject.kind in self.kinds
            and _meets(self.specs, subject.specs)
            and _meets(self.locations, subject.locations)
            and _meets(self.agents, subject.agents)
        )


def _meets(wanted: frozenset[str], found: frozenset[str]) -> bool:
    return not wanted or not wanted.isdisjoint(found)


class Ground(IntEnum):
    """Why an agent could fill a request; the value is the score it gives."""

    PRODUCES = 1
    HOLDS_SOME = 2
    HOLDS_ENOUGH = 3


@dataclass(frozen=True, slots=True)
class Holding:
    resource: str
    quantity: Decimal
    unit: str | None


@dataclass(frozen=True, slots=True)
class Supply:
    """What an agent can supply of one resource specification."""

    spec: str
    held: tuple[Holding, ...] = ()
    made: int = 0  # output flows of the specification it has made


@dataclass(frozen=True, slots=True)
class Request:
    """An open intent asking for ``spec``; ``due`` is an ISO date-time string (or None)."""

    id: str
    spec: str
    quantity: Decimal | None = None
    unit: str | None = None
    due: str | None = None


@dataclass(frozen=True, slots=True)
class Match:
    request: Request
    score: int
    reasons: tuple[str, ...] = field(default=())


def match(request: Request, supply: Supply) -> Match | None:
    """How well ``supply`` fills ``request`` (None: not at all)."""
    grounds: list[tuple[Ground, str]] = []
    same_unit = [h for h in supply.held if request.unit is None or h.unit == request.unit]
    on_hand = sum((h.quantity for h in same_unit), ZERO)
    if supply.held:
        where = ", ".join(sorted(h.resource for h in supply.held))
        if request.quantity is None and on_hand > ZERO:
            grounds.append((Ground.HOLDS_ENOUGH, f"holds {_amount(on_hand, request.unit)} on hand ({where})"))
        elif request.quantity is not None and on_hand >= request.quantity:
            asked = _amount(request.quantity, request.unit)
            grounds.append(
                (
                    Ground.HOLDS_ENOUGH,
                    f"holds {_amount(on_hand, request.unit)} on hand ({where}); {asked} asked",
                )
            )
        else:
            asked = _amount(request.quantity, request.unit) if request.quantity is not None else "some"
            held = _amount(on_hand, request.unit) if on_hand > ZERO else "none in the unit asked"
            grounds.append((Ground.HOLDS_SOME, f"holds {held} on hand ({where}); {asked} asked"))
    if supply.made:
        noun = "output" if supply.made == 1 else "outputs"
        grounds.append((Ground.PRODUCES, f"produces it ({supply.made} recorded {noun})"))
    if not grounds:
        return None
    grounds.sort(key=lambda g: -g[0])
    return Match(request=request, score=int(grounds[0][0]), reasons=tuple(reason for _, reason in grounds))


def _amount(quantity: Decimal, unit: str | None) -> str:
    return f"{format_decimal(quantity)} {unit}" if unit else format_decimal(quantity)


def rank(requests: Iterable[Request], supplies: Sequence[Supply]) -> list[Match]:
    """The requests ``supplies`` can fill, best first (score, then soonest due, then id)."""
    by_spec = {s.spec: s for s in supplies}
    found = [m for r in requests if r.spec in by_spec for m in [match(r, by_spec[r.spec])] if m is not None]
    found.sort(key=lambda m: (-m.score, m.request.due is None, m.request.due or "", m.request.id))
    return found
