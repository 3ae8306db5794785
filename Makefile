# Everything a fresh machine needs: Python 3.11+ and pip.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat setup.cfg pyproject.toml | cksum | cut -d' ' -f1)
LOG    := $(VENV)/setup.log

.PHONY: demo test install clean bench

# One line while setting up; pip's own output goes to $(LOG), and is shown in full only if set-up fails.
$(STAMP): setup.cfg pyproject.toml
	@echo "Setting up $(VENV) with everything unlisted needs (first run only: this takes a minute or two)..."
	@mkdir -p $(VENV)
	@{ $(PYTHON) -m venv $(VENV) && $(BIN)/python -m pip install --upgrade pip \
	   && $(BIN)/python -m pip install -e '.[test]'; } > $(LOG) 2>&1 \
	 || { cat $(LOG); echo "Set-up failed: the lines above say why (they are also in $(LOG))."; exit 1; }
	@rm -f $(VENV)/.installed-* && touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	@$(BIN)/unlisted demo

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python benchmarks/analyze_bench.py

clean:
	rm -rf $(VENV) build *.egg-info
