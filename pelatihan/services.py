"""Every write of the pelatihan programme: keyword-only arguments, the acting user, ``for_user``,
``full_clean``, one transaction. Forms, imports, the admin and the pages call these."""


# --- follow-up (rencana tindak lanjut) ---
# Imports here, not at the top: the top of this file is written by several people at once.
import datetime as _dt  # noqa: E402
from collections.abc import Iterable as _Iterable  # noqa: E402

from django.apps import apps as _apps  # noqa: E402
from django.core.exceptions import PermissionDenied as _PermissionDenied  # noqa: E402
from django.core.exceptions import ValidationError as _ValidationError  # noqa: E402
from django.db import transaction as _transaction  # noqa: E402
from django.utils import timezone as _timezone  # noqa: E402
from django.utils.translation import gettext as _g  # noqa: E402

from wilayah.periode import tanggal_id as _tanggal_id  # noqa: E402
from wilayah.scoping import boleh as _boleh  # noqa: E402
from wilayah.services import ambil_untuk as _ambil_untuk  # noqa: E402
from wilayah.services import simpan_dalam_lingkup as _simpan_dalam_lingkup  # noqa: E402

from .models import JenisTindakLanjut, Peserta, RencanaTindakLanjut  # noqa: E402

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
