"""Every write of the pelatihan programme.

Each service takes keyword-only arguments and the acting user, asks ``for_user(acting_user, action)``
for the rows it touches, checks, and writes in one transaction; a refusal is a ``ValidationError``
(Indonesian, on the field it concerns) or ``PermissionDenied``, and writes nothing. Forms, imports,
the admin and the pages call these; nothing else writes pelatihan rows. Organising a diklat (its
data, status, sessions and modules) is ``Diklat.objects.for_user(user, "change")``.
"""

from __future__ import annotations

import datetime as _dt
import datetime as dt
import logging
import uuid
from collections.abc import Iterable, Iterable as _Iterable, Mapping
from dataclasses import dataclass
from django.apps import apps, apps as _apps
from django.core.exceptions import (
    NON_FIELD_ERRORS,
    PermissionDenied,
    PermissionDenied as _PermissionDenied,
    ValidationError,
    ValidationError as _ValidationError,
)
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction, transaction as _transaction
from django.db.models import Max, Min
from django.utils import timezone, timezone as _timezone
from django.utils.translation import gettext as _, gettext as _g, gettext_lazy
from simple_history.utils import bulk_create_with_history, bulk_update_with_history
from wilayah.periode import tanggal_id, tanggal_id as _tanggal_id
from wilayah.scoping import boleh as _boleh
from wilayah.services import (
    ambil_untuk,
    ambil_untuk as _ambil_untuk,
    pastikan_boleh,
    simpan_dalam_lingkup,
    simpan_dalam_lingkup as _simpan_dalam_lingkup,
)
from .models import (
    CetakSertifikat,
    Diklat,
    Evaluasi,
    Instansi,
    JenisTindakLanjut,
    Kehadiran,
    Materi,
    Narasumber,
    NilaiMateri,
    Peserta,
    RencanaTindakLanjut,
    SesiDiklat,
    StatusCetak,
    StatusDiklat,
    StatusHadir,
    UnsurPeserta,
    buat_kode_verifikasi,
)

log = logging.getLogger(__name__)


# --- diklat ---


#: The status a diklat may move to from each status (``diklat_ubah_status``); nothing leaves
#: ``terlaksana`` or ``batal``.
LANGKAH_STATUS: dict[str, tuple[str, ...]] = {
    StatusDiklat.RENCANA: (StatusDiklat.PENDAFTARAN, StatusDiklat.BATAL),
    StatusDiklat.PENDAFTARAN: (StatusDiklat.TERLAKSANA, StatusDiklat.BATAL),
    StatusDiklat.TERLAKSANA: (),
    StatusDiklat.BATAL: (),
}


def instansi_simpan(*, acting_user, instansi: Instansi) -> Instansi:
    """An organiser or a speaker's institution (city-wide list; its name once)."""
    return simpan_dalam_lingkup(instansi, acting_user=acting_user)


def narasumber_simpan(*, acting_user, narasumber: Narasumber) -> Narasumber:
    """A speaker in the directory. The same name (case and spacing do not count) from the same
    institution once: the model's unique constraint on ``kunci_nama``, shown on the name."""
    try:
        return simpan_dalam_lingkup(narasumber, acting_user=acting_user)
    except IntegrityError as exc:  # the same speaker saved by someone else a moment ago
        raise ValidationError({"nama": [Narasumber._meta.constraints[0].violation_error_message]}) from exc
    except ValidationError as exc:
        if hasattr(exc, "error_dict") and NON_FIELD_ERRORS in exc.error_dict:
            galat = dict(exc.error_dict)
            galat["nama"] = galat.pop(NON_FIELD_ERRORS) + galat.get("nama", [])
            raise ValidationError(galat) from exc
        raise


def _perbarui_rentang(diklat: Diklat) -> None:
    """``Diklat.tanggal_mulai``/``tanggal_selesai`` = the span of its sessions. The one writer of
    those two fields (lists, filters and the monthly figures read them)."""
    rentang = SesiDiklat.objects.filter(diklat=diklat).aggregate(mulai=Min("tanggal_mulai"), selesai=Max("tanggal_selesai"))
    Diklat.objects.filter(pk=diklat.pk).update(tanggal_mulai=rentang["mulai"], tanggal_selesai=rentang["selesai"])
    diklat.tanggal_mulai, diklat.tanggal_selesai = rentang["mulai"], rentang["selesai"]


def _gabung(*galat_list) -> dict:
    hasil: dict = {}
    for galat in galat_list:
        for kolom, pesan in galat.items():
            hasil.setdefault(kolom, []).extend(pesan)
    return hasil


def _galat_dict(exc: ValidationError) -> dict:
    return exc.message_dict if hasattr(exc, "error_dict") else {NON_FIELD_ERRORS: exc.messages}


def diklat_simpan(*, acting_user, diklat: Diklat, sesi: SesiDiklat | None = None, penyelenggara_lain=None) -> Diklat:
    """Record a new diklat with its first session (``sesi``: place and dates) in one transaction, or
    change a stored one (``sesi`` is then not given: sessions have their own service).

    The coverage is the city, one kecamatan or one kelurahan (the kecamatan of a kelurahan is filled
    in); who may organise it is ``DiklatQuerySet.scope_q``: an operator their own kelurahan's, a camat
    their kecamatan's or one of its kelurahan's, the city any. The quota may not fall below the
    participants already registered. ``penyelenggara_lain``: the co-organisers (the organiser itself
    is not listed twice)."""
    baru = diklat._state.adding
    if baru and sesi is None:
        raise ValidationError(_("Diklat baru dicatat bersama sesi pertamanya (tempat dan tanggal)."))
    if not baru and sesi is not None:
        raise ValueError("diklat_simpan: sesi hanya untuk diklat baru; pakai sesi_simpan.")
    if diklat.kelurahan_id and not diklat.kecamatan_id:
        diklat.kecamatan_id = diklat.kelurahan.kecamatan_id
    with transaction.atomic():
        if not baru:
            tersimpan = ambil_untuk(acting_user, diklat, "change", kunci=True)
            diklat.status = tersimpan.status  # the status moves only through diklat_ubah_status
            diklat.tanggal_mulai, diklat.tanggal_selesai = tersimpan.tanggal_mulai, tersimpan.tanggal_selesai
        galat_sesi = {}
        if baru:
            diklat.status = StatusDiklat.RENCANA
            try:
                sesi.full_clean(exclude=["diklat"])
            except ValidationError as exc:
                galat_sesi = _galat_dict(exc)

        def aturan(d: Diklat):
            galat = {}
            if not baru:
                terdaftar = Peserta.objects.filter(diklat=d).count()
                if d.kuota < terdaftar:
                    galat["kuota"] = [_("Kuota tidak boleh kurang dari peserta yang sudah terdaftar (%(n)s orang).") % {"n": terdaftar}]
            if galat or galat_sesi:
                raise ValidationError(_gabung(galat, galat_sesi))

        try:
            simpan_dalam_lingkup(diklat, acting_user=acting_user, kolom_lingkup="kelurahan" if diklat.kelurahan_id else "kecamatan", aturan=aturan)
        except ValidationError as exc:
            if galat_sesi and not set(galat_sesi) <= set(_galat_dict(exc)):
                raise ValidationError(_gabung(_galat_dict(exc), galat_sesi)) from exc
            raise
        if penyelenggara_lain is not None:
            diklat.penyelenggara_lain.set([i for i in penyelenggara_lain if i.pk != diklat.penyelenggara_id])
        if baru:
            sesi.diklat = diklat
            sesi._history_user = acting_user
            sesi.save()
            _perbarui_rentang(diklat)
    return diklat


