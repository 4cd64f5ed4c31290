// The drawing: cytoscape with a preset (layered) layout, styles by kind and organisation.

import cytoscape from "./vendor/cytoscape.esm.min.js";
import { layeredPositions, organisationColours } from "./model.js";

const NEUTRAL = "#9aa0a6";

// Big graphs keep the pan and zoom smooth by caching the picture while it moves and hiding edge labels.
const BIG = 400;

function style(big) {
  return [
    {
      selector: "node",
      style: {
        label: "data(label)",
        "font-size": 12,
        "font-family": "system-ui, sans-serif",
        color: "#202124",
        "text-wrap": "wrap",
        "text-max-width": 130,
        "text-valign": "bottom",
        "text-margin-y": 4,
        "background-color": "data(colour)",
        "border-width": 2,
        "border-color": "#ffffff",
        "min-zoomed-font-size": 5,
      },
    },
    {
      selector: 'node[kind = "EconomicResource"]',
      style: { shape: "round-rectangle", width: 46, height: 30 },
    },
    {
      selector: 'node[kind = "EconomicEvent"]',
      style: { shape: "ellipse", width: 18, height: 18, "font-size": 10, color: "#3c4043" },
    },
    { selector: 'node[kind = "Process"]', style: { shape: "hexagon", width: 44, height: 38 } },
    {
      selector: 'node[kind = "Agent"]',
      style: { shape: "round-triangle", width: 34, height: 32, "text-valign": "bottom" },
    },
    {
      selector: "node[?redacted]",
      style: {
        "background-color": "#ffffff",
        "border-color": NEUTRAL,
        "border-style": "dashed",
        color: "#5f6368",
        "font-style": "italic",
      },
    },
    {
      selector: "node[?start]",
      style: { "border-width": 4, "border-color": "#202124" },
    },
    {
      selector: "node:selected",
      style: {
        "border-width": 5,
        "border-color": "#fbbc04",
        "overlay-color": "#fbbc04",
        "overlay-opacity": 0.15,
        "overlay-padding": 6,
        "z-index": 10,
      },
    },
    {
      selector: "edge",
      style: {
        width: 1.5,
        "line-color": "#bdc1c6",
        "target-arrow-color": "#9aa0a6",
        "target-arrow-shape": "triangle",
        "arrow-scale": 0.8,
        "curve-style": big ? "haystack" : "bezier",
        label: big ? "" : "data(label)",
        "font-size": 9,
        color: "#5f6368",
        "text-rotation": "autorotate",
        "text-background-color": "#ffffff",
        "text-background-opacity": 0.85,
        "text-background-padding": 1,
        "min-zoomed-font-size": 5,
      },
    },
    {
      selector: 'edge[kind = "provider"], edge[kind = "receiver"]',
      style: { "line-style": "dashed", "line-color": "#dadce0", width: 1, label: "" },
    },
    {
      selector: "edge:selected",
      style: { "line-color": "#fbbc04", "target-arrow-color": "#fbbc04", width: 3 },
    },
  ];
}

/**
 * Draw a view (model.buildView) into `container`. Returns the cytoscape instance and the time it took.
 * `onSelect(id)` is called when a node is clicked or tapped, `onOpen(id)` on a double click.
 */
export function draw(container, view, { direction, start, onSelect, onOpen }) {
  const t0 = performance.now();
  const colours = organisationColours(view.organisations);
  const positions = layeredPositions(view, direction);
  const big = view.nodes.length > BIG;
  const elements = [
    ...view.nodes.map((n) => ({
      group: "nodes",
      data: {
        id: n.id,
        kind: n.kind,
        label: n.label,
        redacted: n.redacted,
        start: n.id === start,
        colour: n.org ? colours.get(n.org.id) : NEUTRAL,
      },
      position: positions[n.id] ?? { x: 0, y: 0 },
    })),
    ...view.edges.map((e) => ({
      group: "edges",
      data: { id: e.id, source: e.source, target: e.target, kind: e.kind, label: e.label },
    })),
  ];
  const cy = cytoscape({
    container,
    elements,
    style: style(big),
    layout: { name: "preset", fit: true, padding: 40 },
    minZoom: 0.02,
    maxZoom: 3,
    boxSelectionEnabled: false,
    selectionType: "single",
    textureOnViewport: big,
    hideEdgesOnViewport: big,
    hideLabelsOnViewport: big,
    pixelRatio: big ? 1 : "auto",
  });
  cy.on("tap", "node", (evt) => onSelect(evt.target.id()));
  cy.on("dbltap", "node", (evt) => onOpen(evt.target.id()));
  readable(cy, start, direction, big);
  const ms = performance.now() - t0;
  return { cy, colours, ms };
}

// Below this zoom the labels are too small to read: a small graph is shown from its start at this zoom
// rather than fitted whole (the reader pans along it); a big graph is fitted, as an overview.
const READABLE_ZOOM = 0.65;

function readable(cy, start, direction, big) {
  if (big || cy.zoom() >= READABLE_ZOOM) return;
  const node = cy.getElementById(start);
  if (node.empty()) return;
  cy.zoom(READABLE_ZOOM);
  const p = node.position();
  const w = cy.width();
  // The start sits at the end the flow comes from (right for a trace, left for a track), mid-height.
  const x = direction === "DOWNSTREAM" ? 90 : w - 110;
  cy.pan({ x: x - p.x * READABLE_ZOOM, y: cy.height() / 2 - p.y * READABLE_ZOOM });
}

/** Select a node and, when `move`, centre the view on it (zooming in only if it is too small to read). */
export function focusNode(cy, id, move = true) {
  const node = cy.getElementById(id);
  if (node.empty()) return false;
  cy.elements(":selected").unselect();
  node.select();
  if (move) cy.animate({ center: { eles: node }, zoom: Math.max(cy.zoom(), 0.5) }, { duration: 250 });
  return true;
}
