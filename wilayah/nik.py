"""NIK (Nomor Induk Kependudukan) rules, shared by every programme that records people.

16 digits: 2 province, 2 kabupaten/kota, 2 kecamatan, the birth date as DDMMYY (DD + 40 for
women), then a 4-digit serial. NIK is personal data (UU 27/2022): show it masked except to
those who need it in full.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache, partial

from asgiref.local import Local
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .baris import tanpa_pembungkus
from .tampilan import angka

NIK_RE = re.compile(r"^\d{16}$")
TANDA_SAMARAN = "\u2022"  # •


class JenisKelamin(models.TextChoices):
    LAKI_LAKI = "L", _("Laki-laki")
    PEREMPUAN = "P", _("Perempuan")


def bersihkan_nik(nik) -> str:
    """The NIK as typed or read from Excel (spaces, dots, a float like 3.574e15 written as text) -> digits."""
    if nik is None:
        return ""
    teks = str(nik).strip()
    if teks.endswith(".0") and teks[:-2].isdigit():
        teks = teks[:-2]
    return re.sub(r"[\s.\-]", "", teks)


def validasi_format_nik(nik: str) -> None:
    if not NIK_RE.match(nik or ""):
        raise ValidationError(_("NIK harus terdiri dari 16 angka."), code="nik_format")


def tanggal_dari_nik(nik: str) -> tuple[int, int, int, str]:
    """(day, month, two-digit year, sex) read from digits 7 to 12."""
    hari, bulan, tahun = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    jenis = JenisKelamin.PEREMPUAN if hari > 40 else JenisKelamin.LAKI_LAKI
    return (hari - 40 if hari > 40 else hari), bulan, tahun, jenis


def validasi_nik(nik: str, *, tanggal_lahir: dt.date | None, jenis_kelamin: str | None) -> None:
    """Raise ValidationError (Indonesian messages) unless the NIK is 16 digits and agrees with birth date and sex."""
    validasi_format_nik(nik)
    hari, bulan, tahun, jenis = tanggal_dari_nik(nik)
    if not (1 <= hari <= 31 and 1 <= bulan <= 12):
        raise ValidationError(_("Digit 7 sampai 12 NIK bukan tanggal lahir yang sah (DDMMYY, tanggal + 40 untuk perempuan)."), code="nik_tanggal")
    pesan = []
    if tanggal_lahir is not None and (hari, bulan, tahun) != (tanggal_lahir.day, tanggal_lahir.month, tanggal_lahir.year % 100):
        pesan.append(
            _("Tanggal lahir di NIK (%(nik)s) tidak sama dengan tanggal lahir yang diisi (%(isi)s).")
            % {"nik": f"{hari:02d}-{bulan:02d}-{tahun:02d}", "isi": tanggal_lahir.strftime("%d-%m-%y")}
        )
    if jenis_kelamin and jenis != jenis_kelamin:
        pesan.append(
            _("Jenis kelamin di NIK (%(nik)s) tidak sama dengan yang diisi (%(isi)s): untuk perempuan tanggal lahir di NIK ditambah 40.")
            % {"nik": JenisKelamin(jenis).label, "isi": JenisKelamin(jenis_kelamin).label}
        )
    if pesan:
        raise ValidationError([ValidationError(p, code="nik_tidak_cocok") for p in pesan])


def kode_kecamatan_nik(nik: str) -> str:
    return nik[:6]


#: The name of the NIK field on every model that records one (and on its history model).
KOLOM_NIK = "nik"


def jalur_menyentuh_nik(model, jalur: str) -> bool:
    """Whether an ORM path (``nik__startswith``, ``kader__nik``, ``pengurus_set__nik__in``) reaches a NIK
    field from ``model``, across relations in either direction. Lookups and transforms after a field
    do not matter: any of them read the NIK."""
    from django.core.exceptions import FieldDoesNotExist

    for bagian in jalur.split("__"):
        try:
            field = model._meta.get_field(bagian)
        except FieldDoesNotExist:
            return False
        if field.name == KOLOM_NIK and not field.is_relation:
            return True
        if not field.is_relation or field.related_model is None:
            return False
        model = field.related_model
    return False


#: The field (on every model that records a NIK) where the operator confirms a NIK from outside the region.
KOLOM_KONFIRMASI = "nik_luar_wilayah"
LABEL_KONFIRMASI = _("Saya sudah memeriksa: NIK dari luar wilayah")
PESAN_NIK_LUAR_WILAYAH = _(
    "Enam angka pertama NIK (%(kode)s) bukan kode kecamatan di wilayah ini. Periksa kembali NIK; bila benar "
    "(misalnya warga pindahan), centang \"Saya sudah memeriksa: NIK dari luar wilayah\"."
)


def periksa_nik(
    nik: str,
    *,
    tanggal_lahir: dt.date | None,
    jenis_kelamin: str | None,
    luar_wilayah_dikonfirmasi: bool,
    kode_kecamatan: set[str] | None = None,
) -> None:
    """Every NIK rule, for every programme: 16 digits; birth date and sex agree; the first six digits
    are a kecamatan of the region tree, or the operator confirmed a NIK from outside it.

    Raises ``ValidationError({"nik": [...]})`` or ``({KOLOM_KONFIRMASI: [...]})``. Pass
    ``kode_kecamatan`` (``kode_nik_kecamatan()``) when checking many rows; otherwise one query."""
    try:
        validasi_nik(nik or "", tanggal_lahir=tanggal_lahir, jenis_kelamin=jenis_kelamin)
    except ValidationError as exc:
        raise ValidationError({"nik": exc.error_list}) from exc
    if kode_kecamatan is None:
        kode_kecamatan = kode_nik_kecamatan()
    if not luar_wilayah_dikonfirmasi and not kecamatan_nik_dikenal(nik, kode_kecamatan):
        raise ValidationError({KOLOM_KONFIRMASI: PESAN_NIK_LUAR_WILAYAH % {"kode": kode_kecamatan_nik(nik)}})


def kecamatan_nik_dikenal(nik: str, kode_kecamatan_dikenal: set[str]) -> bool:
    """Whether the first 6 digits are a kecamatan of the region tree (pass ``kode_nik_kecamatan()``)."""
    return kode_kecamatan_nik(nik) in kode_kecamatan_dikenal


def kode_nik_kecamatan() -> set[str]:
    """The 6-digit NIK prefixes of every kecamatan in the region tree (one query)."""
    from .models import Kecamatan

    return {kode.replace(".", "") for kode in Kecamatan.objects.values_list("kode", flat=True)}


def samarkan_nik(nik: str | None) -> str:
    """3574010101900012 -> 3574••••••••0012."""
    if not nik:
        return ""
    if len(nik) < 8:
        return TANDA_SAMARAN * len(nik)
    return nik[:4] + TANDA_SAMARAN * (len(nik) - 8) + nik[-4:]


def boleh_lihat_nik_penuh(user, kelurahan_id: int | None) -> bool:
    """Who may read a NIK in full (UU 27/2022: only who needs it), for every programme:
    superusers; Bappeda (city scope); the Operator Kelurahan of the kelurahan that owns the record.
    Everyone else (Camat, Kantor Wali Kota, operators of other kelurahan) sees it masked."""
    from .roles import BAPPEDA, OPERATOR_KELURAHAN, peran_pengguna
    from .scoping import Tingkat, lingkup_of

    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    lingkup = lingkup_of(user)
    if lingkup is None:
        return False
    if lingkup.tingkat == Tingkat.KOTA:
        return BAPPEDA in peran_pengguna(user)
    if lingkup.tingkat == Tingkat.KELURAHAN:
        return kelurahan_id is not None and lingkup.kelurahan_id == kelurahan_id and OPERATOR_KELURAHAN in peran_pengguna(user)
    return False


def nik_untuk(user, nik: str | None, kelurahan_id: int | None) -> str:
    """The NIK as this user may see it: in full or masked (3574••••••••0012)."""
    return (nik or "") if boleh_lihat_nik_penuh(user, kelurahan_id) else samarkan_nik(nik)


def boleh_lihat_per_kelurahan(user):
    """``kelurahan_id -> boleh_lihat_nik_penuh(user, kelurahan_id)`` for the rows of a page or an export:
    the rule asked once per kelurahan, on the user without its lazy wrapper."""
    return cache(partial(boleh_lihat_nik_penuh, tanpa_pembungkus(user)))


def nik_per_kelurahan(user):
    """``(nik, kelurahan_id) -> nik_untuk(user, nik, kelurahan_id)`` for the rows of a page, the rule asked
    once per kelurahan (``boleh_lihat_per_kelurahan``; the function carries it as ``.lihat``, for
    ``catat_nik_penuh`` of the same rows)."""
    lihat = boleh_lihat_per_kelurahan(user)

    def tampil(nik, kelurahan_id):
        return (nik or "") if lihat(kelurahan_id) else samarkan_nik(nik)

    tampil.lihat = lihat
    return tampil


def boleh_cari_nik(user) -> bool:
    """Searching by NIK would confirm a NIK to someone who sees it masked: only those who see every
    NIK in their scope in full may search by it (superusers, Bappeda, kelurahan operators, whose
    scope is their own kelurahan)."""
    from .scoping import lingkup_of

    lingkup = lingkup_of(user)
    return boleh_lihat_nik_penuh(user, lingkup.kelurahan_id if lingkup is not None else None)


# --- The log of full NIKs seen, exported or run into (UU 27/2022) ---------------------------------
#
# Every page, export and admin page that shows a NIK in full, every NIK conflict an operator hits
# and every batch of import lookups writes a ``wilayah.AksesNIK`` row through ``catat_akses_nik``.
# Some of these happen inside a transaction that is rolled back afterwards (an import preview is
# always rolled back; a refused save rolls back its service's transaction), and the record must
# outlive that: an entry written inside a transaction is also remembered for the request, and
# ``simpan_catatan_tertunda`` (connected to ``request_finished``) writes again, outside the view,
# whatever a rollback took away (``kunci`` tells which rows are still there). Outside a request
# (a shell, a Celery task) nothing writes them again: call ``simpan_catatan_tertunda`` yourself.

_tertunda = Local()


def _daftar_tertunda() -> list:
    if not hasattr(_tertunda, "entri"):
        _tertunda.entri = []
    return _tertunda.entri


def catat_akses_nik(pengguna, jenis: str, objek, *, jumlah: int = 1, keterangan: str = "") -> None:
    """Record that ``pengguna`` saw, exported or hit full NIKs (``jenis``: ``AksesNIK.Jenis``).

    ``objek``: the row whose NIK it was (its NIK is kept masked); a model class for a list, an
    export or import lookups (``jumlah``: how many NIKs); or a list of rows (one entry each, one
    query). The only writer of ``AksesNIK``."""
    from django.contrib.contenttypes.models import ContentType

    from .models import AksesNIK

    waktu = timezone.now()
    masuk = pengguna is not None and pengguna.is_authenticated
    entri = []
    for o in objek if isinstance(objek, (list, tuple)) else [objek]:
        baris = not isinstance(o, type)
        model = type(o) if baris else o
        entri.append(
            AksesNIK(
                waktu=waktu,
                pengguna=pengguna if masuk else None,
                nama_pengguna=pengguna.get_username() if masuk else "",
                jenis=jenis,
                content_type=ContentType.objects.get_for_model(model),
                object_id=str(o.pk) if baris else "",
                objek=str(o if baris else model._meta.verbose_name_plural)[:200],
                jumlah=1 if baris else jumlah,
                nik_samaran=samarkan_nik(getattr(o, "nik", "") or "") if baris else "",
                keterangan=str(keterangan)[:300],
            )
        )
    if not entri:
        return
    if len(entri) == 1:
        entri[0].save(force_insert=True)  # outside a transaction one INSERT; bulk_create adds BEGIN and COMMIT
    else:
        AksesNIK.objects.bulk_create(entri)
    if transaction.get_connection().in_atomic_block:
        _daftar_tertunda().extend(entri)


def lupakan_catatan_tertunda(**kwargs) -> None:
    """A request starts with nothing pending (``request_started``): what code outside a request left
    (a shell, a test) is not this request's to write."""
    _tertunda.entri = []


