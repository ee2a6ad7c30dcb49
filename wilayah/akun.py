"""Accounts: who may manage which account, and every write on one. One door for the accounts page
(``/wilayah/akun/``), the admin's scope rows and the unlock in the admin.

Rules (each in one function below):

- ``boleh_kelola_akun(user, aksi)``: a superuser, or a user whose scope is the whole city, who holds the
  ``wilayah.Lingkup`` permission for the action and is not a read-only role: Bappeda. Kantor Wali Kota
  never manages accounts, whatever it is named as. The accounts pages declare the same question
  (``ScopedViewMixin`` with ``model = Lingkup`` and ``cakupan_wajib = Tingkat.KOTA``).
- ``akun_dikelola(user)``: the accounts the page shows and changes. For Bappeda: not superuser, not staff,
  a kelurahan or kecamatan scope, no group but the managed roles (``PERAN_TINGKAT``: Operator Kelurahan,
  Camat) and no permission of their own; so Bappeda never creates or changes a superuser, a staff
  member, a city-wide user or another Bappeda user. For a superuser: every other non-superuser account
  with a kelurahan or kecamatan scope.
- Only a superuser grants a city-wide scope (``lingkup_simpan``, the admin's door) or staff and superuser
  status (the user admin is the superuser's alone; these services never set them).
- ``boleh_buka_kunci``: unlocking a login lock-out is managing that account; a lock-out on a user name
  that is no account (someone guessing) Bappeda may clear too. A superuser's lock-out only a superuser
  clears: each address is locked on its own, so the real owner, from elsewhere, is not locked anyway.

Every change is a ``django.contrib.admin`` ``LogEntry`` on the user (who, when, what, in Indonesian);
``riwayat_akun`` reads them back, the admin's own entries on the user and the scope row included.
The temporary password is returned to the caller once and stored only as a hash.

Temporary passwords (``_beri_sandi_sementara``, the one place that hands one out) set the scope row's
``wajib_ganti_sandi``; ``wajib_ganti_sandi(user)`` is what ``wilayah.middleware.WajibGantiSandiMiddleware``
asks on every request, and ``sandi_ganti_sendiri`` (the portal's password page) clears it, recorded.
Superusers and accounts never given a temporary password here are never flagged.
"""

from __future__ import annotations

import logging
import secrets

from axes.models import AccessAttempt
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from .models import Kecamatan, Kelurahan, Lingkup
from .roles import CAMAT, OPERATOR_KELURAHAN, lupakan_peran_dan_izin
from .scoping import Tingkat, boleh, lingkup_of, mencakup

logger = logging.getLogger(__name__)

#: The roles Bappeda manages, and the level of the scope each one works at.
PERAN_TINGKAT = {OPERATOR_KELURAHAN: Tingkat.KELURAHAN, CAMAT: Tingkat.KECAMATAN}

#: Letters and digits that cannot be mistaken for one another when read out on the phone.
_HURUF_SANDI = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


# --------------------------------------------------------------------------- who may manage what


def boleh_kelola_akun(user, aksi: str = "change") -> bool:
    """May ``user`` manage accounts at all (``aksi``: add, change)? See the module docstring."""
    return mencakup(user, Tingkat.KOTA) and boleh(user, Lingkup, aksi)


def akun_dikelola(user):
    """The accounts ``user`` may see and change on the accounts page (none when they manage none)."""
    User = get_user_model()
    if not boleh_kelola_akun(user):
        return User.objects.none()
    qs = User.objects.filter(is_superuser=False, lingkup__tingkat__in=list(PERAN_TINGKAT.values()))
    if user.is_superuser:
        return qs
    lain = Group.objects.exclude(name__in=PERAN_TINGKAT)
    return qs.filter(is_staff=False).exclude(groups__in=lain).exclude(user_permissions__isnull=False)


def dapat_dikelola(user, akun) -> bool:
    return akun is not None and akun.pk is not None and akun_dikelola(user).filter(pk=akun.pk).exists()


def boleh_buka_kunci(user, nama_pengguna: str | None) -> bool:
    """May ``user`` clear the login lock-out of ``nama_pengguna``?"""
    if not boleh_kelola_akun(user):
        return False
    if user.is_superuser:
        return True
    akun = get_user_model().objects.filter(username=nama_pengguna).first() if nama_pengguna else None
    return akun is None or dapat_dikelola(user, akun)


