"""What the attendance and evaluation pages read: a diklat's attendance figures and matrix, its
evaluation results, and the workbook of both. Everything goes through ``for_user`` (the
participants the user may see), completion only through ``PesertaQuerySet.dengan_kehadiran``,
and every function runs a fixed number of queries whatever the number of participants."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Avg, Count, Max
from django.utils.translation import gettext as _

from wilayah.periode import tanggal_id
from wilayah.templat import ANGKA, PILIHAN, YA_TIDAK, BukuEkspor, Kolom, LembarEkspor

from .models import Diklat, Evaluasi, Kehadiran, Materi, NilaiMateri, Peserta, SesiDiklat, StatusHadir


def peserta_terlihat(user, diklat: Diklat):
    """The participants of ``diklat`` the user may see (the organiser: all of them)."""
    return Peserta.objects.for_user(user, "view").filter(diklat=diklat)


def boleh_kelola(user, diklat: Diklat) -> bool:
    """Whether the user records this diklat's attendance and evaluations (one query)."""
    return Peserta.objects.for_user(user, "kelola").filter(diklat=diklat).exists()


def persen(bagian: int, jumlah: int) -> float | None:
    return round(100 * bagian / jumlah, 1) if jumlah else None


# --- attendance ------------------------------------------------------------------------------


@dataclass
class RingkasanKehadiran:
    peserta: int
    lulus: int
    hari_tercatat: int
    hari_terakhir: dt.date | None

    @property
    def persen_lulus(self) -> float | None:
        return persen(self.lulus, self.peserta)


def ringkasan_kehadiran(user, diklat: Diklat) -> RingkasanKehadiran:
    """Participants, how many completed, on how many days attendance was recorded. Three queries."""
    terlihat = peserta_terlihat(user, diklat)
    hari = Kehadiran.objects.filter(peserta__in=terlihat).aggregate(jumlah=Count("tanggal", distinct=True), akhir=Max("tanggal"))
    return RingkasanKehadiran(
        peserta=terlihat.count(), lulus=terlihat.dengan_kehadiran().filter(lulus=True).count(), hari_tercatat=hari["jumlah"], hari_terakhir=hari["akhir"]
    )


def status_per_hari(peserta_ids, hari=None) -> dict[int, dict[dt.date, str]]:
    """{participant id: {day: status}} of the recorded attendance (one query)."""
    qs = Kehadiran.objects.filter(peserta_id__in=list(peserta_ids))
    if hari is not None:
        qs = qs.filter(tanggal=hari)
    hasil: dict[int, dict[dt.date, str]] = {}
    for pid, tanggal, status in qs.values_list("peserta_id", "tanggal", "status"):
        hasil.setdefault(pid, {})[tanggal] = status
    return hasil


@dataclass
class BarisRekap:
    peserta: Peserta
    sel: list[tuple[dt.date, str | None]]  # (day, status or None) per day of the session


def baris_rekap(peserta_list, hari: list[dt.date]) -> list[BarisRekap]:
    """One row per participant (annotated by ``dengan_kehadiran``) with their status on each day."""
    peserta_list = list(peserta_list)
    status = status_per_hari(p.pk for p in peserta_list)
    return [BarisRekap(p, [(h, status.get(p.pk, {}).get(h)) for h in hari]) for p in peserta_list]


def peserta_kehadiran(peserta: Peserta):
    """A participant's days (each day of their session with its status or None), days present and
    completion: ``(hari, hari_hadir, lulus)``. Two queries."""
    annot = Peserta.objects.filter(pk=peserta.pk).dengan_kehadiran().values("hari_hadir", "lulus").get()
    status = dict(Kehadiran.objects.filter(peserta=peserta).values_list("tanggal", "status"))
    hari = [(h, status.get(h)) for h in peserta.sesi.hari()]
    return hari, annot["hari_hadir"], annot["lulus"]


