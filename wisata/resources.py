"""Event import from the city's spreadsheet (xlsx, with preview via ``wilayah.impor``).

One row, one event. Columns (``KOLOM``, declared once as ``wilayah.templat.Kolom``: key, human header, kind,
example): nama, kelurahan (kode Kemendagri or name), rw (number), kategori, tanggal_mulai, tanggal_selesai,
tahunan (ya/tidak), penyelenggara, lokasi, status, pengunjung, umkm_terlibat, transaksi, catatan_dampak; a file
may head them by the human header or by the key. Cells are read by ``wilayah.sel`` (dates as
Indonesians type them, Rp 1.250.000, ya/tidak); anything unreadable is an error naming the row and
column. Every row must fall in the user's scope and is written by ``services.event_simpan``, the
same door as the form (``wilayah.impor.LayananResourceMixin``).

The file can be uploaded again (``wilayah.impor.ImporUlangMixin``'s rules): an event is known by its name
(case and spacing do not count), start date and kelurahan. A row matching a stored event in the user's
scope updates it when a value differs and is skipped when none does; the same event twice in one file is
an error naming the earlier row.

Speed: ``impor_cepat`` checks the whole file itself in a fixed number of queries whatever its length: the
regions (``PencariWilayah``), categories, the lock settings and the stored events of the file's kelurahan
and dates are loaded once; each row is checked by the model's own rules without a query
(``Event.clean`` and the fields' validators; the region, RW and category objects come from what was
loaded); the file is written through ``services.event_simpan_massal`` (bulk, with history).

Export (``ekspor_event``): the same columns and human headers, dates as date cells, so the file can be
imported again.
"""

from __future__ import annotations

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, resources

from wilayah.impor import (
    BARU,
    BERGALAT,
    DIPERBARUI,
    DILEWATI,
    GalatBaris,
    HasilPemeriksaan,
    ImporUlangMixin,
    LayananResourceMixin,
    _berbeda,
    nomor_baris_excel,
)
from wilayah import impor as impor_wilayah
from wilayah.kunci import PemeriksaKunci
from wilayah.pencari import PencariWilayah
from wilayah.sel import (
    Pilihan,
    SelTidakSah,
    baca_angka,
    baca_tanggal,
    baca_teks,
    baca_ya_tidak,
    kunci_nama,
)
from wilayah.templat import ANGKA, PILIHAN, TANGGAL, YA_TIDAK, Kolom, KolomImporMixin, LembarEkspor, label_pilihan, pilihan_nama_kelurahan

from . import services
from .models import Event, KategoriWisata, StatusEvent

KOLOM = (
    Kolom("nama", gettext_lazy("Nama event"), wajib=True, contoh="Festival Kuliner Kebonsari"),
    Kolom("kelurahan", gettext_lazy("Kelurahan"), wajib=True, jenis=PILIHAN, pilihan=pilihan_nama_kelurahan,
          petunjuk=gettext_lazy("Nama kelurahan atau kode Kemendagri (35.74.04.1004), di wilayah kerja Anda."), contoh="35.74.04.1004"),
    Kolom("rw", gettext_lazy("RW"), jenis=ANGKA, petunjuk=gettext_lazy("Nomor RW (1, 01 atau RW 01), bila event milik satu RW."), contoh=3),
    Kolom("kategori", gettext_lazy("Kategori"), wajib=True, jenis=PILIHAN,
          pilihan=lambda user: list(KategoriWisata.objects.order_by("nama").values_list("nama", flat=True)), contoh="Kuliner"),
    Kolom("tanggal_mulai", gettext_lazy("Tanggal mulai"), wajib=True, jenis=TANGGAL, contoh="17/08/2025"),
    Kolom("tanggal_selesai", gettext_lazy("Tanggal selesai"), wajib=True, jenis=TANGGAL, contoh="18/08/2025"),
    Kolom("tahunan", gettext_lazy("Event tahunan"), jenis=YA_TIDAK,
          petunjuk=gettext_lazy("Ya bila diadakan setiap tahun (boleh juga: tahunan, sekali)."), contoh="ya"),
    Kolom("penyelenggara", gettext_lazy("Penyelenggara"), contoh="Karang Taruna Kebonsari Wetan"),
    Kolom("lokasi", gettext_lazy("Lokasi"), contoh="Lapangan RW 03"),
    Kolom("status", gettext_lazy("Status"), jenis=PILIHAN, pilihan=StatusEvent, petunjuk=gettext_lazy("Kosong berarti Rencana."), contoh="Terlaksana"),
    Kolom("pengunjung", gettext_lazy("Jumlah pengunjung"), jenis=ANGKA, contoh=1500),
    Kolom("umkm_terlibat", gettext_lazy("UMKM terlibat"), jenis=ANGKA, petunjuk=gettext_lazy("Jumlah UMKM yang ikut."), contoh=40),
    Kolom("transaksi", gettext_lazy("Nilai transaksi (Rp)"), jenis=ANGKA, petunjuk=gettext_lazy("Rupiah, seperti 85000000 atau Rp 85.000.000."), contoh=85000000),
    Kolom("catatan_dampak", gettext_lazy("Catatan dampak"), contoh="Omzet UMKM naik"),
)  # fmt: skip
KOLOM_IMPOR = tuple(k.kunci for k in KOLOM)
# The "tahunan" column's own words, besides the yes/no words every import reads.
TAHUNAN_YA = ("tahunan",)
TAHUNAN_TIDAK = ("sekali",)


