"""Settings for the Probolinggo empowerment portal: one module, read from the environment.

Variables (all optional on a developer machine):
    LOKAL              the embedded default on one machine (``make run`` sets it): a development secret,
                       any host name, static files straight from the source folders, no HTTPS-only
                       cookies or redirects, but the portal's own 404/403/500 pages (DEBUG stays off).
    DEBUG              default False: Django's technical error pages, for a developer who asks for
                       them (implies LOKAL). Never on a server.
    SECRET_KEY         required unless LOKAL.
    ALLOWED_HOSTS      comma separated; default "localhost,127.0.0.1" (plus "*" when LOKAL).
    DATABASE_URL       default: SQLite file ``db.sqlite3`` in the project folder.
    CELERY_BROKER_URL  unset: Celery tasks run eagerly, in-process.
    CACHE_URL          the cache shared by every process, e.g. ``redis://127.0.0.1:6379/1`` in production;
                       unset: each process keeps its own (what it keeps lives about a minute, wilayah.generasi).
    EMAIL_BACKEND      default: the console backend (mail is printed, not sent); production: SMTP
                       with EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS.
    DEFAULT_FROM_EMAIL the sender of the portal's e-mail.
    ALAMAT_PORTAL      the portal's absolute address, for links in e-mail and the certificates' QR codes;
                       default http://127.0.0.1:8000 (set it in production, or printed QR codes point nowhere).
    MEDIA_ROOT         where uploads are kept; default ``media/``.
"""

import sys
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
LOKAL = DEBUG or env.bool("LOKAL", default=False)
# True while the test-suite runs (pytest or manage.py test).
TESTING = "pytest" in sys.modules or sys.argv[1:2] == ["test"]

if LOKAL or TESTING:
    SECRET_KEY = env.str("SECRET_KEY", default="pengembangan-saja-jangan-dipakai-di-produksi-" + "x" * 20)
else:
    SECRET_KEY = env.str("SECRET_KEY")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] + (["*"] if LOKAL else []))
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "wilayah.admin_site.PortalAdminConfig",  # django.contrib.admin with the portal's site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "import_export",
    "simple_history",
    "django_celery_beat",
    "csp",
    # The portal's own apps. `wilayah` first: every programme builds on it.
    "wilayah",
    "kader",
    "lkk",
    "pud",
    "wisata",
    "pelatihan",
    "laporan",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Temporary passwords: until replaced, every page sends the user to /akun/kata-sandi/ (wilayah.akun).
    # After AuthenticationMiddleware (request.user) and MessageMiddleware (its message).
    "wilayah.middleware.WajibGantiSandiMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "probolinggo_portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wilayah.context_processors.lingkup",
            ],
        },
    },
]

WSGI_APPLICATION = "probolinggo_portal.wsgi.application"

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
    # Tests: no persistent connections left open by server or worker threads (the test database is dropped at the end).
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0 if TESTING else 60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    # PBKDF2 on every test user was most of the suite's time; tests never store real passwords.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# The region the portal serves (the region tree itself is data: ``muat_wilayah``).
NAMA_WILAYAH = env.str("NAMA_WILAYAH", default="Kota Probolinggo")

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "beranda"
LOGOUT_REDIRECT_URL = "login"

# Bahasa Indonesia, Asia/Jakarta.
LANGUAGE_CODE = "id"
# Dates as the portal writes them everywhere, the admin included: "2 Januari 2023", not "2 Jan. 2023".
FORMAT_MODULE_PATH = ["wilayah.formats"]
LANGUAGES = [("id", "Bahasa Indonesia")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Bootstrap and its icons come from npm at set-up (`npm ci`), never from a CDN.
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
    ("vendor/bootstrap-icons", BASE_DIR / "node_modules" / "bootstrap-icons" / "font"),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if LOKAL or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Uploads: never keep more than 5 MB in memory; the apps' validators set the real limits.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

IMPORT_EXPORT_SKIP_ADMIN_LOG = True

# Content Security Policy (django-csp) on every response: no script but the portal's own files,
# no inline script, no plug-ins, no framing, forms post only here. Style attributes stay allowed
# (progress bars set their width); style elements only from the portal's files and the one
# <style> block of Django's admin change list, allowed by its hash (a test checks the hash
# against the installed Django). File responses set their own stricter policy (sandbox).
from csp.constants import NONE, SELF, UNSAFE_INLINE  # noqa: E402

CSP_HASH_STYLE_ADMIN_CHANGELIST = "'sha256-blvLUW3UscWqsXGByNOqdBboM+ShWAuugp2mC/wbafU='"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        # Browsers that know neither -elem nor -attr fall back to style-src.
        "style-src": [SELF, UNSAFE_INLINE],
        "style-src-elem": [SELF, CSP_HASH_STYLE_ADMIN_CHANGELIST],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Celery: with no broker configured, tasks run eagerly in-process (``make run``).
# (An in-memory transport then, so nothing ever tries a broker on localhost.)
CELERY_TASK_ALWAYS_EAGER = not env.str("CELERY_BROKER_URL", default="")
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="") or "memory://"
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default="") or (
    "cache+memory://" if CELERY_TASK_ALWAYS_EAGER else CELERY_BROKER_URL
)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_ENABLE_UTC = True
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Periodic jobs; django-celery-beat copies these into its tables, where Bappeda can see them.
# A crontab has no time zone of its own: it is read in CELERY_TIMEZONE (Asia/Jakarta), and
# django-celery-beat's DatabaseScheduler stores that zone with it (tests/laporan/test_tugas.py).
from celery.schedules import crontab  # noqa: E402

