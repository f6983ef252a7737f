# Two entry points for a fresh machine (Python 3.11, Java, Debian):
#   make edition   set up .venv, convert what is missing, validate, build the editions
#   make test      set up .venv with the test tools and run the test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: edition test test-fast lint fmt bench eval setup system clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

edition: $(STAMP) system
	$(BIN)/tei-edition convert --missing-only seeds/*.txt -o tei
	$(BIN)/tei-edition validate tei
	$(BIN)/tei-edition build

# Debian packages: HarfBuzz's subsetter for WeasyPrint's font subsetting, poppler's tools
# for the PDF tests, Chromium for the browser test (playwright never downloads a browser).
SYSTEM_PACKAGES := chromium libharfbuzz-subset0 poppler-utils
system:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages: $$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

# ruff and import-linter (pinned in the test extra): the tree is linted and formatted, and
# the stages import downwards only (docs/architecture.md), before any test runs
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

fmt: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: lint system
	$(BIN)/python -m pytest

# everything but the tests marked slow (PDF books, the browser, kill-and-resume, the quick
# benchmark): under a minute, for the edit-test loop
test-fast: lint
	$(BIN)/python -m pytest -m "not slow"

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

# the converter measured: the seeds, the written generalisation set and the real set
# (converted afresh; the real set without metadata, then again with only its pages' dates),
# figures into benchmarks/eval.md
eval: $(STAMP)
	$(BIN)/tei-edition evaluate tests/gold tests/generalisation tests/generalisation/real \
	  --dated tests/generalisation/real --table benchmarks/eval.md

clean:
	rm -rf $(VENV) editions/*/
