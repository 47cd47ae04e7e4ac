# Two commands are the whole set-up: `make run` starts the app, `make test` runs every test.
# Each creates .venv and installs what it needs; as root it also installs missing Debian packages.

VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check
TORCH  := torch==2.13.0
STAMP  := $(VENV)/.installed
PORT   ?= 8501
IMAGE  ?= resblock-explorer

.PHONY: run test lint bench docker image-check system-run system-test clean

# torch first: the wheel that pip's own configuration finds on this disk (--find-links, as on the machines this
# project is built on), asking no index at all; where there is none, requirements.txt's CPU build. Then the rest
# from PyPI without naming PyTorch's server, which pip would ask once per package (minutes where it is unreachable).
$(STAMP): requirements.txt requirements/app.txt requirements-dev.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PIP) install -q --no-index --no-deps $(TORCH) 2>/dev/null || $(PIP) install -q -r requirements.txt
	$(PIP) install -q $(TORCH) -r requirements/app.txt -r requirements-dev.txt
	touch $(STAMP)

system-run:
	@scripts/system-deps.sh graphviz

system-test:
	@scripts/system-deps.sh graphviz chromium nginx

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

# The container's install and start steps, run here without Docker (see the script's header). Not part of `make test`.
image-check:
	python3 scripts/image_check.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
