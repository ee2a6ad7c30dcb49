"""The ringkasan contract: indicator rules, rolling kelurahan values up, and the registry."""

import ast
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import pytest
from django.conf import settings
from django.utils import translation

from tests.factories import KelurahanFactory
from wilayah import ringkasan as modul
from wilayah.ringkasan import (
    Agregasi, Indikator, ProgramRingkasan, Ringkasan, Target, program, register_ringkasan, rekap, rekap_kecamatan, rekap_kota, rekap_per,
    terdaftar,
)


@dataclass
class Contoh(Ringkasan):
    INDIKATOR: ClassVar[tuple[Indikator, ...]] = (
        Indikator("aktif", "Aktif", "orang"),
        Indikator("tercakup", "RW tercakup", "RW"),
        Indikator("cakupan", "Cakupan RW", "%", Agregasi.RASIO, pembilang="tercakup", penyebut="jumlah_rw"),
        Indikator("sesuai", "Kelurahan sesuai target", "%", Agregasi.CAPAIAN_TARGET, sumber="aktif",
                  target=Target(minimal_dari="minimal", maksimal_dari="maksimal")),
        Indikator("cukup_lima", "Kelurahan dengan 5 atau lebih", "%", Agregasi.CAPAIAN_TARGET, sumber="aktif", target=Target(minimal=5)),
        Indikator("transaksi", "Transaksi", "Rp"),
    )

    kelurahan_id: int
    aktif: int = 0
    tercakup: int = 0
    jumlah_rw: int = 0
    transaksi: int | None = 0
    minimal: int = 5
    maksimal: int = 10


BARIS = {
    1: Contoh(1, aktif=4, tercakup=1, jumlah_rw=2, transaksi=1_000_000),  # 50 %, below target
    2: Contoh(2, aktif=5, tercakup=9, jumlah_rw=10, transaksi=None),  # 90 %, on the lower bound
    3: Contoh(3, aktif=10, tercakup=0, jumlah_rw=0, transaksi=250_000),  # no RW, on the upper bound
    4: Contoh(4, aktif=11, tercakup=3, jumlah_rw=4),  # above target
}


def test_jumlah_adalah_total():
    ind = Contoh.indikator("aktif")
    assert ind.agregat(BARIS.values()) == 30
    assert Contoh.indikator("transaksi").agregat(BARIS.values()) == 1_250_000  # an empty value counts as 0
    assert ind.nilai(BARIS[1]) == 4 and BARIS[1].nilai("aktif") == 4


def test_rasio_adalah_rasio_jumlah_bukan_rata_rata_rasio():
    ind = Contoh.indikator("cakupan")
    assert ind.agregat([BARIS[1], BARIS[2]]) == 83.3  # 10 of 12 RW; the mean of 50 % and 90 % would be 70
    assert ind.agregat(BARIS.values()) == 81.3  # 13 of 16 = 81.25, rounded half up
    assert ind.nilai(BARIS[1]) == 50.0 and ind.nilai(BARIS[3]) == 0.0  # no RW: 0, not a division error
    assert ind.agregat([]) == 0.0


def test_capaian_target_adalah_bagian_wilayah_yang_memenuhi():
    ind = Contoh.indikator("sesuai")
    assert ind.agregat(BARIS.values()) == 50.0  # 5 and 10 are within 5-10 (inclusive); 4 and 11 are not
    assert [ind.nilai(b) for b in BARIS.values()] == [0.0, 100.0, 100.0, 0.0]
    assert Contoh.indikator("cukup_lima").agregat(BARIS.values()) == 75.0  # an open upper bound
    lain = Contoh(5, aktif=4, minimal=2, maksimal=4)  # the bounds come from the row (a configurable target)
    assert ind.nilai(lain) == 100.0
    assert ind.agregat([]) == 0.0


def test_baris_beku_sebagai_dict_digabung_sama():
    from dataclasses import asdict

    beku = {k: asdict(v) for k, v in BARIS.items()}
    assert rekap(Contoh.INDIKATOR, beku.values()) == rekap(Contoh.INDIKATOR, BARIS.values())


