// The explorer's GraphQL queries, sent to the same /graphql endpoint as every other client.

const ENDPOINT = new URL("graphql", document.baseURI).href;

export class ApiError extends Error {
  constructor(message, code) {
    super(message);
    this.code = code;
  }
}

/**
 * The headers every request of the page sends: an API key kept for this tab (sessionStorage
 * "vfgraph.apiKey"), when there is one, so a signed-in auditor sees what the key allows.
 */
export function authHeaders() {
  const key = sessionStorage.getItem("vfgraph.apiKey");
  return key ? { authorization: `Bearer ${key}` } : {};
}

/** Run a query; resolves to its data, rejects with an ApiError carrying the first error's code. */
export async function gql(query, variables = {}) {
  const response = await fetch(ENDPOINT, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json", ...authHeaders() },
    body: JSON.stringify({ query, variables }),
  });
  let body;
  try {
    body = await response.json();
  } catch {
    throw new ApiError(`the API answered ${response.status} ${response.statusText}`, "HTTP");
  }
  if (body.errors && body.errors.length) {
    const e = body.errors[0];
    throw new ApiError(e.message, e.extensions?.code ?? "ERROR");
  }
  return body.data;
}

const MEASURE = "{ hasNumericalValue hasUnit { id label symbol } }";
const AGENT = "{ __typename id name }";
const SCOPE = `{ __typename ... on Person { id name } ... on Organization { id name }
  ... on EcologicalAgent { id name } }`;

export const SEARCH = `query Search($text: String!, $first: Int) {
  search(text: $text, first: $first) { id kind name trackingIdentifier note action }
}`;

// Everything the graph draws: labels, quantities and who is accountable (for colours and agent nodes).
// A record the reader may not see comes back `redacted`, with a null resource/event/process.
export const TRACE = `query Trace($start: ID!, $direction: TraceDirection!, $maxDepth: Int) {
  traceGraph(start: $start, direction: $direction, maxDepth: $maxDepth) {
    start direction maxDepth truncated
    nodes {
      id kind depth redacted
      resource { id name trackingIdentifier accountingQuantity ${MEASURE} primaryAccountable ${AGENT} }
      event {
        id action { id label } resourceQuantity ${MEASURE} effortQuantity ${MEASURE}
        provider ${AGENT} receiver ${AGENT}
      }
      process { id name inScopeOf ${SCOPE} }
    }
    edges { from to event action { id label } resourceQuantity ${MEASURE} effortQuantity ${MEASURE} }
  }
}`;

const EVENT_LINE = `{ id action { id label } resourceQuantity ${MEASURE} effortQuantity ${MEASURE}
  hasPointInTime hasBeginning provider ${AGENT} receiver ${AGENT} }`;

// The details of one record, by kind.
export const DETAILS = {
  EconomicResource: `query Resource($id: ID!) { record: economicResource(id: $id) {
    id name trackingIdentifier note classifiedAs currentLocation { id name }
    accountingQuantity ${MEASURE} onhandQuantity ${MEASURE}
    primaryAccountable ${AGENT} conformsTo { id name } stage { id name } state { id label }
    containedIn { id name }
    eventsOut: economicEventsInOutFrom(first: 50) { edges { node ${EVENT_LINE} } pageInfo { hasNextPage } }
    eventsIn: economicEventsTo(first: 50) { edges { node ${EVENT_LINE} } pageInfo { hasNextPage } }
  } }`,
  EconomicEvent: `query Event($id: ID!) { record: economicEvent(id: $id) {
    id action { id label } note hasPointInTime hasBeginning hasEnd
    resourceQuantity ${MEASURE} effortQuantity ${MEASURE}
    provider ${AGENT} receiver ${AGENT}
    resourceInventoriedAs { id name trackingIdentifier } toResourceInventoriedAs { id name trackingIdentifier }
    inputOf { id name } outputOf { id name } resourceConformsTo { id name }
  } }`,
  Process: `query Process($id: ID!) { record: process(id: $id) {
    id name note hasBeginning hasEnd finished basedOn { id name } inScopeOf ${SCOPE}
    observedInputs ${EVENT_LINE} observedOutputs ${EVENT_LINE}
  } }`,
  Agent: `query Agent($id: ID!) { record: agent(id: $id) {
    __typename id name note
    inventoriedEconomicResources(first: 50) { edges { node { id name trackingIdentifier
      accountingQuantity ${MEASURE} } } pageInfo { hasNextPage } }
    economicEvents(first: 50) { edges { node ${EVENT_LINE} } pageInfo { hasNextPage } }
  } }`,
};

// The indicator flows of a resource's upstream trace: what its processes take from or give to ecological
// agents (water, emissions) and the work they record. Used to offer indicators for the footprint.
export const UPSTREAM_FLOWS = `query UpstreamFlows($start: ID!) {
  traceGraph(start: $start, direction: UPSTREAM) {
    nodes { kind process { observedInputs { ...Flow } observedOutputs { ...Flow } } }
  }
}
fragment Flow on EconomicEvent {
  action { id } effortQuantity { hasNumericalValue }
  provider { __typename } receiver { __typename }
  resourceConformsTo { id name } resourceInventoriedAs { conformsTo { id name } }
}`;

export const FOOTPRINT = `query Footprint($resource: ID!, $indicators: [ID!]!) {
  footprint(resource: $resource, indicators: $indicators) {
    resource { id name accountingQuantity ${MEASURE} }
    perUnit { indicator { id name } quantity ${MEASURE} }
    total { indicator { id name } quantity ${MEASURE} }
    breakdown {
      indicator { id name } process { id name } agent ${AGENT} perUnit ${MEASURE} total ${MEASURE}
    }
  }
}`;
