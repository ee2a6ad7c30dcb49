import pytest
from django.core.management import CommandError, call_command

from wilayah.models import Kecamatan, Kelurahan
from wilayah.services import BerkasWilayahTidakSah, muat_wilayah


@pytest.mark.django_db
def test_loads_kota_probolinggo():
    call_command("muat_wilayah")
    assert Kecamatan.objects.count() == 5
    assert Kelurahan.objects.count() == 29
    assert set(Kecamatan.objects.values_list("nama", flat=True)) == {"Kademangan", "Wonoasih", "Mayangan", "Kanigaran", "Kedopok"}
    kebonsari = Kelurahan.objects.get(kode="35.74.04.1004")
    assert kebonsari.nama == "Kebonsari Wetan"
    assert kebonsari.kecamatan.nama == "Kanigaran"
    assert kebonsari.kecamatan.kode_nik == "357404"
    assert Kelurahan.objects.filter(kecamatan__nama="Kanigaran").count() == 6
    assert Kelurahan.objects.filter(kecamatan__nama="Mayangan").count() == 5


@pytest.mark.django_db
def test_loading_twice_changes_nothing():
    call_command("muat_wilayah")
    before = list(Kelurahan.objects.order_by("pk").values_list("pk", "kode", "nama", "kecamatan_id"))
    hasil = muat_wilayah()
    assert (hasil.kecamatan_baru, hasil.kelurahan_baru, hasil.diperbarui) == (0, 0, 0)
    assert list(Kelurahan.objects.order_by("pk").values_list("pk", "kode", "nama", "kecamatan_id")) == before


HEADER = "kode_kecamatan,nama_kecamatan,kode_kelurahan,nama_kelurahan\n"


@pytest.mark.parametrize(
    "isi, pesan",
    [
        (HEADER + "35.74.01,Kademangan,35.74.01.1001,Ketapang\n35.74.01,Kademangan,35.74.01.10X2,Triwung Lor\n", "Baris 3"),
        (HEADER + "35.74.01,Kademangan,35.74.01.1001,Ketapang\n35.74.01,Kademangan,,Triwung Lor\n", "Baris 3: kolom kode_kelurahan kosong"),
        (HEADER + "35.74.01,Kademangan,35.74.02.1001,Ketapang\n", "Baris 2: kode kelurahan 35.74.02.1001 tidak berada"),
        (HEADER + "35.74.01,Kademangan,35.74.01.1001,Ketapang\n35.74.01,Kademangan,35.74.01.1001,Lagi\n", "Baris 3: kode kelurahan 35.74.01.1001 muncul dua kali"),
        ("kode,nama\n35.74.01,Kademangan\n", "Baris 1: kolom wajib tidak ada"),
    ],
)
@pytest.mark.django_db
def test_malformed_file_is_refused_with_line_and_writes_nothing(tmp_path, isi, pesan):
    berkas = tmp_path / "wilayah.csv"
    berkas.write_text(isi, encoding="utf-8")
    with pytest.raises(BerkasWilayahTidakSah, match=pesan):
        muat_wilayah(path=berkas)
    with pytest.raises(CommandError, match="tidak ada data yang disimpan"):
        call_command("muat_wilayah", str(berkas))
    assert Kecamatan.objects.count() == 0
    assert Kelurahan.objects.count() == 0


@pytest.mark.django_db
def test_another_region_tree_loads_too(tmp_path):
    """The region tree is data: a kabupaten's file loads the same way."""
    berkas = tmp_path / "lain.csv"
    berkas.write_text(HEADER + "35.13.01,Dringu,35.13.01.2001,Desa Contoh\n", encoding="utf-8")
    muat_wilayah(path=berkas)
    assert Kelurahan.objects.get(kode="35.13.01.2001").kecamatan.nama == "Dringu"
