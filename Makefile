# The README's two commands: `make run` and `make test`. Each sets itself up in a fresh clone.
PYTHON      ?= python3
VENV        ?= .venv
TORCH_SPEC  ?= torch==2.13.0
EXAMPLE     ?= examples/grain-ship.txt
BIN         := $(VENV)/bin
STAMP       := $(VENV)/.installed

.PHONY: run test install eval bench lint clean

# Reinstall when the project's dependencies change.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	# torch first and pinned: a CPU build (an unpinned torch would pull a multi-GB CUDA build)
	$(BIN)/python -m pip install --quiet "$(TORCH_SPEC)"
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	HF_HUB_OFFLINE=1 $(BIN)/nlp analyze $(EXAMPLE)

test: $(STAMP)
	HF_HUB_OFFLINE=1 $(BIN)/python -m pytest
	HF_HUB_OFFLINE=1 $(BIN)/nlp eval --gate --data eval/data/dev.jsonl

eval: $(STAMP)
	HF_HUB_OFFLINE=1 $(BIN)/nlp eval --out eval-report

bench: $(STAMP)
	HF_HUB_OFFLINE=1 $(BIN)/nlp bench

lint: $(STAMP)
	$(BIN)/python -m pip install --quiet ruff
	$(BIN)/ruff check nlp eval tests

clean:
	rm -rf $(VENV) eval-report .pytest_cache build *.egg-info