def _pastikan_pengelola(acting_user, aksi: str = "change") -> None:
    if not boleh_kelola_akun(acting_user, aksi):
        raise PermissionDenied


def _ambil_akun(acting_user, akun):
    """The stored account, locked for this transaction, if ``acting_user`` may manage it."""
    _pastikan_pengelola(acting_user)
    baris = akun_dikelola(acting_user).select_for_update(of=("self",)).filter(pk=akun.pk).first()
    if baris is None:
        raise PermissionDenied
    return baris


# --------------------------------------------------------------------------- reading


def peran_akun(akun) -> str:
    """The managed role of an account ("" when it has none); reads ``groups.all()``, so a list can prefetch."""
    return next((g.name for g in akun.groups.all() if g.name in PERAN_TINGKAT), "")


def riwayat_akun(akun, batas: int = 50):
    """The account's record, newest first: this module's entries and the admin's (on the user and on
    its scope row)."""
    q = Q(content_type=ContentType.objects.get_for_model(get_user_model()), object_id=str(akun.pk))
    lingkup = Lingkup.objects.filter(user=akun).values_list("pk", flat=True).first()
    if lingkup is not None:
        q |= Q(content_type=ContentType.objects.get_for_model(Lingkup), object_id=str(lingkup))
    return LogEntry.objects.filter(q).select_related("user").order_by("-action_time", "-pk")[:batas]


def wajib_ganti_sandi(user) -> bool:
    """Must ``user`` still replace a temporary password before anything else? Reads the scope row through
    ``lingkup_of`` (cached on the user), so a request that loads it anyway pays no query; superusers: never."""
    if user is None or not user.is_authenticated or user.is_superuser:
        return False
    lingkup = lingkup_of(user)
    return lingkup is not None and lingkup.wajib_ganti_sandi


def sandi_sementara() -> str:
    """A temporary password: 12 random characters in groups of four (about 69 bits)."""
    return "-".join("".join(secrets.choice(_HURUF_SANDI) for _ in range(4)) for _ in range(3))


# --------------------------------------------------------------------------- writing


def _catat(acting_user, akun, flag: int, pesan: str) -> None:
    LogEntry.objects.log_actions(user_id=acting_user.pk, queryset=[akun], action_flag=flag, change_message=pesan, single_object=True)


def _beri_sandi_sementara(akun, lingkup) -> str:
    """Give ``akun`` a new temporary password (returned) and flag its scope row: the user must replace it.
    The caller saves both."""
    sandi = sandi_sementara()
    akun.set_password(sandi)
    lingkup.wajib_ganti_sandi = True
    return sandi


def _wilayah(acting_user, peran: str, kelurahan, kecamatan):
    """(tingkat, kelurahan, kecamatan) of a managed role, the region checked against the acting user's."""
    if peran not in PERAN_TINGKAT:
        raise ValidationError({"peran": _("Pilih peran Operator Kelurahan atau Camat.")})
    tingkat = PERAN_TINGKAT[peran]
    if tingkat == Tingkat.KELURAHAN:
        if kelurahan is None:
            raise ValidationError({"kelurahan": _("Operator Kelurahan harus diberi satu kelurahan.")})
        if not Kelurahan.objects.for_user(acting_user).filter(pk=kelurahan.pk).exists():
            raise ValidationError({"kelurahan": _("Kelurahan ini di luar wilayah kerja Anda.")})
        return tingkat, kelurahan, None
    if kecamatan is None:
        raise ValidationError({"kecamatan": _("Camat harus diberi satu kecamatan.")})
    if not Kecamatan.objects.for_user(acting_user).filter(pk=kecamatan.pk).exists():
        raise ValidationError({"kecamatan": _("Kecamatan ini di luar wilayah kerja Anda.")})
    return tingkat, None, kecamatan


def _atur_peran(akun, peran: str) -> None:
    akun.groups.remove(*Group.objects.filter(name__in=PERAN_TINGKAT).exclude(name=peran))
    akun.groups.add(Group.objects.get(name=peran))
    lupakan_peran_dan_izin(akun)
    getattr(akun, "_prefetched_objects_cache", {}).pop("groups", None)


