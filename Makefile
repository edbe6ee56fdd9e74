# idconnect: the two commands a newcomer needs are `make dev` and `make test`.
SHELL := /usr/bin/env bash
GO ?= go
export CGO_ENABLED := 1

TEMPL_VERSION := $(shell $(GO) list -m -f '{{.Version}}' github.com/a-h/templ 2>/dev/null)

.PHONY: dev test generate bench load fuzz deps vet

## dev: run the server on the embedded defaults (in-process chain, SQLite in ./.idconnect)
dev:
	$(GO) build -o bin/idconnect ./cmd/idconnect
	exec bin/idconnect serve --dev

## test: every test: unit, conformance on three chains, both stores (starts and stops Postgres)
test: deps
	scripts/test.sh

## generate: recompile the contracts with the pinned solc, regenerate the Go bindings and the templ pages
generate:
	node contracts/solc/compile.js "$$(scripts/npm-deps.sh)" contracts/src contracts/build
	$(GO) run ./contracts/internal/bindgen/cmd/bindgen contracts/build contracts/bindings
	$(GO) run github.com/a-h/templ/cmd/templ@$(TEMPL_VERSION) generate -path templates
	$(GO) run github.com/a-h/templ/cmd/templ@$(TEMPL_VERSION) generate -path internal/demorp

## bench: the benchmarks behind the README's performance section
bench: deps
	scripts/bench.sh

## load: a bounded /userinfo load run on loopback (scripts/loadrun.sh; knobs in the script)
load:
	scripts/loadrun.sh

## fuzz: run every fuzz target for FUZZTIME each (default 20s)
fuzz:
	scripts/fuzz.sh $(or $(FUZZTIME),20s)

## deps: install what the tests start: Node.js/npm packages, PostgreSQL, geth
deps:
	scripts/deps.sh

vet:
	$(GO) vet ./...
