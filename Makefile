# The two commands of the README. Both set up what is missing first, so they work on a
# fresh machine and are fast the second time.
VENV := .venv
PYTEST := $(VENV)/bin/python -m pytest -n 2
.PHONY: setup report test test-fast lint benchmark lock lock-check lowest-check wheel-check docker

report: setup
	$(VENV)/bin/netwerkscan run inputs --out reports

# Everything CI checks: style, import layering, types, the fast tier, then the slow tier.
test: setup lint
	$(PYTEST) -m "not slow and not e2e"
	$(PYTEST) -m "slow or e2e"

# The quick loop while working: unit tests on small fixtures, no kernels, no PDFs (under a minute).
test-fast: setup
	$(PYTEST) -m "not slow and not e2e"

lint: setup
	$(VENV)/bin/ruff check pipeline tests benchmarks scripts
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

setup:
	@bash scripts/setup.sh

benchmark: setup
	$(VENV)/bin/python benchmarks/batch_throughput.py

# Re-resolve uv.lock after changing pyproject.toml's dependencies (for every Python from
# 3.11.0 on), then write the two pip files with hashes that scripts/setup.sh and the
# Dockerfile install from: everything (runtime, extras, dev tools) and the worker's set.
lock: setup
	$(VENV)/bin/uv lock
	$(VENV)/bin/uv export --quiet --frozen --all-extras --group dev --no-emit-project -o requirements.lock
	$(VENV)/bin/uv export --quiet --frozen --extra dask --no-dev --no-emit-project -o requirements-worker.lock
	$(MAKE) lock-check

# uv.lock agrees with pyproject.toml, and both pip files install on the oldest Python allowed
# (3.11.0; Debian 12 has 3.11.2): every locked version's own Python requirement is met.
lock-check: setup
	$(VENV)/bin/uv lock --check
	for f in requirements.lock requirements-worker.lock; do \
	  $(VENV)/bin/uv pip compile --quiet --python-version 3.11.0 $$f -o /dev/null || exit 1; done

# The test suite on the lowest versions pyproject.toml allows (checks the lower bounds).
lowest-check: setup
	@bash scripts/lowest_check.sh

# Build the wheel, install it in a fresh virtual environment and render an example from a
# folder outside the repository with it.
wheel-check: setup
	@bash scripts/wheel_check.sh

# The image of the Dockerfile: renders a mounted folder, and is the Dask worker image.
docker:
	docker build -t netwerkscan .
