"""Produk Unggulan Daerah (PUD): UMKM, the yearly round, the kelurahan FGD, its nominations and
the workflow from the kelurahan to the mayor's decree.

- ``UMKM``: a business of a kelurahan (owner, NIK checked as for cadres, licence, photos).
- ``Siklus``: Bappeda's yearly round (open or closed) and its scoring rubric (``KriteriaPUD``,
  weight x score 1 to 5).
- ``PengajuanPUD``: one kelurahan's part of a round: its FGD schedule, the FGD held (date, place,
  participants, the signed berita acara), its nominations and the workflow status. Opening a
  round makes one per kelurahan (draf); Bappeda schedules them.
- ``Usulan``: a nomination (category, UMKM, product, reasons, scores); per kelurahan, round
  and category at most one ``utama`` (a partial unique constraint), the rest are alternatives.
  ``KategoriKosong``: "none in this category", with the reason.
- ``LangkahPUD``: every workflow step taken (who, when, from, to, note), append-only.

The workflow is the table ``LANGKAH``: for each step, the statuses it starts from, the status
it leads to, the scope level of the role that takes it and the permission it needs. The
queryset's ``scope_q`` reads the same table, so ``PengajuanPUD.objects.for_user(user, aksi)`` is
exactly the rows on which ``user`` may take ``aksi`` now; ``pud.services`` writes through it and
the pages show only what it allows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from wilayah.berkas import BerkasField
from wilayah.periode import TAHUN_AKHIR, TAHUN_AWAL
from wilayah.roles import BAPPEDA, CAMAT, KANTOR_WALI_KOTA, OPERATOR_KELURAHAN
from wilayah.scoping import CityWideQuerySet, ScopedQuerySet, Tingkat


class KategoriPUD(models.TextChoices):
    """The three kinds of PUD (Perwali Kota Probolinggo 39/2019)."""

    AGRO = "agro", _("Agro")
    KERAJINAN = "kerajinan", _("Kerajinan")
    BUDAYA = "budaya", _("Budaya")


class OmzetBulanan(models.TextChoices):
    """Monthly turnover bands (the micro/small bounds of PP 7/2021 fall between them)."""

    SAMPAI_5 = "sd5", _("Sampai Rp 5 juta")
    SAMPAI_15 = "5-15", _("Rp 5–15 juta")
    SAMPAI_50 = "15-50", _("Rp 15–50 juta")
    SAMPAI_150 = "50-150", _("Rp 50–150 juta")
    LEBIH_150 = "150+", _("Lebih dari Rp 150 juta")


nib_validator = RegexValidator(r"^[0-9]{13}$", _("NIB (Nomor Induk Berusaha) terdiri dari 13 angka."))


def tahun_ini() -> int:
    return timezone.localdate().year


# --- UMKM ---------------------------------------------------------------------------------------


class UMKM(models.Model):
    """A micro, small or medium business of a kelurahan. ``nik`` is the owner's NIK (named ``nik``
    like every NIK field, so ``wilayah.nik``'s masking and logging apply), checked by the shared
    rules when given: 16 digits, a plausible birth date, a kecamatan of the region tree or confirmed."""

    nama_usaha = models.CharField(_("nama usaha"), max_length=150)
    pemilik_nama = models.CharField(_("nama pemilik"), max_length=100)
    nik = models.CharField(_("NIK pemilik"), max_length=16, blank=True, help_text=_("16 angka, sesuai KTP. Boleh kosong bila belum ada."))
    nik_luar_wilayah = models.BooleanField(
        _("NIK dari luar wilayah sudah diperiksa"),
        default=False,
        help_text=_("Dicentang bila 6 angka pertama NIK bukan kode kecamatan di wilayah ini (misalnya pendatang)."),
    )
    pemilik_telepon = models.CharField(_("telepon/WA pemilik"), max_length=20, blank=True)
    alamat = models.CharField(_("alamat usaha"), max_length=200)
    kelurahan = models.ForeignKey("wilayah.Kelurahan", on_delete=models.PROTECT, related_name="umkm_set", related_query_name="umkm", verbose_name=_("kelurahan"))
    rw = models.ForeignKey("wilayah.RW", on_delete=models.PROTECT, null=True, blank=True, related_name="umkm_set", related_query_name="umkm", verbose_name=_("RW"))
    kategori = models.CharField(_("kategori"), max_length=12, choices=KategoriPUD.choices)
    produk = models.TextField(_("produk"), help_text=_("Produk utama yang dibuat atau dijual."))
    tahun_mulai = models.PositiveSmallIntegerField(_("tahun mulai usaha"), null=True, blank=True, validators=[MinValueValidator(1900), MaxValueValidator(TAHUN_AKHIR)])
    tenaga_kerja = models.PositiveIntegerField(_("jumlah tenaga kerja"), default=1, help_text=_("Termasuk pemilik."))
    omzet_bulanan = models.CharField(_("omzet per bulan"), max_length=8, choices=OmzetBulanan.choices, blank=True)
    nib = models.CharField(_("NIB (Nomor Induk Berusaha)"), max_length=13, blank=True, validators=[nib_validator], help_text=_("13 angka, bila sudah punya."))
    kontak_publik = models.CharField(_("kontak untuk pembeli"), max_length=100, blank=True, help_text=_("Nomor, toko daring atau akun media sosial yang boleh dilihat umum."))
    kontak_publik_tampil = models.BooleanField(_("tampilkan kontak di katalog publik"), default=False)
    aktif = models.BooleanField(_("masih berjalan"), default=True)
    dibuat = models.DateTimeField(_("dicatat"), auto_now_add=True)
    diubah = models.DateTimeField(_("diubah"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["dibuat", "diubah"])
    objects = ScopedQuerySet.as_manager()
    scope_kelurahan_lookup = "kelurahan"
    list_url_name = "pud:umkm-list"

    class Meta:
        verbose_name = _("UMKM")
        verbose_name_plural = _("UMKM")
        ordering = ["nama_usaha", "pk"]
        indexes = [models.Index(fields=["kelurahan", "kategori"], name="umkm_kelurahan_kategori")]
        constraints = [
            models.CheckConstraint(condition=Q(nik="") | Q(nik__regex=r"^[0-9]{16}$"), name="umkm_nik_16_angka", violation_error_message=_("NIK harus terdiri dari 16 angka.")),
            models.CheckConstraint(condition=Q(nib="") | Q(nib__regex=r"^[0-9]{13}$"), name="umkm_nib_13_angka", violation_error_message=_("NIB terdiri dari 13 angka.")),
            models.CheckConstraint(condition=Q(tenaga_kerja__gte=1), name="umkm_tenaga_kerja_minimal_1", violation_error_message=_("Tenaga kerja minimal 1 (pemiliknya).")),
            models.CheckConstraint(
                condition=~Q(kontak_publik_tampil=True) | ~Q(kontak_publik=""),
                name="umkm_kontak_publik_terisi",
                violation_error_message=_("Isi kontak untuk pembeli atau jangan centang 'tampilkan'."),
            ),
        ]

    def __str__(self):
        return self.nama_usaha

    def get_absolute_url(self):
        return reverse("pud:umkm-detail", kwargs={"pk": self.pk})

    def clean(self):
        from wilayah.nik import bersihkan_nik, kode_nik_kecamatan, periksa_nik

        errors = {}
        if self.nik:
            self.nik = bersihkan_nik(self.nik)
            try:
                periksa_nik(self.nik, tanggal_lahir=None, jenis_kelamin=None, luar_wilayah_dikonfirmasi=self.nik_luar_wilayah, kode_kecamatan=kode_nik_kecamatan())
            except ValidationError as exc:
                errors.update(exc.message_dict)
        if self.rw_id and self.kelurahan_id:
            from wilayah.models import RW

            if not RW.objects.filter(pk=self.rw_id, kelurahan_id=self.kelurahan_id).exists():
                errors["rw"] = _("RW ini bukan RW di kelurahan usaha ini. Pilih RW dari kelurahan yang sama.")
        if self.tahun_mulai and self.tahun_mulai > tahun_ini():
            errors["tahun_mulai"] = _("Tahun mulai usaha tidak boleh setelah tahun ini.")
        if self.kontak_publik_tampil and not self.kontak_publik.strip():
            errors["kontak_publik"] = _("Isi kontak untuk pembeli atau jangan centang 'tampilkan'.")
        if errors:
            raise ValidationError(errors)


class FotoUMKM(models.Model):
    """A photo of a UMKM's products, re-encoded without EXIF, with a thumbnail. Reached only
    through its (scoped) UMKM; the public catalogue shows the photos of determined PUD only."""

    umkm = models.ForeignKey(UMKM, on_delete=models.CASCADE, related_name="foto_set", verbose_name=_("UMKM"))
    gambar = BerkasField(_("foto"), upload_to="pud/foto/%Y/%m/", terima="gambar")
    thumbnail = BerkasField(_("thumbnail"), upload_to="pud/thumb/%Y/%m/", terima="gambar")
    keterangan = models.CharField(_("keterangan"), max_length=200, blank=True)
    diunggah = models.DateTimeField(_("diunggah"), auto_now_add=True)

    class Meta:
        verbose_name = _("foto UMKM")
        verbose_name_plural = _("foto UMKM")
        ordering = ["umkm_id", "id"]

    def __str__(self):
        return self.keterangan or f"Foto {self.umkm_id}"


# --- The round ----------------------------------------------------------------------------------

BAPPEDA_MENGELOLA = {
    OPERATOR_KELURAHAN: {"view"},
    CAMAT: {"view"},
    BAPPEDA: {"view", "add", "change", "delete"},
    KANTOR_WALI_KOTA: {"view"},
}


class StatusSiklus(models.TextChoices):
    DIBUKA = "dibuka", _("Dibuka")
    DITUTUP = "ditutup", _("Ditutup")


class Siklus(models.Model):
    """Bappeda's yearly PUD round. While open, kelurahan hold their FGD and submit, kecamatan
    verify; closed, only Bappeda's decree step remains."""

    tahun = models.PositiveSmallIntegerField(_("tahun"), unique=True, validators=[MinValueValidator(TAHUN_AWAL), MaxValueValidator(TAHUN_AKHIR)])
    nama = models.CharField(_("nama putaran"), max_length=150)
    status = models.CharField(_("status"), max_length=8, choices=StatusSiklus.choices, default=StatusSiklus.DIBUKA)
    dibuka_pada = models.DateTimeField(_("dibuka pada"), default=timezone.now)
    ditutup_pada = models.DateTimeField(_("ditutup pada"), null=True, blank=True)
    batas_pengajuan = models.DateField(_("batas pengajuan kelurahan"), null=True, blank=True)
    catatan = models.TextField(_("catatan"), blank=True)

    history = HistoricalRecords()
    objects = CityWideQuerySet.as_manager()
    role_actions = BAPPEDA_MENGELOLA

    class Meta:
        verbose_name = _("putaran PUD")
        verbose_name_plural = _("putaran PUD")
        ordering = ["-tahun"]
        constraints = [
            models.UniqueConstraint(fields=["status"], condition=Q(status="dibuka"), name="siklus_satu_dibuka", violation_error_message=_("Masih ada putaran PUD lain yang dibuka. Tutup dulu putaran itu.")),
            models.CheckConstraint(condition=Q(status="dibuka") | Q(ditutup_pada__isnull=False), name="siklus_ditutup_bertanggal"),
        ]

    def __str__(self):
        return self.nama

    def get_absolute_url(self):
        return reverse("pud:siklus-detail", kwargs={"pk": self.pk})

    @property
    def dibuka(self) -> bool:
        return self.status == StatusSiklus.DIBUKA


