// The explorer page: search, a trace or track drawn as a graph, a record's details and its footprint.
// The view lives in the URL (?start=&direction=&depth=&selected=&agents=&indicator=), so a link shows a
// colleague the same graph.

import { SEARCH, TRACE, gql } from "./api.js";
import { KIND_NAMES, isAgentKind, showDetails } from "./details.js";
import { count, fill, h } from "./dom.js";
import { download, exportJsonLd, exportPng, exportTurtle } from "./export.js";
import { showFootprint } from "./footprint.js";
import { draw, focusNode } from "./graph.js";
import { MAX_DRAWN, buildView, recordLabel, shortId } from "./model.js";

const $ = (id) => document.getElementById(id);
const els = {
  searchForm: $("search-form"),
  searchInput: $("search-input"),
  results: $("results"),
  resultsStatus: $("results-status"),
  controls: $("controls"),
  depth: $("depth"),
  agents: $("show-agents"),
  status: $("view-status"),
  graph: $("graph"),
  legend: $("legend"),
  nodeList: $("node-list"),
  details: $("details"),
  footprint: $("footprint"),
};

const DEFAULT_DEPTH = 60;

// What the URL says; everything else is derived from it.
const state = {
  start: null,
  direction: "UPSTREAM",
  depth: DEFAULT_DEPTH,
  selected: null,
  agents: false,
  indicators: null, // null: the default indicators
};

// What is drawn now: for tests and for the export, also readable as window.vfExplorer.
const current = { cy: null, view: null, trace: null, renderMs: null, kinds: new Map() };
window.vfExplorer = current;

function readUrl() {
  const p = new URLSearchParams(location.search);
  state.start = p.get("start");
  state.direction = p.get("direction") === "DOWNSTREAM" ? "DOWNSTREAM" : "UPSTREAM";
  const depth = Number.parseInt(p.get("depth") ?? "", 10);
  state.depth = Number.isFinite(depth) && depth > 0 ? Math.min(depth, 400) : DEFAULT_DEPTH;
  state.selected = p.get("selected");
  state.agents = p.get("agents") === "1";
  state.indicators = p.has("indicator") ? p.getAll("indicator").filter(Boolean) : null;
}

function writeUrl(push) {
  const p = new URLSearchParams();
  if (state.start) p.set("start", state.start);
  if (state.direction !== "UPSTREAM") p.set("direction", state.direction);
  if (state.depth !== DEFAULT_DEPTH) p.set("depth", String(state.depth));
  if (state.selected) p.set("selected", state.selected);
  if (state.agents) p.set("agents", "1");
  for (const i of state.indicators ?? []) p.append("indicator", i);
  const url = `${location.pathname}${p.toString() ? `?${p}` : ""}`;
  if (url !== `${location.pathname}${location.search}`) {
    history[push ? "pushState" : "replaceState"](null, "", url);
  }
}

function syncControls() {
  for (const r of els.controls.elements.direction) r.checked = r.value === state.direction;
  els.depth.value = String(state.depth);
  els.agents.checked = state.agents;
}

function setStatus(text, warn = false) {
  els.status.textContent = text;
  els.status.classList.toggle("warn", warn);
}

// -- search -----------------------------------------------------------------------------------------

let searchSeq = 0;

async function runSearch(text) {
  const seq = ++searchSeq;
  if (!text.trim()) {
    fill(els.results);
    els.resultsStatus.textContent = "Search for a product, an organisation or a lot.";
    return;
  }
  els.resultsStatus.textContent = "Searching…";
  let hits;
  try {
    hits = (await gql(SEARCH, { text, first: 20 })).search;
  } catch (e) {
    if (seq === searchSeq) els.resultsStatus.textContent = `Search failed: ${e.message}`;
    return;
  }
  if (seq !== searchSeq) return;
  els.resultsStatus.textContent = hits.length
    ? `${hits.length} record${hits.length === 1 ? "" : "s"} found.`
    : `Nothing found for “${text}”.`;
  fill(
    els.results,
    hits.map((hit) => {
      const name = hit.name ?? (hit.kind === "EconomicEvent" ? `${hit.action ?? "event"}` : null);
      const sub = [hit.trackingIdentifier, shortId(hit.id)].filter(Boolean).join(" · ");
      return h(
        "li",
        {},
        h(
          "button",
          {
            type: "button",
            class: "result",
            dataset: { id: hit.id, kind: hit.kind },
            onclick: () => openResult(hit),
          },
          h("span", { class: "kind", dataset: { kind: hit.kind } }, KIND_NAMES[hit.kind] ?? hit.kind),
          h("span", { class: "name" }, name ?? "private record"),
          h("span", { class: "sub" }, sub),
        ),
      );
    }),
  );
}

