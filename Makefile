# Two commands for a fresh machine:
#   make run   set up and start the portal on SQLite, Celery tasks eager, demo data loaded
#   make test  set up and run the whole test-suite
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
CHROMIUM ?= /usr/bin/chromium

.PHONY: run test install install-test assets browser migrate demo clean check-deploy

$(VENV)/.installed-run: requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] >= (3, 11) else "Python 3.11 atau lebih baru diperlukan.")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-test: requirements.txt requirements-test.txt $(VENV)/.installed-run
	$(PIP) install --quiet -r requirements-test.txt
	touch $@

install: $(VENV)/.installed-run
install-test: $(VENV)/.installed-test

# Bootstrap and its icons come from npm (package-lock.json), served by Django: no CDN.
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm tidak ditemukan: pasang Node.js dan npm (Debian: apt-get install nodejs npm)."; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

assets: node_modules/.installed

# Browser tests drive Debian's chromium; nothing is downloaded at test time.
browser:
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Memasang chromium dari paket Debian..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "Chromium tidak ditemukan di $(CHROMIUM). Pasang dengan: sudo apt-get install chromium (atau set CHROMIUM=/path/ke/chromium)."; exit 1; \
	  fi; \
	fi

migrate: install assets
	DEBUG=True $(PY) manage.py migrate --noinput

demo: migrate
	DEBUG=True $(PY) manage.py muat_wilayah
	DEBUG=True $(PY) manage.py demo_data

run: demo
	@echo "Portal berjalan di http://$(HOST):$(PORT)/  (akun demo: lihat README)"
	DEBUG=True $(PY) manage.py runserver $(HOST):$(PORT)

test: install-test assets browser
	CHROMIUM=$(CHROMIUM) $(VENV)/bin/pytest $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache
