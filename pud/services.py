"""Every write of the PUD programme, and the workflow's one door.

Each service takes keyword-only arguments and the acting user, asks ``for_user(acting_user,
action)`` for the rows it touches, checks, and writes in one transaction; a refusal is a
``ValidationError`` (Indonesian, on the field it concerns) or ``PermissionDenied``, and writes
nothing. Forms, imports, the admin and the pages call these; nothing else writes PUD rows.

The workflow (``pud.models.LANGKAH``) is taken only through ``pengajuan_langkah``; the steps a
user may take now are ``langkah_tersedia`` (one page) or ``langkah_tersedia_banyak`` (a list, a
fixed number of queries): both read ``PengajuanPUD.objects.for_user(user, step)``, the same
question the service asks, so a page never offers a step the service would refuse.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from wilayah.berkas import simpan_foto
from wilayah.models import Kelurahan
from wilayah.periode import tanggal_id
from wilayah.scoping import boleh
from wilayah.services import ambil_untuk, pastikan_boleh, simpan_dalam_lingkup

from .models import (
    KRITERIA_BAWAAN,
    LANGKAH,
    UMKM,
    FotoUMKM,
    KategoriKosong,
    KategoriPUD,
    KriteriaPUD,
    Langkah,
    LangkahPUD,
    NilaiUsulan,
    PengajuanPUD,
    PesertaFGD,
    Siklus,
    StatusPengajuan,
    StatusSiklus,
    Usulan,
    hari_kerja_berikut,
)

PESAN_TERKUNCI = _(
    "Pengajuan ini tidak dapat diubah sekarang: hanya operator kelurahannya yang mengubah, selama berstatus "
    "draf atau dikembalikan dan putarannya masih dibuka."
)


# --- UMKM ---------------------------------------------------------------------------------------


def umkm_simpan(*, acting_user, umkm: UMKM) -> UMKM:
    """Save a UMKM (new or changed) in the user's region; the NIK by the shared rules."""
    return simpan_dalam_lingkup(umkm, acting_user=acting_user, kolom_lingkup="kelurahan")


# --- The round ----------------------------------------------------------------------------------


def siklus_buka(*, acting_user, tahun: int, nama: str = "", batas_pengajuan: dt.date | None = None, catatan: str = "") -> Siklus:
    """Open a yearly round (Bappeda): the round, its default rubric, and one draf pengajuan for
    every kelurahan (so the schedule and the progress cover them all), each with its history row.
    Refused while another round is open or the year has one (also when two open it at once: the
    database's unique constraints decide, the loser gets the same message)."""
    pastikan_boleh(acting_user, Siklus, "add")
    pastikan_boleh(acting_user, PengajuanPUD, "add")
    siklus = Siklus(tahun=tahun, nama=nama or _("Penetapan PUD %(tahun)s") % {"tahun": tahun}, batas_pengajuan=batas_pengajuan, catatan=catatan)
    siklus._history_user = acting_user
    siklus.full_clean()
    try:
        with transaction.atomic():
            siklus.save()
            kriteria = [KriteriaPUD(siklus=siklus, nama=nama_k, keterangan=ket, bobot=bobot, urutan=i) for i, (nama_k, ket, bobot) in enumerate(KRITERIA_BAWAAN, start=1)]
            bulk_create_with_history(kriteria, KriteriaPUD, default_user=acting_user)
            pengajuan = [PengajuanPUD(siklus=siklus, kelurahan_id=pk) for pk in Kelurahan.objects.order_by("kode").values_list("pk", flat=True)]
            bulk_create_with_history(pengajuan, PengajuanPUD, batch_size=2000, default_user=acting_user)
    except IntegrityError as exc:
        siklus.pk, siklus._state.adding = None, True
        siklus.full_clean()  # the constraint that now holds gives its own message
        raise ValidationError(_("Putaran tahun ini sudah dibuka bersamaan oleh pengguna lain.")) from exc
    return siklus


