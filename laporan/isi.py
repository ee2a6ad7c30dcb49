"""What a report says, read only from frozen figures: the same content for the page, the PDF and the xlsx.

``isi_laporan(laporan)`` gives, for every registered programme, each indicator's value this month,
last month, the same month last year (from those months' published reports of the same region,
where they exist) and the target; what changed this month; what needs action; the completeness of
the month; for a kecamatan or the city, the regions one level down; and twelve months of trend.
A fixed number of queries whatever the size of the region.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _

from wilayah.kunci import BarisKelengkapan
from wilayah.periode import bulan_tahun, geser_bulan
from wilayah.ringkasan import Indikator, ProgramRingkasan, terdaftar
from wilayah.scoping import Tingkat
from wilayah.tampilan import angka as tampil_angka

from .models import AngkaBulanan, LaporanBulanan

BULAN_TREN = 12


def tampil_nilai(ind: Indikator, nilai) -> str:
    """A frozen value as users read it; "–" where the month has none."""
    return "–" if nilai is None else ind.tampil(nilai)


@dataclass
class BarisIndikator:
    indikator: Indikator
    nilai: float | int | None
    bulan_lalu: float | int | None = None
    tahun_lalu: float | int | None = None
    target: str = ""  # as users read it: "5–10", "100,0%", "100"
    memenuhi: bool | None = None  # against the target, where there is one

    @property
    def kode(self) -> str:
        return self.indikator.kode

    @property
    def label(self) -> str:
        return str(self.indikator.label)

    @property
    def satuan(self) -> str:
        return self.indikator.satuan

    def tampil(self, nilai) -> str:
        return tampil_nilai(self.indikator, nilai)

    @property
    def nilai_tampil(self) -> str:
        return self.tampil(self.nilai)

    @property
    def bulan_lalu_tampil(self) -> str:
        return self.tampil(self.bulan_lalu)

    @property
    def tahun_lalu_tampil(self) -> str:
        return self.tampil(self.tahun_lalu)

    @property
    def selisih(self) -> float | int | None:
        """This month minus last month (None when last month is unknown)."""
        if self.nilai is None or self.bulan_lalu is None:
            return None
        beda = self.nilai - self.bulan_lalu
        return round(beda, self.indikator.desimal) if isinstance(beda, float) else beda


@dataclass
class BagianProgram:
    program: ProgramRingkasan
    baris: list[BarisIndikator]

    @property
    def app(self) -> str:
        return self.program.app

    @property
    def judul(self) -> str:
        return str(self.program.judul)


@dataclass
class WilayahBawah:
    """A region one level down (a kelurahan of a kecamatan, a kecamatan of the city) with its figures."""

    laporan_id: int
    nama: str
    kode: str
    nilai: dict[str, dict]  # program -> {code: value}
    tindakan: list[str] = field(default_factory=list)


@dataclass
class TitikTren:
    tahun: int
    bulan: int
    nilai: dict[str, dict]  # program -> {code: value}

    @property
    def label(self) -> str:
        return bulan_tahun(self.tahun, self.bulan)

    @property
    def label_pendek(self) -> str:
        return f"{bulan_tahun(self.tahun, self.bulan)[:3]} {str(self.tahun)[2:]}"


@dataclass
class IsiLaporan:
    laporan: LaporanBulanan
    program: list[BagianProgram]
    perubahan: list[tuple[str, str]]  # (label, value as read) of this month's changes
    tindakan: list[tuple[str, list[str]]]  # (region name, lines) that need action
    kelengkapan: dict
    wilayah_bawah: list[WilayahBawah]
    tren: list[TitikTren]

    @property
    def judul(self) -> str:
        return _("Laporan Bulanan Pemberdayaan Masyarakat")

    @property
    def subjudul(self) -> str:
        return f"{self.laporan.nama_wilayah} · {self.laporan.periode}"

    @property
    def periode(self) -> str:
        return self.laporan.periode

    def seri(self, app: str, kode: str) -> list[tuple[str, float | int | None]]:
        """One indicator over the trend months: (short label, value or None)."""
        return seri(self.tren, app, kode)

    @property
    def baris_kelengkapan(self) -> BarisKelengkapan:
        d = self.kelengkapan or {}
        return BarisKelengkapan(diharapkan=d.get("diharapkan", 0), aktual=d.get("aktual", 0), tepat_waktu=d.get("tepat_waktu", 0))

    @property
    def persen_lengkap(self) -> float:
        return self.baris_kelengkapan.persen_aktual

    @property
    def persen_tepat_waktu(self) -> float:
        return self.baris_kelengkapan.persen_tepat_waktu


def _teks_target(ind: Indikator, target, tingkat: str) -> str:
    if target is None:
        return ""
    if tingkat == Tingkat.KELURAHAN and isinstance(target, list):
        minimal, maksimal = target
        if minimal is not None and maksimal is not None:
            return f"{tampil_angka(minimal)}–{tampil_angka(maksimal)}"
        return f"≥ {tampil_angka(minimal)}" if minimal is not None else f"≤ {tampil_angka(maksimal)}"
    if isinstance(target, list):
        return ""
    return ind.tampil(target)


def memenuhi_target(target, nilai) -> bool | None:
    """A kelurahan's value within its bounds [min, max], or a group's value reaching its target."""
    if target is None or nilai is None:
        return None
    if isinstance(target, list):
        minimal, maksimal = target
        return (minimal is None or nilai >= minimal) and (maksimal is None or nilai <= maksimal)
    return nilai >= target


def angka_terbit(kunci_wilayah: str, tahun: int, bulan: int, *, bulan_mundur: int, angka=None) -> dict[tuple[int, int], dict]:
    """One region's published figures from ``bulan_mundur`` months before (tahun, bulan) up to it, in one
    query over that range only: {(tahun, bulan): {program: {code: value}}}. ``angka``: the rows to read
    (``AngkaBulanan.objects.for_user(user)`` on a page; every row for a report being made)."""
    awal = geser_bulan(tahun, bulan, -bulan_mundur)
    angka = AngkaBulanan.objects.all() if angka is None else angka
    hasil = defaultdict(dict)
    for a in (
        angka.filter(laporan__kunci_wilayah=kunci_wilayah, laporan__terbaru=True)
        .filter(Q(laporan__tahun__gt=awal[0]) | Q(laporan__tahun=awal[0], laporan__bulan__gte=awal[1]))
        .filter(Q(laporan__tahun__lt=tahun) | Q(laporan__tahun=tahun, laporan__bulan__lte=bulan))
        .values("laporan__tahun", "laporan__bulan", "program", "nilai")
    ):
        hasil[(a["laporan__tahun"], a["laporan__bulan"])][a["program"]] = a["nilai"]
    return hasil


def titik_tren(terbit: dict, tahun: int, bulan: int) -> list[TitikTren]:
    """The ``BULAN_TREN`` months up to (tahun, bulan), each with its figures (empty where none)."""
    return [TitikTren(t, b, terbit.get((t, b), {})) for t, b in (geser_bulan(tahun, bulan, -n) for n in range(BULAN_TREN - 1, -1, -1))]


def seri(tren: list[TitikTren], app: str, kode: str) -> list[tuple[str, float | int | None]]:
    """One indicator over trend months: (short label, value or None)."""
    return [(t.label_pendek, t.nilai.get(app, {}).get(kode)) for t in tren]


def isi_laporan(laporan: LaporanBulanan) -> IsiLaporan:
    """The content of a report from its frozen figures (five queries)."""
    tahun, bulan = laporan.tahun, laporan.bulan
    sendiri = {a.program: a for a in AngkaBulanan.objects.filter(laporan=laporan)}

    # the same region's published figures, a year ago up to last month (one query), and this report's own
    terbit = angka_terbit(laporan.kunci_wilayah, tahun, bulan, bulan_mundur=12)
    for app, a in sendiri.items():
        terbit.setdefault((tahun, bulan), {})[app] = a.nilai
    lalu, setahun = terbit.get(geser_bulan(tahun, bulan, -1), {}), terbit.get(geser_bulan(tahun, bulan, -12), {})

    bagian, perubahan = [], []
    for program in terdaftar():
        angka = sendiri.get(program.app)
        if angka is None:
            continue
        baris = []
        for ind in program.indikator:
            nilai = angka.nilai.get(ind.kode)
            target = angka.target.get(ind.kode)
            baris.append(BarisIndikator(
                indikator=ind, nilai=nilai, bulan_lalu=lalu.get(program.app, {}).get(ind.kode),
                tahun_lalu=setahun.get(program.app, {}).get(ind.kode), target=_teks_target(ind, target, laporan.tingkat),
                memenuhi=memenuhi_target(target, nilai),
            ))
            if ind.perubahan and nilai:
                perubahan.append((str(ind.label), ind.tampil(nilai)))
        bagian.append(BagianProgram(program=program, baris=baris))

    bawah, tindakan = [], []
    if laporan.tingkat == Tingkat.KELURAHAN:
        sendiri_tindakan = [t for a in sendiri.values() for t in a.tindakan]
        if sendiri_tindakan:
            tindakan.append((laporan.nama_wilayah, sendiri_tindakan))
    else:
        bawah = _wilayah_bawah(laporan)
        if laporan.tingkat == Tingkat.KECAMATAN:
            tindakan = [(w.nama, w.tindakan) for w in bawah if w.tindakan]
        else:
            tindakan = _tindakan_kota(laporan)
    tren = titik_tren(terbit, tahun, bulan)
    return IsiLaporan(
        laporan=laporan, program=bagian, perubahan=perubahan, tindakan=tindakan, kelengkapan=laporan.kelengkapan or {},
        wilayah_bawah=bawah, tren=tren,
    )


def _wilayah_bawah(laporan: LaporanBulanan) -> list[WilayahBawah]:
    """The kelurahan of a kecamatan report, or the kecamatan of the city report (published versions)."""
    qs = LaporanBulanan.objects.terbaru().periode(laporan.tahun, laporan.bulan)
    if laporan.tingkat == Tingkat.KECAMATAN:
        qs = qs.filter(tingkat=Tingkat.KELURAHAN, kecamatan_id=laporan.kecamatan_id)
    else:
        qs = qs.filter(tingkat=Tingkat.KECAMATAN)
    daftar = {
        lap.pk: WilayahBawah(laporan_id=lap.pk, nama=(lap.kelurahan.nama if lap.kelurahan_id else lap.kecamatan.nama), kode=lap.kunci_wilayah, nilai={})
        for lap in qs.select_related("kelurahan", "kecamatan").order_by("kunci_wilayah")
    }
    for a in AngkaBulanan.objects.filter(laporan_id__in=list(daftar)).values("laporan_id", "program", "nilai", "tindakan"):
        w = daftar[a["laporan_id"]]
        w.nilai[a["program"]] = a["nilai"]
        w.tindakan.extend(a["tindakan"] or [])
    return list(daftar.values())


def _tindakan_kota(laporan: LaporanBulanan) -> list[tuple[str, list[str]]]:
    """For the city: every kelurahan with a "needs action" line (kelurahan below 5 KPM, terms ended...)."""
    hasil = defaultdict(list)
    for a in (
        AngkaBulanan.objects.filter(
            laporan__terbaru=True, laporan__tahun=laporan.tahun, laporan__bulan=laporan.bulan, laporan__tingkat=Tingkat.KELURAHAN,
        ).exclude(tindakan=[]).values("laporan__kelurahan__nama", "laporan__kunci_wilayah", "tindakan")
        .order_by("laporan__kunci_wilayah")
    ):
        hasil[a["laporan__kelurahan__nama"]].extend(a["tindakan"])
    return list(hasil.items())
