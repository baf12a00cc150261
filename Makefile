# stocktake — build, run, test, benchmark. Every target installs what it needs first.
SWIFT    ?= swift
PIPELINE ?= pipelines/bem.yaml
BIN      := .build/release/stocktake

.PHONY: deps build run test bench clean

deps:
	@scripts/ensure-deps.sh

build: deps
	$(SWIFT) build -c release --product stocktake

run: build
	$(BIN) run $(PIPELINE)
	@echo "Reports: reports/latest/summary.md and reports/latest/<country>.md (CSV and SVG beside them)"

test: deps
	@# The optimized binary that `make run` ships, on the bundled pipeline (release-only bugs exist).
	$(SWIFT) build -c release --product stocktake
	@out=$$(mktemp -d) && $(BIN) run $(PIPELINE) --quiet --out $$out --db $$out/db.sqlite && test -f $$out/latest/summary.md && rm -rf $$out && echo "release smoke test: passed"
	$(SWIFT) build --product stocktake
	$(SWIFT) test

bench: build
	scripts/bench.sh

clean:
	rm -rf .build reports/run-* reports/latest reports/index.md
