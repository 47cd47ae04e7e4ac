# ResBlock Explorer in a container: CPU-only PyTorch, the app on port 8501, run by a user without root.
#
#   docker build -t resblock-explorer .
#   docker run --rm -p 8501:8501 resblock-explorer          # then open http://localhost:8501
#
# The GPU batch image (the command line only, PyPI's CUDA build of torch; deploy/jobs/gpu-sweep.yaml runs it):
#
#   docker build --target gpu-bench -t resblock-explorer:gpu-bench .
#
# Settings through the environment, e.g. -e RESBLOCKS_MEMORY_LIMIT_MB=256 (the largest run the Run page
# accepts, in MiB of estimated tensors). The served-app settings are in .streamlit/config.toml.
# scripts/image_check.py (make image-check) runs this file's install and start steps without Docker.
FROM python:3.11-slim AS base

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin explorer


# GPU sweeps as a batch job: torch 2.13.0 from PyPI, the CUDA build with its NVIDIA libraries (the node brings
# the driver), and the library with its command line; nothing of the web app.
FROM base AS gpu-bench
RUN pip install torch==2.13.0
COPY resblocks/ resblocks/
USER 10001
ENTRYPOINT ["python", "-m", "resblocks"]
CMD ["list"]


# The web app (the default target).
FROM base AS app

# graphviz: the `dot` program behind the graph page's layout and its SVG and PNG export. Not pinned: the base
# image's Debian release fixes its version, and a pinned Debian revision stops building once it is superseded.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends graphviz \
    && rm -rf /var/lib/apt/lists/*

# requirements.txt takes torch's CPU build from PyTorch's page of CPU wheels and everything else from PyPI.
COPY requirements.txt ./
COPY requirements/ requirements/
RUN pip install -r requirements.txt

# The code stays owned by root and read-only for the user that runs it.
COPY . .
USER 10001

EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://localhost:8501/_stcore/health', timeout=4)"]

CMD ["streamlit", "run", "app.py", "--server.port=8501", "--server.address=0.0.0.0"]