CELERY_BEAT_SCHEDULE = {
    "bersihkan-pratinjau-impor": {"task": "wilayah.bersihkan_pratinjau_impor", "schedule": 60 * 60},
    # The 1st of each month at 01:00 Asia/Jakarta: last month's reports (laporan.tasks.bulanan).
    "laporan-bulanan": {"task": "laporan.bulanan", "schedule": crontab(minute=0, hour=1, day_of_month=1)},
    # Stored city figures (wilayah.angka), every key, every 15 minutes.
    "perbarui-angka": {"task": "wilayah.perbarui_angka", "schedule": 15 * 60},
}
# Kept public pages, large list counts and rendered panels (wilayah.publik, wilayah.daftar.hitung,
# wilayah.panels). Shared (Redis) in production, so a write renews them for every process at once.
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}
# Stored city figures older than this (seconds) are refreshed in the background when a page reads them.
ANGKA_UMUR_DETIK = env.int("ANGKA_UMUR_DETIK", default=15 * 60)
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

# E-mail (the city report's link to the mayor's office and Bappeda). Embedded default: printed
# on the console. Production: EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend and the
# EMAIL_HOST... variables.
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Portal Pemberdayaan Masyarakat <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The portal's absolute address (scheme and host, no trailing slash): links in e-mail.
ALAMAT_PORTAL = env.str("ALAMAT_PORTAL", default="http://127.0.0.1:8000").rstrip("/")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}

# On one machine (LOKAL) whitenoise serves static files from the source folders, re-read on change,
# with no collectstatic: ``make run`` then needs no DEBUG to show CSS, and shows the portal's own
# error pages, never Django's technical ones (issue 15).
WHITENOISE_USE_FINDERS = LOKAL
WHITENOISE_AUTOREFRESH = LOKAL

# Production hardening switches on unless LOKAL.
if not LOKAL:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not TESTING)
    SESSION_COOKIE_SECURE = not TESTING
    CSRF_COOKIE_SECURE = not TESTING
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_REFERRER_POLICY = "same-origin"
    X_FRAME_OPTIONS = "DENY"

# --- Login throttling: django-axes (issue 9, finding 3) --------------------------------------------
# Every login (/masuk/ and /admin/login/ alike: both go through ``authenticate``) is counted by axes.
# - Lock-out key: the user name AND the client address together. Kelurahan offices sit behind one
#   shared address, so locking an address alone would lock a whole office out; locking a user name
#   alone would let anyone lock the camat out from anywhere. The real owner, from another address,
#   is never locked by someone else's guessing.
# - 5 wrong passwords lock that pair for 30 minutes (each further try during the lock-out restarts the
#   30 minutes): at most ~10 guesses an hour, ~240 a day per user and address, against passwords the
#   validators above already keep out of the common lists; an operator who mistyped is back in the same
#   morning without calling anyone, and Bappeda (or a superuser) can unlock at once on the accounts
#   page (/wilayah/akun/) or in the admin. A successful login clears that pair's failures.
# - Records: axes keeps each failure (AccessFailureLog) and the running count (AccessAttempt); every
#   lock-out is also logged as a warning with user name and address (logger "wilayah.masuk").
#   Successful logins are not stored (no purpose that would justify keeping everyone's addresses).
# - Behind a reverse proxy, set JUMLAH_PROXY to the number of proxies that append to
#   X-Forwarded-For (default 0: the socket address). Never set it higher than the proxies you run:
#   a client could then choose its own address.
from datetime import timedelta  # noqa: E402

INSTALLED_APPS += ["axes"]
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "wilayah.backend.BackendPeran"]
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]  # last, as axes requires
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "wilayah.masuk.respons_terkunci"
AXES_CLIENT_IP_CALLABLE = "wilayah.masuk.alamat_klien"
JUMLAH_PROXY = env.int("JUMLAH_PROXY", default=0)
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_ENABLE_ADMIN = False  # wilayah/admin.py registers the records with unlock through wilayah.akun
