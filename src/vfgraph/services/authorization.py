"""Who may write what, and who may see a private record.

Writing needs a caller (a key). An operator key may do anything, on behalf of any agent. An agent's key:

- may not create agents (an operator registers them), and may change only its own agent record;
- may create units, specifications, recipes, relationship roles, thresholds and allocations, and
  change or delete the ones it created;
- may create processes in its own scope (``inScopeOf`` defaults to the caller and must include it), and
  change the processes in its scope;
- may record an event only as its provider or receiver (or for an organisation it is a member of, below),
  and only on resources that the provider or the receiver is accountable for; may change the note,
  agreement or privacy of such an event;
- may change a resource's quantities, custody, accountability, place, containment, stage or state by an
  event only when it (or an organisation it is a member of) *keeps* the resource: is accountable for it or
  has custody of it (:func:`may_change_resources`). Anything else on another's resource is recorded as a
  *pending* event, which takes effect when a keeper (or an operator) confirms it
  (:mod:`vfgraph.services.pending`);
- may change the descriptive fields of a resource it is accountable for;
- may relate itself to other agents (it is the subject or the object);
- may create and change an intent or a commitment it is a party to: its provider or receiver, or an agent
  in whose scope it is (``inScopeOf``);
- may create proposals, plans and agreements (it becomes their creator), and change the ones it created or
  that are in its scope; may publish intents in (``proposeIntent``) and address (``proposeTo``) only the
  proposals it may change;
- may fulfil a commitment or satisfy an intent only with an event or commitment it is a party to.
- may make a claim against an event it is a party to, settle a claim with an event it is a party to, and
  change or delete such claims and settlements (their ``involved`` agents: the parties of those events);
- may write value equations in its own scope and change the ones it wrote or that are in its scope.

Every record remembers who wrote it (``createdBy``/``updatedBy`` agent, ``createdByKey``/``updatedByKey``).

An agent *acts for* itself and for the organisations it is a member of: an organisation it is the subject
of an AgentRelationship with, whose role reads "member" ("member", "member of", "is member of", in any
case), and that the organisation itself or an operator last wrote (a member cannot make itself one, and a
membership the member edits lapses until the organisation writes it again). Acting for an organisation
lets an agent record events as that organisation's provider or receiver and change the resources it keeps;
nothing else.

A record marked ``private`` is seen only by the agents *involved* in it (its ``involved`` list: an
event's, intent's or commitment's provider, receiver and scope; a process's scope and creator; a resource's
accountable agents, now and before) and by operators. The read statements apply the rule
themselves (``VISIBLE`` in :mod:`vfgraph.store.cypher.read`).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from vfgraph.domain.access import Caller
from vfgraph.domain.kinds import Kind
from vfgraph.errors import Forbidden, Unauthenticated
from vfgraph.store.cypher import access as cypher
from vfgraph.store.driver import Tx

if TYPE_CHECKING:
    from vfgraph.services.ledger import Ledger

_SHARED = {
    Kind.UNIT,
    Kind.RESOURCE_SPECIFICATION,
    Kind.PROCESS_SPECIFICATION,
    Kind.AGENT_RELATIONSHIP_ROLE,
    Kind.THRESHOLD,
    Kind.ALLOCATION,
    Kind.RECIPE_PROCESS,
    Kind.RECIPE_FLOW,
    Kind.RECIPE_EXCHANGE,
    Kind.SPATIAL_THING,
    Kind.BATCH_LOT_RECORD,
    Kind.SCENARIO_DEFINITION,
    Kind.APPRECIATION,
}


# Planned flows: a party is the provider, the receiver, or an agent in whose scope the flow is.
_FLOWS = {Kind.INTENT, Kind.COMMITMENT}
# Records whose creator (or an agent in their scope) may change them.
_OWNED = {Kind.PROPOSAL, Kind.PLAN, Kind.AGREEMENT, Kind.SCENARIO}
# Link records: who may write them depends on the records they link, which services/planning.py reads in
# the write's transaction and passes to may_link.
LINKS = {Kind.FULFILLMENT, Kind.SATISFACTION, Kind.PROPOSED_INTENT, Kind.PROPOSED_TO}


def parties(values: Mapping[str, Any]) -> set[str]:
    """The agents party to a flow (event, intent, commitment): provider, receiver, scope."""
    found = {values.get("provider"), values.get("receiver"), *(values.get("inScopeOf") or [])}
    return {a for a in found if a}


def caller_of(ledger: Ledger) -> Caller:
    """The caller of a write; anonymous callers may not write."""
    if ledger.caller is None:
        raise Unauthenticated("writing needs a key: send 'Authorization: Bearer <key>'")
    return ledger.caller


def _forbid(caller: Caller, what: str) -> Forbidden:
    who = caller.agent or f"key {caller.key_id}"
    return Forbidden(f"{who} may not {what}", agent=caller.agent)


def may_create(ledger: Ledger, kind: Kind, values: dict[str, Any]) -> None:
    """Refuse a creation the caller may not make; fills a process's scope with the caller by default."""
    caller = caller_of(ledger)
    if caller.operator:
        return
    if kind.is_agent:
        raise _forbid(caller, f"create a {kind.value}: agents are registered with an operator key")
    if kind is Kind.PROCESS:
        scope = values.get("inScopeOf") or [caller.agent]
        if caller.agent not in scope:
            raise _forbid(caller, "create a process outside its own scope")
        values["inScopeOf"] = scope
    if kind is Kind.AGENT_RELATIONSHIP and caller.agent not in (values.get("subject"), values.get("object")):
        raise _forbid(caller, "relate two other agents")
    if kind in _FLOWS and caller.agent not in parties(values):
        raise _forbid(caller, f"create a {kind.value} in which it is neither provider, receiver nor in scope")
    if kind is Kind.VALUE_EQUATION:
        scope = values.get("inScopeOf") or [caller.agent]
        if caller.agent not in scope:
            raise _forbid(caller, "write a value equation outside its own scope")
        values["inScopeOf"] = scope


