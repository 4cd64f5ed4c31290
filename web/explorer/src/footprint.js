// The footprint panel: indicator totals of a resource per unit and in total, and the breakdown by process
// and organisation, from the `footprint` query. Indicators are offered from the resource's upstream trace.

import { FOOTPRINT, UPSTREAM_FLOWS, gql } from "./api.js";
import { fill, h } from "./dom.js";
import { shortId } from "./model.js";

const ECOLOGICAL = "EcologicalAgent";

/**
 * The indicators worth offering for a resource: the kinds of resource its upstream processes take from or
 * give to ecological agents (water, emissions), checked by default, and the kinds of work they record.
 */
export async function indicatorCandidates(resourceId) {
  const data = await gql(UPSTREAM_FLOWS, { start: resourceId });
  const found = new Map();
  for (const n of data.traceGraph.nodes) {
    const p = n.process;
    if (!p) continue;
    for (const e of [...(p.observedInputs ?? []), ...(p.observedOutputs ?? [])]) {
      const spec = e.resourceConformsTo ?? e.resourceInventoriedAs?.conformsTo;
      if (!spec) continue;
      const nature = e.provider?.__typename === ECOLOGICAL || e.receiver?.__typename === ECOLOGICAL;
      const work = e.action?.id === "work" || Boolean(e.effortQuantity);
      if (!nature && !work) continue;
      const prior = found.get(spec.id);
      found.set(spec.id, { id: spec.id, name: spec.name, nature: nature || Boolean(prior?.nature) });
    }
  }
  return [...found.values()].sort((a, b) => Number(b.nature) - Number(a.nature) || a.name.localeCompare(b.name));
}

/** An exact decimal as a person reads it: long fractions rounded, the exact value kept in `data-exact`. */
export function decimalCell(value, unit) {
  const s = String(value);
  const frac = s.includes(".") ? s.split(".")[1].length : 0;
  const shown = frac > 8 ? `≈${Number(s).toPrecision(6)}` : s;
  return h(
    "td",
    { class: "num", dataset: { exact: s }, title: frac > 8 ? s : null },
    shown,
    unit ? h("span", { class: "unit" }, ` ${unit}`) : null,
  );
}

const unitOf = (m) => m?.hasUnit?.symbol ?? m?.hasUnit?.label ?? "";

/**
 * Show the footprint of `resourceId` in `panel`. `chosen` is the list of indicator ids to use (null: the
 * default ones); `onChange(ids)` is called when the reader changes the indicators.
 */
export async function showFootprint(panel, resourceId, chosen, { onChange, nav }) {
  panel.dataset.resource = resourceId;
  fill(panel, h("h2", {}, "Footprint"), h("p", { class: "muted" }, "Loading…"));
  let candidates;
  try {
    candidates = await indicatorCandidates(resourceId);
  } catch (e) {
    fill(panel, h("h2", {}, "Footprint"), h("p", { class: "error" }, e.message));
    return;
  }
  const known = new Set(candidates.map((c) => c.id));
  for (const id of chosen ?? []) {
    if (!known.has(id)) candidates.push({ id, name: shortId(id), nature: false });
  }
  const selected = chosen ?? candidates.filter((c) => c.nature).map((c) => c.id);
  if (panel.dataset.resource !== resourceId) return; // another resource was selected meanwhile

  const picker = h(
    "fieldset",
    { class: "indicators" },
    h("legend", {}, "Indicators"),
    candidates.length
      ? candidates.map((c) =>
          h(
            "label",
            {},
            h("input", {
              type: "checkbox",
              value: c.id,
              checked: selected.includes(c.id),
              onchange: () => {
                const ids = [...picker.querySelectorAll("input:checked")].map((i) => i.value);
                onChange(ids);
              },
            }),
            ` ${c.name}`,
          ),
        )
      : h("p", { class: "muted small" }, "No flows to or from nature, and no work, upstream of this resource."),
  );
  const body = h("div", { class: "footprint-body" });
  fill(panel, h("h2", {}, "Footprint"), picker, body);
  if (!selected.length) {
    fill(body, h("p", { class: "muted" }, "Choose an indicator."));
    return;
  }
  let f;
  try {
    f = (await gql(FOOTPRINT, { resource: resourceId, indicators: selected })).footprint;
  } catch (e) {
    fill(body, h("p", { class: "error" }, e.message));
    return;
  }
  if (panel.dataset.resource !== resourceId) return;
  const held = f.resource.accountingQuantity;
  const perWhat = unitOf(held) ? `per ${unitOf(held)}` : "per unit";
  const totalWhat = held ? `for ${held.hasNumericalValue} ${unitOf(held)}` : "in total";
  const totals = new Map(f.total.map((t) => [t.indicator.id, t]));
  fill(
    body,
    h("p", { class: "muted small" }, `Of ${f.resource.name ?? shortId(f.resource.id)}, rolled up its trace.`),
    h(
      "table",
      { class: "totals", "aria-label": "Footprint totals" },
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Indicator"), h("th", { scope: "col" }, perWhat),
        h("th", { scope: "col" }, totalWhat))),
      h(
        "tbody",
        {},
        f.perUnit.map((p) => {
          const t = totals.get(p.indicator.id);
          return h(
            "tr",
            { dataset: { indicator: p.indicator.id } },
            h("th", { scope: "row" }, p.indicator.name),
            decimalCell(p.quantity.hasNumericalValue, unitOf(p.quantity)),
            decimalCell(t.quantity.hasNumericalValue, unitOf(t.quantity)),
          );
        }),
      ),
    ),
    f.breakdown.length ? h("h3", {}, "By process and organisation") : null,
    f.breakdown.length
      ? h(
          "table",
          { class: "breakdown", "aria-label": "Footprint by process and organisation" },
          h(
            "thead",
            {},
            h("tr", {}, ["Process", "Organisation", perWhat, totalWhat].map((c) => h("th", { scope: "col" }, c))),
          ),
          f.perUnit.map((p) => {
            const rows = f.breakdown.filter((b) => b.indicator.id === p.indicator.id);
            if (!rows.length) return null;
            return h(
              "tbody",
              { dataset: { indicator: p.indicator.id } },
              h("tr", { class: "group" }, h("th", { scope: "rowgroup", colspan: "4" }, p.indicator.name)),
              rows.map((b) =>
                h(
                  "tr",
                  { class: "contribution", dataset: { process: b.process?.id ?? "", agent: b.agent?.id ?? "" } },
                  h("td", {}, b.process ? nav.link(b.process.id, "Process", b.process.name) : "private"),
                  h("td", {}, b.agent ? nav.link(b.agent.id, "Agent", b.agent.name) : "private"),
                  decimalCell(b.perUnit.hasNumericalValue, unitOf(b.perUnit)),
                  decimalCell(b.total.hasNumericalValue, unitOf(b.total)),
                ),
              ),
            );
          }),
        )
      : null,
  );
}
