// The record panel: one record's details (quantities with units, accountable agent, location, stage,
// state, its events), with buttons that select or trace the records it links to.

import { DETAILS, gql } from "./api.js";
import { fill, h } from "./dom.js";
import { formatMeasure, recordLabel, shortId } from "./model.js";

export const KIND_NAMES = {
  EconomicResource: "Resource",
  EconomicEvent: "Event",
  Process: "Process",
  Agent: "Agent",
  Person: "Person",
  Organization: "Organization",
  EcologicalAgent: "Ecological agent",
  ExternalAgent: "External agent",
};

const AGENT_KINDS = new Set(["Agent", "Person", "Organization", "EcologicalAgent", "ExternalAgent"]);

export function isAgentKind(kind) {
  return AGENT_KINDS.has(kind);
}

/** Fetch and show the record `id` of `kind` in `panel`. `nav` has select(id, kind) and trace(id, dir). */
export async function showDetails(panel, id, kind, nav) {
  const queryKind = isAgentKind(kind) ? "Agent" : kind;
  fill(panel, h("p", { class: "muted" }, "Loading…"));
  let record;
  try {
    record = (await gql(DETAILS[queryKind], { id })).record;
  } catch (e) {
    fill(panel, h("p", { class: "error" }, `Could not load ${shortId(id)}: ${e.message}`));
    return;
  }
  panel.dataset.id = id;
  if (!record) {
    fill(
      panel,
      h("h2", { id: "details-title" }, "Private record"),
      h("p", { class: "muted" }, "You are not allowed to see this record's details."),
      h("p", { class: "iri" }, id),
    );
    return;
  }
  const shownKind = queryKind === "Agent" ? record.__typename : kind;
  const title =
    queryKind === "EconomicEvent" ? recordLabel(kind, record, id) : record.name || shortId(record.id);
  const rows = ROWS[queryKind](record, nav);
  const traceable = !isAgentKind(kind);
  fill(
    panel,
    h("p", { class: "kind-badge", dataset: { kind: queryKind } }, KIND_NAMES[shownKind] ?? shownKind),
    h("h2", { id: "details-title" }, title),
    h("dl", { class: "fields" }, rows.filter(([, v]) => v !== null && v !== undefined && v !== "").map(
      ([k, v]) => [h("dt", {}, k), h("dd", {}, v)],
    )),
    traceable
      ? h(
          "div",
          { class: "actions" },
          h("button", { type: "button", onclick: () => nav.trace(id, "UPSTREAM") }, "Trace from here"),
          h("button", { type: "button", onclick: () => nav.trace(id, "DOWNSTREAM") }, "Track from here"),
        )
      : null,
    h("p", { class: "iri" }, h("a", { href: new URL(id).pathname, title: "This record as linked data" }, id)),
    ...LISTS[queryKind](record, nav),
  );
}

function link(record, kind, nav, text) {
  if (!record) return null;
  const label = text ?? (record.name || shortId(record.id));
  return h(
    "button",
    { type: "button", class: "link", onclick: () => nav.select(record.id, kind ?? record.__typename) },
    label,
  );
}

function when(e) {
  return e.hasPointInTime || e.hasBeginning || "";
}

function eventList(title, events, nav, more) {
  if (!events || !events.length) return [];
  return [
    h("h3", {}, title),
    h(
      "ul",
      { class: "events" },
      events.map((e) =>
        h(
          "li",
          {},
          link(e, "EconomicEvent", nav, recordLabel("EconomicEvent", e, e.id)),
          h("span", { class: "muted" }, ` ${e.provider?.name ?? "?"} → ${e.receiver?.name ?? "?"}`),
          when(e) ? h("span", { class: "muted small" }, ` ${when(e).slice(0, 10)}`) : null,
        ),
      ),
    ),
    more ? h("p", { class: "muted small" }, "Showing the first 50.") : null,
  ];
}

const edgesOf = (conn) => (conn?.edges ?? []).map((e) => e.node);

const ROWS = {
  EconomicResource: (r, nav) => [
    ["Tracking identifier", r.trackingIdentifier],
    ["Accounting quantity", formatMeasure(r.accountingQuantity)],
    ["On-hand quantity", formatMeasure(r.onhandQuantity)],
    ["Accountable", link(r.primaryAccountable, "Agent", nav)],
    ["Conforms to", r.conformsTo?.name],
    ["Location", r.currentLocation?.name],
    ["Stage", r.stage?.name],
    ["State", r.state?.label ?? r.state?.id],
    ["Contained in", link(r.containedIn, "EconomicResource", nav)],
    ["Note", r.note],
  ],
  EconomicEvent: (e, nav) => [
    ["Action", e.action?.label ?? e.action?.id],
    ["Quantity", formatMeasure(e.resourceQuantity)],
    ["Effort", formatMeasure(e.effortQuantity)],
    ["Provider", link(e.provider, "Agent", nav)],
    ["Receiver", link(e.receiver, "Agent", nav)],
    ["Resource", link(e.resourceInventoriedAs, "EconomicResource", nav)],
    ["To resource", link(e.toResourceInventoriedAs, "EconomicResource", nav)],
    ["Input of", link(e.inputOf, "Process", nav)],
    ["Output of", link(e.outputOf, "Process", nav)],
    ["Conforms to", e.resourceConformsTo?.name],
    ["When", e.hasPointInTime ?? [e.hasBeginning, e.hasEnd].filter(Boolean).join(" – ")],
    ["Note", e.note],
  ],
  Process: (p, nav) => [
    ["Based on", p.basedOn?.name],
    ["In scope of", (p.inScopeOf ?? []).length ? p.inScopeOf.map((a) => link(a, "Agent", nav)) : null],
    ["Began", p.hasBeginning],
    ["Ended", p.hasEnd],
    ["Finished", p.finished === null || p.finished === undefined ? null : p.finished ? "yes" : "no"],
    ["Note", p.note],
  ],
  Agent: (a) => [["Note", a.note]],
};

const LISTS = {
  EconomicResource: (r, nav) => [
    ...eventList("Events into it", edgesOf(r.eventsIn), nav, r.eventsIn?.pageInfo?.hasNextPage),
    ...eventList("Events from it", edgesOf(r.eventsOut), nav, r.eventsOut?.pageInfo?.hasNextPage),
  ],
  EconomicEvent: () => [],
  Process: (p, nav) => [
    ...eventList("Inputs", p.observedInputs, nav, false),
    ...eventList("Outputs", p.observedOutputs, nav, false),
  ],
  Agent: (a, nav) => {
    const resources = edgesOf(a.inventoriedEconomicResources);
    return [
      resources.length ? h("h3", {}, "Resources it is accountable for") : null,
      resources.length
        ? h(
            "ul",
            { class: "events" },
            resources.map((r) =>
              h(
                "li",
                {},
                link(r, "EconomicResource", nav, recordLabel("EconomicResource", r, r.id)),
                h("span", { class: "muted" }, ` ${formatMeasure(r.accountingQuantity)}`),
              ),
            ),
          )
        : null,
      ...eventList("Events", edgesOf(a.economicEvents), nav, a.economicEvents?.pageInfo?.hasNextPage),
    ];
  },
};