#: The usual PUD criteria (Permendagri 9/2014 and the FGD's own words), the rubric a new round starts with.
KRITERIA_BAWAAN = (
    ("Berbasis sumber daya lokal", "Bahan baku dan tenaga dari daerah sendiri, terbarukan.", 3),
    ("Kekhasan daerah", "Unik, mencerminkan budaya dan karakter kelurahan.", 2),
    ("Penyerapan tenaga kerja", "Membuka lapangan kerja dan menumbuhkan wirausaha baru.", 3),
    ("Nilai tambah dan daya saing", "Mengolah bahan menjadi produk yang bernilai lebih.", 2),
    ("Pasar", "Permintaan dan jangkauan pasar, termasuk daring.", 2),
    ("Kontribusi pada ekonomi daerah", "Pengaruh pada pertumbuhan ekonomi kota.", 2),
)


#: The highest score on one criterion (scores run 1 to 5).
SKOR_MAKS = 5


def skor_maksimum(siklus_id) -> int:
    """The highest weighted total a nomination of the round can reach: 5 x the sum of the weights."""
    return SKOR_MAKS * (KriteriaPUD.objects.filter(siklus_id=siklus_id).aggregate(jumlah=Sum("bobot"))["jumlah"] or 0)


class KriteriaPUD(models.Model):
    """One criterion of a round's rubric: weight x score (1 to 5)."""

    siklus = models.ForeignKey(Siklus, on_delete=models.CASCADE, related_name="kriteria_set", verbose_name=_("putaran"))
    nama = models.CharField(_("kriteria"), max_length=120)
    keterangan = models.CharField(_("keterangan"), max_length=250, blank=True)
    bobot = models.PositiveSmallIntegerField(_("bobot"), default=1, validators=[MinValueValidator(1), MaxValueValidator(10)])
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=100)

    history = HistoricalRecords()
    objects = CityWideQuerySet.as_manager()
    role_actions = BAPPEDA_MENGELOLA

    class Meta:
        verbose_name = _("kriteria PUD")
        verbose_name_plural = _("kriteria PUD")
        ordering = ["siklus", "urutan", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["siklus", "nama"], name="kriteria_pud_unik_per_siklus", violation_error_message=_("Kriteria ini sudah ada di putaran ini.")),
            models.CheckConstraint(condition=Q(bobot__gte=1, bobot__lte=10), name="kriteria_pud_bobot_1_10", violation_error_message=_("Bobot antara 1 dan 10.")),
        ]

    def __str__(self):
        return self.nama