def status_tersedia(user, diklat: Diklat) -> list[str]:
    """The statuses ``user`` may move ``diklat`` to now: the ones ``diklat_ubah_status`` accepts (the
    page shows only these buttons). One query."""
    if not Diklat.objects.for_user(user, "change").filter(pk=diklat.pk).exists():
        return []
    return [s for s in LANGKAH_STATUS.get(diklat.status, ()) if not _alasan_status(diklat, s)]


def _alasan_status(diklat: Diklat, status: str) -> str:
    """Why ``diklat`` cannot move to ``status`` now ("" when it can)."""
    if status not in LANGKAH_STATUS.get(diklat.status, ()):
        return _("Diklat berstatus %(dari)s tidak dapat diubah menjadi %(ke)s.") % {
            "dari": diklat.get_status_display(), "ke": StatusDiklat(status).label if status in StatusDiklat.values else status,
        }  # fmt: skip
    if status == StatusDiklat.TERLAKSANA:
        hari_ini = timezone.localdate()
        if diklat.tanggal_selesai is None or diklat.tanggal_selesai >= hari_ini:
            return _("Diklat baru dapat dinyatakan terlaksana sesudah hari terakhirnya (%(tanggal)s) lewat.") % {"tanggal": tanggal_id(diklat.tanggal_selesai)}
    return ""


@transaction.atomic
def diklat_ubah_status(*, acting_user, diklat: Diklat, status: str) -> Diklat:
    """rencana → pendaftaran → terlaksana (only once its last day has passed); batal from rencana or
    pendaftaran. The organiser only (``for_user(user, "change")``), under the row's lock."""
    diklat = ambil_untuk(acting_user, diklat, "change", kunci=True)
    alasan = _alasan_status(diklat, status)
    if alasan:
        raise ValidationError({"status": alasan})
    diklat.status = status
    diklat._history_user = acting_user
    diklat.save(update_fields=["status"])
    return diklat


@transaction.atomic
def diklat_hapus(*, acting_user, diklat: Diklat) -> None:
    """Delete a diklat (with its sessions and modules) that has no participant; one with participants
    is cancelled instead (``diklat_ubah_status``)."""
    diklat = ambil_untuk(acting_user, diklat, "delete", kunci=True)
    if Peserta.objects.filter(diklat=diklat).exists():
        raise ValidationError(_("Diklat yang sudah mempunyai peserta tidak dapat dihapus. Batalkan diklat ini bila tidak jadi dilaksanakan."))
    diklat._history_user = acting_user
    diklat.delete()


def diklat_dikelola(acting_user, diklat_id: int, *, pesan_batal=None) -> Diklat:
    """The diklat ``acting_user`` organises (``change``), its row locked for the rest of the
    transaction (its sessions, quota, attendance days and certificate numbers are decided under
    it); PermissionDenied otherwise. With ``pesan_batal``, a cancelled diklat refuses with it."""
    diklat = ambil_untuk(acting_user, Diklat(pk=diklat_id), "change", kunci=True)
    if pesan_batal is not None and diklat.status == StatusDiklat.BATAL:
        raise ValidationError(pesan_batal, code="batal")
    return diklat


def sesi_simpan(*, acting_user, sesi: SesiDiklat) -> SesiDiklat:
    """Add or change a session of a diklat the user organises. A session stays in its diklat; it may
    not be shortened so that attendance already recorded or a module falls outside it. The diklat's
    span follows its sessions (``_perbarui_rentang``)."""
    if not sesi.diklat_id:
        raise PermissionDenied
    with transaction.atomic():
        diklat = diklat_dikelola(acting_user, sesi.diklat_id)
        if sesi.pk is not None:
            tersimpan = SesiDiklat.objects.filter(pk=sesi.pk, diklat=diklat).first()
            if tersimpan is None:
                raise PermissionDenied  # a session of another diklat: it does not move
        sesi._history_user = acting_user
        sesi.full_clean()
        if sesi.pk is not None:
            galat = []
            mulai, selesai = sesi.tanggal_mulai, sesi.tanggal_selesai
            hadir = Kehadiran.objects.filter(peserta__sesi=sesi).exclude(tanggal__range=(mulai, selesai)).order_by("tanggal")
            luar = hadir.values_list("tanggal", flat=True).first()
            if luar is not None:
                galat.append(_("Kehadiran peserta sudah dicatat pada %(tanggal)s, di luar tanggal baru sesi ini. Perbaiki kehadiran itu dulu.") % {"tanggal": tanggal_id(luar)})
            materi = Materi.objects.filter(sesi=sesi).exclude(tanggal__range=(mulai, selesai)).order_by("tanggal").first()
            if materi is not None:
                galat.append(_("Materi \"%(judul)s\" dijadwalkan pada %(tanggal)s, di luar tanggal baru sesi ini. Pindahkan materi itu dulu.") % {"judul": materi.judul, "tanggal": tanggal_id(materi.tanggal)})
            if galat:
                raise ValidationError({"tanggal_selesai" if sesi.tanggal_mulai == tersimpan.tanggal_mulai else "tanggal_mulai": galat})
        sesi.save()
        _perbarui_rentang(diklat)
    return sesi


@transaction.atomic
def sesi_hapus(*, acting_user, sesi: SesiDiklat) -> None:
    """Delete a session (with its modules) without participants; a diklat keeps at least one."""
    diklat = diklat_dikelola(acting_user, sesi.diklat_id)
    sesi = SesiDiklat.objects.filter(pk=sesi.pk, diklat=diklat).first()
    if sesi is None:
        raise PermissionDenied
    if Peserta.objects.filter(sesi=sesi).exists():
        raise ValidationError(_("Sesi yang sudah mempunyai peserta tidak dapat dihapus."))
    if not SesiDiklat.objects.filter(diklat=diklat).exclude(pk=sesi.pk).exists():
        raise ValidationError(_("Ini satu-satunya sesi diklat ini. Diklat perlu minimal satu sesi; ubah tanggalnya saja."))
    sesi._history_user = acting_user
    sesi.delete()
    _perbarui_rentang(diklat)