def akun_buat(*, acting_user, username: str, nama_lengkap: str, email: str = "", peran: str, kelurahan=None, kecamatan=None, jabatan: str = ""):
    """A new kelurahan or kecamatan account with a temporary password: returns (account, password)."""
    _pastikan_pengelola(acting_user, "add")
    User = get_user_model()
    username, nama_lengkap, email = username.strip(), nama_lengkap.strip(), (email or "").strip()
    galat = {}
    if not nama_lengkap:
        galat["nama_lengkap"] = _("Isi nama lengkap.")
    if username and User.objects.filter(username__iexact=username).exists():
        galat["username"] = _("Nama pengguna ini sudah dipakai (huruf besar dan kecil tidak dibedakan).")
    if galat:
        raise ValidationError(galat)
    tingkat, kelurahan, kecamatan = _wilayah(acting_user, peran, kelurahan, kecamatan)
    akun = User(username=username, first_name=nama_lengkap, email=email, is_active=True, is_staff=False, is_superuser=False)
    lingkup = Lingkup(tingkat=tingkat, kelurahan=kelurahan, kecamatan=kecamatan, jabatan=jabatan.strip())
    sandi = _beri_sandi_sementara(akun, lingkup)
    with transaction.atomic():
        akun.full_clean()
        lingkup.full_clean(exclude=["user"])
        akun.save()
        lingkup.user = akun
        lingkup.save()
        _atur_peran(akun, peran)
        _catat(acting_user, akun, ADDITION, _("Akun dibuat: %(peran)s, %(wilayah)s%(jabatan)s; kata sandi sementara diberikan.") % {
            "peran": peran, "wilayah": lingkup.wilayah_label, "jabatan": f", {lingkup.jabatan}" if lingkup.jabatan else "",
        })  # fmt: skip
    return akun, sandi


def akun_ubah(*, acting_user, akun, nama_lengkap: str, email: str = "", peran: str, kelurahan=None, kecamatan=None, jabatan: str = ""):
    """Change an account's name, e-mail, role and scope. Returns the account."""
    with transaction.atomic():
        akun = _ambil_akun(acting_user, akun)
        lingkup = Lingkup.objects.select_for_update().get(user=akun)
        nama_lengkap, email, jabatan = nama_lengkap.strip(), (email or "").strip(), jabatan.strip()
        if not nama_lengkap:
            raise ValidationError({"nama_lengkap": _("Isi nama lengkap.")})
        tingkat, kelurahan, kecamatan = _wilayah(acting_user, peran, kelurahan, kecamatan)
        sebelum = {
            _("nama"): akun.get_full_name(), _("email"): akun.email, _("peran"): peran_akun(akun),
            _("lingkup"): lingkup.wilayah_label, _("jabatan"): lingkup.jabatan,
        }  # fmt: skip
        # The full name is kept in first_name (Indonesian names do not split into given and family names).
        akun.first_name, akun.last_name, akun.email = nama_lengkap, "", email
        lingkup.tingkat, lingkup.kelurahan, lingkup.kecamatan, lingkup.jabatan = tingkat, kelurahan, kecamatan, jabatan
        akun.full_clean(exclude=["password"])
        lingkup.full_clean()
        akun.save(update_fields=["first_name", "last_name", "email"])
        lingkup.save()
        _atur_peran(akun, peran)
        sesudah = {
            _("nama"): akun.first_name, _("email"): akun.email, _("peran"): peran,
            _("lingkup"): lingkup.wilayah_label, _("jabatan"): lingkup.jabatan,
        }  # fmt: skip
        berubah = [f"{k}: {sebelum[k] or '-'} → {sesudah[k] or '-'}" for k in sesudah if sebelum[k] != sesudah[k]]
        if berubah:
            _catat(acting_user, akun, CHANGE, _("Diubah: %s.") % "; ".join(berubah))
    return akun


