# Two commands do everything on a fresh Debian/Ubuntu machine:
#   make serve   set up, build every language with every lesson executed, serve :8000
#   make test    set up, run the whole test suite
# Set-up steps are skipped when already done.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
FASHION_MNIST := /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz
CHROMIUM := /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup system data build serve preview test bench clean

setup: $(INSTALLED) system data

$(INSTALLED): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

# Debian packages: the Fashion-MNIST files, and the browser that tests/test_browser.py drives.
system:
	@if [ ! -e $(FASHION_MNIST) ] || [ ! -e $(CHROMIUM) ]; then \
		$(SUDO) apt-get update -qq && \
		$(SUDO) apt-get install -y -qq dataset-fashion-mnist chromium; \
	fi

data: $(INSTALLED) system
	$(BIN)/python -m tools.data

build: setup
	$(BIN)/python -m tools.build

serve: setup
	$(BIN)/python -m tools.build --serve

# One language, live: re-renders on every change to its pages (lesson outputs come from the cache).
#   make preview SITE_LANG=ar   ->  http://127.0.0.1:8000/ar/
SITE_LANG ?= en
preview: setup
	$(BIN)/mkdocs serve -f $(if $(filter en,$(SITE_LANG)),mkdocs.yml,config/$(SITE_LANG).yml)

test: setup
	$(BIN)/python -m pytest -n auto --dist worksteal

bench: setup
	$(BIN)/python -m tools.bench

clean:
	rm -rf site .cache