def _sesi_untuk(acting_user, sesi_id) -> SesiDiklat:
    """A session of a diklat the user organises (its diklat locked)."""
    sesi = SesiDiklat.objects.filter(pk=sesi_id).only("pk", "diklat_id").first()
    if sesi is None:
        raise PermissionDenied
    diklat_dikelola(acting_user, sesi.diklat_id)
    return sesi


def materi_simpan(*, acting_user, materi: Materi) -> Materi:
    """Add or change a module: its day inside its session (``Materi.clean``), the speaker from the
    directory the user sees. A stored module moves only between sessions of its diklat."""
    if not materi.sesi_id:
        raise PermissionDenied
    with transaction.atomic():
        sesi = _sesi_untuk(acting_user, materi.sesi_id)
        if materi.pk is not None:
            tersimpan = Materi.objects.filter(pk=materi.pk).select_related("sesi").first()
            if tersimpan is None or tersimpan.sesi.diklat_id != sesi.diklat_id:
                raise PermissionDenied
        if materi.narasumber_id and not Narasumber.objects.for_user(acting_user).filter(pk=materi.narasumber_id).exists():
            raise ValidationError({"narasumber": _("Pilih narasumber dari daftar.")})
        materi._history_user = acting_user
        materi.full_clean()
        materi.save()
    return materi


@transaction.atomic
def materi_hapus(*, acting_user, materi: Materi) -> None:
    """Delete a module that no participant has rated yet."""
    materi = Materi.objects.filter(pk=materi.pk).first()
    if materi is None:
        raise PermissionDenied
    _sesi_untuk(acting_user, materi.sesi_id)
    if NilaiMateri.objects.filter(materi=materi).exists():
        raise ValidationError(_("Materi ini sudah dinilai peserta dalam evaluasi, sehingga tidak dapat dihapus."))
    materi._history_user = acting_user
    materi.delete()


# --- peserta ---


#: The constraint behind each "the same person once per diklat" rule, and the field its message goes on.
#: (PostgreSQL names the constraint, SQLite its columns.)
_KONSTRAIN_ORANG = (
    (("peserta_sekali_per_diklat", "pelatihan_peserta.kunci_orang"), "nama"),
    (("peserta_kader_sekali_per_diklat", "pelatihan_peserta.kader_id"), "kader"),
    (("peserta_pengurus_sekali_per_diklat", "pelatihan_peserta.pengurus_id"), "pengurus"),
)


def _pesan_terdaftar(peserta: Peserta, lain: Peserta | None = None) -> str:
    """The refusal that names the person already registered (the stored row when known)."""
    orang = lain or peserta
    asal = orang.kelurahan.nama if orang.kelurahan_id else _("kantor Kecamatan %(nama)s") % {"nama": orang.kecamatan.nama}
    return _("%(nama)s (%(asal)s) sudah terdaftar sebagai peserta diklat ini; satu orang hanya sekali per diklat.") % {
        "nama": orang.nama, "asal": asal,
    }  # fmt: skip


def periksa_pendaftaran(acting_user, diklat: Diklat) -> None:
    """The diklat takes (or edits) participants for this user now: not cancelled, and open for
    registration unless the user organises it. A ValidationError says why not. The same rule as
    ``PesertaQuerySet.scope_q`` (which the save checks again), worded for the user."""
    if diklat.status == StatusDiklat.BATAL:
        raise ValidationError(_("Diklat ini dibatalkan: pesertanya tidak dapat didaftarkan, diubah atau dihapus."))
    if diklat.status != StatusDiklat.PENDAFTARAN and not Diklat.objects.for_user(acting_user, "change").filter(pk=diklat.pk).exists():
        raise ValidationError(
            _("Pendaftaran diklat ini tidak sedang dibuka (status: %(status)s). Hanya penyelenggara yang dapat mengubah daftar peserta sekarang.")
            % {"status": diklat.get_status_display()}
        )


def _lengkapi(peserta: Peserta, diklat: Diklat) -> None:
    """What the service derives before checking: the kecamatan from the kelurahan, the one session of
    a diklat that has only one, the person's key (``Peserta.clean`` computes it again)."""
    if peserta.kelurahan_id and not peserta.kecamatan_id:
        peserta.kecamatan_id = peserta.kelurahan.kecamatan_id
    if not peserta.sesi_id:
        sesi = list(diklat.sesi_set.order_by("tanggal_mulai", "pk")[:2])
        if not sesi:
            raise ValidationError(_("Diklat ini belum mempunyai sesi: tambahkan tempat dan tanggalnya dulu."))
        if len(sesi) > 1:
            raise ValidationError({"sesi": _("Pilih sesi yang diikuti peserta.")})
        peserta.sesi = sesi[0]
    if peserta.kecamatan_id or peserta.kelurahan_id:
        peserta.kunci_orang = peserta.hitung_kunci_orang()


def peserta_simpan(*, acting_user, peserta: Peserta) -> Peserta:
    """Register (new ``peserta``) or edit a participant: the one door.

    Rules: the user may add/change this participant (``Peserta.objects.for_user``: the organiser, or a
    user of the participant's region while registration is open); a cancelled diklat refuses; the
    model's clean (coverage, session, ``kunci_orang``); the quota (participants < ``kuota``, counted
    while the diklat's row is locked, so two registrations cannot both take the last place); the same
    person once per diklat (name + kelurahan/kecamatan, the cadre, the board member), with a message
    naming the person, also when the database's unique constraint is the one that stops it."""
    baru = peserta._state.adding
    with transaction.atomic():
        diklat = Diklat.objects.select_for_update(of=("self",)).filter(pk=peserta.diklat_id).first()
        if diklat is None or not Diklat.objects.for_user(acting_user, "view").filter(pk=diklat.pk).exists():
            raise PermissionDenied
        if not baru:
            tersimpan = ambil_untuk(acting_user, peserta, "change")
            if tersimpan.diklat_id != peserta.diklat_id:
                raise ValidationError({"diklat": _("Peserta tidak dapat dipindah ke diklat lain; hapus lalu daftarkan di diklat itu.")})
        peserta.diklat = diklat
        periksa_pendaftaran(acting_user, diklat)
        _lengkapi(peserta, diklat)

        def aturan(p: Peserta) -> None:
            lain = Peserta.objects.filter(diklat=diklat).exclude(pk=p.pk).select_related("kelurahan", "kecamatan")
            sama = lain.filter(kunci_orang=p.kunci_orang).first()
            if sama is not None:
                raise ValidationError({"nama": _pesan_terdaftar(p, sama)})
            if p.kader_id and (sama := lain.filter(kader_id=p.kader_id).first()) is not None:
                raise ValidationError({"kader": _pesan_terdaftar(p, sama)})
            if p.pengurus_id and (sama := lain.filter(pengurus_id=p.pengurus_id).first()) is not None:
                raise ValidationError({"pengurus": _pesan_terdaftar(p, sama)})
            if baru and lain.count() >= diklat.kuota:
                raise ValidationError(
                    _("Kuota diklat ini sudah penuh (%(kuota)d peserta). Peserta baru tidak dapat didaftarkan.") % {"kuota": diklat.kuota}
                )

        try:
            simpan_dalam_lingkup(peserta, acting_user=acting_user, kolom_lingkup="kelurahan", aturan=aturan)
        except IntegrityError as exc:
            # Two registrations of one person raced past the checks (the diklat lock makes it rare):
            # the unique constraint decided; say so as the check would have.
            for tanda, kolom in _KONSTRAIN_ORANG:
                if any(t in str(exc) for t in tanda):
                    if baru:
                        peserta.pk, peserta._state.adding = None, True
                    raise ValidationError({kolom: _pesan_terdaftar(peserta)}) from exc
            raise
    return peserta


