"""Event import from the city's spreadsheet (xlsx, with preview via ``wilayah.impor``).

One row, one event. Columns (row 1): nama, kelurahan (kode Kemendagri or name), rw (number),
kategori, tanggal_mulai, tanggal_selesai, tahunan (ya/tidak), penyelenggara, lokasi, status,
pengunjung, umkm_terlibat, transaksi, catatan_dampak. Dates are Excel dates or written as
26-05-2025, 26/05/2025 or 2025-05-26; anything else is an error naming the row and column.
Every row must fall in the user's scope.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources

from wilayah.models import RW, Kelurahan

from .models import Event, KategoriWisata, StatusEvent

KOLOM_IMPOR = (
    "nama", "kelurahan", "rw", "kategori", "tanggal_mulai", "tanggal_selesai", "tahunan", "penyelenggara",
    "lokasi", "status", "pengunjung", "umkm_terlibat", "transaksi", "catatan_dampak",
)
YA = {"ya", "y", "yes", "1", "true", "tahunan", "v", "x"}
TIDAK = {"", "tidak", "t", "no", "n", "0", "false", "sekali"}


def baca_tanggal(nilai) -> date:
    """A date from an Excel cell; ValueError with an Indonesian message when unreadable."""
    if isinstance(nilai, datetime):
        return nilai.date()
    if isinstance(nilai, date):
        return nilai
    teks = str(nilai or "").strip()
    if not teks:
        raise ValueError(_("Tanggal wajib diisi."))
    for pola in ("%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d", "%d.%m.%Y", "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.strptime(teks, pola).date()
        except ValueError:
            continue
    raise ValueError(_("Tanggal '%(nilai)s' tidak dikenali; tulis seperti 26-05-2025.") % {"nilai": teks})


def baca_angka(nilai) -> int | None:
    if nilai is None or str(nilai).strip() == "":
        return None
    if isinstance(nilai, (int, float)):
        if float(nilai) != int(nilai):
            raise ValueError(_("Harus bilangan bulat."))
        angka = int(nilai)
    else:
        teks = re.sub(r"^rp\s*", "", str(nilai).strip().lower()).replace(".", "").replace(",", "").replace(" ", "")
        if not re.fullmatch(r"-?\d+", teks):
            raise ValueError(_("'%(nilai)s' bukan angka.") % {"nilai": nilai})
        angka = int(teks)
    if angka < 0:
        raise ValueError(_("Tidak boleh negatif."))
    return angka


class EventResource(resources.ModelResource):
    nama = fields.Field(attribute="nama", column_name="nama")
    kelurahan = fields.Field(attribute="kelurahan", column_name="kelurahan")
    rw = fields.Field(attribute="rw", column_name="rw")
    kategori = fields.Field(attribute="kategori", column_name="kategori")
    tanggal_mulai = fields.Field(attribute="tanggal_mulai", column_name="tanggal_mulai")
    tanggal_selesai = fields.Field(attribute="tanggal_selesai", column_name="tanggal_selesai")
    tahunan = fields.Field(attribute="tahunan", column_name="tahunan")
    penyelenggara = fields.Field(attribute="penyelenggara", column_name="penyelenggara")
    lokasi = fields.Field(attribute="lokasi", column_name="lokasi")
    status = fields.Field(attribute="status", column_name="status")
    pengunjung = fields.Field(attribute="pengunjung", column_name="pengunjung")
    umkm_terlibat = fields.Field(attribute="umkm_terlibat", column_name="umkm_terlibat")
    transaksi = fields.Field(attribute="transaksi", column_name="transaksi")
    catatan_dampak = fields.Field(attribute="catatan_dampak", column_name="catatan_dampak")

    kolom_opsional = ("rw", "tahunan", "penyelenggara", "lokasi", "status", "pengunjung", "umkm_terlibat", "transaksi", "catatan_dampak")

    class Meta:
        model = Event
        fields = KOLOM_IMPOR
        import_id_fields = ()
        force_init_instance = True
        clean_model_instances = True
        skip_unchanged = False
        use_bulk = False

    def __init__(self, user=None, **kwargs):
        super().__init__(**kwargs)
        self.user = user
        self._kelurahan = None
        self._rw = None
        self._kategori = None

    @classmethod
    def contoh_baris(cls) -> dict:
        return {
            "nama": "Festival Kuliner Kebonsari", "kelurahan": "35.74.04.1004", "rw": 3, "kategori": "Kuliner",
            "tanggal_mulai": "17-08-2025", "tanggal_selesai": "18-08-2025", "tahunan": "ya",
            "penyelenggara": "Karang Taruna Kebonsari Wetan", "lokasi": "Lapangan RW 03", "status": "terlaksana",
            "pengunjung": 1500, "umkm_terlibat": 40, "transaksi": 85000000, "catatan_dampak": "Omzet UMKM naik",
        }

    def _muat_pilihan(self):
        if self._kelurahan is None:
            kelurahan = list(Kelurahan.objects.for_user(self.user))
            self._kelurahan = {k.kode: k for k in kelurahan} | {k.nama.strip().lower(): k for k in kelurahan}
            self._rw = {(rw.kelurahan_id, rw.nomor): rw for rw in RW.objects.for_user(self.user)}
            kategori = list(KategoriWisata.objects.all())
            self._kategori = {k.nama.lower(): k for k in kategori} | {k.slug: k for k in kategori}
            self._semua_kelurahan = set(Kelurahan.objects.values_list("kode", flat=True)) | {
                n.strip().lower() for n in Kelurahan.objects.values_list("nama", flat=True)
            }

    def import_instance(self, instance, row, **kwargs):
        self._muat_pilihan()
        errors = {}

        def teks(kolom):
            nilai = row.get(kolom)
            return "" if nilai is None else str(nilai).strip()

        instance.nama = teks("nama")
        if not instance.nama:
            errors["nama"] = _("Nama event wajib diisi.")
        kunci = teks("kelurahan")
        kelurahan = self._kelurahan.get(kunci) or self._kelurahan.get(kunci.lower())
        if kelurahan is None:
            if kunci and (kunci in self._semua_kelurahan or kunci.lower() in self._semua_kelurahan):
                errors["kelurahan"] = _("Kelurahan '%(k)s' di luar wilayah kerja Anda.") % {"k": kunci}
            else:
                errors["kelurahan"] = _("Kelurahan '%(k)s' tidak dikenal; tulis kode Kemendagri (35.74.04.1004) atau namanya.") % {"k": kunci}
        else:
            instance.kelurahan = kelurahan
            if teks("rw"):
                try:
                    nomor = baca_angka(row.get("rw"))
                except ValueError:
                    nomor = None
                rw = self._rw.get((kelurahan.pk, nomor))
                if rw is None:
                    errors["rw"] = _("RW '%(rw)s' tidak ada di %(k)s.") % {"rw": teks("rw"), "k": kelurahan}
                else:
                    instance.rw = rw
        kategori = self._kategori.get(teks("kategori").lower())
        if kategori is None:
            errors["kategori"] = _("Kategori '%(k)s' tidak dikenal; pilih salah satu: %(daftar)s.") % {
                "k": teks("kategori"), "daftar": ", ".join(sorted({k.nama for k in self._kategori.values()})),
            }
        else:
            instance.kategori = kategori
        for kolom in ("tanggal_mulai", "tanggal_selesai"):
            try:
                setattr(instance, kolom, baca_tanggal(row.get(kolom)))
            except ValueError as exc:
                errors[kolom] = str(exc)
        tahunan = teks("tahunan").lower()
        if tahunan in YA:
            instance.tahunan = True
        elif tahunan in TIDAK:
            instance.tahunan = False
        else:
            errors["tahunan"] = _("Isi 'ya' atau 'tidak'.")
        status = teks("status").lower() or StatusEvent.RENCANA
        if status not in StatusEvent.values:
            errors["status"] = _("Status '%(s)s' tidak dikenal; pilih rencana, terlaksana atau batal.") % {"s": status}
        else:
            instance.status = status
        instance.penyelenggara = teks("penyelenggara")
        instance.lokasi = teks("lokasi")
        instance.catatan_dampak = teks("catatan_dampak")
        for kolom in ("pengunjung", "umkm_terlibat", "transaksi"):
            try:
                setattr(instance, kolom, baca_angka(row.get(kolom)))
            except ValueError as exc:
                errors[kolom] = str(exc)
        if errors:
            raise ValidationError(errors)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        # Fields that already failed to parse are reported once, by import_instance.
        errors = dict(import_validation_errors or {})
        try:
            instance.full_clean(exclude=list(errors.keys()), validate_unique=validate_unique)
        except ValidationError as exc:
            for kolom, pesan in exc.message_dict.items():
                errors.setdefault(kolom, pesan)
        if errors:
            raise ValidationError(errors)
