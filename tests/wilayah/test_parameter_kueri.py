"""Issue 9, finding 6: no query string gives a 500.

``/wisata/jelajah/event/?bulan=9999-12`` (anonymous), ``?bulan=1-1``, ``/wisata/event/?tahun=0`` and
``?tahun=10000`` answered 500. This walk sends bad values to every GET view of the URLconf (the
portal and the admin), as an anonymous user, a kelurahan operator and Bappeda (staff), with the ids
of the world ``test_hanya_baca`` builds, and asserts that every answer is below 500 (a bad value is
a form error, ignored or a 400).

Which parameters: those the views read. They are discovered, not listed by hand:
- every key the project's code reads from ``request.GET`` (``.get("x")``, ``.getlist("x")``,
  ``["x"]``, ``"x" in``), found by parsing the source; each view gets the keys read in the modules
  of its classes (or of its function);
- a list view's ``FilterSet`` fields (``wilayah.daftar``) and its page number;
- ``next`` on the account pages; an admin list's search, order, page, list filters and date
  drill-down (Django's ``ChangeList``).
A use of ``request.GET`` that is not a literal key (the query dict passed on whole, a key in a
variable) fails ``test_setiap_pembacaan_get_dikenal`` until it is explained in ``GET_DINAMIS`` with
the parameters it reads: so a view cannot start reading a parameter this walk does not send.
"""

from __future__ import annotations

import ast
import inspect
import logging
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.contrib.auth.views import RedirectURLMixin
from django.contrib.admin.views.main import ALL_VAR, IS_POPUP_VAR, ORDER_VAR, PAGE_VAR, SEARCH_VAR, TO_FIELD_VAR
from django.db import transaction
from django.test import Client, RequestFactory

from tests.factories import UserFactory
from tests.wilayah.test_hanya_baca import dunia_sekali, semua_ujung
from wilayah.admin import ScopedAdminMixin
from wisata.filters import KatalogFilterSet

pytestmark = pytest.mark.django_db

AKAR = Path(settings.BASE_DIR)
SUMBER = ["probolinggo_portal", "wilayah", "kader", "lkk", "pud", "wisata", "pelatihan", "laporan"]

# Every value is sent to every parameter a view reads (one request per value, all parameters at once),
# then each parameter twice, the second time as bytes that are not UTF-8. One of each kind: out of
# range, a month and a year that do not exist, words, empty, very long, NUL, a digit int() refuses
# ("²".isdigit() is true), a number no database column holds, quotes and an emoji.
NILAI_BURUK = [
    "0", "-1", "10000", "9999-12", "1-1", "abc", "", "x" * 3000, "1\x002", "\u00b2", "99999999999999999999",
    "35.74' OR '1'='1 \U0001f600",
]  # fmt: skip
DAFTAR_BURUK = ("1", "%FF%FE")  # a list; its second value raw percent-encoded bytes that are not UTF-8

# Uses of request.GET that are not a literal key: ``file:scope`` -> what it reads (a function of the
# view class; the scope's subclasses get these parameters).
GET_DINAMIS = {
    # The FilterSet gets the query dict whole; the page number's key is ``page_kwarg``.
    "wilayah/daftar.py:FilteredListMixin": lambda view_class: parameter_filterset(view_class.filterset_class) | {view_class.page_kwarg},
    # The public catalogue's pickers.
    "wisata/views.py:KatalogView": lambda view_class: parameter_filterset(KatalogFilterSet),
    # Every admin view: an empty ``_to_field`` is dropped (the admin tests below send it).
    "wilayah/admin_site.py:PortalAdminSite": lambda view_class: {"_to_field"},
}


# --------------------------------------------------------------------------- discovering the parameters