def _siklus_untuk(acting_user, siklus: Siklus) -> Siklus:
    return ambil_untuk(acting_user, siklus, "change", kunci=True)


@transaction.atomic
def siklus_tutup(*, acting_user, siklus: Siklus) -> Siklus:
    """Close the round: kelurahan and kecamatan steps and edits stop; the decree step remains."""
    siklus = _siklus_untuk(acting_user, siklus)
    if siklus.status == StatusSiklus.DITUTUP:
        raise ValidationError(_("Putaran ini sudah ditutup."))
    siklus.status, siklus.ditutup_pada = StatusSiklus.DITUTUP, timezone.now()
    siklus._history_user = acting_user
    siklus.save(update_fields=["status", "ditutup_pada"])
    return siklus


@transaction.atomic
def siklus_buka_kembali(*, acting_user, siklus: Siklus) -> Siklus:
    """Reopen a closed round (refused while another round is open)."""
    siklus = _siklus_untuk(acting_user, siklus)
    if siklus.status == StatusSiklus.DIBUKA:
        raise ValidationError(_("Putaran ini masih dibuka."))
    if Siklus.objects.filter(status=StatusSiklus.DIBUKA).exists():
        raise ValidationError(_("Masih ada putaran PUD lain yang dibuka. Tutup dulu putaran itu."))
    siklus.status, siklus.ditutup_pada = StatusSiklus.DIBUKA, None
    siklus._history_user = acting_user
    siklus.save(update_fields=["status", "ditutup_pada"])
    return siklus


def kriteria_simpan(*, acting_user, kriteria: KriteriaPUD) -> KriteriaPUD:
    """Add or change a criterion of the rubric, while no nomination has been scored on it."""

    def aturan(k):
        if k.pk and NilaiUsulan.objects.filter(kriteria=k).exists() and KriteriaPUD.objects.filter(pk=k.pk).exclude(bobot=k.bobot).exists():
            raise ValidationError({"bobot": _("Bobot tidak dapat diubah: usulan sudah dinilai dengan kriteria ini.")})

    return simpan_dalam_lingkup(kriteria, acting_user=acting_user, aturan=aturan)


# --- The FGD schedule ---------------------------------------------------------------------------


def jadwal_usulan(*, mulai: dt.date, kelurahan_per_hari: int, jumlah: int) -> list[dt.date]:
    """The FGD days for ``jumlah`` kelurahan in order: ``kelurahan_per_hari`` a day, working days
    only (Monday to Friday), from the first working day on or after ``mulai``."""
    if kelurahan_per_hari < 1:
        raise ValidationError({"kelurahan_per_hari": _("Minimal satu kelurahan per hari.")})
    hari, hasil = hari_kerja_berikut(mulai), []
    for i in range(jumlah):
        if i and i % kelurahan_per_hari == 0:
            hari = hari_kerja_berikut(hari + dt.timedelta(days=1))
        hasil.append(hari)
    return hasil


@transaction.atomic
def jadwal_buat(*, acting_user, siklus: Siklus, mulai: dt.date, kelurahan_per_hari: int = 3, tempat: str = "") -> int:
    """Bappeda generates the FGD schedule of the round: the kelurahan that have not submitted yet,
    kecamatan by kecamatan in code order, ``kelurahan_per_hari`` a day on working days. Returns how
    many were scheduled. Every date can then be changed one by one (``jadwal_ubah``)."""
    pastikan_boleh(acting_user, PengajuanPUD, "jadwalkan")
    if mulai < timezone.localdate():
        raise ValidationError({"mulai": _("Tanggal mulai FGD tidak boleh sebelum hari ini.")})
    qs = (
        PengajuanPUD.objects.for_user(acting_user, "jadwalkan")
        .filter(siklus=siklus)
        .select_for_update(of=("self",))
        .order_by("kelurahan__kecamatan__kode", "kelurahan__kode")
    )
    daftar = list(qs)
    if not daftar:
        raise ValidationError(_("Tidak ada kelurahan yang dapat dijadwalkan di putaran ini."))
    for pengajuan, tanggal in zip(daftar, jadwal_usulan(mulai=mulai, kelurahan_per_hari=kelurahan_per_hari, jumlah=len(daftar))):
        pengajuan.jadwal_fgd, pengajuan.jadwal_tempat = tanggal, tempat or pengajuan.jadwal_tempat
    bulk_update_with_history(daftar, PengajuanPUD, ["jadwal_fgd", "jadwal_tempat"], batch_size=2000, default_user=acting_user)
    return len(daftar)