def may_change(
    ledger: Ledger, kind: Kind, iri: str, current: Mapping[str, Any], props: Mapping[str, Any]
) -> None:
    """Refuse an update or deletion the caller may not make (``current``: the stored values)."""
    caller = caller_of(ledger)
    if caller.operator:
        return
    agent = caller.agent
    if kind.is_agent:
        ok = iri == agent
    elif kind in _SHARED:
        ok = props.get("createdBy") == agent
    elif kind is Kind.PROCESS:
        ok = agent in (current.get("inScopeOf") or []) or props.get("createdBy") == agent
    elif kind is Kind.ECONOMIC_RESOURCE:
        ok = current.get("primaryAccountable") == agent
    elif kind is Kind.ECONOMIC_EVENT:
        ok = agent in (current.get("provider"), current.get("receiver"))
    elif kind is Kind.AGENT_RELATIONSHIP:
        ok = agent in (current.get("subject"), current.get("object"))
    elif kind in _FLOWS:
        ok = agent in parties(current)
    elif kind in _OWNED:
        ok = props.get("createdBy") == agent or agent in (current.get("inScopeOf") or [])
    elif kind in LINKS:
        return  # checked by may_link, on the records linked
    elif kind in (Kind.CLAIM, Kind.SETTLEMENT):
        ok = agent in (props.get("involved") or [])
    elif kind is Kind.VALUE_EQUATION:
        ok = agent in (current.get("inScopeOf") or []) or props.get("createdBy") == agent
    else:
        ok = False
    if not ok:
        raise _forbid(caller, f"change {iri}")


def is_member_role(label: str | None) -> bool:
    """True for a role label that reads "member" (module docstring)."""
    words = (label or "").strip().lower().split()
    if words[:1] == ["is"]:
        words = words[1:]
    if words[-1:] == ["of"]:
        words = words[:-1]
    return words == ["member"]


def acting_for(tx: Tx, agent: str | None) -> set[str]:
    """The agents ``agent`` acts for: itself and the organisations it is a member of (module docstring)."""
    if agent is None:
        return set()
    rows = tx.rows(cypher.MEMBER_OF, {"agent": agent})
    members = {r["organization"] for r in rows if r["statedByOrganization"] and is_member_role(r["role"])}
    return {agent} | members


