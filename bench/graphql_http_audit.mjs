// The graphql-http audit suite (GraphQL over HTTP draft) against a running vfgraph GraphQL endpoint.
//
//   node bench/graphql_http_audit.mjs [URL]          default http://127.0.0.1:8765/graphql
//   VFGRAPH_AUDIT_KEY=vfg_... node bench/...          send 'Authorization: Bearer <key>' with every request
//
// Prints one line per audit (ok, or the requirement level and the reason) and the counts; exits 1 when a
// MUST audit fails. `make audit` installs the suite (bench/audit, npm lockfile) and starts a server for it
// (bench/graphql_http_audit.py).
import { auditServer } from "./audit/node_modules/graphql-http/lib/index.mjs";

const url = process.argv[2] ?? "http://127.0.0.1:8765/graphql";
const key = process.env.VFGRAPH_AUDIT_KEY;

function withKey(input, init = {}) {
  if (!key) return fetch(input, init);
  const headers = new Headers(init.headers ?? {});
  headers.set("authorization", `Bearer ${key}`);
  return fetch(input, { ...init, headers });
}

const results = await auditServer({ url, fetchFn: withKey });
const counts = { ok: 0, notice: 0, warn: 0, error: 0 };
for (const result of results) {
  counts[result.status] += 1;
  if (result.status === "ok") {
    console.log(`ok      ${result.id} ${result.name}`);
  } else {
    let body = "";
    try {
      body = (await result.response.text()).slice(0, 200);
    } catch {
      body = "(body already read)";
    }
    console.log(`${result.status.padEnd(7)} ${result.id} ${result.name}`);
    console.log(`        ${result.reason}; status ${result.response.status}; ${body}`);
  }
}
const failed = results.length - counts.ok;
console.log(
  `${results.length} audits: ${counts.ok} ok, ${failed} failed ` +
    `(${counts.error} MUST, ${counts.warn} SHOULD, ${counts.notice} MAY)`,
);
process.exit(counts.error > 0 ? 1 : 0);