@transaction.atomic
def jadwal_ubah(*, acting_user, pengajuan: PengajuanPUD, jadwal_fgd: dt.date | None, jadwal_tempat: str = "") -> PengajuanPUD:
    """Bappeda moves one kelurahan's FGD (until the kelurahan has submitted, in an open round)."""
    pastikan_boleh(acting_user, PengajuanPUD, "jadwalkan")
    baris = PengajuanPUD.objects.for_user(acting_user, "jadwalkan").select_for_update(of=("self",)).filter(pk=pengajuan.pk).first()
    if baris is None:
        if not PengajuanPUD.objects.for_user(acting_user, "view").filter(pk=pengajuan.pk).exists():
            raise PermissionDenied
        raise ValidationError(_("Jadwal FGD tidak dapat diubah lagi: kelurahan sudah mengajukan hasil FGD, atau putarannya ditutup."))
    if jadwal_fgd is not None and jadwal_fgd.weekday() >= 5:
        raise ValidationError({"jadwal_fgd": _("%(tanggal)s jatuh pada akhir pekan. Pilih hari kerja.") % {"tanggal": tanggal_id(jadwal_fgd)}})
    baris.jadwal_fgd, baris.jadwal_tempat = jadwal_fgd, jadwal_tempat
    baris._history_user = acting_user
    baris.save(update_fields=["jadwal_fgd", "jadwal_tempat", "diubah"])
    return baris


# --- The kelurahan's FGD record and nominations ------------------------------------------------


def _pengajuan_dapat_diubah(acting_user, pengajuan_id: int) -> PengajuanPUD:
    """The pengajuan, locked, if the user may change its content now; else a clear refusal."""
    baris = PengajuanPUD.objects.for_user(acting_user, "change").select_for_update(of=("self",)).filter(pk=pengajuan_id).first()
    if baris is None:
        if not PengajuanPUD.objects.for_user(acting_user, "view").filter(pk=pengajuan_id).exists():
            raise PermissionDenied
        raise ValidationError(PESAN_TERKUNCI)
    return baris


def berita_acara_simpan(*, acting_user, pengajuan: PengajuanPUD) -> PengajuanPUD:
    """Save the FGD record (date, place, berita acara number and scan) of a kelurahan's pengajuan.
    Only its fields of the FGD change; the status only through ``pengajuan_langkah``."""
    with transaction.atomic():
        tersimpan = _pengajuan_dapat_diubah(acting_user, pengajuan.pk)
        for field in ("status", "nomor_keputusan", "tanggal_keputusan", "jadwal_fgd", "jadwal_tempat", "siklus_id", "kelurahan_id"):
            setattr(pengajuan, field, getattr(tersimpan, field))
        return simpan_dalam_lingkup(pengajuan, acting_user=acting_user, berkas=("berita_acara",))


@transaction.atomic
def peserta_simpan(*, acting_user, peserta: PesertaFGD) -> PesertaFGD:
    _pengajuan_dapat_diubah(acting_user, peserta.pengajuan_id)
    if peserta.pk is not None:
        _tersimpan_di_pengajuan(PesertaFGD, peserta)
    peserta._history_user = acting_user
    peserta.full_clean()
    peserta.save()
    return peserta