def _ambil_orang(acting_user, label: str, obj_atau_pk, *, pesan: str):
    """A cadre or board member the user may see, read through its own app's ``for_user`` (a foreign
    key by label only: the programmes do not import each other)."""
    model = apps.get_model(*label.split("."))
    pk = getattr(obj_atau_pk, "pk", obj_atau_pk)
    qs = model.objects.for_user(acting_user, "view")
    orang = qs.filter(pk=pk).first() if pk else None
    if orang is None:
        raise ValidationError({NON_FIELD_ERRORS: pesan})
    return orang


def kader_terdaftar(acting_user, diklat: Diklat):
    """The active cadres (``kader.Kader``) the user may register for ``diklat``: in the user's view
    scope and inside the diklat's coverage."""
    qs = apps.get_model("kader", "Kader").objects.for_user(acting_user, "view").aktif()
    return _dalam_cakupan(qs, diklat, "kelurahan")


def pengurus_terdaftar(acting_user, diklat: Diklat):
    """The board members (``lkk.Pengurus``) serving today that the user may register for ``diklat``."""
    qs = apps.get_model("lkk", "Pengurus").objects.for_user(acting_user, "view").menjabat_pada()
    return _dalam_cakupan(qs, diklat, "lembaga__kelurahan")


def _dalam_cakupan(qs, diklat: Diklat, lookup: str):
    if diklat.kelurahan_id:
        return qs.filter(**{f"{lookup}_id": diklat.kelurahan_id})
    if diklat.kecamatan_id:
        return qs.filter(**{f"{lookup}__kecamatan_id": diklat.kecamatan_id})
    return qs


def peserta_dari_kader(*, acting_user, diklat: Diklat, kader, sesi=None) -> Peserta:
    """Register an active cadre (KPM) the user may see: name, sex, kelurahan and phone are copied; the
    unsur is KPM. Then ``peserta_simpan`` (quota, once per diklat, scope, coverage)."""
    k = _ambil_orang(acting_user, "kader.Kader", kader, pesan=_("KPM ini tidak ditemukan di wilayah kerja Anda."))
    if not kader_terdaftar(acting_user, diklat).filter(pk=k.pk).exists():
        raise ValidationError({"kader": _("%(nama)s tidak dapat didaftarkan: KPM nonaktif atau di luar cakupan diklat ini (%(cakupan)s).") % {"nama": k.nama, "cakupan": diklat.cakupan_label}})
    kelurahan = k.kelurahan
    peserta = Peserta(
        diklat=diklat, sesi=sesi, kader=k, nama=k.nama, jenis_kelamin=k.jenis_kelamin or "", unsur=UnsurPeserta.KPM,
        jabatan=_("Kader Pemberdayaan Masyarakat"), lembaga_asal=_("KPM Kelurahan %(nama)s") % {"nama": kelurahan.nama},
        kelurahan=kelurahan, kecamatan_id=kelurahan.kecamatan_id, telepon=k.telepon or "",
    )  # fmt: skip
    return peserta_simpan(acting_user=acting_user, peserta=peserta)


def peserta_dari_pengurus(*, acting_user, diklat: Diklat, pengurus, sesi=None) -> Peserta:
    """Register an LKK board member serving today: name, sex, phone, the lembaga's kelurahan, the
    position and the lembaga are copied; the unsur is LKK. Then ``peserta_simpan``."""
    p = _ambil_orang(acting_user, "lkk.Pengurus", pengurus, pesan=_("Pengurus LKK ini tidak ditemukan di wilayah kerja Anda."))
    if not pengurus_terdaftar(acting_user, diklat).filter(pk=p.pk).exists():
        raise ValidationError({"pengurus": _("%(nama)s tidak dapat didaftarkan: masa jabatannya tidak berlaku hari ini atau di luar cakupan diklat ini (%(cakupan)s).") % {"nama": p.nama, "cakupan": diklat.cakupan_label}})
    lembaga = p.lembaga
    kelurahan = lembaga.kelurahan
    peserta = Peserta(
        diklat=diklat, sesi=sesi, pengurus=p, nama=p.nama, jenis_kelamin=p.jenis_kelamin or "", unsur=UnsurPeserta.LKK,
        jabatan=p.jabatan_label[:150], lembaga_asal=lembaga.nama[:150],
        kelurahan=kelurahan, kecamatan_id=kelurahan.kecamatan_id, telepon=p.telepon or "",
    )  # fmt: skip
    return peserta_simpan(acting_user=acting_user, peserta=peserta)


def alasan_tidak_dapat_dihapus(peserta: Peserta) -> str:
    """Why a participant cannot be removed ("" when it can): once attendance, a certificate, an
    evaluation or a follow-up commitment is recorded, the registration is history."""
    if peserta.kode_verifikasi:
        return _("%(nama)s sudah menerima sertifikat, jadi tidak dapat dihapus dari diklat.") % {"nama": peserta.nama}
    if peserta.kehadiran_set.exists():
        return _("Kehadiran %(nama)s sudah dicatat, jadi tidak dapat dihapus dari diklat.") % {"nama": peserta.nama}
    if Evaluasi.objects.filter(peserta=peserta).exists():
        return _("%(nama)s sudah mengisi evaluasi, jadi tidak dapat dihapus dari diklat.") % {"nama": peserta.nama}
    if peserta.rencana_set.exists():
        return _("%(nama)s sudah mempunyai rencana tindak lanjut, jadi tidak dapat dihapus dari diklat.") % {"nama": peserta.nama}
    return ""