function openResult(hit) {
  for (const b of els.results.querySelectorAll("button")) {
    b.setAttribute("aria-current", String(b.dataset.id === hit.id));
  }
  if (isAgentKind(hit.kind)) {
    select(hit.id, hit.kind);
    return;
  }
  Object.assign(state, { start: hit.id, selected: hit.id });
  writeUrl(true);
  loadTrace();
}

let searchTimer = null;
els.searchForm.addEventListener("submit", (e) => {
  e.preventDefault();
  clearTimeout(searchTimer);
  runSearch(els.searchInput.value);
});
els.searchInput.addEventListener("input", () => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(() => runSearch(els.searchInput.value), 300);
});
// Arrow keys move between the search box and the results.
els.searchInput.addEventListener("keydown", (e) => {
  if (e.key === "ArrowDown") {
    els.results.querySelector("button")?.focus();
    e.preventDefault();
  }
});
els.results.addEventListener("keydown", (e) => {
  const buttons = [...els.results.querySelectorAll("button")];
  const i = buttons.indexOf(document.activeElement);
  if (i < 0) return;
  if (e.key === "ArrowDown") buttons[Math.min(i + 1, buttons.length - 1)].focus();
  else if (e.key === "ArrowUp") (i === 0 ? els.searchInput : buttons[i - 1]).focus();
  else return;
  e.preventDefault();
});

// -- the graph --------------------------------------------------------------------------------------

let traceSeq = 0;

async function loadTrace() {
  const seq = ++traceSeq;
  syncControls();
  if (!state.start) {
    setStatus("Search for a product and choose it to see its supply chain.");
    return;
  }
  setStatus(`Walking ${state.direction === "UPSTREAM" ? "upstream" : "downstream"} from ${shortId(state.start)}…`);
  let trace;
  try {
    trace = (await gql(TRACE, { start: state.start, direction: state.direction, maxDepth: state.depth }))
      .traceGraph;
  } catch (e) {
    if (seq === traceSeq) setStatus(`Could not walk from ${state.start}: ${e.message}`, true);
    return;
  }
  if (seq !== traceSeq) return;
  current.trace = trace;
  render();
  const selected = state.selected && current.kinds.has(state.selected) ? state.selected : state.start;
  select(selected, current.kinds.get(selected), { keepUrl: true, move: false });
}

function render() {
  const trace = current.trace;
  if (!trace) return;
  const view = buildView(trace, { withAgents: state.agents });
  current.view = view;
  current.kinds = new Map(view.nodes.map((n) => [n.id, n.kind === "Agent" ? n.agentType : n.kind]));
  current.cy?.destroy();
  const t0 = performance.now();
  const { cy, colours } = draw(els.graph, view, {
    direction: state.direction,
    start: trace.start,
    onSelect: (id) => select(id, current.kinds.get(id)),
    onOpen: (id) => {
      if (!isAgentKind(current.kinds.get(id))) retrace(id, state.direction);
    },
  });
  current.cy = cy;
  current.renderMs = null;
  // The drawing is done when the browser has painted the frame after cytoscape's first render.
  requestAnimationFrame(() =>
    requestAnimationFrame(() => {
      current.renderMs = performance.now() - t0;
      els.graph.dataset.renderMs = current.renderMs.toFixed(0);
    }),
  );
  els.graph.dataset.nodes = String(view.nodes.length);
  els.graph.dataset.records = String(view.counts.drawn);
  els.graph.setAttribute(
    "aria-label",
    `Supply-chain graph ${state.direction === "UPSTREAM" ? "upstream of" : "downstream of"} ` +
      `${shortId(trace.start)}: ${view.counts.drawn} records. The list of records in this view has the same content.`,
  );
  renderStatus(view.counts);
  renderLegend(view, colours);
  renderNodeList(view);
}