def _tersimpan_di_pengajuan(model, obj):
    """The stored row of ``obj`` (a row reached through its pengajuan), if it is still the row
    of the pengajuan ``obj`` names; PermissionDenied otherwise (a pk of another kelurahan's row
    sent along with one's own pengajuan changes nothing)."""
    baris = model.objects.filter(pk=obj.pk, pengajuan_id=obj.pengajuan_id).first() if obj.pk is not None else None
    if baris is None:
        raise PermissionDenied
    return baris


def _anak_hapus(acting_user, obj) -> None:
    """Remove a participant or an "empty category" of a pengajuan the user may change now."""
    _pengajuan_dapat_diubah(acting_user, obj.pengajuan_id)
    baris = _tersimpan_di_pengajuan(type(obj), obj)
    baris._history_user = acting_user
    baris.delete()


@transaction.atomic
def peserta_hapus(*, acting_user, peserta: PesertaFGD) -> None:
    _anak_hapus(acting_user, peserta)


@transaction.atomic
def kategori_kosong_simpan(*, acting_user, kosong: KategoriKosong) -> KategoriKosong:
    """Declare "none in this category" with a reason; refused while the category has a main nomination."""
    _pengajuan_dapat_diubah(acting_user, kosong.pengajuan_id)
    if kosong.pk is not None:
        _tersimpan_di_pengajuan(KategoriKosong, kosong)
    kosong.alasan = (kosong.alasan or "").strip()
    kosong._history_user = acting_user
    kosong.full_clean()
    if Usulan.objects.filter(pengajuan_id=kosong.pengajuan_id, kategori=kosong.kategori, utama=True).exists():
        raise ValidationError({"kategori": _("Kategori %(k)s sudah punya usulan utama. Jadikan alternatif dahulu bila memang tidak ada usulan.") % {"k": KategoriPUD(kosong.kategori).label}})
    kosong.save()
    return kosong


@transaction.atomic
def kategori_kosong_hapus(*, acting_user, kosong: KategoriKosong) -> None:
    _anak_hapus(acting_user, kosong)


def _pesan_utama_ganda(kategori: str) -> ValidationError:
    return ValidationError(
        {"utama": _("Kategori %(k)s sudah punya usulan utama. Jadikan usulan utama yang lama sebagai alternatif dahulu.") % {"k": KategoriPUD(kategori).label}}
    )


def usulan_simpan(*, acting_user, usulan: Usulan, nilai: Mapping[int, int] | None = None) -> Usulan:
    """Add or change a nomination, with its scores ({criterion id: 1..5}) on the round's rubric.

    Refused: a pengajuan the user may not change now; a UMKM of another kelurahan; a second main
    nomination in a category (also when two requests race: the database's partial unique index
    decides, the loser gets the same message); a main nomination in a category declared empty."""
    try:
        with transaction.atomic():
            pengajuan = _pengajuan_dapat_diubah(acting_user, usulan.pengajuan_id)
            if usulan.pk:
                lama = Usulan.objects.for_user(acting_user, "change").filter(pk=usulan.pk, pengajuan_id=pengajuan.pk).first()
                if lama is None:
                    raise PermissionDenied
            usulan._history_user = acting_user
            usulan.full_clean(validate_constraints=False)
            if usulan.utama and KategoriKosong.objects.filter(pengajuan=pengajuan, kategori=usulan.kategori).exists():
                raise ValidationError({"utama": _("Kategori %(k)s dinyatakan tanpa usulan. Hapus pernyataan itu dahulu.") % {"k": KategoriPUD(usulan.kategori).label}})
            if usulan.utama and Usulan.objects.filter(pengajuan=pengajuan, kategori=usulan.kategori, utama=True).exclude(pk=usulan.pk).exists():
                raise _pesan_utama_ganda(usulan.kategori)
            usulan.validate_constraints()
            usulan.save()
            if nilai is not None:
                _nilai_simpan(usulan, pengajuan, nilai, acting_user=acting_user)
    except IntegrityError as exc:
        if "usulan_pud_satu_utama_per_kategori" in str(exc):
            raise _pesan_utama_ganda(usulan.kategori) from exc
        if "usulan_pud_umkm_sekali_per_kategori" in str(exc):
            raise ValidationError({"umkm": _("UMKM ini sudah diusulkan di kategori ini.")}) from exc
        raise
    return usulan