@transaction.atomic
def peserta_hapus(*, acting_user, peserta: Peserta) -> None:
    """Remove a registration the user may delete (same scope as editing), while the diklat takes
    changes from them, and only while nothing hangs on it (``alasan_tidak_dapat_dihapus``)."""
    tersimpan = ambil_untuk(acting_user, peserta, "delete", kunci=True)
    periksa_pendaftaran(acting_user, tersimpan.diklat)
    alasan = alasan_tidak_dapat_dihapus(tersimpan)
    if alasan:
        raise ValidationError(alasan)
    tersimpan._history_user = acting_user
    tersimpan.delete()


# --- kehadiran dan evaluasi ---


PESAN_DIKLAT_BATAL = gettext_lazy("Diklat ini dibatalkan: kehadiran dan evaluasinya tidak dapat dicatat lagi.")


def bilangan_bulat(x) -> int | None:
    """A whole number given as an int or as digits (a form's key, a sheet's cell); else None."""
    if isinstance(x, bool):
        return None
    if isinstance(x, int):
        return x
    if isinstance(x, str) and x.strip().isascii() and x.strip().isdigit():
        return int(x.strip())
    return None


@dataclass(frozen=True)
class HasilKehadiran:
    """What one save of a day did: rows created, rows changed, rows already as given."""

    baru: int
    diubah: int
    tetap: int


def kehadiran_catat(*, acting_user, diklat: Diklat, tanggal: dt.date, status_per_peserta: Mapping) -> HasilKehadiran:
    """Record one day's attendance of many participants of ``diklat`` at once, all or nothing.

    ``status_per_peserta``: {participant id: ``StatusHadir`` value}. Every participant must be one
    the user organises (``Peserta.objects.for_user(user, "kelola")``) of this diklat; the day must
    lie in each one's session and not in the future (``Kehadiran.clean``: a bad day refuses the
    whole day). One row per participant and day (the unique constraint): new rows are created,
    changed ones updated, unchanged ones left alone, each write with its history row, in a fixed
    number of statements whatever the number of participants. A change that would leave a
    participant who already has a certificate no longer complete (``PesertaQuerySet.dengan_kehadiran``)
    is refused."""
    if not status_per_peserta:
        raise ValidationError(_("Tidak ada peserta yang kehadirannya dicatat."))
    bersih: dict[int, str] = {}
    for kunci, status in status_per_peserta.items():
        pk = bilangan_bulat(kunci)
        if pk is None:
            raise ValidationError(_("Data kehadiran tidak sah: peserta tidak dikenal."))
        if status not in StatusHadir.values:
            raise ValidationError(_("Status kehadiran tidak dikenal. Pilih Hadir, Izin, Sakit atau Tidak hadir."))
        bersih[pk] = status
    if not isinstance(tanggal, dt.date) or isinstance(tanggal, dt.datetime):
        raise ValidationError({"tanggal": _("Tanggal tidak sah.")})
    with transaction.atomic():
        diklat = diklat_dikelola(acting_user, diklat.pk, pesan_batal=PESAN_DIKLAT_BATAL)
        peserta = {
            p.pk: p
            for p in Peserta.objects.for_user(acting_user, "kelola")
            .filter(diklat=diklat, pk__in=list(bersih))
            .select_related("sesi")
            .select_for_update(of=("self",))
        }
        asing = set(bersih) - set(peserta)
        if asing:
            raise ValidationError(_("%(n)d peserta yang dikirim bukan peserta diklat ini. Tidak ada yang disimpan.") % {"n": len(asing)})
        lama = {k.peserta_id: k for k in Kehadiran.objects.filter(peserta_id__in=list(peserta), tanggal=tanggal)}
        semula = {pk: k.status for pk, k in lama.items()}
        baru, ubah, tetap, galat = [], [], 0, []
        for pk, status in sorted(bersih.items()):
            baris = lama.get(pk) or Kehadiran(peserta=peserta[pk], tanggal=tanggal)
            baris.peserta = peserta[pk]  # its session is loaded: clean() asks no query
            baris.status = status
            try:
                # The participant is checked above, the unique constraint by the upsert: no query per row.
                baris.full_clean(exclude=["peserta"], validate_unique=False, validate_constraints=False)
            except ValidationError as exc:
                for pesan in exc.messages:
                    if pesan not in galat:
                        galat.append(pesan)
                continue
            if pk not in lama:
                baru.append(baris)
            elif semula[pk] != status:
                ubah.append(baris)
            else:
                tetap += 1
        if galat:
            raise ValidationError({"tanggal": galat})
        bulk_create_with_history(baru, Kehadiran, default_user=acting_user)
        bulk_update_with_history(ubah, Kehadiran, ["status"], default_user=acting_user)
        bersertifikat = [b.peserta_id for b in ubah if b.peserta.bersertifikat]
        if bersertifikat:
            gagal = list(Peserta.objects.filter(pk__in=bersertifikat).dengan_kehadiran().filter(lulus=False).values_list("nama", flat=True)[:5])
            if gagal:  # raised inside the transaction: the writes above are rolled back
                raise ValidationError(
                    _("Perubahan ini membuat peserta yang sudah bersertifikat tidak lagi memenuhi kehadiran minimal: %(nama)s. Tidak ada yang disimpan.")
                    % {"nama": ", ".join(gagal)}
                )
    return HasilKehadiran(baru=len(baru), diubah=len(ubah), tetap=tetap)


def _nilai_1_5(x) -> int | None:
    n = bilangan_bulat(x)
    return n if n is not None and 1 <= n <= 5 else None