def may_record(ledger: Ledger, tx: Tx, values: Mapping[str, Any], accountable: Iterable[str | None]) -> None:
    """Refuse an event the caller is not a party to, or one that touches others' resources."""
    caller = caller_of(ledger)
    if caller.operator:
        return
    parties = {values.get("provider"), values.get("receiver")}
    if caller.agent not in parties and not acting_for(tx, caller.agent) & parties:
        raise _forbid(caller, "record an event in which it is neither the provider nor the receiver")
    for owner in accountable:
        if owner is not None and owner not in parties:
            raise _forbid(caller, f"record an event on a resource that {owner} is accountable for")


def keepers(resource: Mapping[str, Any]) -> set[str]:
    """The agents who keep a stored resource: the one accountable for it and the one holding it."""
    return {a for a in (resource.get("primaryAccountable"), resource.get("custodian")) if a}


def may_change_resources(
    ledger: Ledger, tx: Tx, changed: Mapping[str, set[str]], consenting: Collection[str] = ()
) -> None:
    """Refuse an event that changes a resource which neither the caller nor an agent it acts for keeps.

    ``changed`` maps each stored resource the event would change to its keepers before the event;
    ``consenting`` are further agents who agreed to the event (the one who asked for a pending event that
    the caller confirms). The refusal names the keepers and how to ask them: a pending event.
    """
    caller = caller_of(ledger)
    if caller.operator or not changed:
        return
    agents = {a for a in (caller.agent, *consenting) if a}
    if all(k & agents for k in changed.values()):
        return
    for agent in list(agents):
        agents |= acting_for(tx, agent)
    for resource, kept_by in sorted(changed.items()):
        if kept_by & agents:
            continue
        who = caller.agent or f"key {caller.key_id}"
        if not kept_by:
            raise Forbidden(
                f"{who} may not change {resource}: no agent is accountable for it or holds it, so only an "
                "operator may (or confirm a pending event on it)",
                agent=caller.agent,
                resource=resource,
                keepers=[],
            )
        names = ", ".join(sorted(kept_by))
        raise Forbidden(
            f"{who} may not change {resource}, which {names} keeps (is accountable for or holds): record the "
            f"event with createPendingEconomicEvent instead, and it takes effect when {names} confirms it",
            agent=caller.agent,
            resource=resource,
            keepers=sorted(kept_by),
            hint="createPendingEconomicEvent",
        )


def may_link(ledger: Ledger, what: str, allowed: Iterable[str | None]) -> None:
    """Refuse a link record (fulfillment, satisfaction, proposed intent or recipient) unless the caller is
    one of ``allowed``: the parties of the event or commitment that fulfils or satisfies, or the agents who
    may change the proposal."""
    caller = caller_of(ledger)
    if caller.operator:
        return
    if caller.agent is None or caller.agent not in set(allowed):
        raise _forbid(caller, what)


def may_claim(ledger: Ledger, parties: Iterable[str], what: str) -> None:
    """Refuse a claim or settlement whose event (trigger, payment) the caller is not a party to."""
    caller = caller_of(ledger)
    if caller.operator or caller.agent in set(parties):
        return
    raise _forbid(caller, f"{what} it is neither the provider nor the receiver of")


def written_by(ledger: Ledger, *, created: bool) -> dict[str, Any]:
    """The properties that remember who wrote a record."""
    caller = caller_of(ledger)
    who = {"updatedBy": caller.agent, "updatedByKey": caller.key_id}
    if created:
        who |= {"createdBy": caller.agent, "createdByKey": caller.key_id}
    return who


def involved(
    kind: Kind, values: Mapping[str, Any], caller: Caller | None, before: Iterable[str] = ()
) -> list[str]:
    """The agents a record involves (who may see it when it is private)."""
    agents = set(before)
    if caller is not None and caller.agent is not None:
        agents.add(caller.agent)
    if kind is Kind.ECONOMIC_EVENT or kind in _FLOWS:
        agents |= parties(values)
    elif kind is Kind.PROCESS:
        agents |= set(values.get("inScopeOf") or [])
    elif kind is Kind.ECONOMIC_RESOURCE:
        agents |= {a for a in (values.get("primaryAccountable"), values.get("custodian")) if a}
    return sorted(a for a in agents if a)
