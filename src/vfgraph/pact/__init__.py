"""PACT v3 (the WBCSD Partnership for Carbon Transparency): vfgraph as a PACT host and a PACT data recipient.

    schema.py        the PACT v3 JSON Schema checks (the one module that imports jsonschema)
    mapping.py       a roll-up and the declarations -> a ProductFootprint (the field mapping, pure)
    urns.py          company and product identifiers as URNs
    extension.py     vfgraph's data model extension: the breakdown and the other indicators
    credentials.py   PACT clients (hashed secrets) and their access tokens (hashed, expiring)
    secrets.py       the server secret that encrypts what vfgraph holds for other hosts
    peers.py         other PACT hosts and vfgraph's credentials there
    remote.py        the outgoing client: token, GetFootprint, posting an event (httpx)
    footprints.py    publish, deprecate, list; take a supplier's footprint
    criteria.py      the PACT filters of ListFootprints and of request events
    events.py        the CloudEvents of POST /3/events
    worker.py        the background worker: answers requests, fetches published footprints, retries
    http.py          the HTTP routes (a Starlette router mounted at /pact by app.py)
    tls.py           HTTPS: a self-signed certificate for localhost, uvicorn's TLS settings
    rdf.py           footprints as linked data
    cli.py           `vfgraph pact ...` and `vfgraph tls ...`
    demo.py          the demo's flour footprint and its PACT client

docs/pact.md says what each PACT field comes from, how to serve and how to connect to a supplier.
"""
