# Two commands do everything on a fresh Debian/Ubuntu machine:
#   make serve   set up, build every language with every lesson executed, serve :8000
#   make test    set up, run the whole test suite
# Set-up steps are skipped when already done.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
FASHION_MNIST := /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup data build serve test bench clean

setup: $(INSTALLED) data

$(INSTALLED): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

$(FASHION_MNIST):
	$(SUDO) apt-get update -qq
	$(SUDO) apt-get install -y -qq dataset-fashion-mnist

data: $(INSTALLED) $(FASHION_MNIST)
	$(BIN)/python -m tools.data

build: setup
	$(BIN)/python -m tools.build

serve: setup
	$(BIN)/python -m tools.build --serve

test: setup
	$(BIN)/python -m pytest

bench: setup
	$(BIN)/python -m tools.bench

clean:
	rm -rf site .cache