def simpan_catatan_tertunda(**kwargs) -> None:
    """Write again the entries of this request that a rollback took away (``request_finished``)."""
    entri = _daftar_tertunda()
    if not entri:
        return
    _tertunda.entri = []
    from .models import AksesNIK

    for e in entri:
        e.pk = None
    koneksi = transaction.get_connection()
    tertutup = koneksi.connection is None  # closed by Django's own request_finished handler (CONN_MAX_AGE)
    AksesNIK.objects.bulk_create(entri, ignore_conflicts=True)
    if tertutup:
        koneksi.close()


def catat_nik_penuh(pengguna, jenis: str, objek, nik_dan_kelurahan, *, keterangan: str = "", lihat=None) -> int:
    """Record the NIKs of ``nik_dan_kelurahan`` ((nik, kelurahan_id) pairs: a page's or an export's
    rows) that ``pengguna`` was given in full (``boleh_lihat_nik_penuh``); nothing when none was.
    ``objek``: the row (one NIK) or the model (a list). ``lihat``: the rule per kelurahan the page
    already asked for these rows (``nik_per_kelurahan(...).lihat``). Returns how many were in full."""
    lihat = lihat or boleh_lihat_per_kelurahan(pengguna)
    jumlah = sum(1 for nik, kelurahan_id in nik_dan_kelurahan if nik and lihat(kelurahan_id))
    if jumlah:
        catat_akses_nik(pengguna, jenis, objek, jumlah=jumlah, keterangan=keterangan)
    return jumlah


