# Two commands set everything up on a fresh machine: `make serve` and `make test`.
# Every target installs what it needs first (a virtualenv from pinned requirements;
# for the browser tests, Debian's chromium).

PYTHON ?= python3
# make build ENGINE=properdocs|zensical: the same tree with another engine (README: Other engines)
ENGINE ?= mkdocs
LIGHTHOUSE_VERSION := 12.8.2
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.txt | cksum | cut -d' ' -f1)
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: serve build test check event coverage schema bench chromium

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	rm -f $(VENV)/.installed-*
	touch $@

serve: $(STAMP)  ## preview the site at http://127.0.0.1:8000, rebuilding on every save
	$(BIN)/mkdocs serve

build: $(STAMP)  ## build the site into site/ (strict, reproducible: dated by the last commit); ENGINE=mkdocs|properdocs|zensical
	SOURCE_DATE_EPOCH=$$(git log -1 --format=%ct 2>/dev/null || echo 0) $(BIN)/python -m macros.engines $(ENGINE) site

chromium:
	@command -v /usr/bin/chromium >/dev/null || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

test: $(STAMP) chromium  ## the whole test suite: unit, build and real-browser tests
	$(BIN)/python -m pytest

check: $(STAMP)  ## validate all data and quotes without building
	$(BIN)/python -m macros check

event: $(STAMP)  ## make event date=2021-05-05 title="…" source=<id> [dispute=<id>]
	$(BIN)/python -m macros new-event --date "$(date)" --title "$(title)" --source "$(source)" $(if $(dispute),--dispute "$(dispute)")

schema: $(STAMP)  ## regenerate schemas/ from macros/models.py
	$(BIN)/python -m macros schema

coverage: $(STAMP)  ## how much of each source the site cites, and each dispute's gaps
	$(BIN)/python -m macros coverage

bench: $(STAMP) chromium  ## build time, page sizes, load timings and Lighthouse scores, printed as numbers
	@[ -x .bench/node_modules/.bin/lighthouse ] || npm install --silent --no-audit --no-fund --prefix .bench lighthouse@$(LIGHTHOUSE_VERSION)
	$(BIN)/python tests/bench.py
