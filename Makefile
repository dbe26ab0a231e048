# spp-check — the two commands a new user needs: `make demo` and `make test`.
SWIFT      ?= swift
BIN        := .build/debug/spp-check
RELEASE    := .build/release/spp-check

.PHONY: all deps build release demo test docs bench data fuzz clean lsp-client dist man install deb

all: build

# libyaml and pkg-config come from Debian's packages; install them when missing.
deps:
	@if ! pkg-config --exists yaml-0.1 2>/dev/null; then \
	  if [ "$$(id -u)" -ne 0 ]; then \
	    echo "spp-check needs libyaml-dev and pkg-config: run 'sudo apt-get install -y libyaml-dev pkg-config' (or 'make deps' as root)" >&2; \
	    exit 1; \
	  fi; \
	  echo "installing libyaml-dev and pkg-config with apt…" >&2; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libyaml-dev pkg-config >/dev/null; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

DEMO_PLAN  := Examples/sapeurs-pompiers/violations/plan.yaml

DEMO_HTML  := .build/demo/report.html
DEMO_JSON  := .build/demo/report.json

# The main job on the bundled example: a real-sized département of volunteer firefighters with
# seeded violations, checked against the standard packs. Findings (exit status 1) are the point
# of the demo, so only an error (status 2) fails it. It prints the verdict and the rules to fix
# first (`--format summary`, a few dozen lines), and writes, under .build/ (git-ignored), the
# HTML review report (with its coverage map, in French) and beside it the complete list of
# findings in JSON, which the HTML report links to; the HTML report's path is the last line.
demo: deps
	@$(SWIFT) build -q
	@echo "== spp-check check $(DEMO_PLAN)"
	@mkdir -p $(dir $(DEMO_HTML))
	@$(BIN) check $(DEMO_PLAN) --format summary --format html=$(DEMO_HTML) --format json=$(DEMO_JSON) --lang fr; status=$$?; \
	  if [ $$status -ge 2 ]; then exit $$status; fi; \
	  echo; echo "(exit status $$status: 0 = nothing blocking, 1 = error findings, 2 = could not check)"; \
	  echo "HTML review report (open it in a browser):"; \
	  echo "$(abspath $(DEMO_HTML))"

test: deps
	$(SWIFT) test

# The standard packs' catalogue as a static site (no script, no network) in .build/docs
# (git-ignored): a page per pack and per rule, with its tests as worked examples, and the rules
# by code article (articles.html). `make docs` is run from the repository root, so that the
# rule tests beside Rules/ are found. docs/rules.md is the Markdown catalogue (spp-check docs).
DOCS_SITE := .build/docs
docs: deps
	@$(SWIFT) build -q
	@$(BIN) docs --format html $(DOCS_SITE)

# Speed and memory, measured (never asserted in tests): see docs/performance.md. The YAML loader
# against bare libyaml, then spp-check against regorus and plain Python on the three shared checks
# (10k, 50k, 200k contributors) and at national scale (Benchmarks/run.py; about 5 minutes on 2
# quiet cores; BENCH_SIZES=10k,50k for a shorter run). Datasets are generated when missing.
bench: deps
	@bash Benchmarks/yaml/run.sh
	@if [ ! -x /usr/bin/time ]; then \
	  if [ "$$(id -u)" -ne 0 ]; then \
	    echo "make bench needs GNU time: run 'sudo apt-get install -y time'" >&2; exit 1; \
	  fi; \
	  echo "installing GNU time with apt…" >&2; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null; \
	fi
	@python3 Benchmarks/run.py

# Every benchmark dataset, deterministic from its seed, under Benchmarks/data/ (git-ignored, ~550 MB).
data:
	@sh Benchmarks/generate/make-data.sh

# libFuzzer through swiftc -sanitize=fuzzer,address: every harness of Fuzz/Harnesses/ for
# FUZZ_SECONDS each (default 60) from its seed corpus; fails when one crashes. See docs/robustness.md.
FUZZ_SECONDS ?= 60
fuzz: deps
	@FUZZ_SECONDS=$(FUZZ_SECONDS) sh Fuzz/run.sh

# The real LSP client the language server's end-to-end tests drive (pytest-lsp, from PyPI), in a
# venv under .build/; `make test` installs it itself when missing (Tests/SPPCheckTests/LSPClientTests.swift).
lsp-client:
	@.build/lsp-venv/bin/python -c 'import pytest_lsp' 2>/dev/null || \
	  { python3 -m venv .build/lsp-venv && .build/lsp-venv/bin/python -m pip install -q pytest-lsp==1.0.1; }

# Install and package (docs/install.md). A release binary with the Swift standard library and
# Foundation linked in, so that it needs only glibc, GCC's C++ runtime and libyaml; built in its own folder so that
# the flags never force a rebuild of .build/release (benchmarks) or .build/debug (tests).
PREFIX   ?= /usr/local
DESTDIR  ?=
DIST     := .build-dist
DIST_BIN := $(DIST)/release/spp-check
MANPAGE  := $(DIST)/man/spp-check.1
# The manual's date: the last commit's, so that the same sources give the same page.
MAN_DATE ?= $(shell git log -1 --format=%cs 2>/dev/null || date +%F)

dist: deps
	$(SWIFT) build -c release --static-swift-stdlib --scratch-path $(DIST) --product spp-check

# The manual page, generated from the command's own help (--experimental-dump-help) by
# swift-argument-parser's generate-manual, built from the package's own checkout.
man: dist
	$(SWIFT) build -q -Xswiftc -suppress-warnings --package-path $(DIST)/checkouts/swift-argument-parser --scratch-path $(DIST)/tools --product generate-manual
	@mkdir -p $(DIST)/man
	$(DIST)/tools/debug/generate-manual $(DIST_BIN) --date $(MAN_DATE) --output-directory $(DIST)/man

# The binary in $(PREFIX)/bin, the manual in share/man/man1, completions for bash, zsh and fish.
install: man
	@sh packaging/install.sh $(DIST_BIN) $(MANPAGE) "$(DESTDIR)$(PREFIX)"

# A Debian package in .build-dist/deb/ (dpkg-deb --root-owner-group: no fakeroot needed).
deb: man
	@sh packaging/deb.sh $(DIST_BIN) $(MANPAGE) $(DIST)/deb

clean:
	rm -rf .build $(DIST)
