# CRM Workbench. Every target creates .venv when it is missing.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PORT   ?= 8888
# Jupyter refuses to run as root unless told; containers and CI machines often are root
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root)

.PHONY: lab demo test bench data clean network-app classroom

$(STAMP): pyproject.toml workbench/labsettings.py
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,bench,hub]'
	$(BIN)/python -m workbench.labsettings
	@# the grader runs each trainee notebook in a bubblewrap sandbox (workbench/sessions/sandbox.py)
	@command -v bwrap >/dev/null || { test "$$(id -u)" = 0 && command -v apt-get >/dev/null && \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bubblewrap; } || \
		echo "note: install bubblewrap (sudo apt-get install bubblewrap) so that grading can sandbox trainee code"
	@touch $(STAMP)

## make lab: JupyterLab on the trainee's own copies of the lessons (in the workbench home, so the repository's
## stay clean), opened at 00-start-here (stop it with Ctrl-C, twice); a relative WORKBENCH_DATA=DIR is made absolute,
## as the lessons run in their own folders
lab: $(STAMP)
	$(BIN)/workbench lessons copy
	folder="$$($(BIN)/workbench lessons folder)" && $(if $(WORKBENCH_DATA),WORKBENCH_DATA="$(abspath $(WORKBENCH_DATA))") \
	$(BIN)/jupyter lab --notebook-dir="$$folder" --LabApp.workspaces_dir="$$folder/.workspaces" --port=$(PORT) \
		$(ROOT_FLAG) --LabApp.default_url=/lab/tree/00-start-here.ipynb

## make classroom ROSTER=roster.csv: the class on JupyterHub on this machine (as root; one account per trainee,
## http://THIS-MACHINE:8000/, the superuser logs in as ADMIN); the hub's proxy is installed from npm first
ADMIN ?= trainer
classroom: $(STAMP)
	@test -n "$(ROSTER)" || { echo "give the roster: make classroom ROSTER=roster.csv"; exit 2; }
	$(BIN)/workbench classroom install
	$(BIN)/workbench classroom start "$(ROSTER)" --admin "$(ADMIN)" $(if $(CLASS_DIR),--class-dir "$(CLASS_DIR)")

## make network-app: the sales rep's network page (upload the LinkedIn zip, no code) on http://127.0.0.1:8866/
network-app: $(STAMP)
	$(BIN)/workbench network app

## make demo: execute every lesson on the sample data and write a static site to build/demo/
demo: $(STAMP)
	$(BIN)/workbench demo --out build/demo

## make test: everything CI runs: lint (ruff), unit tests, doctests, notebooks (nbval lax on the lessons and on
## the released trainee copies of the practice sets; papermill on the solutions), benchmarks (quick)
test: $(STAMP)
	$(BIN)/ruff check workbench tests benchmarks conftest.py
	@rm -rf build/trainee-copies build/test-home
	$(BIN)/workbench exercises strip exercises --out build/trainee-copies
	WORKBENCH_HOME=$(CURDIR)/build/test-home WORKBENCH_LEARNER=ci $(BIN)/python -m pytest -n 2 --dist loadscope -q tests workbench \
		--nbval-lax notebooks build/trainee-copies

## make bench: every benchmark at full scale
bench: $(STAMP)
	@missed=""; for b in benchmarks/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || missed="$$missed $$b"; done; \
		if [ -n "$$missed" ]; then echo "target missed or benchmark failed:$$missed"; exit 1; fi

## make data: regenerate the committed sample data (seed 42, scale 1)
data: $(STAMP)
	$(BIN)/workbench data generate --out datasets/acme --seed 42 --scale 1 --force

clean:
	rm -rf build .pytest_cache
