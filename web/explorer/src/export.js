// Export of the current view: each drawn record's own linked-data description (GET on its IRI, by
// Accept), merged into one Turtle or JSON-LD document; and the picture as PNG from cytoscape.

import { authHeaders } from "./api.js";

const CONCURRENCY = 6;

/** Where this server answers for a record IRI: its path here (record IRIs live under the base IRI). */
function describeUrl(iri) {
  const u = new URL(iri);
  return new URL(u.pathname, document.baseURI).href;
}

async function describeAll(ids, accept, progress) {
  const results = new Array(ids.length);
  let next = 0;
  let done = 0;
  const missing = [];
  async function worker() {
    while (next < ids.length) {
      const i = next++;
      const response = await fetch(describeUrl(ids[i]), { headers: { accept, ...authHeaders() } });
      if (response.ok) results[i] = await response.text();
      else missing.push(ids[i]);
      done += 1;
      progress(done, ids.length);
    }
  }
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, ids.length) }, worker));
  return { texts: results.filter(Boolean), missing };
}

/** Turtle: the documents one after the other, each prefix declared once (re-declaring is legal anyway). */
export async function exportTurtle(ids, progress) {
  const { texts, missing } = await describeAll(ids, "text/turtle", progress);
  const prefixes = new Set();
  const head = [];
  const body = [];
  for (const t of texts) {
    for (const line of t.split("\n")) {
      if (/^\s*(@prefix|PREFIX)\s/i.test(line)) {
        if (!prefixes.has(line.trim())) {
          prefixes.add(line.trim());
          head.push(line);
        }
      } else body.push(line);
    }
  }
  const text = `${head.join("\n")}\n${body.join("\n").replace(/\n{3,}/g, "\n\n")}`;
  return { blob: new Blob([text], { type: "text/turtle" }), missing };
}

/** JSON-LD: one document with the context of the first and every record's nodes in one @graph. */
export async function exportJsonLd(ids, progress) {
  const { texts, missing } = await describeAll(ids, "application/ld+json", progress);
  let context = null;
  const graph = [];
  for (const t of texts) {
    const doc = JSON.parse(t);
    context ??= doc["@context"];
    const nodes = doc["@graph"] ?? [doc];
    for (const n of nodes) {
      const { "@context": _ignored, ...rest } = n;
      graph.push(rest);
    }
  }
  const doc = { "@context": context ?? {}, "@graph": graph };
  return { blob: new Blob([JSON.stringify(doc, null, 2)], { type: "application/ld+json" }), missing };
}

/** The whole drawing as PNG. */
export function exportPng(cy) {
  return cy.png({ output: "blob", full: true, scale: 2, bg: "#ffffff", maxWidth: 8000, maxHeight: 8000 });
}

/** Hand a blob to the browser as a download. */
export function download(blob, filename) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
