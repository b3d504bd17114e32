# Two commands for people and CI: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501

.PHONY: run test lint format unit app e2e reliability bench migrate cluster messages clean

$(VENV)/.runtime: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

run: $(VENV)/.runtime ## start the app on http://localhost:$(PORT)
	$(PY) -m streamlit run app.py --server.port $(PORT)

test: $(VENV)/.dev lint ## lint, unit, app, reliability and browser tests (two workers; browser tests one at a time)
	$(PY) -m pytest -n 2 --dist loadgroup

lint: $(VENV)/.dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: $(VENV)/.dev
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

unit: $(VENV)/.dev
	$(PY) -m pytest tests/unit

app: $(VENV)/.dev
	$(PY) -m pytest tests/app

e2e: $(VENV)/.dev
	$(PY) -m pytest tests/e2e

bench: $(VENV)/.dev ## timing figures against a bare Streamlit baseline (not part of make test)
	$(PY) bench/run.py

migrate: $(VENV)/.runtime ## copy all data to TO=postgresql://... or TO=DIR (from the app's settings, or FROM=...)
	@test -n "$(TO)" || { echo "usage: make migrate TO=postgresql://user:password@host/db  (or TO=DIR) [FROM=...]"; exit 2; }
	$(PY) -m rebound migrate --to "$(TO)" $(if $(FROM),--from "$(FROM)")

cluster: $(VENV)/.runtime ## a throwaway PostgreSQL, two Rebound servers and HAProxy; prints the URL, Ctrl-C stops all
	$(PY) -m rebound cluster

messages: $(VENV)/.dev ## after changing core/content.py: refresh core/locale (template, each .po, each .mo)
	$(PY) -m core.catalogue

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache test-output
