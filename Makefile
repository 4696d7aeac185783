# Two entry points for a fresh machine: `make run` (the main job) and `make test`.
# Both create and reuse .venv/, install the project, and fetch + verify the pkuseg model.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SDIST_DIR := .cache/pkuseg-sdist
DEB_DIR   := .cache/debian

.PHONY: run test setup model basetext spam-model browser lint clean

# Development pages (not part of the project) are scored too when they are present.
DEV ?= ../shared/dev/real_pages
DEV_ARGS := $(if $(wildcard $(DEV)/*.txt),--dev $(DEV),)
REPORTS := build/reports

run: setup
	$(BIN)/shanhai validate
	mkdir -p $(REPORTS)
	$(BIN)/shanhai stats > $(REPORTS)/corpus_stats.json
	$(BIN)/python bench/spam_throughput.py --mb 50 --auto-mb 5 --out $(REPORTS)
	$(BIN)/python bench/lexicon_scaling.py --mb 5 --out $(REPORTS)
	$(BIN)/shanhai spam report --out $(REPORTS) $(DEV_ARGS)
	$(BIN)/python bench/mine_crawl.py --out $(REPORTS)
	$(BIN)/shanhai tokens compare --out $(REPORTS)
	$(BIN)/shanhai figures evaluate > $(REPORTS)/figures.jsonl
	$(BIN)/python bench/figures_peer.py --peer ../shared/peer --out $(REPORTS)
	$(BIN)/python bench/annotate_outside.py --out $(REPORTS)
	$(BIN)/shanhai dataset export build/dataset
	$(BIN)/shanhai train sections --dataset build/dataset --models build/models --reports $(REPORTS)
	$(BIN)/python bench/sections_outside.py --models build/models --out $(REPORTS)
	$(BIN)/shanhai view 000_ba37726988884541 --out build/view.html
	$(CHROMIUM_SHOT) --screenshot=build/view.png file://$(CURDIR)/build/view.html 2>/dev/null \
	  || echo "no chromium: build/view.png not made (make browser)"
	@echo "reports in $(REPORTS)/, dataset in build/dataset/, models in build/models/"

test: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy
	$(BIN)/pytest

setup: $(STAMP) model basetext spam-model browser

# The learned spam detector, trained on the base text from configs/spam.cfg into the user cache
# (again only when the settings, the lexicons, the base text or the training code changed).
spam-model: $(STAMP) basetext
	$(BIN)/shanhai spam train --config configs/spam.cfg --if-stale

# Debian's Chromium renders the HTML view (a test checks the marks are visible; the main job
# saves a screenshot); Noto CJK fonts make the Chinese text readable in it.
CHROMIUM_SHOT := chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir=$(CURDIR)/.cache/chromium --window-size=1300,2200
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    --no-install-recommends chromium fonts-noto-cjk >/dev/null) \
	  || echo "warning: could not install chromium (not root?); the browser test will be skipped"; }

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet wheel "setuptools>=77"
	$(BIN)/python -m pip install --quiet -e ".[dev,datatrove]"
	touch $(STAMP)

# The one pretrained pkuseg model on a registry is inside PyPI's pkuseg==0.0.25 sdist.
# pip fetches it (metadata needs numpy and wheel, hence --no-build-isolation); `shanhai model
# install` verifies its sha256, extracts and converts the model into the user cache, once.
model: $(STAMP)
	@if $(BIN)/shanhai model status >/dev/null 2>&1; then $(BIN)/shanhai model status; else \
	  $(BIN)/python -m pip download --quiet --no-deps --no-binary :all: --no-build-isolation \
	    -d $(SDIST_DIR) pkuseg==0.0.25 && \
	  $(BIN)/shanhai model install $(SDIST_DIR)/pkuseg-0.0.25.tar.gz; fi

# The base text: Debian's Chinese documentation packages (both scripts), fetched by apt-get at
# the versions `shanhai basetext packages` pins; `shanhai basetext install` checks each .deb's
# sha256 and extracts its paragraphs into the user cache, once.
basetext: $(STAMP)
	@if $(BIN)/shanhai basetext status >/dev/null 2>&1; then $(BIN)/shanhai basetext status; else \
	  mkdir -p $(DEB_DIR) && pkgs="$$($(BIN)/shanhai basetext packages)" && \
	  (cd $(DEB_DIR) && (apt-get download $$pkgs 2>/dev/null || \
	    (apt-get update -qq && apt-get download $$pkgs))) && \
	  $(BIN)/shanhai basetext install $(DEB_DIR)/*.deb; fi

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

clean:
	rm -rf build $(SDIST_DIR) $(DEB_DIR)