function renderStatus(c) {
  const parts = [
    `${count(c.records)} record${c.records === 1 ? "" : "s"} ${state.direction === "UPSTREAM" ? "upstream" : "downstream"}, ` +
      `${c.maxDepthReached} step${c.maxDepthReached === 1 ? "" : "s"} deep.`,
  ];
  let warn = false;
  if (c.leftOut) {
    warn = true;
    parts.push(
      `Showing the nearest ${count(c.drawn)} of ${count(c.records)} records: ${count(c.leftOut)} records ` +
        `more than ${c.drawnDepth} steps away are left out (the page draws at most ${count(MAX_DRAWN)}). ` +
        "Lower the depth, or re-centre on a node near the edge.",
    );
  }
  if (c.agentsLeftOut) {
    warn = true;
    parts.push(`${count(c.agentsLeftOut)} agents are not drawn (it would exceed ${count(MAX_DRAWN)} nodes).`);
  }
  if (c.truncated) {
    warn = true;
    parts.push(
      `The walk stopped at depth ${state.depth} or at the server's limit with more to reach; ` +
        "raise the depth or re-centre to see further.",
    );
  }
  setStatus(parts.join(" "), warn);
}

function renderLegend(view, colours) {
  const kinds = [
    ["▢", "resource"],
    ["●", "event"],
    ["⬡", "process"],
    ...(state.agents ? [["▲", "agent"]] : []),
    ["┄", "private"],
  ];
  fill(
    els.legend,
    kinds.map(([shape, name]) => h("span", { class: "item" }, h("span", { class: "shape", "aria-hidden": "true" }, shape), name)),
    view.organisations.map((o) =>
      h(
        "span",
        { class: "item" },
        h("span", { class: "swatch", style: `background:${colours.get(o.id)}`, "aria-hidden": "true" }),
        o.name ?? shortId(o.id),
      ),
    ),
  );
}

const LIST_LIMIT = 500;

function renderNodeList(view) {
  const nodes = view.nodes.filter((n) => n.kind !== "Agent").slice(0, LIST_LIMIT);
  fill(
    els.nodeList,
    nodes.map((n) =>
      h(
        "li",
        {},
        h(
          "button",
          { type: "button", dataset: { id: n.id }, onclick: () => select(n.id, n.kind) },
          h("span", { class: "kind", dataset: { kind: n.kind } }, KIND_NAMES[n.kind]),
          h("span", {}, n.label, " ", h("span", { class: "depth" }, `· ${n.depth}`)),
        ),
      ),
    ),
    view.counts.drawn > LIST_LIMIT
      ? h("li", { class: "muted small" }, `…and ${count(view.counts.drawn - LIST_LIMIT)} more in the graph.`)
      : null,
  );
}

// -- selection, details and footprint --------------------------------------------------------------

const nav = {
  select: (id, kind) => select(id, kind),
  trace: (id, direction) => retrace(id, direction),
  link: (id, kind, text) =>
    h("button", { type: "button", class: "link", onclick: () => select(id, kind) }, text ?? shortId(id)),
};

function select(id, kind, { keepUrl = false, move = true } = {}) {
  if (!id) return;
  state.selected = id;
  if (!keepUrl) writeUrl(false);
  const drawn = current.cy ? focusNode(current.cy, id, move) : false;
  for (const b of els.nodeList.querySelectorAll("button")) {
    b.setAttribute("aria-current", String(b.dataset.id === id));
  }
  const k = kind ?? current.kinds.get(id) ?? "EconomicResource";
  showDetails(els.details, id, k, nav);
  // The footprint follows the selected resource; otherwise it stays on the start resource.
  const resource =
    k === "EconomicResource"
      ? id
      : current.kinds.get(current.trace?.start) === "EconomicResource"
        ? current.trace.start
        : null;
  if (resource && els.footprint.dataset.resource !== resource) loadFootprint(resource);
  if (!resource) fill(els.footprint);
  return drawn;
}