def test_rekap_per_kelompok_dan_kota():
    kelompok = {1: "A", 2: "A", 3: "B"}  # kelurahan 4 lies outside: left out
    hasil = rekap_per(Contoh.INDIKATOR, BARIS, kelompok)
    assert hasil["A"] == {"aktif": 9, "tercakup": 10, "cakupan": 83.3, "sesuai": 50.0, "cukup_lima": 50.0, "transaksi": 1_000_000}
    assert hasil["B"]["cakupan"] == 0.0 and hasil["B"]["sesuai"] == 100.0
    assert rekap_kota(Contoh.INDIKATOR, BARIS)["aktif"] == 30


def test_rekap_kecamatan_menurut_pohon_wilayah(dua_wilayah, django_assert_num_queries):
    kel_a, kel_b = dua_wilayah["kel_a"], dua_wilayah["kel_b"]
    kel_a2 = KelurahanFactory(kecamatan=dua_wilayah["kec_a"], kode="35.74.04.1005")
    baris = {kel_a.pk: Contoh(kel_a.pk, aktif=4, tercakup=1, jumlah_rw=2), kel_a2.pk: Contoh(kel_a2.pk, aktif=6, tercakup=9, jumlah_rw=10),
             kel_b.pk: Contoh(kel_b.pk, aktif=7, tercakup=1, jumlah_rw=1)}
    with django_assert_num_queries(1):
        hasil = rekap_kecamatan(Contoh.INDIKATOR, baris)
    assert hasil[dua_wilayah["kec_a"].pk]["aktif"] == 10 and hasil[dua_wilayah["kec_a"].pk]["cakupan"] == 83.3
    assert hasil[dua_wilayah["kec_a"].pk]["sesuai"] == 50.0
    assert hasil[dua_wilayah["kec_b"].pk] == {"aktif": 7, "tercakup": 1, "cakupan": 100.0, "sesuai": 100.0, "cukup_lima": 100.0, "transaksi": 0}


def test_tampilan_menurut_satuan():
    with translation.override("id"):
        assert Contoh.indikator("transaksi").tampil(1_250_000) == "Rp 1.250.000"
        assert Contoh.indikator("cakupan").tampil(83.33) == "83,3%"
        assert Contoh.indikator("aktif").tampil(1250) == "1.250"


def test_deskripsi_yang_salah_ditolak(monkeypatch):
    monkeypatch.setattr(modul, "_registry", {})
    with pytest.raises(ValueError):
        Indikator("x", "X", "%", Agregasi.RASIO, pembilang="a")
    with pytest.raises(ValueError):
        Indikator("x", "X", "%", Agregasi.CAPAIAN_TARGET, sumber="a")

    @dataclass
    class Salah(Ringkasan):
        INDIKATOR: ClassVar[tuple[Indikator, ...]] = (Indikator("tidak_ada", "Tidak ada", "orang"),)
        kelurahan_id: int

    with pytest.raises(ValueError, match="tidak_ada"):
        register_ringkasan(ProgramRingkasan(app="salah", judul="Salah", fungsi=lambda *a, **k: {}, kelas=Salah))

    @dataclass
    class BukanRingkasan:
        kelurahan_id: int

    with pytest.raises(TypeError):
        register_ringkasan(ProgramRingkasan(app="salah", judul="Salah", fungsi=lambda *a, **k: {}, kelas=BukanRingkasan))
    assert terdaftar() == []


def test_urutan_pendaftaran(monkeypatch):
    monkeypatch.setattr(modul, "_registry", {})
    dipanggil = []

    def fungsi(tahun, bulan, *, kelurahan_ids=None):
        dipanggil.append((tahun, bulan, kelurahan_ids))
        return {1: BARIS[1]}

    register_ringkasan(ProgramRingkasan(app="b", judul="B", fungsi=fungsi, kelas=Contoh, urutan=10))
    register_ringkasan(ProgramRingkasan(app="a", judul="A", fungsi=fungsi, kelas=Contoh, urutan=20))
    register_ringkasan(ProgramRingkasan(app="c", judul="C", fungsi=fungsi, kelas=Contoh, urutan=10))
    assert [p.app for p in terdaftar()] == ["b", "c", "a"]
    assert program("a").ringkasan_bulanan(2025, 6, kelurahan_ids=[1]) == {1: BARIS[1]} and dipanggil == [(2025, 6, [1])]
    assert program("a").indikator == Contoh.INDIKATOR