def _berkas_sumber():
    for nama in SUMBER:
        for path in sorted((AKAR / nama).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def _cakupan(node, induk) -> str:
    """The outermost class (or, outside classes, function) around ``node``: where a view lives."""
    nama = "<modul>"
    while node in induk:
        node = induk[node]
        if isinstance(node, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            nama = node.name
    return nama


def _kunci_literal(get_node, induk):
    """The literal key of ``X.GET.get("k")``, ``X.GET.getlist("k")``, ``X.GET["k"]`` or ``"k" in X.GET``; else None."""
    atas = induk.get(get_node)
    if isinstance(atas, ast.Attribute) and atas.attr in ("get", "getlist") and isinstance(induk.get(atas), ast.Call):
        panggil = induk[atas]
        if panggil.func is atas and panggil.args and isinstance(panggil.args[0], ast.Constant) and isinstance(panggil.args[0].value, str):
            return panggil.args[0].value
    if isinstance(atas, ast.Subscript) and atas.value is get_node and isinstance(atas.slice, ast.Constant):
        return atas.slice.value
    if isinstance(atas, ast.Compare) and isinstance(atas.left, ast.Constant) and any(isinstance(o, (ast.In, ast.NotIn)) for o in atas.ops):
        return atas.left.value
    return None


def pembacaan_get():
    """({(module, scope): {keys}}, [(file:scope, code) of non-literal uses]) over the project's source.
    ``scope``: the outermost class around the read, or the module-level function."""
    literal, dinamis = {}, []
    for path in _berkas_sumber():
        tree = ast.parse(path.read_text(), filename=str(path))
        induk = {anak: node for node in ast.walk(tree) for anak in ast.iter_child_nodes(node)}
        modul = ".".join(path.relative_to(AKAR).with_suffix("").parts)
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr == "GET":
                kunci = _kunci_literal(node, induk)
                if kunci is not None:
                    literal.setdefault((modul, _cakupan(node, induk)), set()).add(kunci)
                else:
                    dinamis.append((f"{path.relative_to(AKAR)}:{_cakupan(node, induk)}", ast.unparse(induk.get(node, node))))
    for path in sorted((AKAR / "templates").rglob("*.html")):
        for kunci in re.findall(r"request\.GET\.(\w+)", path.read_text()):
            literal.setdefault(("<templat>", ""), set()).add(kunci)
    return literal, dinamis


def _kunci_cakupan(literal: dict, modul: str, nama: str) -> set[str]:
    """Keys read in ``nama`` (a class or function of ``modul``) and in the module's functions outside
    classes (helpers a view may call), and in templates."""
    import sys

    fungsi_modul = {n for n, o in vars(sys.modules[modul]).items() if inspect.isfunction(o)} if modul in sys.modules else set()
    hasil = set(literal.get((modul, nama), set())) | literal.get(("<templat>", ""), set())
    for (m, cakupan), kunci in literal.items():
        if m == modul and cakupan in fungsi_modul:
            hasil |= kunci
    return hasil


def parameter_filterset(filterset_class) -> set[str]:
    """The query-string names of a FilterSet's fields (a range widget reads one name per part)."""
    form = filterset_class(data={}, queryset=filterset_class._meta.model.objects.none(), request=None).form
    nama = set()
    for bf in form:
        widget = bf.field.widget
        if hasattr(widget, "widgets_names"):
            nama.update(bf.html_name + akhiran for akhiran in widget.widgets_names)
        else:
            nama.add(bf.html_name)
    return nama


def parameter_view(callback, literal: dict) -> set[str]:
    view_class = getattr(callback, "view_class", None)
    if view_class is None:
        fungsi = inspect.unwrap(callback)
        return _kunci_cakupan(literal, fungsi.__module__, fungsi.__name__)
    nama = set()
    for kelas in view_class.__mro__:
        nama |= _kunci_cakupan(literal, kelas.__module__, kelas.__name__)
        tempat = f"{kelas.__module__.replace('.', '/')}.py:{kelas.__name__}"
        if tempat in GET_DINAMIS:
            nama |= GET_DINAMIS[tempat](view_class)
    if getattr(view_class, "paginate_by", None):
        nama.add(view_class.page_kwarg)  # Django's MultipleObjectMixin reads it
    if issubclass(view_class, RedirectURLMixin):
        nama.add(view_class.redirect_field_name)  # Django's login and logout read it
    return nama


def parameter_changelist(model_admin, user) -> set[str]:
    """What an admin list reads: search, order, page, show all, popup, to_field, and each list filter's
    and the date drill-down's parameters (as Django's ChangeList names them)."""
    request = RequestFactory().get("/")
    request.user = user
    cl = model_admin.get_changelist_instance(request)
    nama = {SEARCH_VAR, ORDER_VAR, PAGE_VAR, ALL_VAR, IS_POPUP_VAR, TO_FIELD_VAR, "_changelist_filters"}
    for spec in cl.get_filters(request)[0]:
        nama.update(spec.expected_parameters())
    if cl.date_hierarchy:
        nama.update(f"{cl.date_hierarchy}__{bagian}" for bagian in ("year", "month", "day"))
    return nama


# --------------------------------------------------------------------------- the query strings


def query_strings(parameter: set[str]) -> list[str]:
    """Every bad query string for these parameters: one per value (all at once), then a list ending in bad bytes.
    A view that reads nothing gets one unknown parameter."""
    if not parameter:
        return ["parameter_tak_dikenal=abc"]
    urut = sorted(parameter)
    hasil = ["&".join(f"{quote(p)}={quote(v, safe='')}" for p in urut) for v in NILAI_BURUK]
    pertama, mentah = DAFTAR_BURUK
    hasil.append("&".join(f"{quote(p)}={pertama}&{quote(p)}={mentah}" for p in urut))
    return hasil


def minta(client: Client, url: str, qs: str):
    """GET inside a savepoint rolled back (a page view may log, a bad request may break the
    transaction on PostgreSQL); returns (status, error)."""
    try:
        with transaction.atomic():
            response = client.get(f"{url}?{qs}")
            transaction.set_rollback(True)
    except Exception as exc:  # the view raised: a 500
        return None, f"{type(exc).__name__}: {str(exc)[:200]}"
    finally:
        client.cookies.pop("messages", None)
    return response.status_code, ""


# --------------------------------------------------------------------------- the tests


@pytest.fixture(scope="module")
def media_modul(tmp_path_factory):
    return tmp_path_factory.mktemp("media_kueri")


@pytest.fixture(autouse=True)
def _media_root(settings, media_modul):
    settings.MEDIA_ROOT = media_modul


@pytest.fixture(scope="module")
def dunia(django_db_setup, django_db_blocker, media_modul):
    with dunia_sekali(django_db_blocker, media_modul) as d:
        d.ujung = semua_ujung(d)
        d.literal, d.dinamis = pembacaan_get()
        yield d


@pytest.fixture
def tanpa_log_peringatan():
    semula = logging.root.manager.disable
    logging.disable(logging.WARNING)
    yield
    logging.disable(semula)


def test_setiap_pembacaan_get_dikenal(dunia):
    """Every key the code reads is found, and every other use of request.GET is explained."""
    semua = set().union(*dunia.literal.values())
    assert {"bulan", "tahun", "halaman", "rw", "destinasi"} <= semua, semua
    tak_dikenal = [f"{tempat}: {kode}" for tempat, kode in dunia.dinamis if tempat not in GET_DINAMIS]
    assert not tak_dikenal, "request.GET dibaca tanpa kunci literal; jelaskan di GET_DINAMIS beserta parameternya:\n" + "\n".join(tak_dikenal)


def test_parameter_daftar_ditemukan(dunia):
    """The walk sends each list's filters (the finding's tahun on the event list among them)."""
    per_nama = {u.nama: parameter_view(u.callback, dunia.literal) for u in dunia.ujung if not u.di_admin}
    assert {"tahun", "q", "kelurahan", "status", "tahunan", "page"} <= per_nama["wisata:event-list"]
    assert {"bulan"} <= per_nama["wisata:publik-kalender"]
    assert {"kecamatan", "kategori", "halaman"} <= per_nama["wisata:publik-katalog"]
    assert {"q", "urut", "rw", "bidang", "peran", "page"} <= per_nama["kader:kader-list"]
    assert "next" in per_nama["login"]


def _jalan(dunia, client, ujung_list, parameter_untuk) -> tuple[list[str], int]:
    gagal, jumlah = [], 0
    for u in ujung_list:
        for qs in query_strings(parameter_untuk(u)):
            status, galat = minta(client, u.url, qs)
            jumlah += 1
            if galat or status >= 500:
                gagal.append(f"GET {u.url}?{qs[:160]}: {galat or status}")
    return gagal, jumlah


@pytest.mark.parametrize("peran", ["anonim", "operator", "bappeda"])
def test_nilai_buruk_di_query_string_tidak_pernah_500(dunia, db, peran, tanpa_log_peringatan):
    client = Client()
    if peran != "anonim":
        client.force_login(getattr(dunia, peran))
    ujung = [u for u in dunia.ujung if not u.di_admin and u.nama not in {"logout"}]
    gagal, jumlah = _jalan(dunia, client, ujung, lambda u: parameter_view(u.callback, dunia.literal))
    assert jumlah > 350  # every GET view, with its parameters
    assert not gagal, f"{peran}: {len(gagal)} dari {jumlah} permintaan 500:\n" + "\n".join(gagal[:60])


def test_nilai_buruk_di_daftar_admin_tidak_pernah_500(dunia, db, tanpa_log_peringatan):
    """Bappeda (staff) on every admin list, with every parameter Django's ChangeList reads there."""
    client = Client()
    client.force_login(dunia.bappeda)
    daftar = [u for u in dunia.ujung if u.di_admin and u.nama.endswith("_changelist") and u.model_admin is not None]
    assert len(daftar) > 15
    gagal, jumlah = _jalan(dunia, client, daftar, lambda u: parameter_changelist(u.model_admin, dunia.bappeda))
    assert jumlah == (len(NILAI_BURUK) + 1) * len(daftar)
    assert not gagal, f"{len(gagal)} dari {jumlah} permintaan 500:\n" + "\n".join(gagal[:60])


def test_halaman_admin_lain_tidak_500(dunia, db, tanpa_log_peringatan):
    """The other admin pages (add, change, history, delete) read ``_to_field``, ``_popup`` and
    ``_changelist_filters``. (Django's own ``get_object`` answered 500 to an empty ``?_to_field=``;
    ``wilayah.admin_site`` guards every admin: the portal's as Bappeda, auth's and Celery beat's as a
    superuser.)"""
    for pengguna, milik_portal in ((dunia.bappeda, True), (UserFactory(is_superuser=True, is_staff=True), False)):
        client = Client()
        client.force_login(pengguna)
        lain = [
            u for u in dunia.ujung
            if u.di_admin and u.model_admin is not None and isinstance(u.model_admin, ScopedAdminMixin) == milik_portal and not u.nama.endswith("_changelist")
        ]
        assert len(lain) > (50 if milik_portal else 10)
        _admin_lain_tidak_500(client, lain)


def _admin_lain_tidak_500(client, lain):
    gagal = []
    for u in lain:
        for qs in ("_to_field=&_popup=&_changelist_filters=", "_to_field=abc&_popup=1&_changelist_filters=%FF", "_to_field=nik&_changelist_filters=nik__startswith%3D35"):
            status, galat = minta(client, u.url, qs)
            if galat or status >= 500:
                gagal.append(f"GET {u.url}?{qs}: {galat or status}")
    assert not gagal, "\n".join(gagal[:60])


def test_temuan_asli_tidak_lagi_500(client, bappeda, db):
    """The four URLs of the finding, one by one."""
    from django.urls import reverse

    assert client.get(reverse("wisata:publik-kalender"), {"bulan": "9999-12"}).status_code == 200
    assert client.get(reverse("wisata:publik-kalender"), {"bulan": "1-1"}).status_code == 200
    client.force_login(bappeda)
    for tahun in ("0", "10000"):
        response = client.get(reverse("wisata:event-list"), {"tahun": tahun})
        assert response.status_code == 200
        assert response.context["filter_form"].errors["tahun"]


@pytest.mark.parametrize(
    "teks, harap",
    [("12", 12), (" 7 ", 7), ("\u0661\u0662", 12), ("\u00b2", None), ("0", None), ("-3", None), ("abc", None), ("", None), (None, None),
     ("1.5", None), ("99999999999999999999", None), (str(2**31 - 1), 2**31 - 1)],
)  # fmt: skip
def test_id_dari(teks, harap):
    """``wilayah.daftar.id_dari``: a row id from a query string, or None (``"²".isdigit()`` is true, int() refuses it)."""
    from wilayah.daftar import id_dari

    assert id_dari(teks) == harap


def test_katalog_publik_mengabaikan_pilihan_tidak_dikenal_dengan_pesan(client, dua_wilayah):
    from django.urls import reverse

    url = reverse("wisata:publik-katalog")
    for nilai in ({"kecamatan": "1\x002"}, {"kategori": "tidak-ada"}, {"kecamatan": "35.74.99"}):
        response = client.get(url, nilai)
        assert response.status_code == 200
        assert "tidak dikenal; pilihan itu diabaikan" in response.content.decode()
        assert response.context["kecamatan_dipilih"] == ""
    response = client.get(url, {"kecamatan": ["35.74.99", "35.74.04"]})  # a list: the last one counts, as everywhere
    assert "tidak dikenal" not in response.content.decode() and response.context["kecamatan_dipilih"] == "35.74.04"