def _bilangan(x) -> int | None:
    """A whole number given as an int or as digits (a form's or a sheet's cell); else None."""
    if isinstance(x, bool):
        return None
    if isinstance(x, int):
        return x
    if isinstance(x, str) and x.strip().isdigit():
        return int(x.strip())
    return None


def _nilai_simpan(usulan: Usulan, pengajuan: PengajuanPUD, nilai: Mapping[int, int], *, acting_user) -> None:
    kriteria = set(KriteriaPUD.objects.filter(siklus_id=pengajuan.siklus_id).values_list("pk", flat=True))
    bersih = {_bilangan(k): _bilangan(s) for k, s in nilai.items()}
    if any(k not in kriteria or s is None or not 1 <= s <= 5 for k, s in bersih.items()) or len(bersih) != len(nilai):
        raise ValidationError({NON_FIELD_ERRORS: _("Skor harus 1 sampai 5 untuk kriteria putaran ini.")})
    nilai = bersih
    NilaiUsulan.objects.filter(usulan=usulan).exclude(kriteria_id__in=list(nilai)).delete()
    lama = {n.kriteria_id: n for n in NilaiUsulan.objects.filter(usulan=usulan)}
    baru, ubah = [], []
    for k, s in nilai.items():
        if k in lama:
            if lama[k].skor != int(s):
                lama[k].skor = int(s)
                ubah.append(lama[k])
        else:
            baru.append(NilaiUsulan(usulan=usulan, kriteria_id=k, skor=int(s)))
    bulk_create_with_history(baru, NilaiUsulan, default_user=acting_user)
    bulk_update_with_history(ubah, NilaiUsulan, ["skor"], default_user=acting_user)


@transaction.atomic
def usulan_hapus(*, acting_user, usulan: Usulan) -> None:
    """Remove a nomination. The stored row's pengajuan is locked first, as every other content
    write does, so a removal never slips in after a submit has checked the main nominations."""
    pengajuan_id = Usulan.objects.filter(pk=usulan.pk).values_list("pengajuan_id", flat=True).first() if usulan.pk is not None else None
    if pengajuan_id is None:
        raise PermissionDenied
    _pengajuan_dapat_diubah(acting_user, pengajuan_id)
    baris = Usulan.objects.for_user(acting_user, "delete").filter(pk=usulan.pk).first()
    if baris is None:
        raise PermissionDenied
    baris._history_user = acting_user
    baris.delete()


# --- The workflow -------------------------------------------------------------------------------


def kelengkapan_pengajuan(pengajuan: PengajuanPUD) -> list[str]:
    """What the pengajuan still lacks before it can be submitted (empty: complete)."""
    kurang = []
    if not pengajuan.tanggal_fgd:
        kurang.append(_("Isi tanggal FGD dilaksanakan."))
    if not pengajuan.berita_acara:
        kurang.append(_("Unggah pindaian berita acara FGD yang sudah ditandatangani."))
    utama = set(Usulan.objects.filter(pengajuan=pengajuan, utama=True).values_list("kategori", flat=True))
    kosong = set(KategoriKosong.objects.filter(pengajuan=pengajuan).values_list("kategori", flat=True))
    for kategori in KategoriPUD:
        if kategori.value not in utama and kategori.value not in kosong:
            kurang.append(_("Kategori %(k)s: pilih satu usulan utama, atau nyatakan tidak ada usulan beserta alasannya.") % {"k": kategori.label})
    return kurang


