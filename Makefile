# spp-check — the two commands a new user needs: `make demo` and `make test`.
SWIFT      ?= swift
BIN        := .build/debug/spp-check
RELEASE    := .build/release/spp-check

.PHONY: all deps build release demo test bench data fuzz clean

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

demo: build
	$(BIN) inspect --locations Examples/demo.yaml

test: deps
	$(SWIFT) test

clean:
	rm -rf .build
