"""A month's data: completeness (DHIS2's expected / actual / on time) and the lock.

- A kelurahan's operator confirms "Data bulan ini sudah lengkap" (``KonfirmasiBulan``, through
  ``bulan_konfirmasi``).
- Expected: the kelurahan of the region (every kelurahan in the tree is active in every period).
  Actual: those that confirmed. On time: those that confirmed by ``PengaturanBulan.hari_tepat_waktu``
  of the following month (to the end of that day, Asia/Jakarta).
- A month locks ``PengaturanBulan.hari_kunci`` days after its last day: from the day after
  ``tanggal_kunci`` nothing dated in it may be changed, unless Bappeda granted the kelurahan a
  ``PengecualianKunci`` for that month still valid today.
- The lock applies from ``PengaturanBulan.kunci_mulai`` on (the first month Bappeda publishes; empty:
  not in force). Months before it stay open: a kelurahan that starts using the portal records its
  history (cadres active since 2019, an SK of 2021) as ordinary data entry, while a month the city has
  reported on cannot change silently afterwards.

Programme services call ``pastikan_terbuka(kelurahan_id, tanggal, ...)`` with the dates that put a
record in a month (old and new), before they write; a stored row's change is checked by
``pastikan_perubahan_terbuka`` (old and new dates, old and new kelurahan, figures of a dated row);
imports check many rows with one ``PemeriksaKunci``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .periode import TAHUN_AKHIR, TAHUN_AWAL, batas_bulan, bulan_tahun, kode_bulan, tambah_bulan, tanggal_id
from .scoping import boleh

# --------------------------------------------------------------------------- the rules of a month


def tanggal_kunci(tahun: int, bulan: int, *, pengaturan=None) -> dt.date:
    """The last day a month may still be changed: its last day plus ``hari_kunci``."""
    from .models import PengaturanBulan

    pengaturan = pengaturan or PengaturanBulan.aktif()
    return batas_bulan(tahun, bulan)[1] + dt.timedelta(days=pengaturan.hari_kunci)


def batas_tepat_waktu(tahun: int, bulan: int, *, pengaturan=None) -> dt.date:
    """The last day a confirmation counts as on time: day ``hari_tepat_waktu`` of the next month."""
    from .models import PengaturanBulan

    pengaturan = pengaturan or PengaturanBulan.aktif()
    berikut = tambah_bulan(dt.date(tahun, bulan, 1), 1)
    return berikut.replace(day=pengaturan.hari_tepat_waktu)


def akhir_tepat_waktu(tahun: int, bulan: int, *, pengaturan=None) -> dt.datetime:
    """The first moment that is late: midnight (Asia/Jakarta) after ``batas_tepat_waktu`` (for queries)."""
    hari = batas_tepat_waktu(tahun, bulan, pengaturan=pengaturan) + dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(hari, dt.time.min))


def tepat_waktu(dikonfirmasi_pada: dt.datetime, tahun: int, bulan: int, *, pengaturan=None) -> bool:
    """The rule the counting queries use too: confirmed before ``akhir_tepat_waktu``."""
    return dikonfirmasi_pada < akhir_tepat_waktu(tahun, bulan, pengaturan=pengaturan)


def kunci_berlaku(tahun: int, bulan: int, pengaturan) -> bool:
    """Whether the lock applies to this month at all (``kunci_mulai`` set and not after it)."""
    mulai = pengaturan.kunci_mulai
    return mulai is not None and (tahun, bulan) >= (mulai.year, mulai.month)


def lewat_kunci(tahun: int, bulan: int, *, hari_ini: dt.date, pengaturan) -> bool:
    """The month is locked for every kelurahan without an exception (the lock applies and its date passed)."""
    return kunci_berlaku(tahun, bulan, pengaturan) and hari_ini > tanggal_kunci(tahun, bulan, pengaturan=pengaturan)


@dataclass(frozen=True)
class StatusBulan:
    tahun: int
    bulan: int
    terkunci: bool
    tanggal_kunci: dt.date
    pengecualian_sampai: dt.date | None = None  # an exception valid today lets the kelurahan change it
    berlaku: bool = True  # False: a month before ``kunci_mulai`` (or the lock is not in force): never locked

    @property
    def nama(self) -> str:
        return bulan_tahun(self.tahun, self.bulan)


def status_bulan(kelurahan_id: int, tahun: int, bulan: int, *, hari_ini: dt.date | None = None, pengaturan=None) -> StatusBulan:
    """Whether the month is locked for this kelurahan today (two queries at most)."""
    return PemeriksaKunci([kelurahan_id], hari_ini=hari_ini, pengaturan=pengaturan).status(kelurahan_id, tahun, bulan)


def pesan_terkunci(status: StatusBulan, nama_kelurahan: str = "") -> str:
    pesan = _("Data bulan %(bulan)s sudah dikunci sejak %(tanggal)s, jadi perubahan untuk bulan itu tidak disimpan.") % {
        "bulan": status.nama, "tanggal": tanggal_id(status.tanggal_kunci + dt.timedelta(days=1)),
    }
    if nama_kelurahan:
        return pesan + " " + _("Bila memang perlu diperbaiki, minta Bappeda memberi pengecualian kunci untuk %(kelurahan)s.") % {
            "kelurahan": nama_kelurahan,
        }
    return pesan + " " + _("Bila memang perlu diperbaiki, minta Bappeda memberi pengecualian kunci.")


class PemeriksaKunci:
    """Checks many writes against the lock with data loaded once: the settings (one query when built) and,
    only when some month asked about is past its lock date, the exceptions valid today (one query, for
    ``kelurahan_ids`` or every kelurahan; they are few). A refusal's kelurahan name costs one query per
    kelurahan. An import builds one for the whole file; ``pastikan_terbuka`` one per call."""

    def __init__(self, kelurahan_ids: Iterable[int] | None = None, *, hari_ini: dt.date | None = None, pengaturan=None):
        from .models import PengaturanBulan

        self.hari_ini = hari_ini or timezone.localdate()
        self.pengaturan = pengaturan or PengaturanBulan.aktif()
        self._kelurahan_ids = None if kelurahan_ids is None else {k for k in kelurahan_ids if k is not None}
        self._pengecualian: dict[tuple[int, int, int], dt.date] | None = None
        self._nama: dict[int, str] = {}

    def _muat_pengecualian(self) -> dict:
        if self._pengecualian is None:
            from .models import PengecualianKunci

            qs = PengecualianKunci.objects.filter(berlaku_sampai__gte=self.hari_ini)
            if self._kelurahan_ids is not None and len(self._kelurahan_ids) <= 500:
                qs = qs.filter(kelurahan_id__in=self._kelurahan_ids)
            self._pengecualian = {
                (k, t, b): s for k, t, b, s in qs.values_list("kelurahan_id", "tahun", "bulan", "berlaku_sampai")
            }
        return self._pengecualian

    def status(self, kelurahan_id: int, tahun: int, bulan: int) -> StatusBulan:
        kunci = tanggal_kunci(tahun, bulan, pengaturan=self.pengaturan)
        if not kunci_berlaku(tahun, bulan, self.pengaturan):
            return StatusBulan(tahun, bulan, False, kunci, berlaku=False)
        if self.hari_ini <= kunci:
            return StatusBulan(tahun, bulan, False, kunci)
        sampai = self._muat_pengecualian().get((kelurahan_id, tahun, bulan))
        return StatusBulan(tahun, bulan, sampai is None, kunci, sampai)

    def nama_kelurahan(self, kelurahan_id: int) -> str:
        if kelurahan_id not in self._nama:
            from .models import Kelurahan

            self._nama[kelurahan_id] = str(Kelurahan.objects.filter(pk=kelurahan_id).first() or "")
        return self._nama[kelurahan_id]

    def pesan(self, kelurahan_id: int | None, *tanggal: dt.date | None) -> str | None:
        """The refusal for the first locked month among ``tanggal`` (None: all open)."""
        if kelurahan_id is None:
            return None
        for tahun, bln in sorted({(t.year, t.month) for t in tanggal if t is not None}):
            status = self.status(kelurahan_id, tahun, bln)
            if status.terkunci:
                return pesan_terkunci(status, self.nama_kelurahan(kelurahan_id))
        return None

    def periksa(self, kelurahan_id: int | None, *tanggal: dt.date | None, field: str | None = None) -> None:
        """``ValidationError`` (on ``field`` when given, code ``bulan_terkunci``) when a date lies in a locked month."""
        pesan = self.pesan(kelurahan_id, *tanggal)
        if pesan is not None:
            raise ValidationError({field: pesan} if field else pesan, code="bulan_terkunci")


def pastikan_terbuka(kelurahan_id: int | None, *tanggal: dt.date | None, field: str | None = None, hari_ini: dt.date | None = None,
                     pemeriksa: PemeriksaKunci | None = None) -> None:
    """Refuse (``ValidationError``, on ``field`` when given) a write whose dates lie in a month locked
    for the kelurahan. Dates of ``None`` are ignored; each distinct month is checked once. One query
    (the settings) while no month asked about is past its lock date; two when one is."""
    if kelurahan_id is None or all(t is None for t in tanggal):
        return
    pemeriksa = pemeriksa or PemeriksaKunci([kelurahan_id], hari_ini=hari_ini)
    pemeriksa.periksa(kelurahan_id, *tanggal, field=field)


def pastikan_perubahan_terbuka(obj, *, tanggal: Sequence[str], isi: Sequence[str] = (), kelurahan: str = "kelurahan",
                               kelurahan_id: int | None = None, pemeriksa: PemeriksaKunci | None = None) -> None:
    """Refuse a save of ``obj`` (new or stored) that changes what a locked month holds.

    ``tanggal``: the date fields that put the row in a month (a cadre's start, an event's first day);
    ``isi``: fields whose value counts in the month of those dates (an event's visitors); ``kelurahan``:
    the lookup from the row to its kelurahan (``"lembaga__kelurahan"``), ``kelurahan_id`` its new value
    when not ``obj.kelurahan_id``. A new row: the months of its dates. A stored row (its stored values read
    in one query): a date that changes, both months; a kelurahan that changes, every old date in the old
    kelurahan and every new one in the new; a changed ``isi`` field, the months of the row's dates. The
    refusal lands on the field that made the change."""
    if kelurahan_id is None and "__" not in kelurahan:
        kelurahan_id = getattr(obj, f"{kelurahan}_id", None)
    baru = {f: getattr(obj, f) for f in tanggal}
    lama = None
    if not obj._state.adding and obj.pk is not None:
        lama = type(obj)._default_manager.filter(pk=obj.pk).values(kelurahan, *tanggal, *isi).first()
    if lama is None:
        cek = [(kelurahan_id, [nilai], f) for f, nilai in baru.items()]
    elif lama[kelurahan] != kelurahan_id:
        pindah = kelurahan.split("__")[0]  # the form's field that moved the row
        cek = [(lama[kelurahan], [lama[f] for f in tanggal], pindah), (kelurahan_id, list(baru.values()), pindah)]
    else:
        cek = [(kelurahan_id, [lama[f], baru[f]], f) for f in tanggal if lama[f] != baru[f]]
        berubah = [f for f in isi if lama[f] != getattr(obj, f)]
        if berubah:
            semua = [lama[f] for f in tanggal] + list(baru.values())
            cek.append((kelurahan_id, semua, berubah[0]))
    if not any(kel is not None and any(t is not None for t in tgl) for kel, tgl, _f in cek):
        return
    kel_ids = {kel for kel, _t, _f in cek}
    pemeriksa = pemeriksa or PemeriksaKunci(kel_ids)
    for kel, tgl, kolom in cek:
        pemeriksa.periksa(kel, *tgl, field=kolom)


@dataclass
class BarisKelengkapan:
    """A row of the completeness table (a kecamatan, or the city): expected, actual, on time."""

    diharapkan: int = 0
    aktual: int = 0
    tepat_waktu: int = 0

    @property
    def persen_aktual(self) -> float:
        return round(100 * self.aktual / self.diharapkan, 1) if self.diharapkan else 0.0

    @property
    def persen_tepat_waktu(self) -> float:
        return round(100 * self.tepat_waktu / self.diharapkan, 1) if self.diharapkan else 0.0


@dataclass
class Kelengkapan(BarisKelengkapan):
    """DHIS2's reporting rates for one month over a set of kelurahan."""

    dikonfirmasi: dict = field(default_factory=dict)  # kelurahan id -> (confirmed at, on time)

    def as_dict(self) -> dict:
        return {"diharapkan": self.diharapkan, "aktual": self.aktual, "tepat_waktu": self.tepat_waktu}


def kelengkapan(tahun: int, bulan: int, kelurahan_ids) -> Kelengkapan:
    """Expected, actual and on-time confirmations of the month over ``kelurahan_ids`` (a list or a
    queryset of ids). Two queries, whatever the number of kelurahan."""
    from .models import KonfirmasiBulan, PengaturanBulan

    pengaturan = PengaturanBulan.aktif()
    ids = set(kelurahan_ids)
    dikonfirmasi = {}
    # the month's confirmations, kept for ``ids`` here: no list of thousands of ids sent to the database
    for kel_id, pada in KonfirmasiBulan.objects.filter(tahun=tahun, bulan=bulan).values_list("kelurahan_id", "dikonfirmasi_pada"):
        if kel_id in ids:
            dikonfirmasi[kel_id] = (pada, tepat_waktu(pada, tahun, bulan, pengaturan=pengaturan))
    return Kelengkapan(
        diharapkan=len(ids), aktual=len(dikonfirmasi), tepat_waktu=sum(1 for _p, t in dikonfirmasi.values() if t),
        dikonfirmasi=dikonfirmasi,
    )


# --------------------------------------------------------------------------- writes (one door each)


def _bulan_sah(tahun, bulan) -> tuple[int, int]:
    try:
        tahun, bulan = int(tahun), int(bulan)
    except (TypeError, ValueError):
        tahun = bulan = 0
    if not (TAHUN_AWAL <= tahun <= TAHUN_AKHIR and 1 <= bulan <= 12):
        raise ValidationError({"bulan": _("Bulan tidak dikenal.")}, code="bulan_tidak_sah")
    return tahun, bulan


def _kelurahan_untuk(acting_user, kelurahan):
    """The stored kelurahan if the user's scope reaches it; PermissionDenied otherwise."""
    from .models import Kelurahan

    kel = Kelurahan.objects.for_user(acting_user).filter(pk=getattr(kelurahan, "pk", kelurahan)).first()
    if kel is None:
        raise PermissionDenied
    return kel


def _nama_pengguna(user) -> str:
    if user is None:
        return _("pengguna yang sudah dihapus")
    return user.get_full_name() or user.get_username()


def pesan_sudah_dikonfirmasi(konfirmasi) -> str:
    return _("Data bulan %(bulan)s sudah dikonfirmasi lengkap pada %(pada)s oleh %(oleh)s.") % {
        "bulan": bulan_tahun(konfirmasi.tahun, konfirmasi.bulan),
        "pada": date_format(timezone.localtime(konfirmasi.dikonfirmasi_pada), "j F Y H:i"),
        "oleh": _nama_pengguna(konfirmasi.dikonfirmasi_oleh),
    }


@transaction.atomic
def bulan_konfirmasi(*, kelurahan, tahun: int, bulan: int, acting_user):
    """The kelurahan's operator (or Bappeda) confirms "Data bulan ini sudah lengkap" for a month that has
    started and is not locked for the kelurahan. Refused: a role that may not confirm (PermissionDenied:
    camat, Kantor Wali Kota), a kelurahan outside the scope (PermissionDenied), a month not started yet, a
    locked month (``pesan_terkunci``), a month confirmed already (who and when; code ``sudah_dikonfirmasi``)."""
    from .models import KonfirmasiBulan

    if not boleh(acting_user, KonfirmasiBulan, "add"):
        raise PermissionDenied
    kel = _kelurahan_untuk(acting_user, kelurahan)
    tahun, bulan = _bulan_sah(tahun, bulan)
    pemeriksa = PemeriksaKunci([kel.pk])
    if dt.date(tahun, bulan, 1) > pemeriksa.hari_ini:
        raise ValidationError({"bulan": _("Bulan %(bulan)s belum dimulai; kelengkapan dikonfirmasi setelah datanya dicatat.") % {
            "bulan": bulan_tahun(tahun, bulan)}}, code="bulan_belum_dimulai")
    ada = (
        KonfirmasiBulan.objects.select_for_update(of=("self",)).select_related("dikonfirmasi_oleh")
        .filter(kelurahan=kel, tahun=tahun, bulan=bulan).order_by().first()
    )
    if ada is not None:
        raise ValidationError({"bulan": pesan_sudah_dikonfirmasi(ada)}, code="sudah_dikonfirmasi")
    status = pemeriksa.status(kel.pk, tahun, bulan)
    if status.terkunci:
        raise ValidationError({"bulan": pesan_terkunci(status, str(kel))}, code="bulan_terkunci")
    konfirmasi = KonfirmasiBulan(kelurahan=kel, tahun=tahun, bulan=bulan, dikonfirmasi_oleh=acting_user, dikonfirmasi_pada=timezone.now())
    konfirmasi.full_clean()
    try:
        with transaction.atomic():
            konfirmasi.save()
    except IntegrityError:  # confirmed a moment ago in another request
        ada = KonfirmasiBulan.objects.select_related("dikonfirmasi_oleh").get(kelurahan=kel, tahun=tahun, bulan=bulan)
        raise ValidationError({"bulan": pesan_sudah_dikonfirmasi(ada)}, code="sudah_dikonfirmasi") from None
    return konfirmasi


@transaction.atomic
def pengecualian_beri(*, kelurahan, tahun: int, bulan: int, berlaku_sampai: dt.date, alasan: str, acting_user):
    """Bappeda lets one kelurahan change a month (locked or about to lock) until ``berlaku_sampai`` (not in
    the past). The kelurahan's exception for that month, if any, is updated instead of a second one."""
    from .models import PengecualianKunci

    if not boleh(acting_user, PengecualianKunci, "add") or not boleh(acting_user, PengecualianKunci, "change"):
        raise PermissionDenied
    kel = _kelurahan_untuk(acting_user, kelurahan)
    tahun, bulan = _bulan_sah(tahun, bulan)
    hari_ini = timezone.localdate()
    errors = {}
    if dt.date(tahun, bulan, 1) > hari_ini:
        errors["bulan"] = _("Bulan %(bulan)s belum dimulai, jadi belum perlu pengecualian.") % {"bulan": bulan_tahun(tahun, bulan)}
    if berlaku_sampai is None or berlaku_sampai < hari_ini:
        errors["berlaku_sampai"] = _("Pengecualian berlaku sampai hari ini atau sesudahnya.")
    alasan = (alasan or "").strip()
    if not alasan:
        errors["alasan"] = _("Tulis alasan pengecualian (misalnya data yang perlu diperbaiki).")
    if errors:
        raise ValidationError(errors)
    pengecualian = (
        PengecualianKunci.objects.for_user(acting_user, "change").select_for_update(of=("self",))
        .filter(kelurahan=kel, tahun=tahun, bulan=bulan).first()
    ) or PengecualianKunci(kelurahan=kel, tahun=tahun, bulan=bulan)
    pengecualian.berlaku_sampai = berlaku_sampai
    pengecualian.alasan = alasan
    pengecualian.diberikan_oleh = acting_user
    pengecualian.full_clean()
    pengecualian.save()
    return pengecualian


@transaction.atomic
def pengecualian_cabut(*, pengecualian, acting_user) -> None:
    """Revoke an exception (Bappeda): the month is locked again for the kelurahan."""
    from .models import PengecualianKunci

    baris = PengecualianKunci.objects.for_user(acting_user, "delete").filter(pk=getattr(pengecualian, "pk", pengecualian)).first()
    if baris is None:
        raise PermissionDenied
    baris.delete()


TETAP = object()  # pengaturan_bulan_ubah: leave ``kunci_mulai`` as it is


@transaction.atomic
def pengaturan_bulan_ubah(*, hari_tepat_waktu: int, hari_kunci: int, kunci_mulai=TETAP, acting_user):
    """Bappeda sets the on-time day, the lock delay and, when given, the first month the lock applies to
    (any day of it; ``None``: the lock is not in force)."""
    from .models import PengaturanBulan

    if not boleh(acting_user, PengaturanBulan, "change"):
        raise PermissionDenied
    pengaturan = PengaturanBulan.objects.select_for_update().order_by("pk").first() or PengaturanBulan()
    pengaturan.hari_tepat_waktu = hari_tepat_waktu
    pengaturan.hari_kunci = hari_kunci
    if kunci_mulai is not TETAP:
        if kunci_mulai is not None and not TAHUN_AWAL <= kunci_mulai.year <= TAHUN_AKHIR:
            raise ValidationError({"kunci_mulai": _("Bulan tidak dikenal.")})
        pengaturan.kunci_mulai = kunci_mulai.replace(day=1) if kunci_mulai else None
    pengaturan.full_clean()
    pengaturan.save()
    return pengaturan


@transaction.atomic
def kunci_mulai_bila_kosong(*, tahun: int, bulan: int, acting_user=None):
    """Put the lock in force from this month when Bappeda has not set it yet: for the report run, when the
    city's report of its first month is published (a published month then cannot change silently).
    Nothing changes when the lock already has a first month."""
    from .models import PengaturanBulan

    tahun, bulan = _bulan_sah(tahun, bulan)
    pengaturan = PengaturanBulan.objects.select_for_update().order_by("pk").first() or PengaturanBulan()
    if pengaturan.kunci_mulai is None:
        pengaturan.kunci_mulai = dt.date(tahun, bulan, 1)
        pengaturan.full_clean()
        pengaturan.save()
    return pengaturan


# --------------------------------------------------------------------------- what pages show


@dataclass(frozen=True)
class BulanKelurahan:
    """One month on a kelurahan's card: its confirmation, on-time cut-off and lock."""

    tahun: int
    bulan: int
    konfirmasi: object | None
    tepat_waktu: bool
    batas_tepat_waktu: dt.date
    status: StatusBulan
    boleh_konfirmasi: bool

    @property
    def nama(self) -> str:
        return bulan_tahun(self.tahun, self.bulan)

    @property
    def kode(self) -> str:
        return kode_bulan(self.tahun, self.bulan)

    @property
    def oleh(self) -> str:
        return _nama_pengguna(self.konfirmasi.dikonfirmasi_oleh) if self.konfirmasi else ""


def bulan_kelurahan(kelurahan, user, *, hari_ini: dt.date | None = None) -> list[BulanKelurahan]:
    """This month and last month of a kelurahan (its home page card); three queries at most. A month can be
    confirmed by a user who may add confirmations (the page is in their scope), while it is not confirmed
    and not locked."""
    from django.db.models import Q

    from .models import KonfirmasiBulan

    pemeriksa = PemeriksaKunci([kelurahan.pk], hari_ini=hari_ini)
    ini = pemeriksa.hari_ini.replace(day=1)
    lalu = tambah_bulan(ini, -1)
    bulan_list = [(ini.year, ini.month), (lalu.year, lalu.month)]
    boleh_tambah = boleh(user, KonfirmasiBulan, "add")
    konfirmasi = {
        (k.tahun, k.bulan): k
        for k in KonfirmasiBulan.objects.select_related("dikonfirmasi_oleh").filter(
            Q(tahun=ini.year, bulan=ini.month) | Q(tahun=lalu.year, bulan=lalu.month), kelurahan=kelurahan
        )
    }
    hasil = []
    for tahun, bulan in bulan_list:
        k = konfirmasi.get((tahun, bulan))
        status = pemeriksa.status(kelurahan.pk, tahun, bulan)
        hasil.append(BulanKelurahan(
            tahun=tahun, bulan=bulan, konfirmasi=k,
            tepat_waktu=bool(k and tepat_waktu(k.dikonfirmasi_pada, tahun, bulan, pengaturan=pemeriksa.pengaturan)),
            batas_tepat_waktu=batas_tepat_waktu(tahun, bulan, pengaturan=pemeriksa.pengaturan),
            status=status, boleh_konfirmasi=boleh_tambah and k is None and not status.terkunci,
        ))
    return hasil


def kelengkapan_per_kecamatan(tahun: int, bulan: int, kecamatan_ids, *, pengaturan=None) -> dict[int, BarisKelengkapan]:
    """Expected / actual / on time per kecamatan of ``kecamatan_ids`` (a page of them): two grouped queries,
    counted by the database (a province's confirmations are never loaded row by row)."""
    from django.db.models import Count, Q

    from .models import Kelurahan, KonfirmasiBulan, PengaturanBulan

    pengaturan = pengaturan or PengaturanBulan.aktif()
    ids = list(kecamatan_ids)
    hasil = {k: BarisKelengkapan() for k in ids}
    for kec_id, n in Kelurahan.objects.filter(kecamatan_id__in=ids).order_by().values_list("kecamatan_id").annotate(n=Count("pk")):
        hasil[kec_id].diharapkan = n
    akhir = akhir_tepat_waktu(tahun, bulan, pengaturan=pengaturan)
    for kec_id, aktual, tepat in (
        KonfirmasiBulan.objects.filter(tahun=tahun, bulan=bulan, kelurahan__kecamatan_id__in=ids).order_by()
        .values_list("kelurahan__kecamatan_id").annotate(aktual=Count("pk"), tepat=Count("pk", filter=Q(dikonfirmasi_pada__lt=akhir)))
    ):
        hasil[kec_id].aktual, hasil[kec_id].tepat_waktu = aktual, tepat
    return hasil


def kelengkapan_wilayah(tahun: int, bulan: int, kelurahan_qs, *, pengaturan=None) -> BarisKelengkapan:
    """Expected / actual / on time over a queryset of kelurahan (the city, a kecamatan): two counting queries."""
    from django.db.models import Count, Q

    from .models import KonfirmasiBulan, PengaturanBulan

    pengaturan = pengaturan or PengaturanBulan.aktif()
    akhir = akhir_tepat_waktu(tahun, bulan, pengaturan=pengaturan)
    angka = KonfirmasiBulan.objects.filter(tahun=tahun, bulan=bulan, kelurahan__in=kelurahan_qs.values("pk")).aggregate(
        aktual=Count("pk"), tepat=Count("pk", filter=Q(dikonfirmasi_pada__lt=akhir))
    )
    return BarisKelengkapan(diharapkan=kelurahan_qs.count(), aktual=angka["aktual"], tepat_waktu=angka["tepat"])