def test_program_terdaftar_dari_apps():
    assert [p.app for p in terdaftar()] == ["kader", "lkk", "pud", "wisata", "pelatihan"]
    for p in terdaftar():
        assert p.indikator and all(isinstance(i, Indikator) for i in p.indikator)


def test_wilayah_tidak_mengimpor_aplikasi_program():
    akar = Path(settings.BASE_DIR)
    program_apps = {p.parent.name for p in akar.glob("*/apps.py")} - {"wilayah"}
    assert {"kader", "lkk", "wisata"} <= program_apps
    pelanggaran = []
    for berkas in (akar / "wilayah").rglob("*.py"):
        for node in ast.walk(ast.parse(berkas.read_text())):
            if isinstance(node, ast.Import):
                nama = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                nama = [node.module or ""]
            else:
                continue
            pelanggaran += [f"{berkas.relative_to(akar)}: {n}" for n in nama if n.split(".")[0] in program_apps]
    assert pelanggaran == []


def test_kelurahan_ids_for_an_in_filter_keep_a_queryset_as_a_subquery(db):
    from wilayah.models import Kelurahan
    from wilayah.ringkasan import untuk_filter_in

    qs = Kelurahan.objects.values_list("pk", flat=True)
    assert untuk_filter_in(qs) is qs
    assert untuk_filter_in(i for i in (3, 1)) == [3, 1]


# --------------------------------------------------------------------------- what a report reads beyond the value


@dataclass
class Laporan(Ringkasan):
    INDIKATOR: ClassVar[tuple[Indikator, ...]] = (
        Indikator("aktif", "KPM aktif", "orang", target=Target(minimal_dari="minimal", maksimal_dari="maksimal"),
                  tindakan="KPM aktif {nilai} orang, di luar target {target} orang"),
        Indikator("habis", "Masa bakti habis", "lembaga", tindakan="{nilai} lembaga masa baktinya habis"),
        Indikator("paling_sedikit", "Paling sedikit 5", "orang", sumber="aktif", target=Target(minimal=5)),
        Indikator("paling_banyak", "Paling banyak 10", "orang", sumber="aktif", target=Target(maksimal=10)),
        Indikator("cakupan", "Cakupan RW", "%", Agregasi.RASIO, pembilang="tercakup", penyebut="jumlah_rw",
                  target_kota="target_rw"),
        Indikator("sk", "SK berlaku", "%", Agregasi.RASIO, pembilang="tercakup", penyebut="jumlah_rw", target_kota=100),
        Indikator("sesuai", "Kelurahan sesuai target", "%", Agregasi.CAPAIAN_TARGET, sumber="aktif",
                  target=Target(minimal_dari="minimal", maksimal_dari="maksimal"), tindakan="di luar target {target}"),
        Indikator("baru", "Baru", "orang", perubahan=True),
    )

    kelurahan_id: int
    aktif: int = 0
    habis: int = 0
    tercakup: int = 0
    jumlah_rw: int = 0
    baru: int = 0
    minimal: int = 5
    maksimal: int = 10
    target_rw: int | None = 80


def test_teks_target_seperti_dibaca_pengguna():
    with translation.override("id"):
        baris = Laporan(1, aktif=7)
        assert Laporan.indikator("aktif").teks_target(baris) == "5–10"
        assert Laporan.indikator("aktif").teks_target(Laporan(1, minimal=1000, maksimal=2500)) == "1.000–2.500"
        assert Laporan.indikator("paling_sedikit").teks_target(baris) == "≥ 5"
        assert Laporan.indikator("paling_banyak").teks_target(baris) == "≤ 10"
        assert Laporan.indikator("habis").teks_target(baris) == ""  # no target
        assert Laporan.indikator("aktif").batas_target(baris) == (5, 10)
        assert Laporan.indikator("habis").batas_target(baris) is None


def test_nilai_target_kota_angka_kolom_dan_capaian():
    daftar = [Laporan(1, target_rw=None), Laporan(2, target_rw=75), Laporan(3, target_rw=75)]
    assert Laporan.indikator("sk").nilai_target_kota(daftar) == 100  # a number
    assert Laporan.indikator("cakupan").nilai_target_kota(daftar) == 75  # a row field: the first value set
    assert Laporan.indikator("cakupan").nilai_target_kota([{"kelurahan_id": 1, "target_rw": 60}]) == 60  # frozen dicts too
    assert Laporan.indikator("cakupan").nilai_target_kota([Laporan(1, target_rw=None)]) is None
    assert Laporan.indikator("sesuai").nilai_target_kota(daftar) == 100.0  # CAPAIAN_TARGET: every kelurahan by default
    assert Laporan.indikator("aktif").nilai_target_kota(daftar) is None  # a JUMLAH without target_kota: none