function loadFootprint(resource) {
  showFootprint(els.footprint, resource, state.indicators, {
    nav,
    onChange: (ids) => {
      state.indicators = ids;
      writeUrl(false);
      loadFootprint(resource);
    },
  });
}

function retrace(id, direction) {
  Object.assign(state, { start: id, direction, selected: id });
  writeUrl(true);
  loadTrace();
}

// -- controls -----------------------------------------------------------------------------------------

els.controls.addEventListener("submit", (e) => e.preventDefault());
for (const r of els.controls.elements.direction) {
  r.addEventListener("change", () => {
    state.direction = r.value;
    writeUrl(true);
    loadTrace();
  });
}
els.depth.addEventListener("change", () => {
  const d = Number.parseInt(els.depth.value, 10);
  if (!Number.isFinite(d) || d < 1) return;
  state.depth = Math.min(d, 400);
  writeUrl(true);
  loadTrace();
});
els.agents.addEventListener("change", () => {
  state.agents = els.agents.checked;
  writeUrl(false);
  render();
  if (state.selected) focusNode(current.cy, state.selected);
});
$("fit").addEventListener("click", () => current.cy?.fit(undefined, 40));

function viewIds() {
  return current.view ? current.view.nodes.map((n) => n.id) : [];
}

function exportName(ext) {
  const start = current.trace ? shortId(current.trace.start) : "view";
  return `${start}-${state.direction.toLowerCase()}.${ext}`;
}

async function runExport(kind) {
  if (!current.view) return;
  const ids = viewIds();
  const progress = (done, total) => setStatus(`Exporting ${kind}: ${done} of ${total} records…`);
  try {
    if (kind === "Image") {
      download(exportPng(current.cy), exportName("png"));
      renderStatus(current.view.counts);
      return;
    }
    const { blob, missing } =
      kind === "Turtle" ? await exportTurtle(ids, progress) : await exportJsonLd(ids, progress);
    download(blob, exportName(kind === "Turtle" ? "ttl" : "jsonld"));
    setStatus(
      `Exported ${ids.length - missing.length} records as ${kind}` +
        (missing.length ? `; ${missing.length} could not be described here (private or from elsewhere).` : "."),
      missing.length > 0,
    );
  } catch (e) {
    setStatus(`Export failed: ${e.message}`, true);
  }
}
$("export-ttl").addEventListener("click", () => runExport("Turtle"));
$("export-jsonld").addEventListener("click", () => runExport("JSON-LD"));
$("export-png").addEventListener("click", () => runExport("Image"));

// Keyboard on the graph: arrows walk to a neighbour of the selected node, Enter traces from it.
els.graph.addEventListener("keydown", (e) => {
  const cy = current.cy;
  if (!cy) return;
  const sel = cy.getElementById(state.selected ?? "");
  if (e.key === "Enter" && !sel.empty() && !isAgentKind(current.kinds.get(sel.id()))) {
    retrace(sel.id(), state.direction);
    return;
  }
  const dirs = { ArrowLeft: "incomers", ArrowRight: "outgoers", ArrowUp: "prev", ArrowDown: "next" };
  if (!(e.key in dirs)) return;
  e.preventDefault();
  if (sel.empty()) {
    select(current.trace.start);
    return;
  }
  let target;
  if (e.key === "ArrowLeft") target = sel.incomers("node")[0];
  else if (e.key === "ArrowRight") target = sel.outgoers("node")[0];
  else {
    const nodes = cy.nodes().sort((a, b) => a.position("x") - b.position("x") || a.position("y") - b.position("y"));
    const i = nodes.indexOf(sel);
    target = nodes[e.key === "ArrowUp" ? i - 1 : i + 1];
  }
  if (target) select(target.id());
});

window.addEventListener("popstate", () => {
  readUrl();
  loadTrace();
});

readUrl();
syncControls();
loadTrace();
if (!state.start) els.searchInput.focus();
// Exported for tests: labels as the page shows them.
current.recordLabel = recordLabel;
