# One target per routine task; CI runs `make test` (via .ci/run) exactly as a laptop does.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
VFGRAPH := $(BIN)/vfgraph
STAMP  := $(VENV)/.installed

.PHONY: help install assets browser neo4j neo4j-stop run test test-fast lint typecheck bench bench-ld bench-reads bench-explorer schema conformance audit fuzz clean

help:
	@echo "make run    set everything up, load the demo data and serve http://127.0.0.1:8000/graphql"
	@echo "make test   set everything up and run lint, types and the whole suite on a real Neo4j"
	@echo "make bench  run the benchmarks under bench/"

# The virtual environment, rebuilt when pyproject.toml changes.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# Browser assets (GraphiQL, React) from npm with the lockfile, copied into the package: no CDN at run time.
ASSETS := src/vfgraph/static/graphiql/graphiql.min.js
$(ASSETS): web/graphiql/package.json web/graphiql/package-lock.json
	cd web/graphiql && npm ci --no-audit --no-fund --silent
	mkdir -p src/vfgraph/static/graphiql
	cp web/graphiql/node_modules/graphiql/graphiql.min.js web/graphiql/node_modules/graphiql/graphiql.min.css \
	   web/graphiql/node_modules/react/umd/react.production.min.js \
	   web/graphiql/node_modules/react-dom/umd/react-dom.production.min.js src/vfgraph/static/graphiql/
	touch $(ASSETS)

# The graph explorer (/explorer): its ES modules and cytoscape's ES module build, from npm with the lockfile.
EXPLORER := src/vfgraph/static/explorer/index.html
$(EXPLORER): web/explorer/package.json web/explorer/package-lock.json $(wildcard web/explorer/src/*)
	cd web/explorer && npm ci --no-audit --no-fund --silent
	mkdir -p src/vfgraph/static/explorer/vendor
	cp web/explorer/src/* src/vfgraph/static/explorer/
	cp web/explorer/node_modules/cytoscape/dist/cytoscape.esm.min.mjs \
	   src/vfgraph/static/explorer/vendor/cytoscape.esm.min.js
	touch $(EXPLORER)

assets: $(ASSETS) $(EXPLORER)

# Debian's Chromium for the explorer's browser tests (Playwright drives it; it downloads no browser), and curl
# for the README's PACT example (tests/e2e/test_pact_readme.py).
browser:
	@command -v chromium >/dev/null || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium)
	@command -v curl >/dev/null || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y curl)

# Fetches Neo4j Community from Maven Central on first use, then starts it (harmless if running).
neo4j: $(STAMP)
	$(VFGRAPH) neo4j start

neo4j-stop: $(STAMP)
	$(VFGRAPH) neo4j stop

# Plain HTTP on 8000 and HTTPS on 8443 (the PACT API needs it: docs/pact.md), with a self-signed certificate
# for localhost made on the first run; set VFGRAPH_TLS_CERT/KEY/PORT to serve your own.
TLS_CERT ?= $(or $(VFGRAPH_TLS_CERT),.tls/cert.pem)
TLS_KEY  ?= $(or $(VFGRAPH_TLS_KEY),.tls/key.pem)
TLS_PORT ?= $(or $(VFGRAPH_TLS_PORT),8443)
run: neo4j assets
	$(VFGRAPH) init
	$(VFGRAPH) tls self-signed --if-missing --cert $(TLS_CERT) --key $(TLS_KEY)
	VFGRAPH_TLS_PORT=$(TLS_PORT) $(VFGRAPH) demo
	VFGRAPH_TLS_CERT=$(TLS_CERT) VFGRAPH_TLS_KEY=$(TLS_KEY) VFGRAPH_TLS_PORT=$(TLS_PORT) $(VFGRAPH) serve

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

# The whole suite against the real server. In CI the server is stopped afterwards.
test: lint typecheck assets browser neo4j
	@$(BIN)/pytest -p no:cacheprovider; rc=$$?; \
	if [ -n "$$CI" ]; then $(VFGRAPH) neo4j stop; fi; exit $$rc

test-fast: $(STAMP)
	$(BIN)/pytest tests/unit -q

# Each prints a ratio against a baseline measured in the same run (see the docstring at the top of each).
bench: neo4j
	$(BIN)/python bench/shacl.py
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/authz.py
	$(BIN)/python bench/trace.py
	$(BIN)/python bench/signals.py
	$(BIN)/python bench/recipes.py

# How long the explorer takes to draw 200, 2,000 and (capped) 5,000 nodes in Chromium.
bench-explorer: assets browser neo4j
	$(BIN)/python bench/explorer.py

# Linked-data import and export against rdflib alone (about a million triples; --triples N for fewer).
bench-ld: neo4j
	$(BIN)/python bench/ld.py

# Reads side by side with @neo4j/graphql 7 on Apollo Server 5 (bench/peer, npm lockfile) on the same Neo4j and
# data; run it on a database of its own (VFGRAPH_NEO4J_HOME, VFGRAPH_NEO4J_BOLT_PORT).
bench-reads: neo4j
	cd bench/peer && npm ci --no-audit --no-fund --silent
	$(BIN)/python bench/reads.py

# The graphql-http audit suite (GraphQL over HTTP draft) against a server it starts on 127.0.0.1.
audit: neo4j
	cd bench/audit && npm ci --no-audit --no-fund --silent
	$(BIN)/python bench/graphql_http_audit.py

# Fuzzing from the schema, the long run (at least 1,000 generated requests); `make test` runs a short one.
fuzz: neo4j
	FUZZ_EXAMPLES=25 FUZZ_MIN_REQUESTS=1000 $(BIN)/pytest -p no:cacheprovider -q -s tests/e2e/test_fuzz.py

schema: $(STAMP)
	$(VFGRAPH) schema > schema.graphql

# Needs ../shared (not part of a user's clone): checks the schema against every module of vf-graphql.
conformance: schema
	../shared/conformance/vf-graphql-check schema.graphql

clean:
	rm -rf $(VENV) build *.egg-info
