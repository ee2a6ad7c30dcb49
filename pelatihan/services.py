"""Every write of the pelatihan programme (HackSoft style: keyword-only arguments, the acting user,
one transaction, ``for_user`` asked, ``full_clean``). Views, forms, imports and the admin call these."""

from __future__ import annotations

# --- peserta ---
from django.apps import apps
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from wilayah.services import ambil_untuk, simpan_dalam_lingkup

from .models import Diklat, Evaluasi, Peserta, StatusDiklat, UnsurPeserta

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


def diklat_dikelola(acting_user, diklat: Diklat) -> bool:
    """Whether ``acting_user`` organises ``diklat`` (may change it): the organiser registers in any
    status but cancelled; others only while registration is open (``PesertaQuerySet.scope_q``)."""
    return Diklat.objects.for_user(acting_user, "change").filter(pk=diklat.pk).exists()


def periksa_pendaftaran(acting_user, diklat: Diklat) -> None:
    """The diklat takes (or edits) participants for this user now: not cancelled, and open for
    registration unless the user organises it. A ValidationError says why not. The same rule as
    ``PesertaQuerySet.scope_q`` (which the save checks again), worded for the user."""
    if diklat.status == StatusDiklat.BATAL:
        raise ValidationError(_("Diklat ini dibatalkan: pesertanya tidak dapat didaftarkan, diubah atau dihapus."))
    if diklat.status != StatusDiklat.PENDAFTARAN and not diklat_dikelola(acting_user, diklat):
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