def _pesan_langkah_ditolak(acting_user, pengajuan: PengajuanPUD, langkah: Langkah) -> str:
    if not boleh(acting_user, PengajuanPUD, langkah.kode):
        return _("Langkah \"%(l)s\" bukan wewenang peran Anda.") % {"l": langkah.label}
    if pengajuan.status == StatusPengajuan.DITETAPKAN:
        return _("PUD ini sudah ditetapkan dengan keputusan wali kota; tidak ada yang dapat diubah lagi.")
    if pengajuan.status not in langkah.dari:
        return _("Langkah \"%(l)s\" tidak dapat diambil pada status %(s)s.") % {"l": langkah.label, "s": pengajuan.get_status_display()}
    if langkah.siklus_dibuka and pengajuan.siklus.status != StatusSiklus.DIBUKA:
        return _("Putaran %(s)s sudah ditutup.") % {"s": pengajuan.siklus}
    return _("Langkah \"%(l)s\" bukan wewenang Anda untuk kelurahan ini.") % {"l": langkah.label}


@transaction.atomic
def pengajuan_langkah(
    *,
    acting_user,
    pengajuan: PengajuanPUD,
    aksi: str,
    catatan: str = "",
    nomor_keputusan: str = "",
    tanggal_keputusan: dt.date | None = None,
) -> PengajuanPUD:
    """Take one workflow step (``pud.models.LANGKAH``) and record it (who, when, from, to, note).

    The row is read through ``for_user(acting_user, aksi)`` under a lock, so a step by the wrong
    role, from the wrong status, in a closed round or after ``ditetapkan`` finds nothing and is
    refused with the reason; two users acting at once are serialised by the lock. Submitting needs
    the FGD date, the signed berita acara and, per category, a main nomination or a declared "none"
    with its reason; returning and undoing a verification need a note; determining needs the
    decree's number and date."""
    langkah = LANGKAH.get(aksi)
    if langkah is None:
        raise ValidationError(_("Langkah tidak dikenal."))
    baris = PengajuanPUD.objects.for_user(acting_user, aksi).select_for_update(of=("self",)).filter(pk=pengajuan.pk).first()
    if baris is None:
        terlihat = PengajuanPUD.objects.for_user(acting_user, "view").select_related("siklus").filter(pk=pengajuan.pk).first()
        if terlihat is None:
            raise PermissionDenied
        raise ValidationError(_pesan_langkah_ditolak(acting_user, terlihat, langkah))
    catatan = (catatan or "").strip()
    if langkah.perlu_catatan and not catatan:
        raise ValidationError({"catatan": _("Tulis alasannya, agar kelurahan tahu apa yang harus diperbaiki.") if aksi == "kembalikan" else _("Tulis alasannya.")})
    if aksi == "ajukan":
        kurang = kelengkapan_pengajuan(baris)
        if kurang:
            raise ValidationError(kurang)
    ubah = ["status", "diubah"]
    if langkah.perlu_keputusan:
        galat = {}
        nomor_keputusan = (nomor_keputusan or "").strip()
        if not nomor_keputusan:
            galat["nomor_keputusan"] = _("Isi nomor keputusan wali kota.")
        if tanggal_keputusan is None:
            galat["tanggal_keputusan"] = _("Isi tanggal keputusan wali kota.")
        elif tanggal_keputusan > timezone.localdate():
            galat["tanggal_keputusan"] = _("Tanggal keputusan tidak boleh di masa depan.")
        elif baris.tanggal_fgd and tanggal_keputusan < baris.tanggal_fgd:
            galat["tanggal_keputusan"] = _("Tanggal keputusan tidak boleh sebelum tanggal FGD (%(t)s).") % {"t": tanggal_id(baris.tanggal_fgd)}
        if galat:
            raise ValidationError(galat)
        baris.nomor_keputusan, baris.tanggal_keputusan = nomor_keputusan, tanggal_keputusan
        ubah += ["nomor_keputusan", "tanggal_keputusan"]
        if not catatan:
            catatan = _("Keputusan wali kota nomor %(n)s tanggal %(t)s.") % {"n": nomor_keputusan, "t": tanggal_id(tanggal_keputusan)}
    dari = baris.status
    baris.status = langkah.ke
    baris._history_user = acting_user
    baris.full_clean(exclude=["berita_acara"])
    baris.save(update_fields=ubah)
    LangkahPUD.objects.create(pengajuan=baris, aksi=aksi, dari_status=dari, ke_status=langkah.ke, oleh=acting_user, catatan=catatan)
    return baris