# --- evaluation ------------------------------------------------------------------------------


@dataclass
class NilaiRata:
    """Averages of one module (and its speaker), or of one speaker over their modules."""

    label: str
    keterangan: str
    responden: int
    rata_materi: float | None
    rata_narasumber: float | None


@dataclass
class HasilEvaluasi:
    peserta: int
    responden: int
    rata_umum: float | None
    per_materi: list[NilaiRata] = field(default_factory=list)
    per_narasumber: list[NilaiRata] = field(default_factory=list)

    @property
    def persen_responden(self) -> float | None:
        return persen(self.responden, self.peserta)


def _bulat(x) -> float | None:
    return round(float(x), 2) if x is not None else None


def angka_evaluasi(user, diklat: Diklat) -> dict:
    """{peserta, responden, rata (the average overall rating, or None), persen}: one query."""
    angka = peserta_terlihat(user, diklat).aggregate(
        peserta=Count("pk", distinct=True), responden=Count("evaluasi", distinct=True), rata=Avg("evaluasi__nilai_umum")
    )
    return {**angka, "rata": _bulat(angka["rata"]), "persen": persen(angka["responden"], angka["peserta"])}


def hasil_evaluasi(user, diklat: Diklat) -> HasilEvaluasi:
    """Responses / participants, the average overall rating, the averages per module (with its
    speaker) and per speaker (named with the institution), over the participants the user may see.
    Four queries."""
    terlihat = peserta_terlihat(user, diklat)
    jumlah = angka_evaluasi(user, diklat)
    nilai = NilaiMateri.objects.filter(evaluasi__peserta__in=terlihat)
    rata = {
        r["materi"]: r
        for r in nilai.values("materi").annotate(n=Count("pk"), m=Avg("nilai_materi"), s=Avg("nilai_narasumber"))
    }
    materi = (
        Materi.objects.filter(sesi__diklat=diklat)
        .select_related("sesi", "narasumber__instansi")
        .order_by("sesi__tanggal_mulai", "sesi", "tanggal", "jam_mulai", "pk")
    )
    dua_sesi_atau_lebih = len({m.sesi_id for m in materi}) > 1
    per_materi = []
    for m in materi:
        r = rata.get(m.pk, {})
        keterangan = tanggal_id(m.tanggal) + (f" · {m.sesi}" if dua_sesi_atau_lebih else "")
        narasumber = f" — {m.narasumber}" if m.narasumber_id else ""
        per_materi.append(NilaiRata(m.judul + narasumber, keterangan, r.get("n", 0), _bulat(r.get("m")), _bulat(r.get("s"))))
    per_narasumber = []
    dengan_narasumber = {m.narasumber_id: m.narasumber for m in materi if m.narasumber_id}
    for r in nilai.filter(materi__narasumber__isnull=False).values("materi__narasumber").annotate(
        n=Count("pk"), m=Avg("nilai_materi"), s=Avg("nilai_narasumber"), materi_n=Count("materi", distinct=True)
    ):
        orang = dengan_narasumber.get(r["materi__narasumber"])
        if orang is None:
            continue
        per_narasumber.append(NilaiRata(
            orang.nama, f"{orang.jabatan + ', ' if orang.jabatan else ''}{orang.instansi.nama_pendek}", r["n"], _bulat(r["m"]), _bulat(r["s"]),
        ))  # fmt: skip
    per_narasumber.sort(key=lambda x: x.label)
    return HasilEvaluasi(jumlah["peserta"], jumlah["responden"], jumlah["rata"], per_materi, per_narasumber)


def komentar_evaluasi(user, diklat: Diklat):
    """The evaluations with a comment (benefits or suggestions), newest first, with the participant."""
    return (
        Evaluasi.objects.filter(peserta__in=peserta_terlihat(user, diklat))
        .exclude(manfaat="", saran="")
        .select_related("peserta")
        .order_by("-dibuat", "-pk")
    )


