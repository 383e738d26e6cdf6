# Attaché: the two commands a new user needs are `make demo` and `make test`.
# Everything runs from the virtual environment in .venv, built from requirements.lock.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
LANGS := fr es nl
PO := $(foreach lang,$(LANGS),locale/$(lang)/LC_MESSAGES/django.po)
MO := $(PO:.po=.mo)
CHROMIUM_PATH ?= /usr/bin/chromium
export CHROMIUM_PATH
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/test
# Extra arguments for pytest, e.g. `make test PYTEST_ARGS="-k institution -x"`.
PYTEST_ARGS ?=
# Test processes in parallel (pytest-xdist): one per core; TEST_WORKERS=0 runs them in one.
TEST_WORKERS ?= auto

.DEFAULT_GOAL := help
.PHONY: fuzz bench load help install install-dev demo test test-postgres lint messages untranslated translations lock clean check-browser

help:
	@echo "make demo           install, then run the demo site on http://127.0.0.1:8000/ (PORT=N to change)"
	@echo "make test           install, then run the whole test suite (SQLite; DATABASE_URL for PostgreSQL)"
	@echo "make test-postgres  the test suite on $(POSTGRES_URL)"
	@echo "make fuzz           the API fuzzer at length (FUZZ_EXAMPLES=N generated requests per operation, default 25)"
	@echo "make bench          the peer-matching and page benchmarks (BENCH_ARGS, PAGE_BENCH_ARGS=--quick: smaller)"
	@echo "make load           200 simulated people for 2 minutes against attache serve on PostgreSQL (bench/load.py)"
	@echo "make lint           the quality gates: ruff, formatting, import contracts, migrations, OpenAPI schema"
	@echo "make messages       update the fr, es and nl catalogues and compile them"
	@echo "make untranslated   count the messages still to translate per language (V=1 lists them)"
	@echo "make lock           regenerate requirements.lock from pyproject.toml"
	@echo "make clean          remove the virtual environment, caches and test artifacts"

# A server needs only `make install` (requirements.lock); tests and tools come from
# requirements-dev.lock, which pins the same production packages plus the test tools.
install: $(STAMP)
install-dev: $(DEV_STAMP)

