# stocktake — build, run, test, benchmark. Every target installs what it needs first.
SWIFT    ?= swift
PIPELINE ?= pipelines/bem.yaml
PREFIX   ?= /usr/local
BIN      := .build/release/stocktake
# The Swift runtime is linked statically: the binary runs on a server without a Swift toolchain. The report
# string tables are compiled in, so the binary needs nothing from the source tree or the build folder.
RELEASE  := -c release --static-swift-stdlib --product stocktake

.PHONY: deps build run test bench install clean

deps:
	@scripts/ensure-deps.sh

build: deps
	$(SWIFT) build $(RELEASE)

run: build
	$(BIN) run $(PIPELINE)
	@echo "Reports: reports/latest/summary.md and reports/latest/<country>.md (CSV and SVG beside them)"

test: deps
	@# The optimized binary that `make run` ships, on the bundled pipeline (release-only bugs exist).
	$(SWIFT) build $(RELEASE)
	@out=$$(mktemp -d) && $(BIN) run $(PIPELINE) --quiet --out $$out --db $$out/db.sqlite && test -f $$out/latest/summary.md && scripts/elm-check.sh $$out/latest && rm -rf $$out && echo "release smoke test: passed"
	scripts/install-check.sh
	$(SWIFT) build --product stocktake
	$(SWIFT) test

bench: build
	scripts/bench.sh

install: build
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 0755 $(BIN) $(DESTDIR)$(PREFIX)/bin/stocktake

clean:
	rm -rf .build reports/[0-9]*T*Z reports/.*.partial reports/latest reports/index.md
