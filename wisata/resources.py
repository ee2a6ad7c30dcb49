"""Event import from the city's spreadsheet (xlsx, with preview via ``wilayah.impor``).

One row, one event. Columns (row 1): nama, kelurahan (kode Kemendagri or name), rw (number),
kategori, tanggal_mulai, tanggal_selesai, tahunan (ya/tidak), penyelenggara, lokasi, status,
pengunjung, umkm_terlibat, transaksi, catatan_dampak. Cells are read by ``wilayah.sel`` (dates as
Indonesians type them, Rp 1.250.000, ya/tidak); anything unreadable is an error naming the row and
column. Every row must fall in the user's scope and is written by ``services.event_simpan``, the
same door as the form (``wilayah.impor.LayananResourceMixin``).

The file can be uploaded again (``wilayah.impor.ImporUlangMixin``): an event is known by its name (case
and spacing do not count), start date and kelurahan. A row matching a stored event in the user's scope
updates it when a value differs and is skipped when none does; the same event twice in one file is an
error naming the earlier row.

Export (``ekspor_event``): the same columns, written so the file can be imported again.
"""

from __future__ import annotations

import tablib
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, resources

from wilayah.impor import ImporUlangMixin, LayananResourceMixin
from wilayah.pencari import PencariWilayah
from wilayah.sel import (
    Pilihan,
    SelTidakSah,
    baca_angka,
    baca_tanggal,
    baca_teks,
    baca_ya_tidak,
    kunci_nama,
    tulis_tanggal,
    tulis_ya_tidak,
)

from . import services
from .models import Event, KategoriWisata, StatusEvent

KOLOM_IMPOR = (
    "nama", "kelurahan", "rw", "kategori", "tanggal_mulai", "tanggal_selesai", "tahunan", "penyelenggara",
    "lokasi", "status", "pengunjung", "umkm_terlibat", "transaksi", "catatan_dampak",
)
# The "tahunan" column's own words, besides the yes/no words every import reads.
TAHUNAN_YA = ("tahunan",)
TAHUNAN_TIDAK = ("sekali",)


class EventResource(ImporUlangMixin, LayananResourceMixin, resources.ModelResource):
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
        import_id_fields = ()  # the natural key is ``kelompok_kunci``: name, start date, kelurahan
        force_init_instance = True
        skip_diff = True
        report_skipped = True
        use_bulk = False

    def __init__(self, user=None, **kwargs):
        super().__init__(**kwargs)
        self.user = user
        self._wilayah = None
        self._kategori = None
        self._status = Pilihan(StatusEvent)

    @classmethod
    def contoh_baris(cls) -> dict:
        return {
            "nama": "Festival Kuliner Kebonsari", "kelurahan": "35.74.04.1004", "rw": 3, "kategori": "Kuliner",
            "tanggal_mulai": "17/08/2025", "tanggal_selesai": "18/08/2025", "tahunan": "ya",
            "penyelenggara": "Karang Taruna Kebonsari Wetan", "lokasi": "Lapangan RW 03", "status": "terlaksana",
            "pengunjung": 1500, "umkm_terlibat": 40, "transaksi": 85000000, "catatan_dampak": "Omzet UMKM naik",
        }

    def _muat_pilihan(self):
        if self._wilayah is None:
            self._wilayah = PencariWilayah(self.user)
            kategori = list(KategoriWisata.objects.all())
            self._kategori = {kunci_nama(k.nama): k for k in kategori} | {kunci_nama(k.slug): k for k in kategori}

    def import_instance(self, instance, row, **kwargs):
        self._muat_pilihan()
        errors = {}

        def teks(kolom):
            return baca_teks(row.get(kolom))

        instance.nama = teks("nama")
        if not instance.nama:
            errors["nama"] = _("Nama event wajib diisi.")
        try:
            kelurahan = self._wilayah.kelurahan(row.get("kelurahan"))
        except SelTidakSah as exc:
            errors["kelurahan"] = str(exc)
        else:
            instance.kelurahan = kelurahan
            try:
                instance.rw = self._wilayah.rw(kelurahan, row.get("rw"))
            except SelTidakSah as exc:
                errors["rw"] = str(exc)
        kategori = self._kategori.get(kunci_nama(row.get("kategori")))
        if kategori is None:
            errors["kategori"] = _("Kategori '%(k)s' tidak dikenal; pilih salah satu: %(daftar)s.") % {
                "k": teks("kategori"), "daftar": ", ".join(sorted({k.nama for k in self._kategori.values()})),
            }
        else:
            instance.kategori = kategori
        for kolom in ("tanggal_mulai", "tanggal_selesai"):
            try:
                tanggal = baca_tanggal(row.get(kolom))
            except SelTidakSah as exc:
                errors[kolom] = str(exc)
            else:
                if tanggal is None:
                    errors[kolom] = _("Tanggal wajib diisi.")
                else:
                    setattr(instance, kolom, tanggal)
        try:
            instance.tahunan = baca_ya_tidak(row.get("tahunan"), ya=TAHUNAN_YA, tidak=TAHUNAN_TIDAK)
        except SelTidakSah as exc:
            errors["tahunan"] = str(exc)
        try:
            instance.status = self._status.baca(row.get("status")) or StatusEvent.RENCANA
        except SelTidakSah as exc:
            errors["status"] = str(exc)
        instance.penyelenggara = teks("penyelenggara")
        instance.lokasi = teks("lokasi")
        instance.catatan_dampak = teks("catatan_dampak")
        for kolom in ("pengunjung", "umkm_terlibat", "transaksi"):
            try:
                setattr(instance, kolom, baca_angka(row.get(kolom)))
            except SelTidakSah as exc:
                errors[kolom] = str(exc)
        if errors:
            raise ValidationError(errors)

    def simpan_baris(self, instance):
        services.event_simpan(acting_user=self.user, event=instance)

    # The natural key (``wilayah.impor.ImporUlangMixin``).
    uraian_kunci = gettext_lazy("nama event, tanggal mulai dan kelurahan yang sama")

    def kelompok_kunci(self, instance) -> tuple:
        if not (instance.nama and instance.tanggal_mulai and instance.kelurahan_id):
            return ()
        return ((kunci_nama(instance.nama), instance.tanggal_mulai, instance.kelurahan_id),)

    def kandidat_tersimpan(self, instance) -> list:
        return list(Event.objects.for_user(self.user).filter(kelurahan_id=instance.kelurahan_id, tanggal_mulai=instance.tanggal_mulai))

    def cocok(self, instance, lain) -> bool:
        return (kunci_nama(instance.nama), instance.tanggal_mulai, instance.kelurahan_id) == (
            kunci_nama(lain.nama), lain.tanggal_mulai, lain.kelurahan_id
        )


def ekspor_event(queryset) -> tablib.Dataset:
    """The (already scoped and filtered) events as a sheet in the import columns, so the file goes back in."""
    data = tablib.Dataset(headers=list(KOLOM_IMPOR))
    for e in queryset.select_related("kelurahan", "rw", "kategori").order_by("tanggal_mulai", "pk"):
        data.append([
            e.nama, e.kelurahan.kode, e.rw.nomor if e.rw else "", e.kategori.nama, tulis_tanggal(e.tanggal_mulai),
            tulis_tanggal(e.tanggal_selesai), tulis_ya_tidak(e.tahunan), e.penyelenggara, e.lokasi, e.status,
            e.pengunjung, e.umkm_terlibat, e.transaksi, e.catatan_dampak,
        ])  # fmt: skip
    return data
