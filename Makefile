# The two commands of the README. Both set up what is missing first, so they work on a
# fresh machine and are fast the second time.
VENV := .venv
PYTEST := $(VENV)/bin/python -m pytest -n 2
.PHONY: setup report test test-fast lint benchmark lock

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
	$(VENV)/bin/ruff check pipeline tests benchmarks
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

setup:
	@bash scripts/setup.sh

benchmark: setup
	$(VENV)/bin/python benchmarks/batch_throughput.py

# Re-pin every Python package after changing pyproject.toml's dependencies.
lock:
	rm -rf /tmp/netwerkscan-lock && python3 -m venv /tmp/netwerkscan-lock
	/tmp/netwerkscan-lock/bin/pip install -q -e '.[dev]'
	/tmp/netwerkscan-lock/bin/pip freeze --exclude-editable | grep -v '^netwerkscan' > requirements.lock
