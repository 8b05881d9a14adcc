# medialens — the README's commands. Every target bootstraps the project virtual environment first.
#   make figures        regenerate every figure from the synthetic demo corpus (notebooks run headless)
#   make test           unit tests + notebook tests (nbval); what CI runs
#   make test-corpora   every notebook on the own-corpus fixtures (tests/data/corpora) and the demo, two at a time
#   make test-browser   JupyterLab in headless Chromium runs every notebook (needs Debian's chromium, chromium-driver)
#   make lab            JupyterLab on the project (LAB_PORT=8888, LAB_OPTIONS="--no-browser" to change)
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
LAB_PORT ?= 8888
LAB_OPTIONS ?=
# JupyterLab refuses to start as root unless told so (containers, CI machines)
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: setup figures test test-corpora test-browser lab notebooks clean-cache

setup: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	@touch $(STAMP)

figures: $(STAMP)
	$(VENV)/bin/medialens figures

test: $(STAMP)
	MEDIALENS_FIGURES_DIR=$(CURDIR)/build/test-figures $(PY) -m pytest -q tests notebooks --nbval-lax

test-corpora: $(STAMP)
	$(PY) -m pytest -q -m corpora tests/corpora

test-browser: $(STAMP)
	$(PY) -m pytest -q -s -m browser tests/browser

lab: $(STAMP)
	$(VENV)/bin/jupyter lab --notebook-dir=. --port=$(LAB_PORT) $(ROOT_FLAG) $(LAB_OPTIONS)

clean-cache:
	rm -rf .cache build

# After changing code or data that notebooks print: re-execute them in place so nbval's stored outputs match.
notebooks: $(STAMP)
	$(PY) -c "from medialens.notebooks import refresh_outputs; refresh_outputs()"
