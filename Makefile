# 政务成效看板 — build, run and test. Two commands set up a fresh machine: `make run`, `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cksum requirements.txt | cut -d' ' -f1)
WAREHOUSE := data/warehouse.duckdb
GEO_ASSETS := geo/assets/provinces.geojson

.PHONY: setup build geo run test test-fast browser bench clean ocr

setup: $(STAMP)

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.txt
	rm -f $(VENV)/.installed-*
	touch $@

# Optional extra: OCR of scanned PDF pages (rapidocr, ~100 MB with onnxruntime and opencv). Not part
# of `make run`/`make test`; after it, builds read pages without a text layer (ETL_OCR=off: refuse them).
ocr: setup
	$(PY) -m pip install -q --disable-pip-version-check -r requirements-ocr.txt

# Geography assets are committed; rebuild them only when missing.
geo: setup
	@if [ -f geo/__main__.py ] && [ ! -f $(GEO_ASSETS) ]; then $(PY) -m geo build; fi

build: setup geo
	$(PY) -m etl build

run: build
	$(PY) -m streamlit run app.py --server.address 127.0.0.1 --server.port 8501

# Debian chromium + CJK fonts for the browser tests (machines run as root).
browser:
	@if ! command -v chromium >/dev/null || ! dpkg -s fonts-noto-cjk >/dev/null 2>&1; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk; \
	fi

test: build browser
	$(PY) -m pytest -q

# Unit tests only: no browser, no AppTest suites, no long integration builds (markers in pytest.ini,
# set in tests/conftest.py): the quick loop while changing code. Needs `make setup` once.
# Bytecode is cached even where the environment says PYTHONDONTWRITEBYTECODE: otherwise each of the
# three pytest processes compiles every module and rewrites every test's asserts again, each run
# (measured: 25 s instead of 13 s on the shared 2-core machine).
test-fast:
	PYTHONDONTWRITEBYTECODE= $(PY) -m pytest -q -n 2 -m "not browser and not apptest and not slow"

bench: build
	@for b in bench/*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

clean:
	rm -f $(WAREHOUSE)
