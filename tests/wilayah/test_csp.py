"""Content Security Policy: every page carries it, and no template needs inline script.

The header comes from django-csp (settings ``CONTENT_SECURITY_POLICY``). What makes it hold in
practice is that no template the portal renders has inline script, an ``on…=`` handler or a
``javascript:`` link: the template scan below fails on any, ours or an installed app's. The
browser tests listen for policy violations on every page they open (tests/e2e/conftest.py).
"""

import base64
import hashlib
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import engines
from django.test import RequestFactory
from django.urls import reverse

import django.contrib.admin
from tests.factories import UserFactory
from wilayah.templatetags.navigasi import url_batal

SCRIPT_TAG = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S | re.I)
HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.S | re.I)
JS_URL = re.compile(r"""(href|src|action)\s*=\s*["']\s*javascript:""", re.I)


def _directives(header: str) -> dict[str, list[str]]:
    return {d.split()[0]: d.split()[1:] for d in (p.strip() for p in header.split(";")) if d}


def _assert_strict(response):
    policy = _directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in policy["style-src-elem"]


def test_login_and_public_pages_carry_the_policy(client, db):
    for url in (reverse("login"), reverse("beranda"), reverse("wisata:publik-katalog"), reverse("wisata:publik-kalender"), reverse("admin:login")):
        _assert_strict(client.get(url))


def test_portal_and_admin_pages_carry_the_policy(client, operator_a, bappeda):
    client.force_login(operator_a)
    _assert_strict(client.get(reverse("beranda"), follow=True))
    _assert_strict(client.get(reverse("kader:kader-list")))
    admin_user = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin_user)
    _assert_strict(client.get(reverse("admin:kader_kader_changelist")))


# django-import-export's admin pages (export.html has an on…= handler) are never served: no
# ModelAdmin uses its mixins (checked below); the portal's own import and export pages replace them.
NOT_SERVED = {"admin/import_export/export.html"}


def _served_templates() -> dict[str, Path]:
    """Template name -> the file Django loads for it (the first directory wins, as in the loader)."""
    found = {}
    for engine in engines.all():
        for directory in map(Path, engine.template_dirs):
            for template in directory.rglob("*.html"):
                found.setdefault(str(template.relative_to(directory)), template)
    return found


def test_no_admin_uses_import_export_pages():
    from django.contrib import admin
    from import_export.admin import ImportExportMixinBase

    assert [m for m, a in admin.site._registry.items() if isinstance(a, ImportExportMixinBase)] == []


def test_no_template_has_inline_script_handlers_or_javascript_links():
    found = []
    templates = [t for name, t in _served_templates().items() if name not in NOT_SERVED]
    assert len(templates) > 100  # the portal's and the installed apps' (admin, history, celery beat...)
    for template in templates:
        text = template.read_text(errors="replace")
        for attrs, body in SCRIPT_TAG.findall(text):
            if "src=" not in attrs or body.strip():
                found.append(f"{template}: inline <script>")
        if HANDLER.search(text):
            found.append(f"{template}: on…= handler")
        if JS_URL.search(text):
            found.append(f"{template}: javascript: link")
    assert found == []


def test_the_scan_catches_each_kind():
    assert SCRIPT_TAG.search("<script>alert(1)</script>")
    assert HANDLER.search('<a href="#" onclick="x()">')
    assert JS_URL.search('<a href="javascript:history.back()">')


def test_admin_changelist_style_hash_matches_installed_django():
    template = Path(django.contrib.admin.__file__).parent / "templates" / "admin" / "change_list.html"
    blocks = re.findall(r"<style>(.*?)</style>", template.read_text(), re.S)
    hashes = {"'sha256-" + base64.b64encode(hashlib.sha256(b.encode()).digest()).decode() + "'" for b in blocks}
    assert hashes == {settings.CSP_HASH_STYLE_ADMIN_CHANGELIST}


@pytest.mark.parametrize(
    "referer, expected",
    [
        ("http://testserver/kader/", "http://testserver/kader/"),
        ("https://penipu.example/", "/"),
        ("", "/"),
    ],
)
def test_cancel_goes_back_only_within_the_portal(referer, expected):
    request = RequestFactory().get("/kader/tambah/", HTTP_REFERER=referer)
    assert url_batal({"request": request}) == expected


def test_cancel_on_an_edit_form_goes_to_the_object(dua_wilayah):
    from tests.kader.factories import KaderFactory

    kader = KaderFactory(kelurahan=dua_wilayah["kel_a"])
    request = RequestFactory().get("/", HTTP_REFERER="http://testserver/kader/")
    assert url_batal({"request": request, "object": kader}) == kader.get_absolute_url()
