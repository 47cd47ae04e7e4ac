# Two commands are the whole set-up: `make run` starts the app, `make test` runs every test.
# Each creates .venv and installs what it needs; as root it also installs missing Debian packages.

VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
PORT   ?= 8501

.PHONY: run test lint bench system-run system-test clean

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.txt -r requirements-dev.txt
	touch $(STAMP)

system-run:
	@scripts/system-deps.sh graphviz

system-test:
	@scripts/system-deps.sh graphviz chromium

run: $(STAMP) system-run
	$(VENV)/bin/streamlit run app.py --server.port $(PORT)

lint: $(STAMP)
	$(VENV)/bin/ruff check .

test: $(STAMP) system-test lint
	$(PY) -m pytest

bench: $(STAMP)
	$(PY) benchmarks/analysis_speed.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
