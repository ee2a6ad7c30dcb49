"""State changes of the kader programme: each a function with keyword-only arguments and the
acting user, the only writer of what it changes (forms, the admin and the import call these).
Who may do what is asked of ``for_user(acting_user, action)`` (``wilayah.scoping``)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wilayah.kunci import PemeriksaKunci, pastikan_perubahan_terbuka, pastikan_terbuka
from wilayah.models import AksesNIK, Kelurahan
from wilayah.nik import catat_akses_nik
from wilayah.services import ambil_untuk, pastikan_boleh, simpan_dalam_lingkup

from .models import (
    AnggotaForkom,
    JabatanForkom,
    Kader,
    KepengurusanForkom,
    KriteriaLomba,
    LombaKPM,
    NilaiLomba,
    NominasiLomba,
    PengaturanKader,
    StatusKader,
    peran_ke_teks,
)


@transaction.atomic
def kader_simpan(*, acting_user, kader: Kader, peran: list[str] | None = None, bidang_kerja=None) -> Kader:
    """Record a new cadre or save changes: every cadre rule (``Kader.clean``: NIK, dates, RW of the
    kelurahan), the active-NIK uniqueness, the user's region; ``peran`` (KPM roles) and
    ``bidang_kerja`` (fields of work) when given. A refused save leaves no uploaded file behind."""
    if peran is not None:
        kader.peran = peran_ke_teks(peran)

    def aturan(k):
        # A cadre counts in the month of its start (and of its deactivation): a locked month is not changed.
        pastikan_perubahan_terbuka(k, tanggal=("tanggal_mulai", "tanggal_nonaktif"))

    try:
        simpan_dalam_lingkup(kader, acting_user=acting_user, kolom_lingkup="kelurahan", berkas=("scan_sk", "foto"), aturan=aturan)
    except ValidationError as exc:
        if any(e.code == "unique" for e in getattr(exc, "error_dict", {}).get("nik", [])):
            _catat_nik_bentrok(acting_user, kader)
        raise
    if bidang_kerja is not None:
        kader.bidang_kerja.set(bidang_kerja)
    return kader


BATCH_MASSAL = 1000
PARAMETER_IN_MAKS = 900  # ids per ``IN (...)``: under SQLite's 999 parameters

#: What the Excel import may change on a stored cadre. Not the NIK (the key a row is matched by), not the
#: kelurahan (moving a cadre is done on its page, where the receiving region is checked), not the status
#: with its deactivation, nor the uploads.
KOLOM_UBAH_MASSAL = frozenset(
    {"nama", "jenis_kelamin", "tempat_lahir", "tanggal_lahir", "alamat", "rw", "telepon", "pendidikan", "pekerjaan", "peran",
     "tanggal_mulai", "nomor_sk", "tanggal_sk", "nik_luar_wilayah"}
)  # fmt: skip


def potongan(daftar: list, ukuran: int = PARAMETER_IN_MAKS):
    """``daftar`` in slices small enough for one ``IN (...)`` on every database."""
    for i in range(0, len(daftar), ukuran):
        yield daftar[i : i + ukuran]


@transaction.atomic
def kader_tambah_massal(
    *, acting_user, kader_list: list[Kader], bidang_kerja: list[Sequence[int]] | None = None, pemeriksa_kunci: PemeriksaKunci | None = None
) -> list[Kader]:
    """Record many new cadres at once (the Excel import), with their history and fields of work.

    Each row was checked by the import with the same rule function as ``Kader.clean``
    (``aturan.periksa_kader``) against data loaded once; here the door checks what it checks for
    one cadre: the user may add cadres, and every row lies in a kelurahan of their scope. The active
    NIK uniqueness is the database constraint's: a refusal rolls the whole batch back. History rows
    (by ``acting_user``, "Impor Excel") and fields of work are written as sets: a fixed number of
    statements per batch, no Python object per history row. No start date may lie in a locked month
    (``pemeriksa_kunci``: the import's checker, its settings and exceptions loaded once for the file)."""
    pastikan_boleh(acting_user, Kader, "add")
    boleh_di = set(Kelurahan.objects.for_user(acting_user, "view").filter(pk__in={k.kelurahan_id for k in kader_list}).values_list("pk", flat=True))
    luar = [k for k in kader_list if k.kelurahan_id not in boleh_di]
    if luar:
        raise ValidationError({"kelurahan": _("Kelurahan ini di luar wilayah kerja Anda.")})
    # The months of the start dates against the lock: settings and exceptions loaded once for the batch.
    pemeriksa = pemeriksa_kunci or PemeriksaKunci(boleh_di)
    for k in kader_list:
        pemeriksa.periksa(k.kelurahan_id, k.tanggal_mulai, field="tanggal_mulai")
    for k in kader_list:
        k.status = StatusKader.AKTIF
    simpan = Kader.objects.bulk_create(kader_list, batch_size=BATCH_MASSAL)
    _riwayat_massal([k.pk for k in simpan], acting_user=acting_user, jenis="+")
    if bidang_kerja:
        _bidang_kerja_massal(zip((k.pk for k in simpan), bidang_kerja, strict=True))
    return simpan


@transaction.atomic
def kader_ubah_massal(
    *, acting_user, kader_list: list[Kader], kolom: Iterable[str], bidang_kerja: list[Sequence[int] | None] | None = None,
    pemeriksa_kunci: PemeriksaKunci | None = None,
) -> list[Kader]:
    """Save changes to many stored cadres at once (the Excel import's rows whose NIK is an active cadre).

    ``kolom``: the fields written (among ``KOLOM_UBAH_MASSAL``; the union of what the rows change);
    ``bidang_kerja``: per cadre its new set of fields of work, or None to leave it. As for new cadres, the
    rows were checked by the import (``aturan.periksa_kader``); here the door checks that the user may change
    cadres and that every one is, as stored (locked until commit), an active cadre they may change: a
    refusal changes nothing. One history row per cadre (by ``acting_user``, "Impor Excel", the values as
    saved), written as a set like the fields of work."""
    pastikan_boleh(acting_user, Kader, "change")
    kolom = set(kolom)
    if kolom - KOLOM_UBAH_MASSAL:
        raise ValueError(f"kader_ubah_massal tidak mengubah {sorted(kolom - KOLOM_UBAH_MASSAL)}")
    ids = [k.pk for k in kader_list]
    boleh = Kader.objects.for_user(acting_user, "change").aktif().order_by().select_for_update(of=("self",))
    ada = {}  # pk -> (kelurahan id, start date as stored)
    for potong in potongan(ids):
        ada.update({pk: (kel, mulai) for pk, kel, mulai in boleh.filter(pk__in=potong).values_list("pk", "kelurahan_id", "tanggal_mulai")})
    if len(ada) != len(set(ids)) or None in ids:
        raise ValidationError(_("Sebagian KPM di berkas ini sudah nonaktif atau di luar wilayah kerja Anda. Tidak ada yang disimpan."))
    if "tanggal_mulai" in kolom:
        # A start date moved from or into a locked month is refused (settings and exceptions loaded once).
        pemeriksa = pemeriksa_kunci or PemeriksaKunci({kel for kel, _m in ada.values()})
        for k in kader_list:
            kel, mulai = ada[k.pk]
            if mulai != k.tanggal_mulai:
                pemeriksa.periksa(kel, mulai, k.tanggal_mulai, field="tanggal_mulai")
    sekarang = timezone.now()
    for k in kader_list:
        k.diubah = sekarang
    # Values prepared by each field as the ORM does; not ``bulk_update``, which builds a CASE WHEN per cadre
    # and field (seconds of Python for 10,000 rows).
    fields = [Kader._meta.get_field(nama) for nama in sorted(kolom)] + [Kader._meta.get_field("diubah")]
    baris = [[k.pk, *(f.get_db_prep_save(getattr(k, f.attname), connection) for f in fields)] for k in kader_list]
    _ubah_per_pk(Kader, fields, baris)
    if bidang_kerja:
        ganti = [(k.pk, daftar) for k, daftar in zip(kader_list, bidang_kerja, strict=True) if daftar is not None]
        through = Kader.bidang_kerja.through
        for potong in potongan([pk for pk, _daftar in ganti]):
            through.objects.filter(kader_id__in=potong).delete()
        _bidang_kerja_massal(ganti)
    _riwayat_massal(ids, acting_user=acting_user, jenis="~")
    return kader_list


def _ubah_per_pk(model, fields, baris: list[list]) -> None:
    """UPDATE many rows of ``model``, each by primary key: ``baris`` = [pk, value of each of ``fields``].

    PostgreSQL: one ``UPDATE ... FROM (VALUES ...)`` per slice, since psycopg2 sends ``executemany`` as
    one round trip per row (10,000 rows: seconds). SQLite runs in-process: one statement, ``executemany``."""
    qn = connection.ops.quote_name
    tabel, pk = qn(model._meta.db_table), qn(model._meta.pk.column)
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            sql = f"UPDATE {tabel} SET {', '.join(f'{qn(f.column)} = %s' for f in fields)} WHERE {pk} = %s"
            cursor.executemany(sql, [[*nilai, pk_baris] for pk_baris, *nilai in baris])
            return
        # VALUES columns are column1 (the pk), column2...; each value cast to its column's base type (varchar,
        # not varchar(100): a cast would cut a long text silently, an assignment refuses it).
        tipe = [re.sub(r"\(.*\)", "", f.db_type(connection)) for f in (model._meta.pk, *fields)]
        satu = "(" + ", ".join(f"%s::{t}" for t in tipe) + ")"
        atur = ", ".join(f"{qn(f.column)} = v.column{i}" for i, f in enumerate(fields, start=2))
        for potong in potongan(baris, max(1, 30_000 // len(tipe))):
            cursor.execute(
                f"UPDATE {tabel} SET {atur} FROM (VALUES {', '.join([satu] * len(potong))}) AS v WHERE {tabel}.{pk} = v.column1",
                [nilai for b in potong for nilai in b],
            )


def _bidang_kerja_massal(pasangan) -> None:
    """Link stored cadres to their fields of work, ``pasangan`` being (cadre id, [field of work ids]) with
    none linked yet: grouped by field of work, one ``INSERT ... SELECT`` per field per 900 cadres (a set),
    not one through-row object per link."""
    per_bidang: dict[int, list[int]] = {}
    for kader_id, daftar in pasangan:
        for bidang_id in daftar:
            per_bidang.setdefault(bidang_id, []).append(kader_id)
    through = Kader.bidang_kerja.through
    qn = connection.ops.quote_name
    dasar = (
        f"INSERT INTO {qn(through._meta.db_table)} ({qn(through._meta.get_field('kader').column)}, {qn(through._meta.get_field('bidangkerja').column)}) "
        f"SELECT {qn(Kader._meta.pk.column)}, %s FROM {qn(Kader._meta.db_table)} WHERE {qn(Kader._meta.pk.column)} IN "
    )
    with connection.cursor() as cursor:
        for bidang_id, ids in sorted(per_bidang.items()):
            for potong in potongan(ids):
                cursor.execute(dasar + f"({', '.join(['%s'] * len(potong))})", [bidang_id, *potong])


def _riwayat_massal(ids: list[int], *, acting_user, jenis: str) -> None:
    """One history row (django-simple-history) per cadre of ``ids``, as stored now: what
    ``bulk_create_with_history`` writes, copied by the database (one ``INSERT ... SELECT`` per 900 ids)
    instead of one Python object per row. ``jenis``: "+" created, "~" changed; the acting user and
    "Impor Excel" as the reason, one moment for the whole batch."""
    if not ids or not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return
    if None in ids:
        raise ValueError("_riwayat_massal: baris belum tersimpan")
    riwayat = Kader.history.model
    qn = connection.ops.quote_name
    dilacak = riwayat.tracked_fields
    tujuan = [riwayat._meta.get_field(f.name).column for f in dilacak]
    tambahan = {"history_date": timezone.now(), "history_user": acting_user.pk, "history_change_reason": _("Impor Excel"), "history_type": jenis}
    nilai = [riwayat._meta.get_field(nama).get_db_prep_save(v, connection) for nama, v in tambahan.items()]
    tujuan += [riwayat._meta.get_field(nama).column for nama in tambahan]
    dasar = (
        f"INSERT INTO {qn(riwayat._meta.db_table)} ({', '.join(map(qn, tujuan))}) "
        f"SELECT {', '.join(qn(f.column) for f in dilacak)}, {', '.join(['%s'] * len(nilai))} "
        f"FROM {qn(Kader._meta.db_table)} WHERE {qn(Kader._meta.pk.column)} IN "
    )
    with connection.cursor() as cursor:
        for potong in potongan(list(ids)):
            cursor.execute(dasar + f"({', '.join(['%s'] * len(potong))})", [*nilai, *potong])


def _catat_nik_bentrok(acting_user, kader: Kader) -> bool:
    """Whether another active cadre holds this NIK; if so the conflict is recorded (``wilayah.nik``):
    the refusal tells the user that the NIK is an active cadre's, wherever in the city."""
    lain = Kader.objects.aktif().filter(nik=kader.nik).exclude(pk=kader.pk).only("pk", "nik", "nama").first()
    if lain is not None:
        catat_akses_nik(acting_user, AksesNIK.Jenis.BENTROK, lain, keterangan=_("NIK ini sudah terdaftar pada KPM aktif lain."))
    return lain is not None


@transaction.atomic
def kader_nonaktifkan(*, kader: Kader, alasan: str, tanggal: dt.date, acting_user) -> Kader:
    """Deactivate a cadre (operators never delete). The record and its history stay."""
    kader = ambil_untuk(acting_user, kader, "change", kunci=True)
    if kader.status != StatusKader.AKTIF:
        raise ValidationError(_("Kader ini sudah nonaktif."))
    alasan = (alasan or "").strip()
    if not alasan:
        raise ValidationError({"alasan": _("Isi alasan nonaktif.")})
    if tanggal > timezone.localdate():
        raise ValidationError({"tanggal": _("Tanggal nonaktif tidak boleh di masa depan.")})
    if tanggal < kader.tanggal_mulai:
        raise ValidationError({"tanggal": _("Tanggal nonaktif tidak boleh sebelum tanggal mulai.")})
    pastikan_terbuka(kader.kelurahan_id, tanggal, field="tanggal")
    kader.status = StatusKader.NONAKTIF
    kader.alasan_nonaktif = alasan
    kader.tanggal_nonaktif = tanggal
    kader._change_reason = _("Dinonaktifkan: %(alasan)s") % {"alasan": alasan}
    kader.save()
    return kader


@transaction.atomic
def kader_aktifkan_kembali(*, kader: Kader, acting_user) -> Kader:
    kader = ambil_untuk(acting_user, kader, "change", kunci=True)
    if kader.status == StatusKader.AKTIF:
        return kader
    if _catat_nik_bentrok(acting_user, kader):
        raise ValidationError({"nik": _("NIK ini sudah terdaftar pada KPM aktif lain.")})
    pastikan_terbuka(kader.kelurahan_id, kader.tanggal_nonaktif)  # the deactivation counted in its month
    kader.status = StatusKader.AKTIF
    kader.alasan_nonaktif = ""
    kader.tanggal_nonaktif = None
    kader._change_reason = _("Diaktifkan kembali")
    try:
        with transaction.atomic():
            kader.save()
    except IntegrityError as exc:
        raise ValidationError({"nik": _("NIK ini sudah terdaftar pada KPM aktif lain.")}) from exc
    return kader


# --- Forkom KPM ---


def pengaturan_target_simpan(*, acting_user, pengaturan: PengaturanKader) -> PengaturanKader:
    """Set the active-KPM target per kelurahan (Bappeda, on the targets page); the change is recorded."""
    return simpan_dalam_lingkup(pengaturan, acting_user=acting_user)


def forkom_simpan(*, acting_user, kepengurusan: KepengurusanForkom) -> KepengurusanForkom:
    """Form or change a board: a kelurahan operator only their own kelurahan's board, city-wide
    roles any (``KepengurusanQuerySet.scope_q``)."""
    return simpan_dalam_lingkup(kepengurusan, acting_user=acting_user, kolom_lingkup="kelurahan")


@transaction.atomic
def forkom_tambah_anggota(*, kepengurusan: KepengurusanForkom, kader: Kader, jabatan: str, acting_user) -> AnggotaForkom:
    """Put a cadre on a board: the board must be one this user may change, the cadre active,
    visible to the user and from the board's region; one coordinator per board."""
    kepengurusan = ambil_untuk(acting_user, kepengurusan, "change", kunci=True)
    if not Kader.objects.for_user(acting_user).aktif().filter(kepengurusan.kader_wilayah_q(), pk=kader.pk).exists():
        raise ValidationError({"kader": _("Pilih KPM aktif dari wilayah kepengurusan ini.")})
    if jabatan not in JabatanForkom.values:
        raise ValidationError({"jabatan": _("Jabatan tidak dikenal.")})
    if jabatan == JabatanForkom.KOORDINATOR and kepengurusan.anggota_set.filter(jabatan=JabatanForkom.KOORDINATOR).exists():
        raise ValidationError({"jabatan": _("Satu kepengurusan hanya mempunyai satu koordinator.")})
    if kepengurusan.anggota_set.filter(kader=kader).exists():
        raise ValidationError({"kader": _("Kader ini sudah menjadi pengurus di kepengurusan ini.")})
    return AnggotaForkom.objects.create(kepengurusan=kepengurusan, kader=kader, jabatan=jabatan)


@transaction.atomic
def forkom_keluarkan_anggota(*, anggota: AnggotaForkom, acting_user) -> None:
    ambil_untuk(acting_user, anggota.kepengurusan, "change", kunci=True)
    anggota.delete()


# --- KPM Berprestasi ---


def lomba_simpan(*, acting_user, lomba: LombaKPM) -> LombaKPM:
    """Open (or change) a contest round: Bappeda."""
    return simpan_dalam_lingkup(lomba, acting_user=acting_user)


@transaction.atomic
def lomba_tambah_kriteria(*, acting_user, lomba: LombaKPM, kriteria: KriteriaLomba) -> KriteriaLomba:
    """Add a weighted criterion to a round that is not sent to the province yet."""
    lomba = ambil_untuk(acting_user, lomba, "change", kunci=True)
    if lomba.nominasi_set.filter(dikirim_ke_provinsi=True).exists():
        raise ValidationError(_("Hasil lomba sudah dikirim ke provinsi; kriteria tidak dapat ditambah."))
    kriteria.lomba = lomba
    return simpan_dalam_lingkup(kriteria, acting_user=acting_user)


@transaction.atomic
def lomba_usulkan(*, lomba: LombaKPM, kader: Kader, prestasi: str, acting_user) -> NominasiLomba:
    """A kelurahan nominates one of its own active cadres."""
    pastikan_boleh(acting_user, NominasiLomba, "add")
    if lomba.tingkat != LombaKPM.Tingkat.KOTA:
        raise ValidationError(_("Usulan hanya untuk lomba tingkat kota."))
    if lomba.batas_nominasi and timezone.localdate() > lomba.batas_nominasi:
        raise ValidationError(_("Batas pengusulan lomba ini sudah lewat."))
    if not Kader.objects.for_user(acting_user).aktif().filter(pk=kader.pk).exists():
        raise ValidationError({"kader": _("Hanya KPM aktif dari wilayah Anda yang dapat diusulkan.")})
    if NominasiLomba.objects.filter(lomba=lomba, kader=kader).exists():
        raise ValidationError({"kader": _("Kader ini sudah diusulkan pada lomba ini.")})
    if not (prestasi or "").strip():
        raise ValidationError({"prestasi": _("Uraikan prestasi dan kegiatan nyata kader.")})
    nominasi = NominasiLomba(lomba=lomba, kader=kader, prestasi=prestasi.strip(), diusulkan_oleh=acting_user)
    return simpan_dalam_lingkup(nominasi, acting_user=acting_user, kolom_lingkup="kader")


@transaction.atomic
def lomba_beri_nilai(*, nominasi: NominasiLomba, nilai: dict[int, int], acting_user) -> None:
    """Record one jury's scores for a nominee: ``nilai`` maps criterion id -> score on the round's
    scale. Only the round's jury holding the permission to score (``NominasiQuerySet``: action "nilai")."""
    nominasi = ambil_untuk(acting_user, nominasi, "nilai")
    lomba = nominasi.lomba
    if any(n.dikirim_ke_provinsi for n in lomba.nominasi_set.all()):
        raise ValidationError(_("Hasil lomba sudah dikirim ke provinsi; nilai tidak dapat diubah."))
    kriteria = {k.pk: k for k in lomba.kriteria_set.all()}
    errors = {}
    for kriteria_id, angka in nilai.items():
        if kriteria_id not in kriteria:
            raise ValidationError(_("Kriteria bukan milik lomba ini."))
        if angka is None or not (1 <= int(angka) <= lomba.skala):
            errors[f"kriteria_{kriteria_id}"] = _("Nilai %(nama)s harus 1 sampai %(maks)s.") % {"nama": kriteria[kriteria_id].nama, "maks": lomba.skala}
    if errors:
        raise ValidationError(errors)
    for kriteria_id, angka in nilai.items():
        NilaiLomba.objects.update_or_create(nominasi=nominasi, kriteria_id=kriteria_id, juri=acting_user, defaults={"nilai": int(angka)})


@dataclass
class BarisPeringkat:
    nominasi: NominasiLomba
    skor: Decimal | None  # weighted average on the round's scale; None when not scored yet
    jumlah_nilai: int
    peringkat: int | None = None


def peringkat_lomba(lomba: LombaKPM, nominasi_qs=None) -> list[BarisPeringkat]:
    """Ranking by weighted average, computed (never typed): per criterion the mean over juries,
    then sum(weight x mean) / sum(weights of the criteria). Three queries whatever the size."""
    kriteria = {k.pk: k.bobot for k in lomba.kriteria_set.all()}
    total_bobot = sum(kriteria.values())
    if nominasi_qs is None:
        nominasi_qs = NominasiLomba.objects.filter(lomba=lomba)
    nominasi = list(nominasi_qs.select_related("kader__kelurahan"))
    per_nominasi: dict[int, dict[int, list[int]]] = {}
    for nominasi_id, kriteria_id, angka in NilaiLomba.objects.filter(nominasi__lomba=lomba).values_list("nominasi_id", "kriteria_id", "nilai"):
        per_nominasi.setdefault(nominasi_id, {}).setdefault(kriteria_id, []).append(angka)
    baris = []
    for n in nominasi:
        nilai = per_nominasi.get(n.pk, {})
        jumlah = sum(len(v) for v in nilai.values())
        if not nilai or not total_bobot:
            baris.append(BarisPeringkat(n, None, jumlah))
            continue
        terbobot = sum(Decimal(kriteria[k]) * Decimal(sum(v)) / Decimal(len(v)) for k, v in nilai.items() if k in kriteria)
        skor = (terbobot / Decimal(total_bobot)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        baris.append(BarisPeringkat(n, skor, jumlah))
    baris.sort(key=lambda b: (b.skor is None, -(b.skor or 0), b.nominasi.kader.nama))
    urut = 0
    for b in baris:
        if b.skor is not None:
            urut += 1
            b.peringkat = urut
    return baris


@transaction.atomic
def lomba_kirim_ke_provinsi(*, lomba: LombaKPM, acting_user) -> list[NominasiLomba]:
    """Mark the winner and runners-up (the round's ``jumlah_dikirim`` best) as sent to the province."""
    lomba = ambil_untuk(acting_user, lomba, "change", kunci=True)
    if lomba.nominasi_set.filter(dikirim_ke_provinsi=True).exists():
        raise ValidationError(_("Hasil lomba ini sudah dikirim ke provinsi."))
    baris = [b for b in peringkat_lomba(lomba) if b.peringkat is not None]
    if not baris:
        raise ValidationError(_("Belum ada nominasi yang dinilai juri."))
    terkirim = []
    for b in baris:
        b.nominasi.peringkat = b.peringkat
        b.nominasi.dikirim_ke_provinsi = b.peringkat <= lomba.jumlah_dikirim
        b.nominasi.save(update_fields=["peringkat", "dikirim_ke_provinsi"])
        if b.nominasi.dikirim_ke_provinsi:
            terkirim.append(b.nominasi)
    return terkirim