# --- The kelurahan's part of a round and its workflow ---------------------------------------


class StatusPengajuan(models.TextChoices):
    DRAF = "draf", _("Draf")
    DIAJUKAN = "diajukan", _("Diajukan")
    DIKEMBALIKAN = "dikembalikan", _("Dikembalikan")
    DIVERIFIKASI = "diverifikasi", _("Diverifikasi")
    DITETAPKAN = "ditetapkan", _("Ditetapkan")


#: While in these statuses the kelurahan edits its FGD record and nominations.
STATUS_DAPAT_DIUBAH = (StatusPengajuan.DRAF, StatusPengajuan.DIKEMBALIKAN)
#: Submitted and beyond (they require a signed berita acara; progress counts them as submitted).
STATUS_TERKIRIM = (StatusPengajuan.DIAJUKAN, StatusPengajuan.DIVERIFIKASI, StatusPengajuan.DITETAPKAN)
#: Verified and beyond (progress counts them as verified).
STATUS_TERVERIFIKASI = (StatusPengajuan.DIVERIFIKASI, StatusPengajuan.DITETAPKAN)


@dataclass(frozen=True)
class Langkah:
    """One workflow step: taken by the role at ``tingkat`` holding ``izin``, from ``dari`` to ``ke``."""

    kode: str
    label: str
    dari: tuple[str, ...]
    ke: str
    tingkat: str
    izin: str
    perlu_catatan: bool = False
    perlu_keputusan: bool = False
    siklus_dibuka: bool = True
    gaya: str = "primary"


