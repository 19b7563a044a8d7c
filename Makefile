# One task runner. `make run` and `make test` do all the set-up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed-$(shell cat requirements/*.txt | md5sum | cut -c1-8)
NODE_STAMP := node_modules/.installed-$(shell md5sum package.json package-lock.json 2>/dev/null | md5sum | cut -c1-8)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run serve test suite test-fast test-browser lint format messages migrations-check bench bench-data browser-deps translation-deps pdf-deps serve-deps backup-deps bench-http load test-shared clean

$(STAMP): requirements/base.txt requirements/test.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements/test.txt
	rm -f $(VENV)/.installed-*; touch $(STAMP)

install: $(STAMP) translation-deps pdf-deps backup-deps

run: $(STAMP) pdf-deps backup-deps
	$(PY) manage.py migrate --no-input -v 0
	$(PY) manage.py compilemessages -v 0 --ignore=.venv
	$(PY) manage.py load_demo_network --if-empty
	WAGTAILADMIN_BASE_URL="$${WAGTAILADMIN_BASE_URL:-http://$(HOST):$(PORT)}" $(PY) manage.py ensure_admin
	$(PY) manage.py schedule
	@echo "Starting the task worker and the web server on http://$(HOST):$(PORT)/ (Ctrl-C stops both)"
	@trap 'kill 0' INT TERM EXIT; \
	if [ -n "$$REDIS_URL" ]; then $(PY) manage.py rqworker default --with-scheduler; else $(PY) manage.py db_worker --queue-name default; fi & \
	$(PY) manage.py runserver $(HOST):$(PORT)

# Debian's Apertium, the local machine-translation engine (translations/engines/apertium.py), with the
# pairs Debian has among the site's languages: English<->Spanish and French<->Spanish.
APERTIUM_PACKAGES := apertium apertium-eng-spa apertium-fr-es
translation-deps:
	@dpkg -s $(APERTIUM_PACKAGES) >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APERTIUM_PACKAGES))

# The toolkit PDF (resources/pdf.py): WeasyPrint needs Debian's Pango and HarfBuzz, and fonts with
# Arabic (Noto Naskh / Noto Sans Arabic in fonts-noto-core). No apt when they are there already.
PDF_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-core fonts-dejavu-core
pdf-deps:
	@dpkg -s $(PDF_PACKAGES) >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(PDF_PACKAGES))

# Backups (operations/backup.py, docs/operations.md): GnuPG to encrypt them, PostgreSQL's pg_dump and
# pg_restore for a PostgreSQL database.
BACKUP_PACKAGES := gnupg postgresql-client
backup-deps:
	@dpkg -s $(BACKUP_PACKAGES) >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(BACKUP_PACKAGES))

# The caching proxy in front of the app server (deploy/varnish/default.vcl), run by `make serve` and by
# the tests against the real proxy (tests/browser/test_proxy_cache.py).
SERVE_PACKAGES := varnish
serve-deps:
	@dpkg -s $(SERVE_PACKAGES) >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SERVE_PACKAGES))

# The production stack on this machine (deploy/stack.py, docs/deploy.md): production settings with a local
# .serve/env made once, migrate, collectstatic, demo data, then gunicorn on APP_PORT, the task worker and
# Varnish on SERVE_PORT, all under the current user. Ctrl-C stops them.
SERVE_PORT ?= 8080
APP_PORT ?= 8001
serve: $(STAMP) serve-deps pdf-deps backup-deps
	$(PY) deploy/stack.py --port $(SERVE_PORT) --app-port $(APP_PORT)

# The HTTP benchmark (bench/http_bench.py): Debian's wrk, and Debian's nginx serving static files of the same
# sizes as the yardstick. `make bench-http BENCH_HTTP_ARGS="--data scale"` on the 100,000-authority data.
HTTP_BENCH_PACKAGES := wrk nginx
bench-http: $(STAMP) serve-deps pdf-deps
	@dpkg -s $(HTTP_BENCH_PACKAGES) >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(HTTP_BENCH_PACKAGES))
	$(PY) bench/http_bench.py $(BENCH_HTTP_ARGS)

