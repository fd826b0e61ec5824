# Beyond Borders — the two commands (plus helpers). Needs Python 3.11+ and make.
#   make lab    install into .venv and open JupyterLab on lessons/00_start_here.ipynb
#   make test   install the pinned test environment and run every test
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
STAMP  := $(VENV)/.installed
JOBS   ?= 2
# JupyterLab refuses to run as root unless told; containers and lab machines often are root.
ROOTFLAG := $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root,)

.PHONY: hub hub-install test-hub lab test install test-unit test-data test-notebooks test-browser exercises outputs app benchmarks clean help site handouts objectives

help:
	@echo "make lab      open the course in JupyterLab (installs on first run)"
	@echo "make test     run every test (installs the pinned test environment)"
	@echo "make app      present the timeline explorer with Voila (presentation mode: large text and controls)"
	@echo "make exercises  regenerate exercises/ from solutions/"
	@echo "make objectives regenerate instructors/objectives.md from the lessons and the answer keys' level tags"
	@echo "make outputs  re-run every notebook and store its outputs (unchanged files are left alone)"
	@echo "make site     build the static course website in build/site (INSTRUCTOR=1 adds the guide)"
	@echo "make handouts print every lesson and exercise sheet, and the role cards, to PDF (A4, Letter) in build/handouts"
	@echo "make hub      run a class hub on this machine (JupyterHub + nbgitpuller link)"

# pip runs with -qq: errors still show, warnings do not. (On a machine whose pip.conf lists extra
# package indexes, pip prints a WARNING line per package those indexes lack: a wall of text that
# says nothing about the course. With pip's defaults there are none.)
PIPQ := --quiet --quiet
$(STAMP): requirements/lock.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is needed (found %d.%d)" % sys.version_info[:2] if sys.version_info < (3, 11) else 0)'
	@echo "Installing the pinned packages into $(VENV) (a few minutes the first time)..."
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install $(PIPQ) --upgrade pip
	$(PY) -m pip install $(PIPQ) -r requirements/lock.txt
	$(PY) -m pip install $(PIPQ) --no-deps -e .
	@# The grader runs each submission in a bubblewrap sandbox; install it where we can.
	@command -v bwrap >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 \
	    && apt-get install -y -qq --no-install-recommends bubblewrap >/dev/null; } \
	    || echo "note: bubblewrap (bwrap) is not installed; beyond-borders grade needs it (or --no-sandbox)"
	touch $(STAMP)

install: $(STAMP)

# The course's own notebooks are trusted, so their stored widgets (the timeline explorer) render
# from saved state even before a kernel runs.
lab: install
	$(BIN)/jupyter trust lessons/*.ipynb exercises/*.ipynb apps/*.ipynb >/dev/null
	$(BIN)/jupyter lab $(ROOTFLAG) --ServerApp.root_dir="$(CURDIR)" \
	    --ServerApp.jpserver_extensions=beyond_borders.jupyter.serverext=True lessons/00_start_here.ipynb

app: install
	$(PY) -m beyond_borders.jupyter.present apps/timeline_app.ipynb --no-browser --port=8866 --Voila.ip=127.0.0.1

test: install hub-install
	$(MAKE) test-unit test-notebooks test-browser test-hub

test-unit: install
	$(PY) -m pytest -q -n $(JOBS) tests --ignore=tests/browser --ignore=tests/hub

test-data: install
	$(PY) -m pytest -q tests/test_data.py

# Strict nbval, twice in a row: the second run catches hidden state and nondeterminism.
NBVAL := $(PY) -m pytest -q -n $(JOBS) --dist loadfile --nbval --nbval-current-env \
         --nbval-sanitize-with tests/nbval_sanitize.cfg lessons exercises solutions apps
test-notebooks: install
	$(NBVAL)
	$(NBVAL)

test-browser: install
	$(PY) -m pytest -q tests/browser

# The class hub (instructors/README.md, Route 2): JupyterHub and nbgitpuller into .venv (pinned in
# requirements/hub-lock.txt; Binder's repo2docker for its check, binder-check-lock.txt), and
# configurable-http-proxy from npm into .hub/ (pinned in scripts/hub/).
HUBSTAMP := $(VENV)/.hub-installed
$(HUBSTAMP): $(STAMP) requirements/hub-lock.txt requirements/binder-check-lock.txt scripts/hub/package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "npm is needed for the hub's proxy (apt-get install nodejs npm)"; exit 1; }
	$(PY) -m pip install $(PIPQ) -r requirements/hub-lock.txt -r requirements/binder-check-lock.txt
	mkdir -p .hub && cp scripts/hub/package.json scripts/hub/package-lock.json .hub/
	cd .hub && npm ci --silent --no-audit --no-fund
	touch $(HUBSTAMP)

hub-install: $(HUBSTAMP)

hub: hub-install
	$(PY) scripts/hub/run_hub.py

test-hub: hub-install
	$(PY) -m pytest -q tests/hub

exercises: install
	$(BIN)/beyond-borders build-exercises

# instructors/objectives.md is generated from the lessons' objectives and the keys' level/task tags.
objectives: install
	$(BIN)/beyond-borders objectives

# Idempotent: widget ids are renamed in an order fixed by each notebook and a file whose text
# would not change is not rewritten, so on unchanged inputs git status stays clean.
outputs: install
	$(BIN)/beyond-borders execute lessons/*.ipynb solutions/*.ipynb apps/*.ipynb
	$(BIN)/beyond-borders build-exercises

benchmarks: install
	$(PY) benchmarks/timeline_latency.py
	$(PY) benchmarks/timeline_latency_browser.py
	$(PY) benchmarks/nbval_suite.py
	$(PY) benchmarks/grader_throughput.py
	$(PY) benchmarks/site_build.py
	$(PY) benchmarks/hub_class.py --learners 20

# The course website and handouts, from stored outputs (nothing is executed; see README).
site: install
	$(PY) -m beyond_borders.publish site --out build/site $(if $(INSTRUCTOR),--instructor,)

handouts: site
	$(PY) scripts/print_handouts.py --site build/site --out build/handouts

clean:
	rm -rf $(VENV) .hub test-artefacts .pytest_cache