IZIN_AJUKAN = "pud.ajukan_pengajuanpud"
IZIN_VERIFIKASI = "pud.verifikasi_pengajuanpud"
IZIN_TETAPKAN = "pud.tetapkan_pengajuanpud"
IZIN_JADWALKAN = "pud.jadwalkan_pengajuanpud"

#: The workflow. A step is undone only by its own undo step, and only while the status it led
#: to still stands (the next level has not acted: DHIS2's approval rule); ``ditetapkan`` is final.
LANGKAH: dict[str, Langkah] = {
    langkah.kode: langkah
    for langkah in (
        Langkah("ajukan", _("Ajukan ke kecamatan"), (StatusPengajuan.DRAF, StatusPengajuan.DIKEMBALIKAN), StatusPengajuan.DIAJUKAN, Tingkat.KELURAHAN, IZIN_AJUKAN),
        Langkah("tarik", _("Tarik kembali pengajuan"), (StatusPengajuan.DIAJUKAN,), StatusPengajuan.DRAF, Tingkat.KELURAHAN, IZIN_AJUKAN, gaya="outline-secondary"),
        Langkah("verifikasi", _("Verifikasi"), (StatusPengajuan.DIAJUKAN,), StatusPengajuan.DIVERIFIKASI, Tingkat.KECAMATAN, IZIN_VERIFIKASI, gaya="success"),
        Langkah("kembalikan", _("Kembalikan ke kelurahan"), (StatusPengajuan.DIAJUKAN,), StatusPengajuan.DIKEMBALIKAN, Tingkat.KECAMATAN, IZIN_VERIFIKASI, perlu_catatan=True, gaya="danger"),
        Langkah("batal_verifikasi", _("Batalkan verifikasi"), (StatusPengajuan.DIVERIFIKASI,), StatusPengajuan.DIAJUKAN, Tingkat.KECAMATAN, IZIN_VERIFIKASI, perlu_catatan=True, gaya="outline-secondary"),
        Langkah("tetapkan", _("Tetapkan dengan keputusan wali kota"), (StatusPengajuan.DIVERIFIKASI,), StatusPengajuan.DITETAPKAN, Tingkat.KOTA, IZIN_TETAPKAN, perlu_keputusan=True, siklus_dibuka=False, gaya="success"),
    )
}


