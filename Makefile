# Two commands matter: `make demo` and `make test`. Both build .venv from the lock file first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test test-fast lint lock serve clean

# The lock's hashes put pip in hash-checking mode: every file it downloads must match. The
# project itself is then built with the locked setuptools, not one fetched for the build.
$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	@echo "Installing the locked dependencies into $(VENV) (a minute the first time)..."
	@$(BIN)/python -m pip install -q --upgrade pip > $(VENV)/install.log 2>&1 \
		&& $(BIN)/python -m pip install -q -r requirements.lock >> $(VENV)/install.log 2>&1 \
		&& $(BIN)/python -m pip install -q --no-deps --no-build-isolation -e . \
			>> $(VENV)/install.log 2>&1 \
		|| (cat $(VENV)/install.log; exit 1)
	touch $(STAMP)

# The demo starts from an empty data/demo.db each time, so its figures never pile up.
demo: $(STAMP)
	rm -f data/demo.db data/demo.db-wal data/demo.db-shm
	$(BIN)/monitor --db data/demo.db demo

test: $(STAMP)
	$(BIN)/ruff check monitor spiders tests bench
	$(BIN)/python -m pytest

# The tests that start no server or subprocess, crawl nothing and build no large database:
# seconds, not the quarter of an hour of the whole suite. CI runs `make test`.
test-fast: $(STAMP)
	$(BIN)/ruff check monitor spiders tests bench
	$(BIN)/python -m pytest -m "not slow"

lint: $(STAMP)
	$(BIN)/ruff check monitor spiders tests bench

serve: $(STAMP)
	$(BIN)/monitor --db data/demo.db serve

# Re-pin every dependency (needs network access to PyPI), with the hash of every file a pin
# may install: pip then refuses any download that differs. Pins already in requirements.lock
# are kept; `rm requirements.lock` first to move them all to the newest versions.
lock:
	$(PYTHON) -m venv .lockenv && .lockenv/bin/pip install -q pip-tools
	.lockenv/bin/pip-compile -q --generate-hashes --allow-unsafe --extra test --extra redis --strip-extras \
		--no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml
	rm -rf .lockenv

clean:
	rm -rf $(VENV) data/demo.db data/demo.db-* .pytest_cache