def akun_atur_aktif(*, acting_user, akun, aktif: bool):
    """Deactivate (the account can no longer log in, its sessions end) or reactivate an account."""
    with transaction.atomic():
        akun = _ambil_akun(acting_user, akun)
        if akun.is_active == aktif:
            raise ValidationError(_("Akun ini sudah aktif.") if aktif else _("Akun ini sudah nonaktif."))
        akun.is_active = aktif
        akun.save(update_fields=["is_active"])
        _catat(acting_user, akun, CHANGE, _("Akun diaktifkan kembali.") if aktif else _("Akun dinonaktifkan."))
    return akun


def akun_atur_ulang_sandi(*, acting_user, akun) -> str:
    """Replace the password with a temporary one (its other sessions end); returns it, once."""
    with transaction.atomic():
        akun = _ambil_akun(acting_user, akun)
        lingkup = Lingkup.objects.select_for_update().get(user=akun)
        sandi = _beri_sandi_sementara(akun, lingkup)
        akun.save(update_fields=["password"])
        lingkup.save(update_fields=["wajib_ganti_sandi"])
        _catat(acting_user, akun, CHANGE, _("Kata sandi diatur ulang: kata sandi sementara diberikan."))
    return sandi


def sandi_ganti_sendiri(*, acting_user, sandi_baru: str) -> bool:
    """The user replaces their own password (the portal's password page, after its form checked the old one
    and the validators). Clears ``wajib_ganti_sandi``; replacing a temporary password is recorded on the
    account. Returns whether a temporary password was replaced. The caller keeps the session
    (``update_session_auth_hash``)."""
    with transaction.atomic():
        acting_user.set_password(sandi_baru)
        acting_user.save(update_fields=["password"])
        sementara = Lingkup.objects.filter(user=acting_user, wajib_ganti_sandi=True).update(wajib_ganti_sandi=False)
        if sementara:
            _catat(acting_user, acting_user, CHANGE, _("Kata sandi sementara diganti oleh pengguna."))
    if getattr(acting_user, "_lingkup_cache", None) is not None:
        acting_user._lingkup_cache.wajib_ganti_sandi = False
    return bool(sementara)


def buka_kunci(*, acting_user, username: str | None, ip_address: str | None = None) -> int:
    """Clear the login lock-out of a user name (from every address, or from ``ip_address``): removes axes'
    attempt records and returns from how many addresses. Logged, and recorded on the account when there
    is one."""
    if not boleh_buka_kunci(acting_user, username):
        raise PermissionDenied
    with transaction.atomic():
        percobaan = AccessAttempt.objects.filter(username=username)
        if ip_address is not None:
            percobaan = percobaan.filter(ip_address=ip_address)
        alamat = sorted({a or "-" for a in percobaan.values_list("ip_address", flat=True)})
        percobaan.delete()
        if not alamat:
            return 0
        akun = get_user_model().objects.filter(username=username).first() if username else None
        pesan = _("Kunci masuk dibuka (alamat %(alamat)s).") % {"alamat": ", ".join(alamat)}
        if akun is not None:
            _catat(acting_user, akun, CHANGE, pesan)
    logger.info("Kunci masuk %r dibuka oleh %s (alamat %s).", username, acting_user.get_username(), ", ".join(alamat))
    return len(alamat)


def lingkup_simpan(*, acting_user, lingkup):
    """The admin's door for a scope row: a superuser's alone (so is every city-wide scope; the accounts
    page never offers one). Recorded on the account."""
    if not acting_user.is_superuser:
        raise PermissionDenied
    baru = lingkup._state.adding
    with transaction.atomic():
        lingkup.full_clean()
        lingkup.save()
        lingkup.user.__dict__.pop("_lingkup_cache", None)
        pesan = _("Lingkup diberikan di admin: %s.") if baru else _("Lingkup diubah di admin: %s.")
        _catat(acting_user, lingkup.user, CHANGE, pesan % lingkup.wilayah_label)
    return lingkup


def lingkup_hapus(*, acting_user, lingkup) -> None:
    """Remove a scope row (admin, superuser only): the account then sees nothing. Recorded on the account."""
    if not acting_user.is_superuser:
        raise PermissionDenied
    with transaction.atomic():
        akun, label = lingkup.user, lingkup.wilayah_label
        lingkup.delete()
        _catat(acting_user, akun, CHANGE, _("Lingkup dihapus di admin: %s.") % label)
