# Two commands do everything on a fresh machine with Python 3.11 and pip:
#   make demo   installs into .venv and runs the full analysis of a sample call
#   make test   installs into .venv (if needed) and runs the whole test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO   ?= sample_calls/ru_good_call.ogg
export OMP_NUM_THREADS ?= 2
export HF_HUB_OFFLINE ?= 1
export TRANSFORMERS_OFFLINE ?= 1

.PHONY: demo test install clean

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# torch first, pinned: anything that asks for torch later finds it satisfied (no CUDA download)
	$(BIN)/pip install --quiet -c constraints.txt torch
	$(BIN)/pip install --quiet -c constraints.txt -e ".[test,openai]"
	# openai-whisper without its triton requirement (~1 GB, useless on CPU); its real deps come from the "openai" extra
	$(BIN)/pip install --quiet --no-deps "openai-whisper==20250625"
	touch $(STAMP)

demo: install
	$(BIN)/callgrade analyze $(DEMO)

test: install
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) .pytest_cache
