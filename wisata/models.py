"""Models of the wisata programme: destinations, events and the city's yearly targets.

- ``KategoriWisata``: the managed list of categories (kuliner, kerajinan, seni budaya...).
- ``Destinasi``: a tourism destination in one RW of one kelurahan, with its status
  (potensi -> dalam pengembangan -> aktif) and manager; only ``aktif`` ones cover an RW.
- ``FotoDestinasi``: a photo, stored re-encoded without EXIF, with a thumbnail.
- ``Event``: an event (once or annual) and, after it took place, its economic figures.
- ``TargetProgram``: per year, the city's targets set by Bappeda; progress is computed
  (``wisata.ringkasan``), never typed in.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from wilayah.berkas import BerkasField
from wilayah.periode import TAHUN_AKHIR, TAHUN_AWAL
from wilayah.roles import BAPPEDA, CAMAT, KANTOR_WALI_KOTA, OPERATOR_KELURAHAN
from wilayah.scoping import CityWideQuerySet, ScopedQuerySet

READ_FOR_ALL_BAPPEDA_EDITS = {
    OPERATOR_KELURAHAN: {"view"},
    CAMAT: {"view"},
    BAPPEDA: {"view", "add", "change", "delete"},
    KANTOR_WALI_KOTA: {"view"},
}


class KategoriWisata(models.Model):
    """The managed list of categories; Bappeda adds or retires entries in the admin."""

    nama = models.CharField(_("nama"), max_length=60, unique=True)
    slug = models.SlugField(_("kode"), max_length=60, unique=True)
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=100)
    aktif = models.BooleanField(_("dipakai"), default=True)

    objects = CityWideQuerySet.as_manager()
    role_actions = READ_FOR_ALL_BAPPEDA_EDITS

    class Meta:
        verbose_name = _("kategori wisata")
        verbose_name_plural = _("kategori wisata")
        ordering = ["urutan", "nama"]

    def __str__(self):
        return self.nama


class StatusDestinasi(models.TextChoices):
    POTENSI = "potensi", _("Potensi")
    PENGEMBANGAN = "pengembangan", _("Dalam pengembangan")
    AKTIF = "aktif", _("Aktif")


class JenisPengelola(models.TextChoices):
    """Who manages a destination; empty while nobody does yet (a potential destination often has none)."""

    BELUM = "", _("Belum ada pengelola")
    LEMBAGA = "lembaga", _("Lembaga (LKK: Pokmas, Karang Taruna, ...)")
    PERORANGAN = "perorangan", _("Perorangan")


class DestinasiQuerySet(ScopedQuerySet):
    def aktif(self):
        return self.filter(status=StatusDestinasi.AKTIF)

    def publik(self):
        """What the public catalogue shows: only active destinations."""
        return self.aktif()


class Destinasi(models.Model):
    nama = models.CharField(_("nama destinasi"), max_length=150)
    kelurahan = models.ForeignKey("wilayah.Kelurahan", on_delete=models.PROTECT, related_name="destinasi_set", related_query_name="destinasi", verbose_name=_("kelurahan"))
    rw = models.ForeignKey("wilayah.RW", on_delete=models.PROTECT, related_name="destinasi_set", related_query_name="destinasi", verbose_name=_("RW"))
    kategori = models.ForeignKey(KategoriWisata, on_delete=models.PROTECT, related_name="destinasi_set", verbose_name=_("kategori"))
    deskripsi = models.TextField(_("deskripsi"), blank=True)
    alamat = models.CharField(_("alamat"), max_length=250, blank=True)
    lintang = models.DecimalField(_("lintang (latitude)"), max_digits=9, decimal_places=6, null=True, blank=True, validators=[MinValueValidator(-90), MaxValueValidator(90)])
    bujur = models.DecimalField(_("bujur (longitude)"), max_digits=9, decimal_places=6, null=True, blank=True, validators=[MinValueValidator(-180), MaxValueValidator(180)])
    status = models.CharField(_("status"), max_length=12, choices=StatusDestinasi.choices, default=StatusDestinasi.POTENSI)
    tanggal_potensi = models.DateField(_("tanggal dicatat sebagai potensi"), null=True, blank=True)
    tanggal_pengembangan = models.DateField(_("tanggal mulai dikembangkan"), null=True, blank=True)
    tanggal_aktif = models.DateField(_("tanggal aktif (dibuka)"), null=True, blank=True)
    baru = models.BooleanField(_("destinasi baru dalam periode program"), default=True, help_text=_("Dihitung untuk target 100 destinasi baru."))
    pengelola_jenis = models.CharField(
        _("jenis pengelola"), max_length=12, choices=JenisPengelola.choices, default=JenisPengelola.BELUM, blank=True,
        help_text=_("Pilih 'Belum ada pengelola' bila belum ada yang mengelola."),
    )
    pengelola_lembaga = models.ForeignKey(
        "lkk.Lembaga", on_delete=models.SET_NULL, null=True, blank=True, related_name="destinasi_wisata_set",
        verbose_name=_("lembaga pengelola (LKK)"), help_text=_("Pokmas, Karang Taruna atau LKK lain di kelurahan ini."),
    )
    pengelola_nama = models.CharField(_("nama pengelola"), max_length=150, blank=True, help_text=_("Nama orang pengelola, atau nama lembaga yang belum terdaftar sebagai LKK."))
    pengelola_telepon = models.CharField(_("telepon pengelola (tidak dipublikasikan)"), max_length=20, blank=True)
    kontak_publik = models.CharField(_("kontak untuk pengunjung"), max_length=100, blank=True, help_text=_("Nomor atau akun yang boleh dilihat umum."))
    kontak_publik_tampil = models.BooleanField(_("tampilkan kontak di halaman publik"), default=False)
    jam_buka = models.CharField(_("jam buka"), max_length=150, blank=True, help_text=_("Misalnya: Setiap hari 08.00-17.00"))
    harga_tiket = models.PositiveIntegerField(_("harga tiket (Rp)"), default=0, help_text=_("0 berarti gratis."))
    fasilitas = models.TextField(_("fasilitas"), blank=True)
    dibuat = models.DateTimeField(_("dicatat pada"), auto_now_add=True)
    # Every save sets it: the public pages' ETag/Last-Modified read its maximum (``wisata.kalender.tanda_*``).
    diubah = models.DateTimeField(_("diubah pada"), auto_now=True, db_index=True)

    history = HistoricalRecords()
    objects = DestinasiQuerySet.as_manager()
    scope_kelurahan_lookup = "kelurahan"
    list_url_name = "wisata:destinasi-list"

    class Meta:
        verbose_name = _("destinasi wisata")
        verbose_name_plural = _("destinasi wisata")
        ordering = ["kelurahan__kode", "rw__nomor", "nama"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=StatusDestinasi.AKTIF) | Q(tanggal_aktif__isnull=False),
                name="destinasi_aktif_bertanggal",
                violation_error_message=_("Destinasi aktif harus punya tanggal aktif."),
            ),
            models.CheckConstraint(
                condition=Q(pengelola_jenis=JenisPengelola.LEMBAGA) | Q(pengelola_lembaga__isnull=True),
                name="destinasi_perorangan_tanpa_lembaga",
                violation_error_message=_("Pengelola perorangan tidak memilih lembaga."),
            ),
            models.CheckConstraint(
                condition=Q(harga_tiket__gte=0),
                name="destinasi_harga_tiket_tidak_negatif",
                violation_error_message=_("Harga tiket tidak boleh negatif."),
            ),
            models.CheckConstraint(
                condition=Q(lintang__isnull=True) | Q(lintang__gte=-90, lintang__lte=90),
                name="destinasi_lintang_sah",
                violation_error_message=_("Lintang harus antara -90 dan 90."),
            ),
            models.CheckConstraint(
                condition=Q(bujur__isnull=True) | Q(bujur__gte=-180, bujur__lte=180),
                name="destinasi_bujur_sah",
                violation_error_message=_("Bujur harus antara -180 dan 180."),
            ),
        ]

    def __str__(self):
        return self.nama

    def isi_tanggal_status(self, hari_ini=None) -> None:
        """Reaching a status records its date, unless the operator gave one."""
        hari_ini = hari_ini or timezone.localdate()
        if not self.tanggal_potensi:
            self.tanggal_potensi = min(d for d in (hari_ini, self.tanggal_pengembangan, self.tanggal_aktif) if d)
        if self.status in (StatusDestinasi.PENGEMBANGAN, StatusDestinasi.AKTIF) and not self.tanggal_pengembangan:
            self.tanggal_pengembangan = min(d for d in (hari_ini, self.tanggal_aktif) if d)
        if self.status == StatusDestinasi.AKTIF and not self.tanggal_aktif:
            self.tanggal_aktif = hari_ini

    def clean(self):
        self.isi_tanggal_status()
        errors = {}
        if self.rw_id and self.kelurahan_id and self.rw.kelurahan_id != self.kelurahan_id:
            errors["rw"] = _("%(rw)s bukan RW di %(kelurahan)s. Pilih RW dari kelurahan destinasi ini.") % {"rw": self.rw, "kelurahan": self.kelurahan}
        if self.status == StatusDestinasi.AKTIF and not self.tanggal_aktif:
            errors["tanggal_aktif"] = _("Isi tanggal destinasi ini mulai aktif.")
        if self.tanggal_potensi and self.tanggal_pengembangan and self.tanggal_pengembangan < self.tanggal_potensi:
            errors["tanggal_pengembangan"] = _("Tanggal pengembangan tidak boleh sebelum tanggal potensi.")
        if self.tanggal_aktif and (self.tanggal_pengembangan or self.tanggal_potensi) and self.tanggal_aktif < (self.tanggal_pengembangan or self.tanggal_potensi):
            errors["tanggal_aktif"] = _("Tanggal aktif tidak boleh sebelum tanggal potensi/pengembangan.")
        if self.pengelola_lembaga_id:
            if self.pengelola_jenis == JenisPengelola.PERORANGAN:
                errors["pengelola_lembaga"] = _("Pengelola perorangan tidak memilih lembaga; kosongkan lembaga atau pilih jenis 'Lembaga'.")
            elif self.kelurahan_id and self.pengelola_lembaga.kelurahan_id != self.kelurahan_id:
                errors["pengelola_lembaga"] = _("%(l)s bukan lembaga di %(k)s.") % {"l": self.pengelola_lembaga, "k": self.kelurahan}
        if self.pengelola_jenis == JenisPengelola.PERORANGAN and not self.pengelola_nama:
            errors["pengelola_nama"] = _("Isi nama orang yang mengelola.")
        # THE manager rule: a type names a manager, and a manager has a type (never "- (Lembaga ...)").
        if self.pengelola_jenis == JenisPengelola.LEMBAGA and not self.pengelola_lembaga_id and not self.pengelola_nama:
            errors["pengelola_lembaga"] = _(
                "Pilih lembaga pengelola, atau tulis namanya di 'nama pengelola'. Bila belum ada pengelola, pilih 'Belum ada pengelola' pada jenis pengelola."
            )
        if self.pengelola_jenis == JenisPengelola.BELUM and (self.pengelola_lembaga_id or self.pengelola_nama):
            errors["pengelola_jenis"] = _("Pilih jenis pengelola: Lembaga atau Perorangan.")
        if self.kontak_publik_tampil and not self.kontak_publik:
            errors["kontak_publik"] = _("Isi kontak untuk pengunjung atau jangan centang 'tampilkan'.")
        if errors:
            raise ValidationError(errors)

    def get_absolute_url(self):
        return reverse("wisata:destinasi-detail", kwargs={"pk": self.pk})

    def get_public_url(self):
        return reverse("wisata:publik-destinasi", kwargs={"pk": self.pk})

    @property
    def pengelola_publik(self) -> str:
        """What the public may know of the manager: a lembaga's name; never a private person's name."""
        if self.pengelola_jenis == JenisPengelola.LEMBAGA:
            if self.pengelola_lembaga_id:
                return self.pengelola_lembaga.nama
            if self.pengelola_nama:
                return self.pengelola_nama
        if self.pengelola_jenis == JenisPengelola.BELUM:
            return ""
        return str(_("Dikelola warga setempat"))


class FotoDestinasiQuerySet(ScopedQuerySet):
    def publik(self):
        return self.filter(destinasi__status=StatusDestinasi.AKTIF)


class FotoDestinasi(models.Model):
    """A photo: re-encoded without EXIF (``gambar``) plus a thumbnail. Never served from MEDIA_URL."""

    destinasi = models.ForeignKey(Destinasi, on_delete=models.CASCADE, related_name="foto_set", verbose_name=_("destinasi"))
    gambar = BerkasField(_("foto"), upload_to="wisata/foto/%Y/%m/", terima="gambar")
    thumbnail = BerkasField(_("thumbnail"), upload_to="wisata/thumb/%Y/%m/", terima="gambar")
    keterangan = models.CharField(_("keterangan"), max_length=200, blank=True)
    diunggah = models.DateTimeField(_("diunggah"), auto_now_add=True)

    objects = FotoDestinasiQuerySet.as_manager()
    scope_kelurahan_lookup = "destinasi__kelurahan"
    list_url_name = "wisata:foto-list"

    class Meta:
        verbose_name = _("foto destinasi")
        verbose_name_plural = _("foto destinasi")
        ordering = ["destinasi_id", "id"]

    def __str__(self):
        return self.keterangan or f"Foto {self.destinasi}"

    def get_absolute_url(self):
        return reverse("wisata:foto-detail", kwargs={"pk": self.pk})


class StatusEvent(models.TextChoices):
    RENCANA = "rencana", _("Rencana")
    TERLAKSANA = "terlaksana", _("Terlaksana")
    BATAL = "batal", _("Batal")


class EventQuerySet(ScopedQuerySet):
    def tidak_batal(self):
        return self.exclude(status=StatusEvent.BATAL)


class Event(models.Model):
    nama = models.CharField(_("nama event"), max_length=200)
    kelurahan = models.ForeignKey("wilayah.Kelurahan", on_delete=models.PROTECT, related_name="event_wisata_set", related_query_name="event_wisata", verbose_name=_("kelurahan"))
    rw = models.ForeignKey("wilayah.RW", on_delete=models.PROTECT, null=True, blank=True, related_name="event_wisata_set", related_query_name="event_wisata", verbose_name=_("RW"))
    destinasi = models.ForeignKey(Destinasi, on_delete=models.SET_NULL, null=True, blank=True, related_name="event_set", verbose_name=_("destinasi"))
    kategori = models.ForeignKey(KategoriWisata, on_delete=models.PROTECT, related_name="event_set", verbose_name=_("kategori"))
    tanggal_mulai = models.DateField(_("tanggal mulai"))
    tanggal_selesai = models.DateField(_("tanggal selesai"))
    tahunan = models.BooleanField(_("event tahunan (berulang setiap tahun)"), default=False)
    penyelenggara = models.CharField(_("penyelenggara"), max_length=150, blank=True)
    lokasi = models.CharField(_("lokasi"), max_length=200, blank=True)
    deskripsi = models.TextField(_("deskripsi"), blank=True)
    status = models.CharField(_("status"), max_length=12, choices=StatusEvent.choices, default=StatusEvent.RENCANA)
    pengunjung = models.PositiveIntegerField(_("jumlah pengunjung"), null=True, blank=True)
    umkm_terlibat = models.PositiveIntegerField(_("UMKM yang ikut"), null=True, blank=True)
    transaksi = models.PositiveBigIntegerField(_("nilai transaksi (Rp)"), null=True, blank=True)
    catatan_dampak = models.TextField(_("catatan dampak"), blank=True, help_text=_("Singkat: dampak ekonomi dan sosial bagi warga."))
    dibuat = models.DateTimeField(_("dicatat pada"), auto_now_add=True)
    # Every save sets it (a bulk write sets it itself): the calendar's and the .ics feed's ETag/Last-Modified.
    diubah = models.DateTimeField(_("diubah pada"), auto_now=True, db_index=True)

    history = HistoricalRecords()
    objects = EventQuerySet.as_manager()
    scope_kelurahan_lookup = "kelurahan"
    list_url_name = "wisata:event-list"

    class Meta:
        verbose_name = _("event wisata")
        verbose_name_plural = _("event wisata")
        ordering = ["-tanggal_mulai", "nama"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tanggal_selesai__gte=F("tanggal_mulai")),
                name="event_selesai_tidak_sebelum_mulai",
                violation_error_message=_("Tanggal selesai tidak boleh sebelum tanggal mulai."),
            ),
            models.CheckConstraint(
                condition=(Q(pengunjung__isnull=True) | Q(pengunjung__gte=0))
                & (Q(umkm_terlibat__isnull=True) | Q(umkm_terlibat__gte=0))
                & (Q(transaksi__isnull=True) | Q(transaksi__gte=0)),
                name="event_angka_tidak_negatif",
                violation_error_message=_("Pengunjung, UMKM dan transaksi tidak boleh negatif."),
            ),
        ]
        indexes = [models.Index(fields=["tanggal_mulai"], name="event_tanggal_mulai_idx")]

    def __str__(self):
        return self.nama

    def clean(self):
        errors = {}
        if self.tanggal_mulai and self.tanggal_selesai and self.tanggal_selesai < self.tanggal_mulai:
            errors["tanggal_selesai"] = _("Tanggal selesai (%(selesai)s) tidak boleh sebelum tanggal mulai (%(mulai)s).") % {
                "selesai": self.tanggal_selesai.strftime("%d-%m-%Y"),
                "mulai": self.tanggal_mulai.strftime("%d-%m-%Y"),
            }
        for field in ("pengunjung", "umkm_terlibat", "transaksi"):
            value = getattr(self, field)
            if value is not None and value < 0:
                errors[field] = _("Nilai tidak boleh negatif.")
            elif value is not None and self.status != StatusEvent.TERLAKSANA:
                errors[field] = _("Diisi setelah event terlaksana; ubah status menjadi 'Terlaksana' atau kosongkan.")
        if self.kelurahan_id:
            if self.rw_id and self.rw.kelurahan_id != self.kelurahan_id:
                errors["rw"] = _("%(rw)s bukan RW di %(kelurahan)s.") % {"rw": self.rw, "kelurahan": self.kelurahan}
            if self.destinasi_id and self.destinasi.kelurahan_id != self.kelurahan_id:
                errors["destinasi"] = _("Destinasi %(d)s tidak berada di %(kelurahan)s.") % {"d": self.destinasi, "kelurahan": self.kelurahan}
        if errors:
            raise ValidationError(errors)

    def get_absolute_url(self):
        return reverse("wisata:event-detail", kwargs={"pk": self.pk})


class TargetProgram(models.Model):
    """The city's targets for one year, set by Bappeda. Progress is computed, never stored."""

    tahun = models.PositiveSmallIntegerField(_("tahun"), unique=True, validators=[MinValueValidator(TAHUN_AWAL), MaxValueValidator(TAHUN_AKHIR)])
    target_destinasi_baru = models.PositiveIntegerField(_("target destinasi baru"), default=100)
    target_event_tahunan = models.PositiveIntegerField(_("target event tahunan"), default=100)
    target_rw_persen = models.PositiveSmallIntegerField(
        _("target RW yang punya destinasi (%)"), default=100, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )

    history = HistoricalRecords()
    objects = CityWideQuerySet.as_manager()
    role_actions = READ_FOR_ALL_BAPPEDA_EDITS

    class Meta:
        verbose_name = _("target program wisata")
        verbose_name_plural = _("target program wisata")
        ordering = ["-tahun"]
        constraints = [
            models.CheckConstraint(
                condition=Q(target_rw_persen__gte=1, target_rw_persen__lte=100),
                name="target_rw_persen_1_100",
                violation_error_message=_("Target RW harus antara 1 dan 100 persen."),
            ),
        ]

    def __str__(self):
        return _("Target wisata %(tahun)s") % {"tahun": self.tahun}

    def get_absolute_url(self):
        return reverse("wisata:kota") + f"?tahun={self.tahun}"
