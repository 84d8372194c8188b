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

.PHONY: lab demo test bench data clean network-app test-lowest lock wheel classroom

$(STAMP): pyproject.toml workbench/labsettings.py
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,bench,hub]'
	$(BIN)/python -m workbench.labsettings
	$(BIN)/python -m workbench.i18n.compile
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

## make test: everything CI runs: lint (ruff), unit tests, doctests, notebooks (nbval lax on the lessons, on the
## lessons and practice sets built in each language (build/lessons-<lang>) and on the released trainee copies of the practice sets;
## papermill on the solutions), benchmarks (quick)
test: $(STAMP)
	$(BIN)/ruff check workbench tests benchmarks conftest.py
	@rm -rf build/trainee-copies build/test-home $(foreach lang,$(TRANSLATED),build/lessons-$(lang))
	$(BIN)/workbench exercises strip exercises --out build/trainee-copies
	@for lang in $(TRANSLATED); do $(BIN)/workbench lessons build --lang $$lang --out build/lessons-$$lang \
		> build/lessons-$$lang.txt && tail -n 1 build/lessons-$$lang.txt || exit 1; done
	WORKBENCH_HOME=$(CURDIR)/build/test-home WORKBENCH_LEARNER=ci $(BIN)/python -m pytest -n 2 --dist loadscope -q tests workbench \
		--nbval-lax notebooks build/trainee-copies $(foreach lang,$(TRANSLATED),build/lessons-$(lang))

## make test-lowest: a fast subset of the tests on the lowest versions pyproject.toml declares
## (constraints/lowest.txt), in a virtualenv of its own, build/lowest
LOWEST := build/lowest
LOWEST_TESTS := tests/data tests/crm tests/network/test_graph.py tests/network/test_paths.py \
	tests/network/test_connectors.py tests/practice tests/exercises/test_engine.py tests/exercises/test_checks.py \
	tests/test_lessons.py tests/test_settings.py tests/test_course_files.py tests/editorial/test_planner.py \
	workbench/crm workbench/data workbench/network workbench/practice
$(LOWEST)/.installed: constraints/lowest.txt
	@test -x $(LOWEST)/bin/python || $(PYTHON) -m venv $(LOWEST)
	$(LOWEST)/bin/python -m pip install --quiet --only-binary :all: -r constraints/lowest.txt 'pytest>=8' 'hypothesis>=6.100'
	@touch $@
test-lowest: $(LOWEST)/.installed
	PYTHONPATH=$(CURDIR) $(LOWEST)/bin/python -m pytest -q -p no:cacheprovider $(LOWEST_TESTS)

## make lock: pin what the hub and the single-user image install (requirements/lock.txt, with hashes, newest
## versions) and what make test-lowest installs (constraints/lowest.txt, every lower bound), for Linux and Python 3.11
LOCK_EXTRAS := lab superuser
PLATFORM := --python-version 3.11 --python-platform x86_64-manylinux_2_28 --annotation-style line
lock: $(STAMP)
	$(BIN)/uv pip compile pyproject.toml requirements/singleuser.in $(LOCK_EXTRAS:%=--extra %) $(PLATFORM) --generate-hashes --upgrade \
		--custom-compile-command "make lock" -o requirements/lock.txt
	$(BIN)/uv pip compile pyproject.toml $(LOCK_EXTRAS:%=--extra %) --extra fast $(PLATFORM) \
		--resolution lowest-direct --upgrade --custom-compile-command "make lock" -o constraints/lowest.txt

## make wheel: dist/workbench-*.whl, carrying the lessons, practice sets and sample data (see setup.py)
wheel: $(STAMP)
	$(BIN)/python -m pip wheel --quiet --no-deps --no-build-isolation . --wheel-dir dist

## make bench: every benchmark at full scale
bench: $(STAMP)
	@missed=""; for b in benchmarks/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || missed="$$missed $$b"; done; \
		if [ -n "$$missed" ]; then echo "target missed or benchmark failed:$$missed"; exit 1; fi

## make data: regenerate the committed sample data (seed 42, scale 1)
data: $(STAMP)
	$(BIN)/workbench data generate --out datasets/acme --seed 42 --scale 1 --force

clean:
	rm -rf build .pytest_cache
