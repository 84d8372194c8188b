# CRM Workbench. Every target creates .venv when it is missing.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PORT   ?= 8888
# the languages the lessons are translated into (make test runs each one's lessons)
TRANSLATED := fr ar fa bn
# Jupyter refuses to run as root unless told; containers and CI machines often are root
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root)

.PHONY: lab demo test bench data clean network-app

$(STAMP): pyproject.toml workbench/labsettings.py
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	$(BIN)/python -m workbench.labsettings
	@# the grader runs each trainee notebook in a bubblewrap sandbox (workbench/sessions/sandbox.py)
	@command -v bwrap >/dev/null || { test "$$(id -u)" = 0 && command -v apt-get >/dev/null && \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bubblewrap; } || \
		echo "note: install bubblewrap (sudo apt-get install bubblewrap) so that grading can sandbox trainee code"
	@touch $(STAMP)

## make lab: JupyterLab on the trainee's own copies of the lessons (in the workbench home, so the repository's
## stay clean), opened at 00-start-here (stop it with Ctrl-C, twice); a relative WORKBENCH_DATA=DIR is made absolute,
## as the lessons run in their own folders. make lab WORKBENCH_LANG=fr (fr, ar, fa, bn; default en): the lessons
## in that language (their own copies), the kernels' messages too, and JupyterLab's language pack where one exists
lab: $(STAMP)
	WORKBENCH_LANG=$(or $(WORKBENCH_LANG),en) $(BIN)/workbench lessons copy
	folder="$$(WORKBENCH_LANG=$(or $(WORKBENCH_LANG),en) $(BIN)/workbench lessons folder)" && \
	$(BIN)/python -m workbench.labsettings --lang $(or $(WORKBENCH_LANG),en) \
		--target "$$folder/.jupyter-config/labconfig/default_setting_overrides.json" && \
	$(if $(WORKBENCH_DATA),WORKBENCH_DATA="$(abspath $(WORKBENCH_DATA))") WORKBENCH_LANG=$(or $(WORKBENCH_LANG),en) \
	JUPYTER_CONFIG_PATH="$$folder/.jupyter-config$${JUPYTER_CONFIG_PATH:+:$$JUPYTER_CONFIG_PATH}" \
	$(BIN)/jupyter lab --notebook-dir="$$folder" --LabApp.workspaces_dir="$$folder/.workspaces" --port=$(PORT) \
		$(ROOT_FLAG) --LabApp.default_url=/lab/tree/00-start-here.ipynb

## make network-app: the sales rep's network page (upload the LinkedIn zip, no code) on http://127.0.0.1:8866/
network-app: $(STAMP)
	$(BIN)/workbench network app

## make demo: execute every lesson on the sample data and write a static site to build/demo/
demo: $(STAMP)
	$(BIN)/workbench demo --out build/demo

## make test: everything CI runs: lint (ruff), unit tests, doctests, notebooks (nbval lax on the lessons, on the
## lessons built in each language (build/lessons-<lang>) and on the released trainee copies of the practice sets;
## papermill on the solutions), benchmarks (quick)
test: $(STAMP)
	$(BIN)/ruff check workbench tests benchmarks conftest.py
	@rm -rf build/trainee-copies build/test-home $(foreach lang,$(TRANSLATED),build/lessons-$(lang))
	$(BIN)/workbench exercises strip exercises --out build/trainee-copies
	@for lang in $(TRANSLATED); do $(BIN)/workbench lessons build --lang $$lang --out build/lessons-$$lang \
		> build/lessons-$$lang.txt && tail -n 1 build/lessons-$$lang.txt || exit 1; done
	WORKBENCH_HOME=$(CURDIR)/build/test-home WORKBENCH_LEARNER=ci $(BIN)/python -m pytest -n 2 --dist loadscope -q tests workbench \
		--nbval-lax notebooks build/trainee-copies $(foreach lang,$(TRANSLATED),build/lessons-$(lang))

## make bench: every benchmark at full scale
bench: $(STAMP)
	@missed=""; for b in benchmarks/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || missed="$$missed $$b"; done; \
		if [ -n "$$missed" ]; then echo "target missed or benchmark failed:$$missed"; exit 1; fi

## make data: regenerate the committed sample data (seed 42, scale 1)
data: $(STAMP)
	$(BIN)/workbench data generate --out datasets/acme --seed 42 --scale 1 --force

clean:
	rm -rf build .pytest_cache
