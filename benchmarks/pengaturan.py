"""Settings of the page benchmark (``benchmarks/halaman.py``, its gunicorn): the project's, as in
production (DEBUG off, whitenoise with its manifest), served over plain HTTP on 127.0.0.1, with
the benchmarks' urlconf (the baseline page ``/bench/dasar/``)."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "benchmark-only-" + "x" * 40)
os.environ["DEBUG"] = "False"

from probolinggo_portal.settings import *  # noqa: E402,F401,F403

DEBUG = False
ROOT_URLCONF = "benchmarks.urls"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
# plain HTTP on the loopback: no redirect to https, cookies sent without TLS
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
STATIC_ROOT = os.environ.get("BENCH_STATIC_ROOT", os.path.join(tempfile.gettempdir(), "bench_halaman_static"))