def evaluasi_simpan(
    *, acting_user, peserta: Peserta, nilai_umum, manfaat: str = "", saran: str = "", nilai: Mapping
) -> Evaluasi:
    """Enter (or replace) a participant's questionnaire, as the organiser types in the paper form.

    ``nilai``: {module id: (module rating, speaker rating or None)}, ratings 1 to 5, modules of the
    participant's own session only (a module left out is not rated). Only a participant the user
    organises (``for_user(user, "kelola")``) who was present at least one day
    (``PesertaQuerySet.dengan_kehadiran``). One evaluation per participant: saving again replaces
    its answers (ratings no longer given are removed), each change with its history row."""
    galat = {}
    umum = _nilai_1_5(nilai_umum)
    if umum is None:
        galat["nilai_umum"] = _("Penilaian keseluruhan antara 1 dan 5.")
    with transaction.atomic():
        pastikan_boleh(acting_user, Peserta, "kelola")
        baris = (
            Peserta.objects.for_user(acting_user, "kelola").select_for_update(of=("self",)).filter(pk=peserta.pk).first()
            if peserta.pk is not None else None
        )  # fmt: skip
        if baris is None:
            terlihat = Peserta.objects.for_user(acting_user, "view").filter(pk=peserta.pk).select_related("diklat").first()
            if terlihat is not None and terlihat.diklat.status == StatusDiklat.BATAL:
                raise ValidationError(PESAN_DIKLAT_BATAL)
            raise PermissionDenied
        hadir = Peserta.objects.filter(pk=baris.pk).dengan_kehadiran().values_list("hari_hadir", flat=True).get()
        if not hadir:
            raise ValidationError(_("%(nama)s belum tercatat hadir satu hari pun: evaluasi diisi oleh peserta yang mengikuti diklat.") % {"nama": baris.nama})
        materi = {m.pk: m for m in Materi.objects.filter(sesi_id=baris.sesi_id).select_related("narasumber")}
        bersih: dict[int, tuple[int, int | None]] = {}
        for kunci, pasangan in nilai.items():
            pk = bilangan_bulat(kunci)
            if pk not in materi:
                galat.setdefault("__all__", []).append(_("Materi yang dinilai harus materi sesi peserta ini."))
                continue
            try:
                nilai_materi, nilai_narasumber = pasangan
            except (TypeError, ValueError):
                galat.setdefault("__all__", []).append(_("Nilai materi tidak sah."))
                continue
            nm = _nilai_1_5(nilai_materi)
            nn = None if nilai_narasumber in (None, "") else _nilai_1_5(nilai_narasumber)
            if nm is None or (nilai_narasumber not in (None, "") and nn is None):
                galat[f"materi_{pk}"] = _("Nilai materi dan narasumber antara 1 dan 5.")
                continue
            if nn is not None and materi[pk].narasumber_id is None:
                galat[f"narasumber_{pk}"] = _("Materi ini tanpa narasumber: nilai narasumber dikosongkan.")
                continue
            bersih[pk] = (nm, nn)
        if galat:
            raise ValidationError(galat)
        evaluasi = Evaluasi.objects.filter(peserta=baris).first() or Evaluasi(peserta=baris)
        evaluasi.nilai_umum, evaluasi.manfaat, evaluasi.saran = umum, (manfaat or "").strip(), (saran or "").strip()
        evaluasi._history_user = acting_user
        evaluasi.full_clean(exclude=["peserta"], validate_unique=False)
        evaluasi.save()
        lama = {n.materi_id: n for n in NilaiMateri.objects.filter(evaluasi=evaluasi)}
        for n in lama.values():
            if n.materi_id not in bersih:
                n._history_user = acting_user
                n.delete()
        baru, ubah = [], []
        for pk, (nm, nn) in bersih.items():
            n = lama.get(pk)
            if n is None:
                baru.append(NilaiMateri(evaluasi=evaluasi, materi_id=pk, nilai_materi=nm, nilai_narasumber=nn))
            elif (n.nilai_materi, n.nilai_narasumber) != (nm, nn):
                n.nilai_materi, n.nilai_narasumber = nm, nn
                ubah.append(n)
        bulk_create_with_history(baru, NilaiMateri, default_user=acting_user)
        bulk_update_with_history(ubah, NilaiMateri, ["nilai_materi", "nilai_narasumber"], default_user=acting_user)
    return evaluasi


# --- sertifikat ---

KOLOM_SERTIFIKAT = ["nomor_urut_sertifikat", "nomor_sertifikat", "kode_verifikasi", "sertifikat_terbit"]
KOLOM_LAIN = [f.name for f in Peserta._meta.concrete_fields if f.name not in KOLOM_SERTIFIKAT]
#: Attempts at a fresh set of verification codes when one collides (about 58 bits each: never in practice).
PERCOBAAN_KODE = 5
#: The batch job writes its progress (``selesai``) every this many pages.
HALAMAN_PER_KEMAJUAN = 10


def awalan_nomor_sertifikat(diklat: Diklat) -> str:
    """What follows the running number: the diklat's own format, else ``DIKLAT-<pk>/<year it ends>``."""
    if diklat.awalan_nomor_sertifikat.strip():
        return diklat.awalan_nomor_sertifikat.strip()
    tanggal = diklat.tanggal_selesai or diklat.tanggal_mulai or timezone.localdate()
    return f"DIKLAT-{diklat.pk}/{tanggal.year}"


def _kode_baru(jumlah: int) -> list[str]:
    """``jumlah`` verification codes, distinct from each other and from every stored one."""
    kode: set[str] = set()
    while len(kode) < jumlah:
        calon = {buat_kode_verifikasi() for _ in range(jumlah - len(kode))}
        kode |= calon - set(Peserta.objects.filter(kode_verifikasi__in=calon).values_list("kode_verifikasi", flat=True))
    return list(kode)


def sertifikat_terbitkan(*, acting_user, diklat: Diklat, peserta_ids: Iterable[int] | None = None) -> list[Peserta]:
    """Issue the certificates of ``diklat``: to the participants ``peserta_ids`` (all or nothing), or
    to every participant who completed it. Returns the participants issued now.

    Only the organiser (``Peserta.objects.for_user(user, "kelola")``). Completed is
    ``Peserta.objects.dengan_kehadiran()``'s ``lulus`` (the one place of the rule); a participant
    asked for who did not complete refuses the whole request, naming them. The diklat's row is
    locked, so numbers run on without gaps or doubles (``nomor_urut_sertifikat``: the next in the
    diklat; ``nomor_sertifikat``: ``001/<awalan>``); already-issued participants keep theirs."""
    with transaction.atomic():
        diklat = diklat_dikelola(acting_user, diklat.pk, pesan_batal=_("Diklat ini dibatalkan; sertifikatnya tidak dapat diterbitkan."))
        dikelola = Peserta.objects.for_user(acting_user, "kelola").filter(diklat=diklat)
        calon = dikelola.dengan_kehadiran().select_related("diklat", "sesi", "kecamatan", "kelurahan").order_by("nama", "pk")
        if peserta_ids is not None:
            ids = {int(pk) for pk in peserta_ids}
            if not ids:
                raise ValidationError(_("Pilih minimal satu peserta."), code="kosong")
            calon = list(calon.filter(pk__in=ids))
            if len(calon) != len(ids):
                raise ValidationError(_("Sebagian peserta yang dipilih tidak ditemukan di diklat ini."), code="tidak_ditemukan")
            belum_lulus = [p.nama for p in calon if not p.lulus]
            if belum_lulus:
                raise ValidationError(
                    _("Sertifikat hanya untuk peserta yang menyelesaikan diklat. Belum memenuhi kehadiran minimal (%(persen)s%%): %(nama)s.")
                    % {"persen": diklat.persen_hadir_minimal, "nama": ", ".join(belum_lulus)},
                    code="belum_lulus",
                )
        else:
            calon = list(calon.filter(lulus=True))
        baru = [p for p in calon if not p.bersertifikat]
        if not baru:
            return []
        urut = (Peserta.objects.filter(diklat=diklat).aggregate(n=Max("nomor_urut_sertifikat"))["n"] or 0) + 1
        awalan = awalan_nomor_sertifikat(diklat)
        sekarang = timezone.now()
        for i, peserta in enumerate(baru):
            peserta.nomor_urut_sertifikat = urut + i
            peserta.nomor_sertifikat = f"{urut + i:03d}/{awalan}"[:120]
            peserta.sertifikat_terbit = sekarang
        for percobaan in range(PERCOBAAN_KODE):
            for peserta, kode in zip(baru, _kode_baru(len(baru))):
                peserta.kode_verifikasi = kode
            for peserta in baru:
                # The fields written, checked row by row; the constraints over rows (a number once per
                # diklat, a code once, a certificate complete) are the database's, checked by the one
                # UPDATE below: a full_clean per row would ask ~10 queries each (3,000 for 300 rows).
                try:
                    peserta.clean_fields(exclude=KOLOM_LAIN)
                except ValidationError as exc:
                    raise ValidationError(_("%(nama)s: %(pesan)s") % {"nama": peserta.nama, "pesan": " ".join(exc.messages)}) from exc
            try:
                with transaction.atomic():  # a code taken by a concurrent issue in between: draw again
                    bulk_update_with_history(baru, Peserta, KOLOM_SERTIFIKAT, batch_size=500, default_user=acting_user)
                break
            except IntegrityError:
                if percobaan == PERCOBAAN_KODE - 1:
                    raise
        return baru


