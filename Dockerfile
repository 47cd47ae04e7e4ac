# ResBlock Explorer in a container: CPU-only PyTorch, the app on port 8501, run by a user without root.
#
#   docker build -t resblock-explorer .
#   docker run --rm -p 8501:8501 resblock-explorer          # then open http://localhost:8501
#
# Settings through the environment, e.g. -e RESBLOCKS_MEMORY_LIMIT_MB=256 (the largest run the Run page
# accepts, in MiB of estimated tensors). The served-app settings are in .streamlit/config.toml.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# graphviz: the `dot` program behind the graph page's SVG and PNG export. Not pinned: the base image's
# Debian release fixes its version, and a pinned Debian revision stops building once it is superseded.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends graphviz \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# torch first, from PyTorch's CPU index: requirements.txt pins the same version (2.13.0 is satisfied by
# 2.13.0+cpu), so the second install keeps it instead of pulling the multi-GB CUDA build from PyPI.
COPY requirements.txt ./
RUN pip install --index-url https://download.pytorch.org/whl/cpu torch==2.13.0 \
    && pip install -r requirements.txt

# The code stays owned by root and read-only for the user that runs it.
COPY . .
RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin explorer
USER 10001

EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://localhost:8501/_stcore/health', timeout=4)"]

CMD ["streamlit", "run", "app.py", "--server.port=8501", "--server.address=0.0.0.0"]