# The load test (bench/load.py, docs/operations.md "Load test"): Locust's visitors (bench/load/locustfile.py;
# Locust from requirements/load.txt, installed here only) against the stack of `make serve` on a database of
# its own. `make load` runs LOAD_TIME (default 10m) at LOAD_PERCENT (default 80) % of the users of the peak
# found last (bench/data/load-peak.json; found first when there is none); LOAD_USERS=N runs N users instead;
# LOAD_FIND_PEAK=1 only steps users up to find the peak. LOAD_ARGS passes more options to bench/load.py,
# e.g. LOAD_ARGS="--database-url postgres://... --redis-url redis://..." (`bench/load.py --help`).
LOAD_TIME ?= 10m
LOAD_PERCENT ?= 80
LOAD_USERS ?=
LOAD_FIND_PEAK ?=
LOAD_STAMP := $(VENV)/.load-installed-$(shell md5sum requirements/load.txt | cut -c1-8)
$(LOAD_STAMP): requirements/load.txt $(STAMP)
	$(PY) -m pip install --quiet -r requirements/load.txt
	rm -f $(VENV)/.load-installed-*; touch $(LOAD_STAMP)
load: $(STAMP) $(LOAD_STAMP) serve-deps pdf-deps
	$(PY) bench/load.py $(if $(LOAD_FIND_PEAK),--find-peak,$(if $(LOAD_USERS),--users $(LOAD_USERS),--percent $(LOAD_PERCENT)) --time $(LOAD_TIME)) $(LOAD_ARGS)

# Browser tests need Debian's Chromium and axe-core from npm.
browser-deps: $(NODE_STAMP)
	@test -x /usr/bin/chromium || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-core fonts-dejavu-core)

$(NODE_STAMP): package.json
	npm install --no-audit --no-fund --silent
	touch $(NODE_STAMP)

# The browser tests run on their own: they need transactional databases (a live server), which do not mix
# well with the rest of the suite. Both runs spread over one process per core (pytest-xdist). Each process
# has its own test database, media folders, live server and Redis database (config/settings/test.py) and
# runs its tests in pytest-django's order, the transactional ones last (they empty the database).
# TEST_PROCESSES=0 runs each in one process.
TEST_PROCESSES ?= auto
PYTEST_PARALLEL = -n $(TEST_PROCESSES) --maxprocesses=4 --dist load
test: $(STAMP) browser-deps translation-deps pdf-deps serve-deps backup-deps
	$(PY) manage.py compilemessages -v 0 --ignore=.venv
	$(MAKE) --no-print-directory suite

# The suite alone, on a machine `make test` has set up (.ci/run runs it again on PostgreSQL and Redis).
suite:
	$(BIN)/pytest -m "not browser and not shared" $(PYTEST_PARALLEL)
	$(BIN)/pytest -m "browser and not processes" $(PYTEST_PARALLEL)
	$(BIN)/pytest -m processes -p no:xdist

test-fast: $(STAMP) translation-deps pdf-deps backup-deps
	$(BIN)/pytest -m "not browser and not shared" $(PYTEST_PARALLEL)

# Several machines (docs/deploy.md): the tests of uploads, letters, toolkit PDFs and backups again with
# STORAGE=s3, on buckets of an S3-compatible stand-in (moto's server, tests/s3.py); then two app servers
# sharing PostgreSQL, Redis and the storage (tests/test_shared_services.py: skipped, saying why, unless
# DATABASE_URL is PostgreSQL and REDIS_URL is set). .ci/run runs it after the suite on PostgreSQL.
S3_TESTS := tests/test_s3_storage.py memberships/tests/test_letters.py memberships/tests/test_retention.py \
	memberships/tests/test_applicant.py memberships/tests/test_permissions.py operations/tests/test_backup.py \
	resources/tests/test_pdf.py
test-shared: $(STAMP) pdf-deps backup-deps
	$(PY) manage.py compilemessages -v 0 --ignore=.venv
	STORAGE=s3 $(BIN)/pytest -m "not browser and not shared" $(PYTEST_PARALLEL) $(S3_TESTS)
	$(BIN)/pytest -m shared -p no:xdist -rs tests/test_shared_services.py

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

messages: $(STAMP)
	$(PY) manage.py makemessages -l ar -l fr -l es --no-location --ignore=.venv --ignore=node_modules --ignore=bench
	$(PY) manage.py compilemessages --ignore=.venv

migrations-check: $(STAMP)
	$(PY) manage.py makemigrations --check --dry-run

bench-data: $(STAMP)
	$(PY) bench/make_data.py

bench: $(STAMP) bench-data pdf-deps
	$(PY) bench/directory.py
	$(PY) bench/map_data.py
	$(PY) bench/city_profile.py
	$(PY) bench/matching_engine.py
	$(PY) bench/matching_site.py
	$(PY) bench/toolkit_pdf.py
	$(PY) bench/resources_list.py

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache .pytest_media artifacts