# Rebuilt only when the lock file or the project metadata change.
$(STAMP): requirements.lock pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { \
		echo "Attaché needs Python 3.11 or newer, but '$(PYTHON)' was not found." >&2; \
		echo "Install Python 3.11+ (or run: make PYTHON=/path/to/python3.11 ...)." >&2; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { \
		echo "Attaché needs Python 3.11 or newer; '$(PYTHON)' is $$($(PYTHON) --version 2>&1)." >&2; \
		echo "Install Python 3.11+ (or run: make PYTHON=/path/to/python3.11 ...)." >&2; exit 1; }
	@$(BIN)/python -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || { \
		echo "Creating $(VENV) with $$($(PYTHON) --version 2>&1)"; $(PYTHON) -m venv --clear $(VENV); }
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@$(BIN)/python -m pip check --disable-pip-version-check >/dev/null || { \
		$(BIN)/python -m pip check --disable-pip-version-check; \
		echo "requirements.lock does not satisfy pyproject.toml: run 'make lock' and commit it." >&2; exit 1; }
	@touch $@

$(DEV_STAMP): $(STAMP) requirements-dev.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.lock
	@touch $@

demo: install translations
	$(BIN)/attache demo --no-input $(if $(PORT),--port $(PORT))

# The .mo files are committed, so a machine without GNU gettext keeps them as they are.
translations: $(MO)

locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po
	@if command -v msgfmt >/dev/null 2>&1; then \
		echo "msgfmt --check-format -o $@ $<"; msgfmt --check-format -o $@ $<; \
	elif [ -f $@ ]; then \
		echo "msgfmt (GNU gettext) not found: using the committed $@"; touch $@; \
	else \
		echo "Cannot compile $<: install GNU gettext (apt-get install gettext)." >&2; exit 1; \
	fi

# Debian's Chromium is installed when it is missing and this user may install packages
# (root, or sudo without a password); otherwise the message says what to do.
check-browser:
ifeq ($(SKIP_BROWSER),1)
	@echo "SKIP_BROWSER=1: the browser tests (-m browser) are left out."
else
	@test -x $(CHROMIUM_PATH) || ! command -v apt-get >/dev/null 2>&1 || { \
		if [ "$$(id -u)" -eq 0 ]; then AS_ROOT=; elif sudo -n true 2>/dev/null; then AS_ROOT="sudo -n"; else exit 0; fi; \
		echo "Installing Debian's chromium for the browser tests"; \
		$$AS_ROOT env DEBIAN_FRONTEND=noninteractive apt-get update -q && \
		$$AS_ROOT env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium; }
	@test -x $(CHROMIUM_PATH) || { \
		echo "The browser tests need Chromium at $(CHROMIUM_PATH), and it is missing." >&2; \
		echo "Install it (Debian: sudo apt-get install -y chromium), or run SKIP_BROWSER=1 make test" >&2; \
		echo "to leave the browser tests out." >&2; exit 1; }
endif

test: install-dev translations check-browser
	$(BIN)/pytest -n $(TEST_WORKERS) $(if $(filter-out 0,$(TEST_WORKERS)),--dist worksteal) $(if $(filter 1,$(SKIP_BROWSER)),-m "not browser") $(PYTEST_ARGS)

test-postgres:
	DATABASE_URL=$(POSTGRES_URL) $(MAKE) test

# The API fuzzer of the test suite (tests/api/test_fuzz.py), with many more generated requests:
# it prints the number of calls and every failure (a server error, an undocumented answer).
FUZZ_EXAMPLES ?= 25
fuzz: install-dev
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest -n 0 -s -m fuzz tests/api/test_fuzz.py $(PYTEST_ARGS)

# The benchmarks at global scale (figures in bench/README.md): peer matching, then every page
# on a throw-away PostgreSQL database (PAGE_BENCH_ARGS, e.g. --quick or --database-url URL).
PAGE_BENCH_ARGS ?=
bench: install-dev
	$(BIN)/python bench/match_bench.py $(BENCH_ARGS)
	$(BIN)/python bench/page_bench.py $(PAGE_BENCH_ARGS)

# The load test: `attache serve` with the demo data on PostgreSQL (LOAD_DATABASE_URL), Locust
# headless (LOAD_USERS, LOAD_TIME); figures in the README.
load: install-dev
	$(BIN)/python bench/load.py

# The quality gates, also run by .ci/run before the tests.
lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	DEBUG=True $(BIN)/attache makemigrations --check --dry-run
	DEBUG=True $(BIN)/attache spectacular --validate --fail-on-warn --file /dev/null

messages: install
	DEBUG=True $(BIN)/attache makemessages $(foreach lang,$(LANGS),-l $(lang)) \
		--ignore=.venv --ignore=staticfiles --ignore=test-artifacts --ignore=build \
		--add-location=file --no-obsolete
	DEBUG=True $(BIN)/attache compilemessages $(foreach lang,$(LANGS),-l $(lang)) --ignore=.venv
	@bin/untranslated || echo "Translate these (make untranslated V=1 lists them), then run make messages again."

# The messages of the catalogues that are untranslated or fuzzy, per language (the tests fail on any).
untranslated:
	@bin/untranslated $(if $(V),-v)

lock: install
	$(BIN)/python -m pip install --quiet --disable-pip-version-check pip-tools
	$(BIN)/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links \
		-o requirements.lock pyproject.toml
	@# The dev lock starts from the production pins so both install the same versions.
	cp requirements.lock requirements-dev.lock
	$(BIN)/pip-compile --quiet --extra test --strip-extras --no-emit-index-url --no-emit-find-links \
		-o requirements-dev.lock pyproject.toml

clean:
	rm -rf $(VENV) staticfiles test-artifacts build .pytest_cache .ruff_cache *.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
