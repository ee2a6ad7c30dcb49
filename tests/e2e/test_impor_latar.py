"""A large import in the background, in a real browser: the bar moves as the task reports rows, and the
page opens the result by itself when the job is finished (static/js/impor_proses.js, under the CSP)."""

import pytest
from playwright.sync_api import expect

from tests.factories import make_user
from wilayah import impor
from wilayah.models import ImporLatar
from wilayah.roles import OPERATOR_KELURAHAN

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_batang_kemajuan_bergerak_lalu_hasil_tampil(page, masuk, dua_wilayah, monkeypatch):
    operator = make_user(OPERATOR_KELURAHAN, kelurahan=dua_wilayah["kel_a"], username="operator.latar")
    job = ImporLatar.objects.create(
        pemilik=operator, jenis_data="wisata.Event", resource="wisata.resources.EventResource", tahap="simpan",
        token="c" * 32, nama_berkas="event-kota.xlsx", jumlah_baris=4000, task_id="tugas-e2e",
    )  # fmt: skip
    laporan = {"diproses": 0}
    monkeypatch.setattr(impor, "kemajuan_tugas", lambda task_id: laporan["diproses"])
    masuk(operator)
    page.goto(f"/wisata/event/impor/?proses={job.pk}")
    bar = page.locator("#proses-impor .progress")
    assert bar.get_attribute("aria-valuenow") == "0"

    laporan["diproses"] = 3000
    expect(bar).to_have_attribute("aria-valuenow", "75")
    expect(page.locator("#proses-diproses")).to_have_text("3.000")

    ImporLatar.objects.filter(pk=job.pk).update(status="selesai", hasil={"baru": 4000})
    expect(page.get_by_text("Impor selesai: 4000 data baru")).to_be_visible()
    assert "proses=" not in page.url