#: NIK lookups an import may make per user per day. A kelurahan's whole board and cadre lists are a
#: few hundred NIKs (checked twice: preview and confirm); 10,000 unknown NIKs tested at once are not.
BATAS_PEMERIKSAAN_NIK_HARIAN = 5000


def batasi_pemeriksaan_nik(pengguna, model, jumlah: int) -> None:
    """Before an import looks up ``jumlah`` NIKs of ``model``: raise ``ValidationError`` (and record
    nothing) when that would take ``pengguna`` past ``BATAS_PEMERIKSAAN_NIK_HARIAN`` today; else
    record the lookups. Who reads every NIK in full anyway (superusers, Bappeda) learns nothing
    from a lookup: recorded, never refused."""
    from django.db.models import Sum

    from .models import AksesNIK

    if jumlah <= 0:
        return
    if not boleh_lihat_nik_penuh(pengguna, None):
        awal_hari = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
        sudah = (
            AksesNIK.objects.filter(pengguna=pengguna, jenis=AksesNIK.Jenis.PERIKSA_IMPOR, waktu__gte=awal_hari).aggregate(n=Sum("jumlah"))["n"]
            or 0
        )
        if sudah + jumlah > BATAS_PEMERIKSAAN_NIK_HARIAN:
            raise ValidationError(
                _(
                    "Batas pemeriksaan NIK lewat impor hari ini terlampaui: Anda sudah memeriksa %(sudah)s NIK hari ini, "
                    "berkas ini berisi %(jumlah)s NIK, dan batasnya %(batas)s NIK per pengguna per hari. Tidak ada data "
                    "yang disimpan. Coba lagi besok, atau minta Bappeda mengimpor berkas ini."
                )
                % {"sudah": angka(sudah), "jumlah": angka(jumlah), "batas": angka(BATAS_PEMERIKSAAN_NIK_HARIAN)},
                code="batas_nik",
            )
    catat_akses_nik(pengguna, AksesNIK.Jenis.PERIKSA_IMPOR, model, jumlah=jumlah, keterangan=_("Pemeriksaan NIK saat impor"))


def nik_dalam_berkas(dataset, *, kolom: str = KOLOM_NIK) -> list[str]:
    """The distinct NIKs of an import file's ``kolom`` (a tablib Dataset), as the importers read them.
    A cell ``baca_nik`` refuses (a number cell) is left out: its row is refused, its NIK never looked up."""
    from .sel import SelTidakSah, baca_nik

    if kolom not in (dataset.headers or []):
        return []
    niks = set()
    for nilai in dataset[kolom]:
        try:
            niks.add(baca_nik(nilai))
        except SelTidakSah:
            pass
    return sorted(niks - {""})


class BatasNikImporMixin:
    """For an import resource whose rows look their NIK up among the whole city's records (``Meta.model``):
    the file's NIKs are counted against the user's daily limit before any row is checked
    (``periksa_berkas``, the whole-file check of ``wilayah.impor.jalankan_impor``); over the limit the
    file is refused whole and nothing is checked or written."""

    def periksa_berkas(self, dataset) -> None:
        batasi_pemeriksaan_nik(self.user, self._meta.model, len(nik_dalam_berkas(dataset)))