def test_perlu_tindakan_di_luar_target_dua_sisi():
    aktif = Laporan.indikator("aktif")
    with translation.override("id"):
        assert aktif.perlu_tindakan(Laporan(1, aktif=4)) == "KPM aktif 4 orang, di luar target 5–10 orang"
        assert aktif.perlu_tindakan(Laporan(1, aktif=11)) == "KPM aktif 11 orang, di luar target 5–10 orang"
        assert aktif.perlu_tindakan(Laporan(1, aktif=5)) is None  # bounds are inclusive
        assert aktif.perlu_tindakan(Laporan(1, aktif=10)) is None
        assert aktif.perlu_tindakan({"kelurahan_id": 1, "aktif": 3, "minimal": 5, "maksimal": 10}) is not None  # frozen dict
        sesuai = Laporan.indikator("sesuai")
        assert sesuai.perlu_tindakan(Laporan(1, aktif=2)) == "di luar target 5–10"
        assert sesuai.perlu_tindakan(Laporan(1, aktif=7)) is None


def test_perlu_tindakan_tanpa_target_nol_atau_lebih():
    habis = Laporan.indikator("habis")
    assert habis.perlu_tindakan(Laporan(1, habis=0)) is None
    assert habis.perlu_tindakan(Laporan(1, habis=2)) == "2 lembaga masa baktinya habis"
    assert Laporan.indikator("baru").perlu_tindakan(Laporan(1, baru=3)) is None  # no tindakan declared: never
    assert [ind.kode for ind in Laporan.INDIKATOR if ind.perubahan] == ["baru"]


def test_daftar_menolak_target_kota_yang_tidak_ada(monkeypatch):
    monkeypatch.setattr(modul, "_registry", {})

    @dataclass
    class TargetHilang(Ringkasan):
        INDIKATOR: ClassVar[tuple[Indikator, ...]] = (
            Indikator("cakupan", "Cakupan", "%", Agregasi.RASIO, pembilang="a", penyebut="b", target_kota="target_tidak_ada"),
        )
        kelurahan_id: int
        a: int = 0
        b: int = 0

    with pytest.raises(ValueError, match="target_tidak_ada"):
        register_ringkasan(ProgramRingkasan(app="hilang", judul="Hilang", fungsi=lambda *a, **k: {}, kelas=TargetHilang))

    @dataclass
    class BatasHilang(Ringkasan):
        INDIKATOR: ClassVar[tuple[Indikator, ...]] = (
            Indikator("a", "A", "orang", target=Target(minimal_dari="minimal_tidak_ada")),
        )
        kelurahan_id: int
        a: int = 0

    with pytest.raises(ValueError, match="minimal_tidak_ada"):
        register_ringkasan(ProgramRingkasan(app="hilang", judul="Hilang", fungsi=lambda *a, **k: {}, kelas=BatasHilang))
    register_ringkasan(ProgramRingkasan(app="baik", judul="Baik", fungsi=lambda *a, **k: {}, kelas=Laporan))
    assert [p.app for p in terdaftar()] == ["baik"]


def test_nilai_satu_baris_sama_dengan_agregat_satu_baris():
    """``nilai`` is ``agregat([baris])`` computed directly: the two agree for every rule and row."""
    for ind in Contoh.INDIKATOR:
        for baris in BARIS.values():
            assert ind.nilai(baris) == ind.agregat([baris]), (ind.kode, baris)
            assert type(ind.nilai(baris)) is type(ind.agregat([baris]))


def test_teks_tindakan_mengikuti_bahasa_aktif():
    from django.utils.translation import gettext_lazy

    ind = Indikator("aktif", "Aktif", "orang", tindakan=gettext_lazy("{nilai} RW belum punya destinasi aktif"))
    with translation.override("id"):
        assert ind.perlu_tindakan(Contoh(1, aktif=4)) == "4 RW belum punya destinasi aktif"
        assert ind.perlu_tindakan(Contoh(1, aktif=0)) is None
