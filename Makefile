# stocktake — build, run, test, benchmark. Every target installs what it needs first.
SWIFT    ?= swift
PIPELINE ?= pipelines/bem.yaml
PREFIX   ?= /usr/local
BIN      := .build/release/stocktake
# The Swift runtime is linked statically: the binary runs on a server without a Swift toolchain. The report
# string tables are compiled in, so the binary needs nothing from the source tree or the build folder.
RELEASE  := -c release --static-swift-stdlib --product stocktake

.PHONY: deps build run test bench install clean screenshots perturbation-effect demo-federated

deps:
	@scripts/ensure-deps.sh

build: deps
	$(SWIFT) build $(RELEASE)

run: build
	$(BIN) run $(PIPELINE)
	@echo "Reports: reports/latest/summary.md and reports/latest/<country>.md, as HTML summary.html and <country>.html (CSV and SVG beside them)"

test: deps
	@# Python tools for the export checks (.build/venv: openpyxl, frictionless); skipped with a message when offline.
	scripts/ensure-venv.sh
	@# The optimized binary that `make run` ships, on the bundled pipeline (release-only bugs exist); its workbook
	@# and data package are read back and validated (scripts/check-exports.py) in both CSV variants.
	$(SWIFT) build $(RELEASE)
	@for variant in standard excel; do \
	  out=$$(mktemp -d) && $(BIN) run $(PIPELINE) --quiet --csv-variant $$variant --out $$out --db $$out/db.sqlite && \
	  test -f $$out/latest/summary.md && test -f $$out/latest/stocktake.xlsx && test -f $$out/latest/datapackage.json || exit 1; \
	  python3 scripts/html_check.py $$out/latest >$$out/html.txt || { cat $$out/html.txt; exit 1; }; \
	  scripts/elm-check.sh $$out/latest || exit 1; \
	  if [ -x .build/venv/bin/python ]; then \
	    .build/venv/bin/python scripts/check-exports.py $$out/latest >$$out/check.json || { cat $$out/check.json; exit 1; }; \
	    echo "export check ($$variant): stocktake.xlsx and datapackage.json valid"; \
	  else echo "export check ($$variant): skipped, no .build/venv (scripts/ensure-venv.sh could not install it)"; fi; \
	  rm -rf $$out; \
	done; echo "release smoke test: passed"
	$(MAKE) perturbation-effect
	scripts/install-check.sh
	@# The PostgreSQL server for the federation tests (a throwaway server each); they say so when skipped.
	scripts/ensure-postgres.sh
	$(SWIFT) build --product stocktake
	$(SWIFT) test

# The loss of accuracy of the cell key perturbation on the bundled run (docs/methodology.md §5.1): the pipeline run
# with `scoring.perturbation: off` and as shipped (demo key), compared by scripts/perturbation_effect.py, which fails
# when the figures in docs/methodology.md differ.
perturbation-effect: build
	@off=$$(mktemp -p pipelines --suffix=.yaml .perturbation-off-XXXXXX) && out=$$(mktemp -d) && \
	  sed 's/^max_reject_ratio: \(.*\)$$/max_reject_ratio: \1\nscoring:\n  perturbation: off/' $(PIPELINE) > $$off && \
	  env -u STOCKTAKE_PERTURBATION_KEY_FILE $(BIN) run $$off --quiet --out $$out/off --db $$out/off.sqlite && \
	  env -u STOCKTAKE_PERTURBATION_KEY_FILE $(BIN) run $(PIPELINE) --quiet --out $$out/on --db $$out/on.sqlite 2>/dev/null; \
	  status=$$?; rm -f $$off; \
	  if [ $$status -ne 0 ]; then rm -rf $$out; exit $$status; fi; \
	  python3 scripts/perturbation_effect.py $$out/off/latest $$out/on/latest --check docs/methodology.md; \
	  status=$$?; rm -rf $$out; exit $$status

# A federated run on a throwaway PostgreSQL server: eight partners publish, the coordinator's CSVs are compared
# with the single run's. Prints `federated: identical` or the first difference (docs/federation.md).
demo-federated: build
	scripts/demo-federated.sh

# Headless Chromium screenshots of the bundled run's HTML pages (summary, DE, UA, GE, AM) into docs/screenshots/;
# installs chromium when missing. Not part of `make test` (a browser is heavy); the pages are checked there.
screenshots: deps
	scripts/screenshot-html.sh

bench: build
	scripts/bench.sh

install: build
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 0755 $(BIN) $(DESTDIR)$(PREFIX)/bin/stocktake

clean:
	rm -rf .build reports/[0-9]*T*Z reports/.*.partial reports/latest reports/index.md
