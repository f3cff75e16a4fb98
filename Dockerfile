# Netwerkscan in a container: renders a mounted folder of coalitions, and is the image for
# Dask workers. Slim Debian 12 with Python 3.11, the libraries and fonts WeasyPrint renders
# with, the locked runtime packages (with the Dask client, without JupyterLab or dev tools),
# the package as a wheel with its kernel set up, and a user without root.
#
#   docker build -t netwerkscan .
#   docker run --rm -v "$PWD/inputs:/data" netwerkscan                # -> inputs/reports/
#   docker run --rm --network host netwerkscan dask worker tcp://SCHEDULER:8786 --nworkers 2 --nthreads 1
FROM python:3.11-slim-bookworm

RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 libcairo2 \
      fonts-open-sans fonts-noto-core fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*

ENV VIRTUAL_ENV=/opt/netwerkscan \
    PATH=/opt/netwerkscan/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    # writable whatever user the container runs as (docker run --user)
    MPLCONFIGDIR=/tmp/matplotlib \
    IPYTHONDIR=/tmp/ipython \
    JUPYTER_RUNTIME_DIR=/tmp/jupyter-runtime

# The locked versions first (each checked against its hash): this layer stays cached while
# only the code changes.
COPY requirements-worker.lock /tmp/requirements-worker.lock
RUN python -m venv "$VIRTUAL_ENV" \
 && pip install --require-hashes -r /tmp/requirements-worker.lock \
 && rm /tmp/requirements-worker.lock

COPY pyproject.toml README.md /src/
COPY pipeline /src/pipeline
COPY templates /src/templates
COPY notebooks/coalition_report.ipynb /src/notebooks/coalition_report.ipynb
RUN pip install --no-deps /src \
 && rm -rf /src \
 && python -c "from pipeline.batch.kernelspec import ensure_kernel; ensure_kernel()"

RUN useradd --create-home --uid 1000 netwerkscan
USER netwerkscan
WORKDIR /data
CMD ["netwerkscan", "run", "/data", "--out", "/data/reports"]
