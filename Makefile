# The README's two commands: `make book` builds the site, `make test` runs every test.
# Both create the virtual environment from the pinned requirements.txt when it is missing.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.ready

.PHONY: book test test-fast bench clean

$(READY): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	# make the `analysis` package importable from the venv (notebooks, papermill, tests) without a build step
	$(BIN)/python -c 'import sysconfig, pathlib; pathlib.Path(sysconfig.get_paths()["purelib"], "border_security_book.pth").write_text("$(CURDIR)\n")'
	touch $@

book: $(READY)
	$(BIN)/python -m analysis build

# every tier, on every core: each test file runs in one worker (its module fixtures once), and the workers
# share one build of the book (tests/conftest.py, once_per_run)
test: $(READY)
	PYTHONHASHSEED=0 PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest -n auto --dist loadfile

# the fast tier only (tests/conftest.py sorts the tests into tiers), on every core, each test file in one worker
# (its tests share what they compute); compiled modules are kept in __pycache__, ignored by git, even where the
# environment turns that off: each worker would otherwise compile the package and pytest's rewritten tests again
test-fast: $(READY)
	PYTHONHASHSEED=0 PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest -m fast -n auto --dist loadfile

clean:
	rm -rf _build

# this build beside plain Jupyter Book (cold, warm; one data file changed); writes book/benchmark.json
bench: $(READY)
	$(BIN)/python -m analysis bench
