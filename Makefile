# Two commands are the whole set-up: `make run` starts the app, `make test` runs every test.
# Each creates .venv and installs what it needs; as root it also installs missing Debian packages.

VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
PORT   ?= 8501
IMAGE  ?= resblock-explorer

.PHONY: run test lint bench docker system-run system-test clean

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

# The container (Dockerfile): build it and serve the app on http://localhost:$(PORT). Not part of `make test`.
docker:
	@if command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then \
		docker build -t $(IMAGE) . && docker run --rm -p $(PORT):8501 $(IMAGE); \
	else \
		echo "Docker is not available here (no docker command, or no running Docker daemon): start the app with make run instead."; \
	fi

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