# --- the workbook ----------------------------------------------------------------------------


def _kolom_hari(hari: dt.date) -> Kolom:
    return Kolom(kunci=hari.isoformat(), judul=hari.strftime("%d/%m/%Y"), jenis=PILIHAN, lebar=12)


def buku_diklat(user, diklat: Diklat) -> BukuEkspor:
    """The attendance and results workbook: sheet "Kehadiran" (each participant the user may see:
    session, status on each day of the diklat, days present, completed, certificate number) and
    sheet "Evaluasi" (averages per module and its speaker, then per speaker). Fixed queries."""
    sesi_list = list(SesiDiklat.objects.filter(diklat=diklat).order_by("tanggal_mulai", "pk"))
    hari = sorted({h for s in sesi_list for h in s.hari()})
    kolom = [
        Kolom("nama", _("Nama"), lebar=30), Kolom("jabatan", _("Jabatan")), Kolom("lembaga", _("Instansi/lembaga asal")),
        Kolom("kelurahan", _("Kelurahan")), Kolom("kecamatan", _("Kecamatan")), Kolom("sesi", _("Sesi"), lebar=30),
        *[_kolom_hari(h) for h in hari],
        Kolom("hari_hadir", _("Hari hadir"), jenis=ANGKA), Kolom("jumlah_hari", _("Jumlah hari sesi"), jenis=ANGKA),
        Kolom("lulus", _("Lulus"), jenis=YA_TIDAK), Kolom("nomor_sertifikat", _("Nomor sertifikat"), lebar=26),
    ]  # fmt: skip
    label = dict(StatusHadir.choices)
    kehadiran = LembarEkspor(_("Kehadiran"), kolom)
    peserta = list(
        peserta_terlihat(user, diklat).dengan_kehadiran().select_related("sesi", "kelurahan", "kecamatan").order_by("sesi__tanggal_mulai", "sesi", "nama", "pk")
    )
    status = status_per_hari(p.pk for p in peserta)
    for p in peserta:
        per_hari = status.get(p.pk, {})
        kehadiran.append([
            p.nama, p.jabatan, p.lembaga_asal, p.kelurahan.nama if p.kelurahan_id else "", p.kecamatan.nama, str(p.sesi),
            *[str(label[per_hari[h]]) if h in per_hari else "" for h in hari],
            p.hari_hadir, p.sesi.jumlah_hari, bool(p.lulus), p.nomor_sertifikat,
        ])  # fmt: skip
    hasil = hasil_evaluasi(user, diklat)
    evaluasi = LembarEkspor(_("Evaluasi"), [
        Kolom("bagian", _("Bagian"), lebar=14), Kolom("nama", _("Materi / narasumber"), lebar=45), Kolom("keterangan", _("Keterangan"), lebar=30),
        Kolom("responden", _("Jumlah penilai"), jenis=ANGKA), Kolom("rata_materi", _("Rata-rata nilai materi"), jenis=ANGKA),
        Kolom("rata_narasumber", _("Rata-rata nilai narasumber"), jenis=ANGKA),
    ])  # fmt: skip
    evaluasi.append([_("Keseluruhan"), str(diklat), _("%(r)s dari %(p)s peserta mengisi") % {"r": hasil.responden, "p": hasil.peserta}, hasil.responden, hasil.rata_umum, None])
    for r in hasil.per_materi:
        evaluasi.append([_("Materi"), r.label, r.keterangan, r.responden, r.rata_materi, r.rata_narasumber])
    for r in hasil.per_narasumber:
        evaluasi.append([_("Narasumber"), r.label, r.keterangan, r.responden, r.rata_materi, r.rata_narasumber])
    return BukuEkspor([kehadiran, evaluasi])


def nama_berkas_buku(diklat: Diklat) -> str:
    return f"kehadiran-hasil-diklat-{diklat.pk}.xlsx"

