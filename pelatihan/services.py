"""Every write of the pelatihan programme.

Each service takes keyword-only arguments and the acting user, asks ``for_user(acting_user, action)``
for the rows it touches, checks, and writes in one transaction; a refusal is a ``ValidationError``
(Indonesian, on the field it concerns) or ``PermissionDenied``, and writes nothing. Forms, imports,
the admin and the pages call these; nothing else writes pelatihan rows. Organising a diklat (its
data, status, sessions and modules) is ``Diklat.objects.for_user(user, "change")``.
"""

from __future__ import annotations

# --- diklat ---

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Min
from django.utils import timezone
from django.utils.translation import gettext as _

from wilayah.periode import tanggal_id
from wilayah.sel import kunci_nama
from wilayah.services import ambil_untuk, simpan_dalam_lingkup

from .models import Diklat, Instansi, Kehadiran, Materi, Narasumber, NilaiMateri, Peserta, SesiDiklat, StatusDiklat

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
    narasumber.kunci_nama = kunci_nama(narasumber.nama)[:100]
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


def _diklat_untuk(acting_user, diklat_id: int) -> Diklat:
    """The diklat ``acting_user`` organises, locked (its sessions and modules change under it)."""
    return ambil_untuk(acting_user, Diklat(pk=diklat_id), "change", kunci=True)


def sesi_simpan(*, acting_user, sesi: SesiDiklat) -> SesiDiklat:
    """Add or change a session of a diklat the user organises. A session stays in its diklat; it may
    not be shortened so that attendance already recorded or a module falls outside it. The diklat's
    span follows its sessions (``_perbarui_rentang``)."""
    if not sesi.diklat_id:
        raise PermissionDenied
    with transaction.atomic():
        diklat = _diklat_untuk(acting_user, sesi.diklat_id)
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
    diklat = _diklat_untuk(acting_user, sesi.diklat_id)
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
    _diklat_untuk(acting_user, sesi.diklat_id)
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
