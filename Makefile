# The README's two commands: `make run` and `make test`. Each sets itself up in a fresh clone.
PYTHON      ?= python3
VENV        ?= .venv
TORCH_SPEC  ?= torch==2.13.0
EXAMPLE     ?= examples/grain-ship.txt
BIN         := $(VENV)/bin
STAMP       := $(VENV)/.installed
# The page tests drive the distribution's Chromium through Playwright (never a downloaded one).
CHROMIUM    ?= /usr/bin/chromium
SUDO        := $(shell [ "$$(id -u)" != 0 ] && command -v sudo >/dev/null && echo sudo)

.PHONY: run test install browser eval bench lint clean screenshots

# Reinstall when the project's dependencies change.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	# torch first and pinned: a CPU build (an unpinned torch would pull a multi-GB CUDA build)
	$(BIN)/python -m pip install --quiet "$(TORCH_SPEC)"
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

# Debian's chromium when it is missing (CI runs as root); nothing when it is there.
browser:
	@test -x $(CHROMIUM) || { echo "installing chromium (Debian package) for the page tests"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; }
	@test -x $(CHROMIUM) || { echo "error: $(CHROMIUM) is still missing"; exit 1; }

run: $(STAMP)
	HF_HUB_OFFLINE=1 $(BIN)/nlp analyze $(EXAMPLE)

test: $(STAMP) browser
	HF_HUB_OFFLINE=1 NLP_CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest
	HF_HUB_OFFLINE=1 $(BIN)/nlp eval --gate --data eval/data/dev.jsonl

eval: $(STAMP)
	HF_HUB_OFFLINE=1 $(BIN)/nlp eval --out eval-report

# The README's screenshots (docs/img/) from real runs: seed article, 500-article batch + report, eval.
screenshots: $(STAMP) browser
	HF_HUB_OFFLINE=1 NLP_CHROMIUM=$(CHROMIUM) $(BIN)/python -m eval.screenshots

bench: $(STAMP)
	HF_HUB_OFFLINE=1 $(BIN)/nlp bench

lint: $(STAMP)
	$(BIN)/python -m pip install --quiet ruff
	$(BIN)/ruff check nlp eval tests

clean:
	rm -rf $(VENV) eval-report .pytest_cache build *.egg-info
