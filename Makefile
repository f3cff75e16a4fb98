# The two commands of the README. Both set up what is missing first, so they work on a
# fresh machine and are fast the second time.
VENV := .venv
.PHONY: setup report test benchmark lock

report: setup
	$(VENV)/bin/netwerkscan run inputs --out reports

test: setup
	$(VENV)/bin/python -m pytest -n 2

setup:
	@bash scripts/setup.sh

benchmark: setup
	$(VENV)/bin/python benchmarks/batch_throughput.py

# Re-pin every Python package after changing pyproject.toml's dependencies.
lock:
	rm -rf /tmp/netwerkscan-lock && python3 -m venv /tmp/netwerkscan-lock
	/tmp/netwerkscan-lock/bin/pip install -q -e '.[dev]'
	/tmp/netwerkscan-lock/bin/pip freeze --exclude-editable | grep -v '^netwerkscan' > requirements.lock