def tetapkan_banyak(*, acting_user, pengajuan_ids: Iterable[int], nomor_keputusan: str, tanggal_keputusan: dt.date | None) -> int:
    """Determine many verified pengajuan under one decree, all or nothing. Returns how many."""
    with transaction.atomic():
        jumlah = 0
        for pk in sorted(set(pengajuan_ids)):
            pengajuan_langkah(acting_user=acting_user, pengajuan=PengajuanPUD(pk=pk), aksi="tetapkan", nomor_keputusan=nomor_keputusan, tanggal_keputusan=tanggal_keputusan)
            jumlah += 1
        if not jumlah:
            raise ValidationError(_("Pilih minimal satu kelurahan yang sudah diverifikasi."))
        return jumlah


def langkah_tersedia_banyak(user, pengajuan_ids: Iterable[int]) -> dict[int, list[Langkah]]:
    """{pengajuan id: the steps ``user`` may take on it now}, one query per step kind."""
    ids = list(pengajuan_ids)
    hasil: dict[int, list[Langkah]] = {pk: [] for pk in ids}
    if not ids:
        return hasil
    for kode, langkah in LANGKAH.items():
        if not boleh(user, PengajuanPUD, kode):
            continue
        for pk in PengajuanPUD.objects.for_user(user, kode).filter(pk__in=ids).values_list("pk", flat=True):
            hasil[pk].append(langkah)
    return hasil


def langkah_tersedia(user, pengajuan: PengajuanPUD) -> list[Langkah]:
    """The steps ``user`` may take on this pengajuan now (what the page shows as buttons)."""
    return langkah_tersedia_banyak(user, [pengajuan.pk])[pengajuan.pk]


# --- B: UMKM photos -------------------------------------------------------------------------------

#: Photos a UMKM's gallery holds at most (the catalogue shows a few; more is an album, not a listing).
BATAS_FOTO_UMKM = 6


def _umkm_dapat_diubah(acting_user, umkm_id) -> UMKM:
    """The UMKM, locked, if the user may change it (its photos are part of it); PermissionDenied otherwise."""
    baris = UMKM.objects.for_user(acting_user, "change").select_for_update(of=("self",)).filter(pk=umkm_id).first()
    if baris is None:
        raise PermissionDenied
    return baris


@transaction.atomic
def umkm_foto_tambah(*, acting_user, umkm: UMKM, berkas, keterangan: str = "") -> FotoUMKM:
    """Add a photo to a UMKM the user may change: re-encoded without EXIF, with a thumbnail
    (``wilayah.berkas.simpan_foto``), at most ``BATAS_FOTO_UMKM`` per UMKM (the lock on the UMKM row
    keeps two uploads at once from passing the limit together)."""
    baris = _umkm_dapat_diubah(acting_user, umkm.pk)
    if FotoUMKM.objects.filter(umkm=baris).count() >= BATAS_FOTO_UMKM:
        raise ValidationError(
            {"gambar": _("UMKM ini sudah punya %(n)d foto, batasnya. Hapus foto yang lama dahulu.") % {"n": BATAS_FOTO_UMKM}}
        )
    return simpan_foto(FotoUMKM(umkm=baris, keterangan=(keterangan or "").strip()), berkas)


@transaction.atomic
def umkm_foto_hapus(*, acting_user, foto: FotoUMKM) -> None:
    """Remove a photo of a UMKM the user may change and, after commit, its files."""
    _umkm_dapat_diubah(acting_user, foto.umkm_id)
    foto = FotoUMKM.objects.get(pk=foto.pk)
    nama = [f.name for f in (foto.gambar, foto.thumbnail) if f]
    storage = foto.gambar.storage
    foto.delete()
    transaction.on_commit(lambda: [storage.delete(n) for n in nama])