def cetak_mulai(*, acting_user, diklat: Diklat) -> CetakSertifikat:
    """Start a batch job: every issued certificate of ``diklat`` as one PDF, rendered by the task
    ``pelatihan.cetak_sertifikat`` once this transaction commits (eagerly without a broker). The
    task id is chosen before the job row is written, so nothing writes the row once the task may hold it."""
    from .tasks import antrikan_cetak

    with transaction.atomic():
        diklat = diklat_dikelola(acting_user, diklat.pk, pesan_batal=_("Diklat ini dibatalkan; sertifikatnya tidak dicetak."))
        jumlah = Peserta.objects.for_user(acting_user, "kelola").filter(diklat_id=diklat.pk).bersertifikat().count()
        if not jumlah:
            raise ValidationError(_("Belum ada sertifikat yang terbit di diklat ini. Terbitkan sertifikat dulu."), code="kosong")
        job = CetakSertifikat(diklat_id=diklat.pk, pemilik=acting_user, task_id=uuid.uuid4().hex, jumlah=jumlah)
        job.full_clean()
        job.save()
        transaction.on_commit(lambda: antrikan_cetak(job))
    return job


def cetak_kerjakan(job_id: int) -> str:
    """Render a batch job (the task's body) and return its status.

    The job row is locked (``select_for_update``) to claim it (``berjalan``) and again to finish it,
    both in short transactions, so the progress the rendering writes in between (``selesai``, every
    ``HALAMAN_PER_KEMAJUAN`` pages, one short UPDATE each) can be read by the page. A finished or
    failed job is left as it is. A worker killed half-way leaves the job ``berjalan`` without a file;
    the next delivery renders it again; of two deliveries at once, the first to finish keeps its file."""
    from .cetak import sertifikat_pdf

    with transaction.atomic():
        job = CetakSertifikat.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.status in (StatusCetak.SELESAI, StatusCetak.GAGAL):
            return job.status if job else "hilang"
        peserta = list(
            Peserta.objects.for_user(job.pemilik, "kelola").filter(diklat_id=job.diklat_id).bersertifikat()
            .select_related("sesi", "kecamatan", "kelurahan").order_by("nomor_urut_sertifikat")
        )
        if not peserta:
            job.status, job.pesan, job.rampung = StatusCetak.GAGAL, _("Tidak ada sertifikat yang dapat dicetak."), timezone.now()
            job.save(update_fields=["status", "pesan", "rampung"])
            return job.status
        job.status, job.jumlah, job.selesai = StatusCetak.BERJALAN, len(peserta), 0
        job.save(update_fields=["status", "jumlah", "selesai"])
        diklat = Diklat.objects.select_related("penyelenggara").prefetch_related("penyelenggara_lain", "sesi_set").get(pk=job.diklat_id)

    def kemajuan(halaman: int) -> None:
        if halaman % HALAMAN_PER_KEMAJUAN == 0:
            CetakSertifikat.objects.filter(pk=job_id, status=StatusCetak.BERJALAN).update(selesai=halaman)

    pdf = sertifikat_pdf(diklat, peserta, setiap_halaman=kemajuan)
    with transaction.atomic():
        job = CetakSertifikat.objects.select_for_update().get(pk=job_id)
        if job.status != StatusCetak.BERJALAN:  # another delivery finished it meanwhile
            return job.status
        job.berkas.save(f"sertifikat-diklat-{diklat.pk}.pdf", ContentFile(pdf), save=False)
        nama = job.berkas.name
        job.status, job.selesai, job.rampung = StatusCetak.SELESAI, len(peserta), timezone.now()
        try:
            job.save(update_fields=["status", "selesai", "rampung", "berkas"])
        except Exception:
            job.berkas.storage.delete(nama)
            raise
    return job.status


def cetak_gagal(job_id: int, pesan: str) -> None:
    """A job whose task failed for good: the page says so instead of a progress bar for ever."""
    CetakSertifikat.objects.filter(pk=job_id, status__in=[StatusCetak.ANTRI, StatusCetak.BERJALAN]).update(
        status=StatusCetak.GAGAL, pesan=pesan[:2000], rampung=timezone.now()
    )


# --- follow-up (rencana tindak lanjut) ---


#: What only the setter of a commitment changes (``add`` on commitments: the camat, Bappeda); the
#: kelurahan's operator records its progress (``destinasi``, ``kader_baru``, ``selesai_pada``, ``catatan``).
KOLOM_KOMITMEN = ("peserta_id", "kelurahan_id", "jenis", "uraian", "rw_id", "target_jumlah", "tenggat")


def rencana_mulai_diklat(rencana: RencanaTindakLanjut) -> _dt.date | None:
    """The diklat's first day: new cadres count from it, a commitment is due and done after it."""
    return rencana.peserta.diklat.tanggal_mulai


