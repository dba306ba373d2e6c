# Success Desk — build, run and test. `make run` and `make test` install what
# is missing first (Debian/Ubuntu packages through .ci/deps, Go modules, npm).
SHELL := /bin/bash
.DEFAULT_GOAL := run

VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X main.version=$(VERSION)
BIN := build/bin/success-desk
GO_PKGS := ./...
FUZZTIME ?= 5s

.PHONY: run test dev build bench coldstart deps frontend bindings bindings-check check unit fuzz keyring stripemock e2e smoke clean

deps: .ci/deps.stamp
.ci/deps.stamp: .ci/deps
	@.ci/deps
	@touch $@

frontend/node_modules/.stamp: frontend/package-lock.json | deps
	cd frontend && npm ci --no-audit --no-fund
	@touch $@

frontend: frontend/node_modules/.stamp

## build: the production binary (frontend included) at build/bin/success-desk
build: deps frontend
	go tool wails build -m -ldflags "$(LDFLAGS)"

## run: open the app on the demo book (under Xvfb when there is no display)
run: build
	@if [ -n "$$DISPLAY" ] || [ "$$(uname)" != "Linux" ]; then ./$(BIN); \
	else echo "No DISPLAY: running inside Xvfb"; xvfb-run -a -s "-screen 0 1360x900x24" dbus-run-session -- ./$(BIN); fi

## dev: live-reloading development window
dev: deps frontend
	.ci/vite-warm
	go tool wails dev

## bindings: regenerate the TypeScript bindings under frontend/wailsjs
bindings:
	go tool wails generate module

## bindings-check: the committed bindings are current, and generating them
## touched no data folder (the generating run opens no book)
bindings-check:
	@cfg=$$(mktemp -d); XDG_CONFIG_HOME=$$cfg go tool wails generate module; made=$$(ls -A $$cfg/SuccessDesk 2>/dev/null); \
	rm -rf $$cfg; if [ -n "$$made" ]; then echo "generating the bindings made books in the data folder: $$made"; exit 1; fi
	@git -c core.fileMode=false diff --exit-code --stat frontend/wailsjs || { echo "frontend/wailsjs is stale: run make bindings and commit"; exit 1; }

## check: formatting, vet and svelte-check
check: frontend
	@unformatted=$$(gofmt -l app backend main.go); if [ -n "$$unformatted" ]; then echo "gofmt: $$unformatted"; exit 1; fi
	go vet $(GO_PKGS)
	cd frontend && npm run check

## unit: Go and frontend unit tests
unit: frontend
	go test -count=1 $(GO_PKGS)
	cd frontend && npm test

## fuzz: a short run of every fuzz target
fuzz:
	.ci/fuzz $(FUZZTIME)

e2e: deps frontend
	.ci/e2e

## keyring: the secrets store against a real Secret Service (gnome-keyring in a private D-Bus session)
keyring: deps
	.ci/keyring-it

smoke: build
	.ci/smoke

## coldstart: time ten first, first-of-the-day and warm starts of the window to a painted Health page
coldstart: build
	.ci/coldstart 10 first
	.ci/coldstart 10 day
	.ci/coldstart 10 warm

## stripemock: the Stripe client against stripe-mock v0.162.0 on loopback
stripemock: deps
	.ci/stripe-mock

## test: everything (installs what is missing first)
test: deps frontend check bindings-check unit fuzz keyring stripemock build smoke e2e
	@echo "make test: all suites passed"

## bench: benchmarks on 100,000-account books (not part of make test)
bench: deps
	go test -run '^$$' -bench . -benchtime 20x ./backend/store/
	go test -run '^$$' -bench . -benchtime 3x ./backend/health/
	go test -run '^$$' -bench . -benchtime 1x ./backend/demo/
	go test -run '^$$' -bench . -benchtime 20x ./backend/books/
	go test -run '^$$' -bench Decode ./backend/connector/stripe/
	go test -run '^$$' -bench MultiSourceSync -benchtime 3x ./app/
	go test -run '^$$' -bench 'Contracts|Convert' -benchtime 20x ./app/

clean:
	rm -rf build/bin build/smoke build/e2e frontend/dist/assets frontend/dist/index.html