def _tingkat_cocok(lingkup, tingkat: str) -> bool:
    """The acting scope is the step's level. A superuser (no scope row) acts at city level only."""
    if lingkup is None:
        return tingkat == Tingkat.KOTA
    return lingkup.tingkat == tingkat


class PengajuanQuerySet(ScopedQuerySet):
    izin_aksi_khusus = {kode: langkah.izin for kode, langkah in LANGKAH.items()} | {"jadwalkan": IZIN_JADWALKAN}

    def scope_q(self, lingkup, *, user, action) -> Q:
        """``change`` (the FGD record, participants, nominations): the kelurahan's own operators,
        while draf or dikembalikan in an open round. A workflow step: the role of that step, on
        rows in a status the step starts from (and in an open round unless the step says not).
        ``jadwalkan``: Bappeda, in an open round, until the kelurahan has submitted."""
        q = self.wilayah_q(lingkup)
        tidak_ada = Q(pk__in=[])
        if action == "change":
            if not _tingkat_cocok(lingkup, Tingkat.KELURAHAN):
                return tidak_ada
            return q & Q(status__in=STATUS_DAPAT_DIUBAH, siklus__status=StatusSiklus.DIBUKA)
        if action == "jadwalkan":
            if not _tingkat_cocok(lingkup, Tingkat.KOTA):
                return tidak_ada
            return q & Q(status__in=STATUS_DAPAT_DIUBAH, siklus__status=StatusSiklus.DIBUKA)
        langkah = LANGKAH.get(action)
        if langkah is not None:
            if not _tingkat_cocok(lingkup, langkah.tingkat):
                return tidak_ada
            q &= Q(status__in=langkah.dari)
            if langkah.siklus_dibuka:
                q &= Q(siklus__status=StatusSiklus.DIBUKA)
        return q