def kader_boleh_ditautkan(user, rencana: RencanaTindakLanjut):
    """The cadres that may fulfil a ``kader`` commitment: the user may see them, of the commitment's
    kelurahan, started as KPM on or after the diklat's first day. A queryset (choices and checks)."""
    Kader = _apps.get_model("kader", "Kader")
    qs = Kader.objects.for_user(user, "view").filter(kelurahan_id=rencana.kelurahan_id)
    mulai = rencana_mulai_diklat(rencana)
    return qs.filter(tanggal_mulai__gte=mulai) if mulai else qs


def destinasi_boleh_ditautkan(user, rencana: RencanaTindakLanjut):
    """The destinations that may fulfil a ``destinasi`` commitment: the user may see them, in the
    commitment's kelurahan (and RW when it names one)."""
    Destinasi = _apps.get_model("wisata", "Destinasi")
    qs = Destinasi.objects.for_user(user, "view").filter(kelurahan_id=rencana.kelurahan_id)
    return qs.filter(rw_id=rencana.rw_id) if rencana.rw_id else qs


def _rencana_aturan(rencana: RencanaTindakLanjut, *, acting_user, lama, kader_ids: list[int] | None, hari_ini: _dt.date):
    """The commitment's multi-row rules and its ``selesai_pada`` (see ``rencana_simpan``)."""
    errors: dict[str, list[str]] = {}
    if lama is None:
        if not Peserta.objects.for_user(acting_user, "view").filter(pk=rencana.peserta_id).exists():
            raise _PermissionDenied
    elif not _boleh(acting_user, RencanaTindakLanjut, "add"):
        berubah = [k for k in KOLOM_KOMITMEN if getattr(lama, k) != getattr(rencana, k)]
        if berubah:
            raise _ValidationError(_g("Anda hanya dapat mencatat perkembangan komitmen ini; isi komitmennya diubah oleh kecamatan atau Bappeda."))
    mulai = rencana_mulai_diklat(rencana)
    if mulai and rencana.tenggat and rencana.tenggat < mulai:
        errors.setdefault("tenggat", []).append(_g("Tenggat tidak boleh sebelum diklat dimulai (%(tgl)s).") % {"tgl": _tanggal_id(mulai)})

    if rencana.destinasi_id and not destinasi_boleh_ditautkan(acting_user, rencana).filter(pk=rencana.destinasi_id).exists():
        errors.setdefault("destinasi", []).append(_g("Pilih destinasi di kelurahan (dan RW) komitmen ini yang dapat Anda lihat."))

    if kader_ids is None:  # kept as stored
        kader_ids = list(rencana.kader_baru.values_list("pk", flat=True)) if rencana.pk else []
    if kader_ids and rencana.jenis != JenisTindakLanjut.KADER:
        errors.setdefault("kader_baru", []).append(_g("Hanya komitmen KPM baru yang ditautkan ke KPM."))
    elif kader_ids:
        sah = set(kader_boleh_ditautkan(acting_user, rencana).filter(pk__in=kader_ids).values_list("pk", flat=True))
        if sah != set(kader_ids):
            errors.setdefault("kader_baru", []).append(
                _g("Hanya KPM kelurahan ini yang mulai bertugas sejak hari pertama diklat (%(tgl)s) yang dapat ditautkan.") % {"tgl": _tanggal_id(mulai)}
            )
        dipakai = RencanaTindakLanjut.objects.filter(kader_baru__in=kader_ids).exclude(pk=rencana.pk).values_list("kader_baru__nama", flat=True)
        dipakai = sorted(set(dipakai))
        if dipakai:
            errors.setdefault("kader_baru", []).append(_g("Sudah dihitung untuk komitmen lain: %(nama)s.") % {"nama": ", ".join(dipakai)})

    # selesai_pada: by the measurable link, or by hand for the others
    sebelumnya = lama.selesai_pada if lama is not None else None
    if rencana.jenis == JenisTindakLanjut.DESTINASI:
        rencana.selesai_pada = (sebelumnya or hari_ini) if rencana.destinasi_id else None
    elif rencana.jenis == JenisTindakLanjut.KADER:
        tercapai = bool(rencana.target_jumlah) and len(kader_ids) >= rencana.target_jumlah
        rencana.selesai_pada = (sebelumnya or hari_ini) if tercapai else None
    elif rencana.selesai_pada:
        if rencana.selesai_pada > hari_ini:
            errors.setdefault("selesai_pada", []).append(_g("Tanggal selesai tidak boleh di masa depan."))
        elif mulai and rencana.selesai_pada < mulai:
            errors.setdefault("selesai_pada", []).append(_g("Tanggal selesai tidak boleh sebelum diklat dimulai (%(tgl)s).") % {"tgl": _tanggal_id(mulai)})
    if errors:
        raise _ValidationError(errors)
    return kader_ids


def rencana_simpan(
    *, acting_user, rencana: RencanaTindakLanjut, kader_baru: _Iterable | None = None, hari_ini: _dt.date | None = None
) -> RencanaTindakLanjut:
    """Save a participant's commitment (new: the camat or Bappeda, for a participant they may see;
    changed: ``for_user(user, "change")``, the kelurahan's operator only its progress).

    ``selesai_pada`` follows the measurable link: a ``destinasi`` commitment is done when linked to
    a destination of its kelurahan (and RW) the user may see; a ``kader`` one when its new cadres
    (``kader_baru``: of its kelurahan, started on or after the diklat's first day, counted for no
    other commitment) reach ``target_jumlah``; unlinking reopens it. It keeps the day it was first
    done. ``lainnya`` is marked done by hand (a date between the diklat's first day and today).
    ``kader_baru`` None keeps the linked cadres as stored."""
    hari_ini = hari_ini or _timezone.localdate()
    kader_ids = None if kader_baru is None else sorted({getattr(k, "pk", k) for k in kader_baru})
    lama = None
    with _transaction.atomic():
        if rencana.pk is not None:
            lama = _ambil_untuk(acting_user, rencana, "change", kunci=True)
        hasil = {}

        def aturan(obj):
            hasil["kader_ids"] = _rencana_aturan(obj, acting_user=acting_user, lama=lama, kader_ids=kader_ids, hari_ini=hari_ini)

        rencana = _simpan_dalam_lingkup(rencana, acting_user=acting_user, kolom_lingkup="kelurahan", aturan=aturan)
        if kader_ids is not None or rencana.jenis != JenisTindakLanjut.KADER:
            rencana.kader_baru.set(hasil["kader_ids"])
    return rencana


def rencana_hapus(*, acting_user, rencana: RencanaTindakLanjut) -> None:
    """Delete a commitment (``for_user(user, "delete")``: the camat, Bappeda)."""
    with _transaction.atomic():
        baris = _ambil_untuk(acting_user, rencana, "delete", kunci=True)
        baris._history_user = acting_user
        baris.kader_baru.clear()
        baris.delete()
