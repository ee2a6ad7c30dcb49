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
# apt waits (up to 10 minutes) for another apt or dpkg (an unattended upgrade, a second terminal) to let go
# of its lock, instead of failing at once.
APT_GET := DEBIAN_FRONTEND=noninteractive apt-get -qq -o DPkg::Lock::Timeout=600

.PHONY: run test install install-test assets browser redis migrate demo clean

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
	    $(APT_GET) update && $(APT_GET) install -y chromium >/dev/null; \
	  else \
	    echo "Chromium tidak ditemukan di $(CHROMIUM). Pasang dengan: sudo apt-get install chromium (atau set CHROMIUM=/path/ke/chromium)."; exit 1; \
	  fi; \
	fi

# The Celery test starts a real worker on Redis (127.0.0.1:6379 unless CELERY_TEST_BROKER_URL is set).
redis:
	@if [ -z "$$CELERY_TEST_BROKER_URL" ] && ! $(PY) -c 'import socket; socket.create_connection(("127.0.0.1", 6379), 1)' 2>/dev/null; then \
	  if ! command -v redis-server >/dev/null; then \
	    if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	      echo "Memasang redis-server dari paket Debian..."; \
	      $(APT_GET) update && $(APT_GET) install -y redis-server >/dev/null; \
	    else \
	      echo "Redis tidak berjalan di 127.0.0.1:6379. Pasang dan jalankan redis-server (Debian: sudo apt-get install redis-server)."; exit 1; \
	    fi; \
	  fi; \
	  echo "Menyalakan redis-server untuk pengujian..."; \
	  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no; sleep 1; \
	fi

migrate: install assets
	LOKAL=True $(PY) manage.py migrate --noinput

demo: migrate
	LOKAL=True $(PY) manage.py muat_wilayah
	LOKAL=True $(PY) manage.py demo_data

run: demo
	@echo "Portal berjalan di http://$(HOST):$(PORT)/  (akun demo: lihat README)"
	LOKAL=True $(PY) manage.py runserver $(HOST):$(PORT)

test: install-test assets browser redis
	CHROMIUM=$(CHROMIUM) $(VENV)/bin/pytest $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache
