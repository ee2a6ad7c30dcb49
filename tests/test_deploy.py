"""Deployment: hardened settings with DEBUG=False, a valid docker-compose file, README commands."""

import os
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def test_check_deploy_prints_no_warning_with_debug_false(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},  # set for the browser tests only
        "DEBUG": "False",
        "SECRET_KEY": "k3Jv9-production-like-secret-key-for-the-deploy-check-0123456789abcdef",
        "ALLOWED_HOSTS": "portal.contoh.go.id",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'cek.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in output or "tidak ada masalah" in output, output
    assert "WARNINGS" not in output, output


def test_production_refuses_to_start_without_secret_key(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env.update({"DEBUG": "False", "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}"})
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_docker_compose_is_valid_and_complete():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert {"web", "worker", "beat", "db", "redis"} <= set(services)
    for name in ("web", "worker", "db", "redis"):
        assert "healthcheck" in services[name], f"{name} perlu healthcheck"
    assert "gunicorn" in " ".join(services["web"]["command"])
    assert services["worker"]["command"][:3] == ["celery", "-A", "probolinggo_portal"]
    assert "beat" in services["beat"]["command"]
    assert services["web"]["environment"]["DEBUG"] == "False"
    assert services["web"]["environment"]["CELERY_BROKER_URL"].startswith("redis://")
    assert {"pgdata", "media"} <= set(compose["volumes"])
    assert (ROOT / "Dockerfile").exists()


def test_no_cdn_in_templates():
    for template in (ROOT / "templates").rglob("*.html"):
        text = template.read_text()
        assert "cdn." not in text and "jsdelivr" not in text and "unpkg" not in text, template


def test_readme_gives_the_two_commands_and_ci_calls_make_test():
    readme = (ROOT / "README.md").read_text()
    assert "make run" in readme and "make test" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_fast_password_hasher_only_under_tests(settings, tmp_path):
    """The suite hashes with MD5 (speed); a real run keeps Django's PBKDF2."""
    assert settings.PASSWORD_HASHERS == ["django.contrib.auth.hashers.MD5PasswordHasher"]
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update({"DEBUG": "True", "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}", "DJANGO_SETTINGS_MODULE": "probolinggo_portal.settings"})
    kode = "import django; django.setup(); from django.conf import settings; print(settings.PASSWORD_HASHERS[0])"
    result = subprocess.run([sys.executable, "-c", kode], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.stdout.strip() == "django.contrib.auth.hashers.PBKDF2PasswordHasher", result.stderr


def test_the_project_documents_itself_inside_the_repository():
    for doc in [ROOT / "README.md", *(ROOT / "docs").glob("*.md")]:
        teks = doc.read_text()
        assert "../" not in teks and "shared/DESIGN" not in teks, f"{doc.name} menunjuk ke luar repositori"
    assert "docs/arsitektur.md" in (ROOT / "README.md").read_text()


def test_embedded_default_shows_the_portals_own_error_pages(tmp_path):
    """``make run`` (LOKAL=True) is no DEBUG: a wrong address or a failure shows the portal's Indonesian
    pages, never Django's technical pages with the URL patterns or a traceback; CSS is still served."""
    makefile = (ROOT / "Makefile").read_text()
    assert "LOKAL=True $(PY) manage.py runserver" in makefile and "DEBUG=True" not in makefile
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    # An empty database: the catalogue's first query fails, as any unforeseen error would.
    env.update({"LOKAL": "True", "DATABASE_URL": f"sqlite:///{tmp_path / 'kosong.sqlite3'}", "DJANGO_SETTINGS_MODULE": "probolinggo_portal.settings"})
    kode = (
        "import django; django.setup()\n"
        "from django.conf import settings; from django.test import Client\n"
        "c = Client(raise_request_exception=False)\n"
        "print('DEBUG', settings.DEBUG)\n"
        "for url in ('/halaman-yang-tidak-ada/', '/wisata/jelajah/', '/static/css/portal.css'):\n"
        "    r = c.get(url); isi = b''.join(r.streaming_content) if r.streaming else r.content\n"
        "    print('==', url, r.status_code); print(isi.decode()[:4000])\n"
    )
    result = subprocess.run([sys.executable, "-c", kode], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    out = result.stdout
    assert "DEBUG False" in out, result.stderr
    halaman_404, halaman_500, css = out.split("== ")[1:]
    assert halaman_404.startswith("/halaman-yang-tidak-ada/ 404") and "Halaman tidak ditemukan" in halaman_404
    assert halaman_500.startswith("/wisata/jelajah/ 500") and "Terjadi kesalahan di server" in halaman_500
    for halaman in (halaman_404, halaman_500):
        assert "URLconf" not in halaman and "Traceback" not in halaman and "DEBUG = True" not in halaman
    assert css.startswith("/static/css/portal.css 200")


def test_make_waits_for_the_apt_lock_instead_of_failing():
    """Every apt-get the Makefile runs waits for another apt/dpkg's lock (issue 15: ``make test`` failed
    outright while an unattended upgrade held it)."""
    makefile = (ROOT / "Makefile").read_text()
    assert "APT_GET := DEBIAN_FRONTEND=noninteractive apt-get -qq -o DPkg::Lock::Timeout=" in makefile
    # The lines that run apt (the others only tell the user a command, in an echo).
    perintah = [r for r in makefile.splitlines() if "APT_GET)" in r or ("apt-get" in r and "echo" not in r and "command -v" not in r and ":=" not in r)]
    assert len(perintah) == 2, perintah
    for r in perintah:
        assert "apt-get update" not in r and "apt-get install" not in r, f"apt-get without the lock wait: {r.strip()}"
    assert makefile.count("$(APT_GET) install -y") == 2