class EventResource(KolomImporMixin, ImporUlangMixin, LayananResourceMixin, resources.ModelResource):
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

    nama_lembar = gettext_lazy("Data Event")
    kolom_impor = KOLOM

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

    # --- the whole file in a fixed number of queries (``wilayah.impor.jalankan_impor``) ---

    def impor_cepat(self, dataset, hasil: HasilPemeriksaan, *, dry_run: bool) -> None:
        """Check and, unless ``dry_run``, write the whole file (inside ``jalankan_impor``'s transaction,
        which rolls back a preview and any file with an error). The same rules and messages as a row
        through ``event_simpan`` and ``ImporUlangMixin``, against data loaded once."""
        self._muat_pilihan()
        headers = list(dataset.headers or [])
        kemajuan = getattr(self, "kemajuan", None)
        # First pass: every row's cells, no query (the regions and categories are loaded).
        baris = []
        for i, nilai in enumerate(dataset):
            if kemajuan is not None and i and i % impor_wilayah.LANGKAH_KEMAJUAN == 0:  # read now: a test shortens it
                kemajuan(i)
            row = dict(zip(headers, nilai))
            instance = Event()
            galat = {}
            try:
                self.import_instance(instance, row)
            except ValidationError as exc:
                galat = exc.message_dict
            baris.append((nomor_baris_excel(i + 1, self), row, instance, galat))
        # The stored events a row may be: of the file's kelurahan and start dates, in the user's scope (one query).
        kel_ids = {b[2].kelurahan_id for b in baris if b[2].kelurahan_id}
        tanggal = {b[2].tanggal_mulai for b in baris if b[2].tanggal_mulai}
        tersimpan: dict[tuple, list[Event]] = {}
        if kel_ids and tanggal:
            stored = Event.objects.for_user(self.user).filter(kelurahan_id__in=kel_ids, tanggal_mulai__in=tanggal).select_related("rw", "destinasi")
            for e in stored:
                for k in self.kelompok_kunci(e):
                    tersimpan.setdefault(k, []).append(e)
        self._kunci = PemeriksaKunci(kel_ids)
        terlihat: dict[tuple, int] = {}
        baru, diubah, kolom = [], [], set()
        for nomor, row, instance, galat in baris:
            galat = {k: list(v) for k, v in galat.items()}
            kunci = self.kelompok_kunci(instance)
            lama = None
            for k in kunci:  # the same event in an earlier row of the file
                if k in terlihat:
                    galat.setdefault(NON_FIELD_ERRORS, []).append(_(
                        "Baris ini sama dengan baris %(baris)d (%(kunci)s): setiap data hanya boleh ada satu baris; hapus atau gabungkan salah satunya."
                    ) % {"baris": terlihat[k], "kunci": self.uraian_kunci})
                else:
                    terlihat[k] = nomor
            if not galat and kunci:
                cocok = [e for k in kunci for e in tersimpan.get(k, ())]
                if len(cocok) > 1:
                    galat[NON_FIELD_ERRORS] = [_(
                        "Ada %(n)d data tersimpan dengan %(kunci)s seperti baris ini (mungkin dari impor ganda sebelumnya), "
                        "sehingga tidak jelas mana yang diperbarui. Hapus data yang ganda lewat daftarnya, lalu unggah lagi."
                    ) % {"n": len(cocok), "kunci": self.uraian_kunci}]
                elif cocok:
                    lama = cocok[0]
                    self._ambil_dari(instance, lama, row)
                    for nama in ("rw", "destinasi"):  # what the file keeps: the stored objects, not a query each
                        if getattr(instance, f"{nama}_id") is not None and getattr(instance, f"{nama}_id") == getattr(lama, f"{nama}_id"):
                            setattr(instance, nama, getattr(lama, nama))
            if not galat:
                galat = self._periksa_baris(instance, lama)
            if galat:
                for kunci_galat, daftar in galat.items():
                    for pesan in daftar:
                        hasil.galat.append(GalatBaris(baris=nomor, kolom="" if kunci_galat == NON_FIELD_ERRORS else kunci_galat, pesan=str(pesan)))
                hasil.jenis_baris.append(BERGALAT)
            elif lama is None:
                baru.append(instance)
                hasil.jenis_baris.append(BARU)
            elif not _berbeda(instance, lama):
                hasil.jenis_baris.append(DILEWATI)
            else:
                kolom.update(f.name for f in Event._meta.concrete_fields if not f.primary_key and getattr(instance, f.attname) != getattr(lama, f.attname))
                diubah.append(instance)
                hasil.jenis_baris.append(DIPERBARUI)
        hasil.baru, hasil.diperbarui, hasil.dilewati = len(baru), len(diubah), hasil.jenis_baris.count(DILEWATI)
        if hasil.galat or not (baru or diubah):
            return
        # The preview writes too (rolled back by ``jalankan_impor``): it refuses what the confirm would.
        try:
            services.event_simpan_massal(acting_user=self.user, baru=baru, diubah=diubah, kolom=kolom - {"diubah"}, pemeriksa_kunci=self._kunci)
        except ValidationError as exc:
            hasil.galat_berkas.extend(exc.messages)
        except PermissionDenied:
            hasil.galat_berkas.append(_("Anda tidak boleh menambah atau mengubah event."))
        except IntegrityError:
            hasil.galat_berkas.append(_("Data event berubah selagi berkas ini disimpan. Tidak ada yang disimpan; unggah berkasnya lagi."))

    def _periksa_baris(self, instance, lama) -> dict:
        """One row by the rules ``event_simpan`` applies (the model's, the lock's), without a query: the
        related objects were loaded; the database constraints are ``Event.clean``'s rules."""
        galat = {}
        try:
            instance.full_clean(exclude=["kelurahan", "rw", "kategori", "destinasi"], validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            galat = exc.message_dict
        if galat:
            return galat
        if lama is None:
            pesan, field = self._kunci.pesan(instance.kelurahan_id, instance.tanggal_mulai), "tanggal_mulai"
        else:  # same kelurahan and start date (the key): the month's figures changing is what the lock guards
            field = next((f for f in services.ISI_BULAN_EVENT if getattr(instance, f) != getattr(lama, f)), None)
            pesan = self._kunci.pesan(instance.kelurahan_id, instance.tanggal_mulai) if field else None
        return {field: [pesan]} if pesan else {}

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


def ekspor_event(queryset) -> LembarEkspor:
    """The (already scoped and filtered) events as a sheet in the import's columns and human headers, dates
    as date cells, numbers as numbers, so the file goes back in."""
    data = LembarEkspor(str(EventResource.nama_lembar), KOLOM)
    for e in queryset.select_related("kelurahan", "rw", "kategori").order_by("tanggal_mulai", "pk"):
        data.append([
            e.nama, e.kelurahan.kode, e.rw.nomor if e.rw else None, e.kategori.nama, e.tanggal_mulai,
            e.tanggal_selesai, e.tahunan, e.penyelenggara, e.lokasi, label_pilihan(e.status, StatusEvent),
            e.pengunjung, e.umkm_terlibat, e.transaksi, e.catatan_dampak,
        ])  # fmt: skip
    return data
