// From a traceGraph answer to what the page draws: nodes with labels, kinds and organisations, edges with
// labels, a layered layout, and what had to be left out. Plain data, no DOM: the drawing is in graph.js.

/** The most nodes the page draws at once; beyond it, the deepest records are left out (and counted). */
export const MAX_DRAWN = 2000;

const AGENT_TYPES = new Set(["Person", "Organization", "EcologicalAgent", "ExternalAgent"]);

/** "160 kg" for a Measure, "" for none. */
export function formatMeasure(m) {
  if (!m) return "";
  const unit = m.hasUnit ? m.hasUnit.symbol || m.hasUnit.label : "";
  return unit ? `${m.hasNumericalValue} ${unit}` : String(m.hasNumericalValue);
}

/** The last segment of an IRI, for records that have no name. */
export function shortId(iri) {
  const s = String(iri).replace(/[/#]+$/, "");
  return s.slice(Math.max(s.lastIndexOf("/"), s.lastIndexOf("#")) + 1) || s;
}

/** How a record reads in a list or on the graph. */
export function recordLabel(kind, record, id) {
  if (!record) return "private record";
  if (kind === "EconomicEvent") {
    const q = formatMeasure(record.resourceQuantity) || formatMeasure(record.effortQuantity);
    return [record.action?.label ?? record.action?.id ?? "event", q].filter(Boolean).join(" ");
  }
  const name = record.name || shortId(id);
  return record.trackingIdentifier && !name.includes(record.trackingIdentifier)
    ? `${name} (${record.trackingIdentifier})`
    : name;
}

/** The agent answerable for an event: the provider, unless that is nature (then the receiver). */
function eventAgent(event) {
  if (!event) return null;
  if (event.provider?.__typename === "EcologicalAgent" && event.receiver) return event.receiver;
  return event.provider ?? event.receiver ?? null;
}

/**
 * Build the view of a traceGraph: at most `maxDrawn` nodes (nearest first), plus agent nodes when
 * `withAgents`. Returns { nodes, edges, organisations, counts } where counts says what was left out.
 */
export function buildView(trace, { withAgents = false, maxDrawn = MAX_DRAWN } = {}) {
  const all = trace.nodes.map((n, order) => ({ ...n, order }));
  // Nearest first; the walk's own order breaks ties, so the cut is stable.
  const sorted = [...all].sort((a, b) => a.depth - b.depth || a.order - b.order);
  const kept = sorted.slice(0, maxDrawn);
  const keptIds = new Set(kept.map((n) => n.id));

  const nodes = kept.map((n) => {
    // A redacted record keeps the chain connected and shows nothing of itself.
    const record = n.redacted ? null : (n.resource ?? n.event ?? n.process ?? null);
    let agent = null;
    if (n.kind === "EconomicResource") agent = n.resource?.primaryAccountable ?? null;
    else if (n.kind === "EconomicEvent") agent = eventAgent(n.event);
    else if (n.kind === "Process") agent = n.process?.inScopeOf?.[0] ?? null;
    return {
      id: n.id,
      kind: n.kind,
      depth: n.depth,
      redacted: record === null,
      label: recordLabel(n.kind, record, n.id),
      org: agent ? { id: agent.id, name: agent.name } : null,
      record,
    };
  });
  const byId = new Map(nodes.map((n) => [n.id, n]));

  const edges = [];
  let edgesLeftOut = 0;
  for (const e of trace.edges) {
    if (!keptIds.has(e.from) || !keptIds.has(e.to)) {
      edgesLeftOut += 1;
      continue;
    }
    const q = formatMeasure(e.resourceQuantity) || formatMeasure(e.effortQuantity);
    edges.push({
      id: `${e.from}>${e.to}`,
      source: e.from,
      target: e.to,
      kind: "flow",
      event: e.event,
      label: [e.action?.label ?? e.action?.id, q].filter(Boolean).join(" "),
    });
  }

  // A process with no scope takes the organisation of the events around it (most often its outputs').
  for (const edge of edges) {
    const s = byId.get(edge.source);
    const t = byId.get(edge.target);
    if (s?.kind === "Process" && !s.org && t?.org) s.org = t.org;
    if (t?.kind === "Process" && !t.org && s?.org) t.org = s.org;
  }

  let agentsLeftOut = 0;
  if (withAgents) {
    const agents = new Map();
    const agentEdges = [];
    for (const n of nodes) {
      if (n.kind !== "EconomicEvent" || !n.record) continue;
      for (const [role, a] of [
        ["provider", n.record.provider],
        ["receiver", n.record.receiver],
      ]) {
        if (!a || !AGENT_TYPES.has(a.__typename)) continue;
        agents.set(a.id, a);
        const [source, target] = role === "provider" ? [a.id, n.id] : [n.id, a.id];
        agentEdges.push({ id: `${source}>${target}:${role}`, source, target, kind: role, label: role });
      }
    }
    if (nodes.length + agents.size <= maxDrawn) {
      for (const a of agents.values()) {
        const agentNode = {
          id: a.id,
          kind: "Agent",
          agentType: a.__typename,
          depth: null,
          redacted: false,
          label: a.name || shortId(a.id),
          org: { id: a.id, name: a.name },
          record: a,
        };
        nodes.push(agentNode);
        byId.set(a.id, agentNode);
      }
      // A provider that is also the receiver (a raise) needs its two edges; ids keep them apart.
      edges.push(...agentEdges);
    } else {
      agentsLeftOut = agents.size;
    }
  }

  const organisations = [];
  const seen = new Set();
  for (const n of nodes) {
    if (n.org && !seen.has(n.org.id)) {
      seen.add(n.org.id);
      organisations.push(n.org);
    }
  }

  const maxDepthReached = all.reduce((m, n) => Math.max(m, n.depth), 0);
  const drawnDepth = kept.reduce((m, n) => Math.max(m, n.depth), 0);
  return {
    nodes,
    edges,
    organisations,
    counts: {
      records: all.length,
      drawn: kept.length,
      leftOut: all.length - kept.length,
      edgesLeftOut,
      agentsLeftOut,
      maxDepthReached,
      drawnDepth,
      truncated: Boolean(trace.truncated),
    },
  };
}

/**
 * A layered layout: one column per depth, flowing the way resources flowed (sources on the left), with
 * one barycentre pass to keep neighbours level. Linear in the size of the graph, so it stays fast at
 * thousands of nodes. Agents, when drawn, sit in a row under the records they act in.
 */
export function layeredPositions(view, direction) {
  const colWidth = 150;
  const rowHeight = 80;
  const columns = new Map();
  for (const n of view.nodes) {
    if (n.depth === null) continue;
    if (!columns.has(n.depth)) columns.set(n.depth, []);
    columns.get(n.depth).push(n);
  }
  const depths = [...columns.keys()].sort((a, b) => a - b);
  const neighbours = new Map();
  for (const e of view.edges) {
    if (e.kind !== "flow") continue;
    if (!neighbours.has(e.source)) neighbours.set(e.source, []);
    if (!neighbours.has(e.target)) neighbours.set(e.target, []);
    neighbours.get(e.source).push(e.target);
    neighbours.get(e.target).push(e.source);
  }
  const row = new Map();
  for (const d of depths) {
    const col = columns.get(d);
    const key = (n) => {
      const placed = (neighbours.get(n.id) || []).filter((m) => row.has(m)).map((m) => row.get(m));
      return placed.length ? placed.reduce((a, b) => a + b, 0) / placed.length : Number.POSITIVE_INFINITY;
    };
    const keyed = col.map((n, i) => ({ n, k: key(n), i }));
    keyed.sort((a, b) => a.k - b.k || a.i - b.i);
    // Centre each column on the rows of its neighbours, one row per node.
    const finite = keyed.filter((x) => Number.isFinite(x.k));
    const centre = finite.length ? finite.reduce((a, x) => a + x.k, 0) / finite.length : 0;
    const first = centre - (keyed.length - 1) / 2;
    keyed.forEach((x, i) => row.set(x.n.id, first + i));
  }
  // A column taller than `maxRows` wraps into several sub-columns, so a wide level of a big graph does
  // not become a thin line when the whole graph is fitted in view.
  const recordCount = view.nodes.filter((n) => n.depth !== null).length;
  const maxRows = Math.max(24, Math.ceil(Math.sqrt(recordCount) * 1.5));
  const ordered = direction === "DOWNSTREAM" ? depths : [...depths].reverse();
  const positions = {};
  let x = 0;
  for (const d of ordered) {
    const col = columns.get(d).slice().sort((a, b) => row.get(a.id) - row.get(b.id));
    const subColumns = Math.ceil(col.length / maxRows);
    const perColumn = Math.ceil(col.length / subColumns);
    col.forEach((n, i) => {
      const sub = Math.floor(i / perColumn);
      const y = subColumns === 1 ? row.get(n.id) : i - sub * perColumn - (perColumn - 1) / 2;
      positions[n.id] = { x: x + sub * colWidth, y: y * rowHeight };
    });
    x += subColumns * colWidth;
  }
  const agents = view.nodes.filter((n) => n.depth === null);
  if (agents.length) {
    const ys = Object.values(positions).map((p) => p.y);
    const bottom = (ys.length ? Math.max(...ys) : 0) + rowHeight * 2;
    const wanted = agents.map((a) => {
      const xs = view.edges
        .filter((e) => e.source === a.id || e.target === a.id)
        .map((e) => positions[e.source === a.id ? e.target : e.source]?.x)
        .filter((x) => x !== undefined);
      return { a, x: xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : 0 };
    });
    wanted.sort((p, q) => p.x - q.x);
    let last = Number.NEGATIVE_INFINITY;
    wanted.forEach(({ a, x }, i) => {
      const at = Math.max(x, last + colWidth * 0.8);
      last = at;
      positions[a.id] = { x: at, y: bottom + (i % 2) * rowHeight * 0.6 };
    });
  }
  return positions;
}

/** Okabe–Ito colours (distinguishable with colour blindness), then a few more. */
export const PALETTE = [
  "#0072B2",
  "#E69F00",
  "#009E73",
  "#CC79A7",
  "#56B4E9",
  "#D55E00",
  "#8C6D31",
  "#6A3D9A",
  "#B8A000",
  "#1B7837",
  "#A6611A",
  "#5E3C99",
];

/** A colour per organisation, in the order they appear. */
export function organisationColours(organisations) {
  const colours = new Map();
  organisations.forEach((o, i) => colours.set(o.id, PALETTE[i % PALETTE.length]));
  return colours;
}
