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
