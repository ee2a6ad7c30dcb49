"""Monthly reports: a run (``ProsesLaporan``), one report per region and month (``LaporanBulanan``,
versioned), and its frozen figures (``AngkaBulanan``, one row per report and programme).

Figures are frozen when a report is made: pages, the dashboard and later reports read these rows,
never the programme tables. A kecamatan's or the city's figures are rolled up from its kelurahan
reports' frozen rows by each indicator's rule (``wilayah.ringkasan``). Making a month again on
purpose writes a new version; the old one is kept, and ``terbaru`` marks the one that is read.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wilayah.models import Kecamatan, Kelurahan
from wilayah.periode import bulan_tahun
from wilayah.roles import BAPPEDA, CAMAT, KANTOR_WALI_KOTA, OPERATOR_KELURAHAN
from wilayah.scoping import CityWideQuerySet, ScopedQuerySet, Tingkat

KUNCI_KOTA = "kota"


class Sumber(models.TextChoices):
    """What started a report."""

    BEAT = "beat", _("Jadwal bulanan")
    PERINTAH = "perintah", _("Perintah laporan_bulanan")
    PENGGUNA = "pengguna", _("Pengguna")


class ProsesLaporan(models.Model):
    """One run making a month's reports. At most one unfinished run per month (a database
    constraint): a second start while one runs is refused, never doubled."""

    class Status(models.TextChoices):
        ANTRI = "antri", _("Menunggu")
        BERJALAN = "berjalan", _("Berjalan")
        SELESAI = "selesai", _("Selesai")
        GAGAL = "gagal", _("Gagal")

    tahun = models.PositiveSmallIntegerField(_("tahun"))
    bulan = models.PositiveSmallIntegerField(_("bulan"))
    kelurahan = models.ForeignKey(
        Kelurahan, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("hanya kelurahan"),
    )
    ulang = models.BooleanField(_("buat versi baru"), default=False)
    sumber = models.CharField(_("dibuat oleh"), max_length=10, choices=Sumber.choices)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("pengguna"),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ANTRI)
    jumlah_laporan = models.PositiveIntegerField(_("jumlah laporan"), default=0)
    jumlah_selesai = models.PositiveIntegerField(_("laporan selesai"), default=0)
    task_id = models.CharField(_("id tugas"), max_length=64, blank=True)
    pesan = models.TextField(_("pesan"), blank=True)
    dibuat = models.DateTimeField(_("dimulai"), auto_now_add=True)
    diperbarui = models.DateTimeField(_("diperbarui"), auto_now=True)
    selesai = models.DateTimeField(_("selesai"), null=True, blank=True)

    objects = CityWideQuerySet.as_manager()
    role_actions = {BAPPEDA: {"view", "add"}}

    class Meta:
        verbose_name = _("proses laporan bulanan")
        verbose_name_plural = _("proses laporan bulanan")
        ordering = ["-dibuat", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["tahun", "bulan"], condition=Q(status__in=["antri", "berjalan"]), name="satu_proses_berjalan_per_bulan",
                violation_error_message=_("Laporan bulan ini sedang dibuat; tunggu sampai selesai."),
            ),
            models.CheckConstraint(condition=Q(bulan__gte=1, bulan__lte=12), name="proses_bulan_1_12"),
        ]

    def __str__(self):
        return f"{bulan_tahun(self.tahun, self.bulan)} ({self.get_status_display()})"

    @property
    def periode(self) -> str:
        return bulan_tahun(self.tahun, self.bulan)

    @property
    def persen(self) -> int:
        return round(100 * self.jumlah_selesai / self.jumlah_laporan) if self.jumlah_laporan else 0

    @property
    def berjalan(self) -> bool:
        return self.status in (self.Status.ANTRI, self.Status.BERJALAN)


def nama_berkas_laporan(laporan: "LaporanBulanan", nama: str) -> str:
    """Generated files (never uploads) are named for what they are: laporan/2026/05/35.74.04.1004-v2.pdf."""
    ekstensi = nama.rsplit(".", 1)[-1].lower()
    return f"laporan/{laporan.tahun}/{laporan.bulan:02d}/{laporan.kunci_wilayah}-v{laporan.versi}.{ekstensi}"


class LaporanBulananQuerySet(ScopedQuerySet):
    def terbaru(self):
        return self.filter(terbaru=True)

    def periode(self, tahun: int, bulan: int):
        return self.filter(tahun=tahun, bulan=bulan)


class LaporanBulanan(models.Model):
    """One region's report for one month, in one version.

    A kelurahan report has its kelurahan and kecamatan; a kecamatan report its kecamatan; the city
    report neither. Scoping follows those columns: an operator reads the kelurahan's reports, a camat
    the kecamatan's and its kelurahan's, the city every report."""

    class Status(models.TextChoices):
        ANTRI = "antri", _("Sedang dibuat")
        SELESAI = "selesai", _("Selesai")
        GAGAL = "gagal", _("Gagal")

    tingkat = models.CharField(_("tingkat"), max_length=10, choices=Tingkat.choices)
    kelurahan = models.ForeignKey(Kelurahan, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("kelurahan"))
    kecamatan = models.ForeignKey(Kecamatan, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("kecamatan"))
    kunci_wilayah = models.CharField(_("kode wilayah"), max_length=20, help_text=_("Kode Kemendagri, atau \"kota\"."))
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    bulan = models.PositiveSmallIntegerField(_("bulan"))
    versi = models.PositiveSmallIntegerField(_("versi"), default=1)
    terbaru = models.BooleanField(_("versi yang berlaku"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ANTRI)
    proses = models.ForeignKey(ProsesLaporan, on_delete=models.SET_NULL, null=True, blank=True, related_name="laporan", verbose_name=_("proses"))
    sumber = models.CharField(_("dibuat oleh"), max_length=10, choices=Sumber.choices)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("pengguna"),
    )
    angka_pada = models.DateTimeField(_("angka dibekukan pada"), null=True, blank=True)
    selesai = models.DateTimeField(_("selesai"), null=True, blank=True)
    kelengkapan = models.JSONField(_("kelengkapan data"), default=dict, blank=True)
    pdf = models.FileField(_("PDF"), upload_to=nama_berkas_laporan, blank=True)
    xlsx = models.FileField(_("Excel"), upload_to=nama_berkas_laporan, blank=True)
    pesan = models.TextField(_("pesan galat"), blank=True)

    objects = LaporanBulananQuerySet.as_manager()
    scope_kelurahan_lookup = "kelurahan"
    scope_kecamatan_lookup = "kecamatan"
    list_url_name = "laporan:index"
    role_actions = {
        OPERATOR_KELURAHAN: {"view"}, CAMAT: {"view"}, BAPPEDA: {"view", "add", "change"}, KANTOR_WALI_KOTA: {"view"},
    }

    class Meta:
        verbose_name = _("laporan bulanan")
        verbose_name_plural = _("laporan bulanan")
        ordering = ["-tahun", "-bulan", "tingkat", "kunci_wilayah", "-versi"]
        indexes = [models.Index(fields=["tahun", "bulan", "tingkat", "terbaru"], name="laporan_periode_tingkat")]
        constraints = [
            models.UniqueConstraint(fields=["kunci_wilayah", "tahun", "bulan", "versi"], name="laporan_versi_unik"),
            models.UniqueConstraint(
                fields=["kunci_wilayah", "tahun", "bulan"], condition=Q(terbaru=True), name="laporan_satu_terbaru",
            ),
            models.CheckConstraint(
                condition=(
                    Q(tingkat=Tingkat.KELURAHAN, kelurahan__isnull=False, kecamatan__isnull=False)
                    | Q(tingkat=Tingkat.KECAMATAN, kelurahan__isnull=True, kecamatan__isnull=False)
                    | Q(tingkat=Tingkat.KOTA, kelurahan__isnull=True, kecamatan__isnull=True)
                ),
                name="laporan_wilayah_sesuai_tingkat",
            ),
            models.CheckConstraint(condition=Q(bulan__gte=1, bulan__lte=12), name="laporan_bulan_1_12"),
        ]

    def __str__(self):
        return _("Laporan %(wilayah)s %(periode)s (versi %(versi)s)") % {
            "wilayah": self.nama_wilayah, "periode": self.periode, "versi": self.versi,
        }

    @property
    def periode(self) -> str:
        return bulan_tahun(self.tahun, self.bulan)

    @property
    def nama_wilayah(self) -> str:
        if self.tingkat == Tingkat.KELURAHAN:
            return str(self.kelurahan)
        if self.tingkat == Tingkat.KECAMATAN:
            return _("Kecamatan %(nama)s") % {"nama": self.kecamatan.nama}
        return settings.NAMA_WILAYAH

    def get_absolute_url(self):
        return reverse("laporan:detail", kwargs={"pk": self.pk})


class AngkaBulananQuerySet(ScopedQuerySet):
    pass


class AngkaBulanan(models.Model):
    """One programme's frozen figures in one report: ``nilai`` {indicator code: value}; for a
    kelurahan also ``baris`` (the programme's row as frozen, ``as_dict()``, which kecamatan and city
    figures are rolled up from), ``target`` {code: [minimum, maximum]} and ``tindakan`` (the "needs
    action" lines). For a group: ``target`` {code: target value}."""

    laporan = models.ForeignKey(LaporanBulanan, on_delete=models.CASCADE, related_name="angka", verbose_name=_("laporan"))
    program = models.CharField(_("program"), max_length=30)
    nilai = models.JSONField(_("nilai"), default=dict)
    target = models.JSONField(_("target"), default=dict, blank=True)
    baris = models.JSONField(_("baris beku"), null=True, blank=True)
    tindakan = models.JSONField(_("perlu tindakan"), default=list, blank=True)

    objects = AngkaBulananQuerySet.as_manager()
    scope_kelurahan_lookup = "laporan__kelurahan"
    scope_kecamatan_lookup = "laporan__kecamatan"
    list_url_name = "laporan:index"
    role_actions = {OPERATOR_KELURAHAN: {"view"}, CAMAT: {"view"}, BAPPEDA: {"view"}, KANTOR_WALI_KOTA: {"view"}}

    class Meta:
        verbose_name = _("angka bulanan")
        verbose_name_plural = _("angka bulanan")
        constraints = [models.UniqueConstraint(fields=["laporan", "program"], name="angka_satu_per_program")]

    def __str__(self):
        return f"{self.laporan} · {self.program}"

    def get_absolute_url(self):
        """Figures are read on their report's page."""
        return self.laporan.get_absolute_url()
