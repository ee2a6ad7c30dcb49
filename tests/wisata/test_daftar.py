"""Wisata list pages through wilayah.daftar: the query-string meanings kept, the event export filtered, scope, bad input."""

import datetime as dt
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.wisata.factories import DestinasiFactory, EventFactory, FotoDestinasiFactory, kategori
from wisata.models import StatusDestinasi, StatusEvent, TargetProgram

GARBAGE = "?q=%00&kelurahan=tidak-ada&status=hilang&kategori=99999999999999999999999&tahun=99999999999999999999999&tahunan=ya&page=-1"


def _nama(client, name, query=""):
    response = client.get(reverse(name) + query)
    assert response.status_code == 200
    return sorted(o.nama for o in response.context["object_list"])


def test_destination_filters_keep_their_query_string_meanings(client, bappeda, dua_wilayah):
    kel_a, kel_b = dua_wilayah["kel_a"], dua_wilayah["kel_b"]
    DestinasiFactory(kelurahan=kel_a, nama="Kampung Lampion", kategori=kategori("seni-budaya"))
    DestinasiFactory(kelurahan=kel_a, nama="Sate Kelinci", kategori=kategori("kuliner"), status=StatusDestinasi.POTENSI)
    DestinasiFactory(kelurahan=kel_b, nama="Pantai Permata", kategori=kategori("kuliner"))
    client.force_login(bappeda)
    assert _nama(client, "wisata:destinasi-list", f"?kelurahan={kel_a.kode}") == ["Kampung Lampion", "Sate Kelinci"]
    assert _nama(client, "wisata:destinasi-list", "?kategori=kuliner") == ["Pantai Permata", "Sate Kelinci"]
    assert _nama(client, "wisata:destinasi-list", "?status=potensi") == ["Sate Kelinci"]
    assert _nama(client, "wisata:destinasi-list", "?q=lampi") == ["Kampung Lampion"]


def test_event_filters_and_the_export_of_the_filtered_list(client, operator_a, dua_wilayah):
    kel_a, kel_b = dua_wilayah["kel_a"], dua_wilayah["kel_b"]
    EventFactory(kelurahan=kel_a, nama="Festival Anggur", tahunan=True, tanggal_mulai=dt.date(2025, 8, 17))
    EventFactory(kelurahan=kel_a, nama="Bazar Ramadan", tanggal_mulai=dt.date(2024, 3, 20), status=StatusEvent.TERLAKSANA)
    EventFactory(kelurahan=kel_b, nama="Festival Ketapang", tahunan=True, tanggal_mulai=dt.date(2025, 8, 17))
    client.force_login(operator_a)
    assert _nama(client, "wisata:event-list") == ["Bazar Ramadan", "Festival Anggur"]
    assert _nama(client, "wisata:event-list", "?tahunan=1") == ["Festival Anggur"]
    assert _nama(client, "wisata:event-list", "?tahun=2024") == ["Bazar Ramadan"]
    assert _nama(client, "wisata:event-list", "?status=terlaksana") == ["Bazar Ramadan"]
    assert _nama(client, "wisata:event-list", "?q=festival") == ["Festival Anggur"]
    response = client.get(reverse("wisata:event-list") + "?tahunan=1&page=1")
    export_url = response.context["export_url"]
    assert export_url == reverse("wisata:event-ekspor") + "?tahunan=1"
    assert export_url in response.content.decode()
    sheet = openpyxl.load_workbook(io.BytesIO(client.get(export_url).content)).active
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["Festival Anggur"]
    sheet = openpyxl.load_workbook(io.BytesIO(client.get(reverse("wisata:event-ekspor") + f"?kelurahan={kel_b.kode}").content)).active
    assert sorted(row[0] for row in sheet.iter_rows(min_row=2, values_only=True)) == ["Bazar Ramadan", "Festival Anggur"]  # outside: ignored


@pytest.mark.parametrize("name", ["wisata:destinasi-list", "wisata:event-list", "wisata:foto-list"])
def test_kelurahan_outside_the_scope_is_neither_offered_nor_honoured(client, operator_a, dua_wilayah, name):
    kel_a, kel_b = dua_wilayah["kel_a"], dua_wilayah["kel_b"]
    for kel, nama in ((kel_a, "Kampung Lampion"), (kel_b, "Pantai Ketapang")):
        d = DestinasiFactory(kelurahan=kel, nama=nama)
        EventFactory(kelurahan=kel, nama=f"Event {nama}")
        FotoDestinasiFactory(destinasi=d)
    client.force_login(operator_a)
    response = client.get(reverse(name) + f"?kelurahan={kel_b.kode}")
    assert response.status_code == 200
    form = response.context["filter_form"]
    assert list(form.fields["kelurahan"].queryset) == [kel_a]
    assert "kelurahan" in form.errors
    assert response.context["paginator"].count == 1
    assert "Ketapang" not in response.content.decode().replace(f"kelurahan={kel_b.kode}", "")


def test_photos_filter_by_destination_name(client, bappeda, dua_wilayah):
    a = FotoDestinasiFactory(destinasi=DestinasiFactory(kelurahan=dua_wilayah["kel_a"], nama="Kampung Lampion"))
    FotoDestinasiFactory(destinasi=DestinasiFactory(kelurahan=dua_wilayah["kel_b"], nama="Pantai Permata"))
    client.force_login(bappeda)
    assert [f.pk for f in client.get(reverse("wisata:foto-list") + "?q=lampion").context["object_list"]] == [a.pk]


def test_targets_filter_by_year(client, bappeda):
    for tahun in (2025, 2026):
        TargetProgram.objects.create(tahun=tahun)
    client.force_login(bappeda)
    assert [t.tahun for t in client.get(reverse("wisata:target-list") + "?tahun=2026").context["object_list"]] == [2026]
    response = client.get(reverse("wisata:target-list") + "?tahun=1500")
    assert "tahun" in response.context["filter_form"].errors
    assert [t.tahun for t in response.context["object_list"]] == [2026, 2025]


@pytest.mark.parametrize("name", ["wisata:destinasi-list", "wisata:event-list", "wisata:event-ekspor", "wisata:foto-list", "wisata:target-list"])
@pytest.mark.parametrize("peran", ["operator_a", "bappeda"])
def test_garbage_query_strings_give_200(client, request, dua_wilayah, name, peran):
    DestinasiFactory(kelurahan=dua_wilayah["kel_b"], nama="Pantai Ketapang")
    EventFactory(kelurahan=dua_wilayah["kel_b"], nama="Event Ketapang")
    client.force_login(request.getfixturevalue(peran))
    response = client.get(reverse(name) + GARBAGE)
    assert response.status_code == 200
    if peran == "operator_a" and "ekspor" not in name:
        assert "Ketapang" not in response.content.decode()


@pytest.mark.parametrize("peran", ["operator_a", "bappeda"])
def test_target_list_runs_a_fixed_number_of_queries(client, request, peran):
    client.force_login(request.getfixturevalue(peran))
    url = reverse("wisata:target-list")
    TargetProgram.objects.create(tahun=2030)
    client.get(url)
    with CaptureQueriesContext(connection) as kecil:
        assert client.get(url).status_code == 200
    TargetProgram.objects.bulk_create([TargetProgram(tahun=t) for t in range(2000, 2030)])
    with CaptureQueriesContext(connection) as besar:
        assert client.get(url).status_code == 200
    assert len(besar) == len(kecil)