class PengajuanPUD(models.Model):
    """One kelurahan's part of a round: schedule, FGD, nominations, workflow status."""

    siklus = models.ForeignKey(Siklus, on_delete=models.PROTECT, related_name="pengajuan_set", verbose_name=_("putaran"))
    kelurahan = models.ForeignKey("wilayah.Kelurahan", on_delete=models.PROTECT, related_name="pengajuan_pud_set", related_query_name="pengajuan_pud", verbose_name=_("kelurahan"))
    status = models.CharField(_("status"), max_length=12, choices=StatusPengajuan.choices, default=StatusPengajuan.DRAF)
    jadwal_fgd = models.DateField(_("jadwal FGD"), null=True, blank=True)
    jadwal_tempat = models.CharField(_("tempat FGD terjadwal"), max_length=200, blank=True)
    tanggal_fgd = models.DateField(_("tanggal FGD dilaksanakan"), null=True, blank=True)
    tempat_fgd = models.CharField(_("tempat FGD"), max_length=200, blank=True)
    nomor_berita_acara = models.CharField(_("nomor berita acara"), max_length=80, blank=True)
    berita_acara = BerkasField(_("pindaian berita acara bertanda tangan (PDF/gambar)"), upload_to="pud/berita-acara/%Y/", blank=True, terima="pdf_atau_gambar")
    nomor_keputusan = models.CharField(_("nomor keputusan wali kota"), max_length=100, blank=True)
    tanggal_keputusan = models.DateField(_("tanggal keputusan wali kota"), null=True, blank=True)
    diubah = models.DateTimeField(_("diubah"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["diubah"])
    objects = PengajuanQuerySet.as_manager()
    scope_kelurahan_lookup = "kelurahan"
    list_url_name = "pud:pengajuan-list"
    role_actions = {
        OPERATOR_KELURAHAN: {"view", "change", "ajukan"},
        CAMAT: {"view", "verifikasi"},
        BAPPEDA: {"view", "add", "jadwalkan", "tetapkan"},
        KANTOR_WALI_KOTA: {"view"},
    }

    class Meta:
        verbose_name = _("pengajuan PUD kelurahan")
        verbose_name_plural = _("pengajuan PUD kelurahan")
        ordering = ["siklus", "kelurahan__kode"]
        permissions = [
            ("ajukan_pengajuanpud", "Dapat mengajukan dan menarik pengajuan PUD kelurahan"),
            ("verifikasi_pengajuanpud", "Dapat memverifikasi atau mengembalikan pengajuan PUD"),
            ("tetapkan_pengajuanpud", "Dapat menetapkan PUD dengan keputusan wali kota"),
            ("jadwalkan_pengajuanpud", "Dapat menjadwalkan FGD PUD"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["siklus", "kelurahan"], name="pengajuan_pud_satu_per_kelurahan", violation_error_message=_("Kelurahan ini sudah punya pengajuan di putaran ini.")),
            models.CheckConstraint(
                condition=~Q(status__in=STATUS_TERKIRIM) | (Q(tanggal_fgd__isnull=False) & ~Q(berita_acara="")),
                name="pengajuan_pud_terkirim_berberita_acara",
                violation_error_message=_("Pengajuan harus mempunyai tanggal FGD dan pindaian berita acara bertanda tangan."),
            ),
            models.CheckConstraint(
                condition=~Q(status=StatusPengajuan.DITETAPKAN) | (~Q(nomor_keputusan="") & Q(tanggal_keputusan__isnull=False)),
                name="pengajuan_pud_ditetapkan_berkeputusan",
                violation_error_message=_("PUD yang ditetapkan harus mempunyai nomor dan tanggal keputusan wali kota."),
            ),
        ]

    def __str__(self):
        return _("PUD %(kelurahan)s %(tahun)s") % {"kelurahan": self.kelurahan.nama, "tahun": self.siklus.tahun}

    def get_absolute_url(self):
        return reverse("pud:pengajuan-detail", kwargs={"pk": self.pk})

    @property
    def dapat_diubah(self) -> bool:
        """Whether the content is in an editable status (who may edit is ``for_user(user, "change")``)."""
        return self.status in STATUS_DAPAT_DIUBAH

    def clean(self):
        errors = {}
        if self.tanggal_fgd and self.tanggal_fgd > timezone.localdate():
            errors["tanggal_fgd"] = _("Tanggal FGD dilaksanakan tidak boleh di masa depan. Isi setelah FGD berlangsung.")
        if self.tanggal_keputusan and self.tanggal_fgd and self.tanggal_keputusan < self.tanggal_fgd:
            errors["tanggal_keputusan"] = _("Tanggal keputusan tidak boleh sebelum tanggal FGD.")
        if errors:
            raise ValidationError(errors)


class PeranPeserta(models.TextChoices):
    CAMAT = "camat", _("Camat")
    LURAH = "lurah", _("Lurah")
    KASI_PEMMAS = "kasi_pemmas", _("Kasi Pemberdayaan Masyarakat")
    LPM = "lpm", _("LPM")
    UMKM = "umkm", _("Perwakilan UMKM")
    BAPPEDA = "bappeda", _("Bappeda")
    LAINNYA = "lainnya", _("Lainnya")


class PesertaFGD(models.Model):
    """Someone present at the kelurahan's FGD, by role. Reached through its (scoped) pengajuan."""

    pengajuan = models.ForeignKey(PengajuanPUD, on_delete=models.CASCADE, related_name="peserta_set", verbose_name=_("pengajuan"))
    peran = models.CharField(_("peran"), max_length=12, choices=PeranPeserta.choices)
    nama = models.CharField(_("nama"), max_length=100)
    jabatan = models.CharField(_("jabatan/instansi"), max_length=150, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("peserta FGD")
        verbose_name_plural = _("peserta FGD")
        ordering = ["pengajuan", "pk"]

    def __str__(self):
        return f"{self.nama} ({self.get_peran_display()})"


class KategoriKosong(models.Model):
    """The kelurahan's explicit "no nomination in this category", with its reason."""

    pengajuan = models.ForeignKey(PengajuanPUD, on_delete=models.CASCADE, related_name="kategori_kosong_set", verbose_name=_("pengajuan"))
    kategori = models.CharField(_("kategori"), max_length=12, choices=KategoriPUD.choices)
    alasan = models.TextField(_("alasan"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kategori tanpa usulan")
        verbose_name_plural = _("kategori tanpa usulan")
        ordering = ["pengajuan", "kategori"]
        constraints = [
            models.UniqueConstraint(fields=["pengajuan", "kategori"], name="kategori_kosong_sekali", violation_error_message=_("Kategori ini sudah dinyatakan tanpa usulan.")),
            models.CheckConstraint(condition=~Q(alasan=""), name="kategori_kosong_beralasan", violation_error_message=_("Tulis alasan mengapa tidak ada usulan di kategori ini.")),
        ]

    def __str__(self):
        return _("Tanpa usulan %(kategori)s") % {"kategori": self.get_kategori_display()}


class UsulanQuerySet(ScopedQuerySet):
    def scope_q(self, lingkup, *, user, action) -> Q:
        """Reading: by region. Writing: the kelurahan's own operators, while its pengajuan is
        draf or dikembalikan in an open round (the same rule as ``PengajuanPUD`` "change")."""
        q = self.wilayah_q(lingkup)
        if action == "view":
            return q
        if not _tingkat_cocok(lingkup, Tingkat.KELURAHAN):
            return Q(pk__in=[])
        return q & Q(pengajuan__status__in=STATUS_DAPAT_DIUBAH, pengajuan__siklus__status=StatusSiklus.DIBUKA)

    def utama(self):
        return self.filter(utama=True)

    def dengan_skor(self):
        """Each nomination with ``total``: the sum of weight x score over the criteria the FGD scored
        (None when it scored none). The one place the weighted score is computed."""
        return self.annotate(total=Sum(F("nilai_set__skor") * F("nilai_set__kriteria__bobot")))

    def ditetapkan(self):
        """The determined PUD: main nominations of a kelurahan whose round part is ditetapkan."""
        return self.filter(utama=True, pengajuan__status=StatusPengajuan.DITETAPKAN)


class Usulan(models.Model):
    """A nomination of a UMKM's product in one category, by the kelurahan's FGD."""

    pengajuan = models.ForeignKey(PengajuanPUD, on_delete=models.CASCADE, related_name="usulan_set", verbose_name=_("pengajuan"))
    kategori = models.CharField(_("kategori"), max_length=12, choices=KategoriPUD.choices)
    umkm = models.ForeignKey(UMKM, on_delete=models.PROTECT, related_name="usulan_set", verbose_name=_("UMKM"))
    produk = models.CharField(_("produk yang diusulkan"), max_length=200)
    alasan = models.TextField(_("alasan diusulkan"), blank=True)
    utama = models.BooleanField(_("usulan utama"), default=False, help_text=_("Satu usulan utama per kategori; yang lain menjadi alternatif."))
    dibuat = models.DateTimeField(_("dicatat"), auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["dibuat"])
    objects = UsulanQuerySet.as_manager()
    scope_kelurahan_lookup = "pengajuan__kelurahan"
    list_url_name = "pud:usulan-list"
    role_actions = {
        OPERATOR_KELURAHAN: {"view", "add", "change", "delete"},
        CAMAT: {"view"},
        BAPPEDA: {"view"},
        KANTOR_WALI_KOTA: {"view"},
    }

    class Meta:
        verbose_name = _("usulan PUD")
        verbose_name_plural = _("usulan PUD")
        ordering = ["pengajuan", "kategori", "-utama", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["pengajuan", "kategori"],
                condition=Q(utama=True),
                name="usulan_pud_satu_utama_per_kategori",
                violation_error_message=_("Kategori ini sudah punya usulan utama. Jadikan usulan utama yang lama sebagai alternatif dahulu."),
            ),
            models.UniqueConstraint(fields=["pengajuan", "kategori", "umkm"], name="usulan_pud_umkm_sekali_per_kategori", violation_error_message=_("UMKM ini sudah diusulkan di kategori ini.")),
        ]

    def __str__(self):
        return f"{self.produk} ({self.umkm})"

    def get_absolute_url(self):
        return reverse("pud:usulan-detail", kwargs={"pk": self.pk})

    @property
    def jenis_label(self) -> str:
        return str(_("Utama") if self.utama else _("Alternatif"))

    def clean(self):
        errors = {}
        if self.umkm_id and self.pengajuan_id:
            umkm_kelurahan = UMKM.objects.filter(pk=self.umkm_id).values_list("kelurahan_id", flat=True).first()
            pengajuan_kelurahan = PengajuanPUD.objects.filter(pk=self.pengajuan_id).values_list("kelurahan_id", flat=True).first()
            if umkm_kelurahan != pengajuan_kelurahan:
                errors["umkm"] = _("UMKM ini bukan UMKM kelurahan yang mengusulkan. Pilih UMKM dari kelurahan ini.")
        if errors:
            raise ValidationError(errors)


class NilaiUsulan(models.Model):
    """The FGD's score (1 to 5) of a nomination on one criterion of the round's rubric."""

    usulan = models.ForeignKey(Usulan, on_delete=models.CASCADE, related_name="nilai_set", verbose_name=_("usulan"))
    kriteria = models.ForeignKey(KriteriaPUD, on_delete=models.PROTECT, related_name="nilai_set", verbose_name=_("kriteria"))
    skor = models.PositiveSmallIntegerField(_("skor"), validators=[MinValueValidator(1), MaxValueValidator(5)])

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nilai usulan")
        verbose_name_plural = _("nilai usulan")
        ordering = ["usulan", "kriteria__urutan", "kriteria_id"]
        constraints = [
            models.UniqueConstraint(fields=["usulan", "kriteria"], name="nilai_usulan_sekali_per_kriteria"),
            models.CheckConstraint(condition=Q(skor__gte=1, skor__lte=5), name="nilai_usulan_1_sampai_5", violation_error_message=_("Skor antara 1 dan 5.")),
        ]

    def __str__(self):
        return f"{self.kriteria_id}: {self.skor}"


class LangkahPUD(models.Model):
    """A workflow step taken: who, when, from which status to which, and the note. Written only
    by ``pud.services.pengajuan_langkah``; never changed."""

    pengajuan = models.ForeignKey(PengajuanPUD, on_delete=models.CASCADE, related_name="langkah_set", verbose_name=_("pengajuan"))
    aksi = models.CharField(_("langkah"), max_length=20, choices=[(k, v.label) for k, v in LANGKAH.items()])
    dari_status = models.CharField(_("dari status"), max_length=12, choices=StatusPengajuan.choices)
    ke_status = models.CharField(_("ke status"), max_length=12, choices=StatusPengajuan.choices)
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("oleh"))
    pada = models.DateTimeField(_("pada"), default=timezone.now)
    catatan = models.TextField(_("catatan"), blank=True)

    class Meta:
        verbose_name = _("langkah PUD")
        verbose_name_plural = _("langkah PUD")
        ordering = ["pengajuan", "pada", "pk"]
        indexes = [models.Index(fields=["pengajuan", "pada"], name="langkah_pud_pengajuan_pada")]

    def __str__(self):
        return f"{self.get_aksi_display()} ({self.pada:%d-%m-%Y %H:%M})"


def hari_kerja_berikut(tanggal: dt.date) -> dt.date:
    """``tanggal`` itself on a weekday, else the next Monday."""
    while tanggal.weekday() >= 5:
        tanggal += dt.timedelta(days=1)
    return tanggal
