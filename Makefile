# Two entry points for a fresh machine (Python 3.11, Java, Debian):
#   make edition   set up .venv, convert what is missing, validate, build the editions
#   make test      set up .venv with the test tools and run the test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: edition test bench setup browser clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

edition: $(STAMP)
	$(BIN)/tei-edition convert --missing-only seeds/*.txt -o tei
	$(BIN)/tei-edition validate tei
	$(BIN)/tei-edition build --html

# The browser test drives Debian's Chromium (playwright never downloads a browser).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser test"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

test: $(STAMP) browser
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) editions/*/
