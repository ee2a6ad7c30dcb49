"""Kader Pemberdayaan Masyarakat (KPM): the cadre registry, Forkom KPM boards, KPM Berprestasi.

The cadre rules live in ``kader.aturan`` (one pure function used by ``clean()``, so by
``services.kader_simpan``, and by the Excel import); the NIK rules and who may read a NIK in full
are shared by every programme in ``wilayah.nik``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from wilayah.berkas import BerkasField
from wilayah.nik import JenisKelamin, samarkan_nik
from wilayah.periode import TAHUN_AKHIR, TAHUN_AWAL
from wilayah.roles import BAPPEDA, CAMAT, KANTOR_WALI_KOTA, OPERATOR_KELURAHAN
from wilayah.scoping import CityWideQuerySet, ScopedQuerySet, Tingkat

NAMA_PROGRAM = _("Kader Pemberdayaan Masyarakat")

# Reference lists: Bappeda keeps them, every role reads them.
REFERENSI = {OPERATOR_KELURAHAN: {"view"}, CAMAT: {"view"}, BAPPEDA: {"view", "add", "change"}, KANTOR_WALI_KOTA: {"view"}}


class PengaturanKader(models.Model):
    """The 5-to-10 target per kelurahan (a DPMD figure, not a regulation: Bappeda may change it). One row."""

    target_minimal = models.PositiveSmallIntegerField(_("target minimal KPM aktif per kelurahan"), default=5)
    target_maksimal = models.PositiveSmallIntegerField(_("target maksimal KPM aktif per kelurahan"), default=10)

    history = HistoricalRecords()
    objects = CityWideQuerySet.as_manager()
    # Bappeda sets it on the targets page (/wilayah/target/); the mayor's office reads it there.
    role_actions = {BAPPEDA: {"view", "change"}, KANTOR_WALI_KOTA: {"view"}}

    class Meta:
        verbose_name = _("pengaturan target KPM")
        verbose_name_plural = _("pengaturan target KPM")
        constraints = [
            models.CheckConstraint(
                condition=Q(target_minimal__gte=1, target_maksimal__gte=models.F("target_minimal")),
                name="kader_target_masuk_akal",
                violation_error_message=_("Target minimal paling sedikit 1 dan target maksimal tidak boleh di bawah target minimal."),
            )
        ]

    def __str__(self):
        return _("Target %(min)s sampai %(max)s KPM aktif per kelurahan") % {"min": self.target_minimal, "max": self.target_maksimal}

    @classmethod
    def aktif(cls) -> PengaturanKader:
        """The settings row (the defaults when none was saved yet; one query)."""
        return cls.objects.order_by("pk").first() or cls()


class BidangKerja(models.Model):
    """A field of work (ekonomi, kesehatan...): a list Bappeda manages."""

    nama = models.CharField(_("nama"), max_length=60, unique=True)
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=100)
    aktif = models.BooleanField(_("masih dipakai"), default=True)

    objects = CityWideQuerySet.as_manager()
    role_actions = REFERENSI

    class Meta:
        verbose_name = _("bidang kerja")
        verbose_name_plural = _("bidang kerja")
        ordering = ["urutan", "nama"]

    def __str__(self):
        return self.nama


class PeranKPM(models.TextChoices):
    """The seven KPM roles (Permendagri 7/2007)."""

    PELOPOR = "pelopor", _("Pelopor")
    PENGGERAK = "penggerak", _("Penggerak")
    PEMBIMBING = "pembimbing", _("Pembimbing")
    PERENCANA = "perencana", _("Perencana")
    PERANTARA = "perantara", _("Perantara")
    PELAKSANA = "pelaksana", _("Pelaksana")
    PEMBAHARU = "pembaharu", _("Pembaharu")


class Pendidikan(models.TextChoices):
    TIDAK_SEKOLAH = "tidak_sekolah", _("Tidak/belum sekolah")
    SD = "sd", _("SD/sederajat")
    SMP = "smp", _("SMP/sederajat")
    SMA = "sma", _("SMA/SMK/sederajat")
    DIPLOMA = "diploma", _("Diploma (D1-D3)")
    S1 = "s1", _("S1/D4")
    S2 = "s2", _("S2")
    S3 = "s3", _("S3")


class StatusKader(models.TextChoices):
    AKTIF = "aktif", _("Aktif")
    NONAKTIF = "nonaktif", _("Nonaktif")


_URUTAN_PERAN = {p.value: i for i, p in enumerate(PeranKPM)}


def peran_ke_teks(kode: list[str] | tuple[str, ...]) -> str:
    """The roles as stored: ",pelopor,penggerak," (so a filter is one ``contains``)."""
    kode = sorted(set(kode), key=_URUTAN_PERAN.__getitem__)
    return f",{','.join(kode)}," if kode else ""


class KaderQuerySet(ScopedQuerySet):
    def aktif(self):
        return self.filter(status=StatusKader.AKTIF)

    def dengan_peran(self, peran: str):
        return self.filter(peran__contains=f",{peran},")


class Kader(models.Model):
    nik = models.CharField(_("NIK"), max_length=16, help_text=_("16 angka, sesuai KTP."))
    nik_luar_wilayah = models.BooleanField(
        _("NIK dari luar wilayah sudah diperiksa"),
        default=False,
        help_text=_("Dicentang operator bila 6 angka pertama NIK bukan kode kecamatan di wilayah ini (misalnya pendatang)."),
    )
    nama = models.CharField(_("nama lengkap"), max_length=100)
    jenis_kelamin = models.CharField(_("jenis kelamin"), max_length=1, choices=JenisKelamin.choices)
    tempat_lahir = models.CharField(_("tempat lahir"), max_length=60)
    tanggal_lahir = models.DateField(_("tanggal lahir"))
    alamat = models.CharField(_("alamat"), max_length=200)
    kelurahan = models.ForeignKey("wilayah.Kelurahan", on_delete=models.PROTECT, related_name="kader_set", verbose_name=_("kelurahan"))
    rw = models.ForeignKey("wilayah.RW", on_delete=models.PROTECT, null=True, blank=True, related_name="kader_set", verbose_name=_("RW"))
    telepon = models.CharField(_("nomor telepon/WA"), max_length=20, blank=True)
    pendidikan = models.CharField(_("pendidikan terakhir"), max_length=15, choices=Pendidikan.choices, blank=True)
    pekerjaan = models.CharField(_("pekerjaan"), max_length=80, blank=True)
    bidang_kerja = models.ManyToManyField(BidangKerja, blank=True, related_name="kader_set", verbose_name=_("bidang kerja"))
    peran = models.CharField(_("peran KPM"), max_length=120, blank=True, help_text=_("Boleh lebih dari satu."))
    tanggal_mulai = models.DateField(_("mulai menjadi KPM"))
    status = models.CharField(_("status"), max_length=10, choices=StatusKader.choices, default=StatusKader.AKTIF)
    alasan_nonaktif = models.CharField(_("alasan nonaktif"), max_length=200, blank=True)
    tanggal_nonaktif = models.DateField(_("tanggal nonaktif"), null=True, blank=True)
    nomor_sk = models.CharField(_("nomor SK lurah"), max_length=80, blank=True)
    tanggal_sk = models.DateField(_("tanggal SK lurah"), null=True, blank=True)
    scan_sk = BerkasField(_("pindaian SK (PDF/gambar)"), upload_to="kader/sk/%Y/", blank=True, terima="pdf_atau_gambar")
    foto = BerkasField(_("foto"), upload_to="kader/foto/%Y/", blank=True, terima="gambar")
    dibuat = models.DateTimeField(_("dicatat"), auto_now_add=True)
    diubah = models.DateTimeField(_("diubah"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["dibuat", "diubah"])

    objects = KaderQuerySet.as_manager()
    scope_kelurahan_lookup = "kelurahan"
    list_url_name = "kader:kader-list"

    class Meta:
        verbose_name = _("Kader Pemberdayaan Masyarakat")
        verbose_name_plural = _("Kader Pemberdayaan Masyarakat")
        ordering = ["nama", "pk"]
        indexes = [
            models.Index(fields=["kelurahan", "status"], name="kader_kelurahan_status"),
            models.Index(fields=["nama", "id"], name="kader_urut_nama"),  # the list's default order (and -nama, -pk backwards)
            # /kader/daftar/?status=...: the filtered list in name order read straight from the index
            models.Index(fields=["status", "nama", "id"], name="kader_status_nama"),
            # ?urut=tanggal_mulai / -tanggal_mulai (both end with pk in the same direction: one index, both ways)
            models.Index(fields=["tanggal_mulai", "id"], name="kader_urut_mulai"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["nik"],
                condition=Q(status="aktif"),
                name="kader_nik_unik_di_antara_aktif",
                violation_error_message=_("NIK ini sudah terdaftar pada KPM aktif lain."),
                violation_error_code="unique",  # shown on the NIK field by full_clean
            ),
            models.CheckConstraint(
                condition=Q(nik__regex=r"^[0-9]{16}$"),
                name="kader_nik_16_angka",
                violation_error_message=_("NIK harus terdiri dari 16 angka."),
            ),
            models.CheckConstraint(
                condition=Q(status="aktif", tanggal_nonaktif__isnull=True)
                | (Q(status="nonaktif", tanggal_nonaktif__isnull=False) & ~Q(alasan_nonaktif="")),
                name="kader_nonaktif_beralasan",
                violation_error_message=_("KPM nonaktif harus mempunyai alasan dan tanggal nonaktif."),
            ),
        ]

    def __str__(self):
        return self.nama

    def get_absolute_url(self):
        return reverse("kader:kader-detail", kwargs={"pk": self.pk})

    @property
    def aktif(self) -> bool:
        return self.status == StatusKader.AKTIF

    @property
    def nik_samaran(self) -> str:
        return samarkan_nik(self.nik)

    @property
    def daftar_peran(self) -> list[str]:
        return [p for p in self.peran.strip(",").split(",") if p]

    @property
    def label_peran(self) -> list[str]:
        return [PeranKPM(p).label for p in self.daftar_peran if p in PeranKPM.values]

    def clean(self):
        from wilayah.nik import kode_nik_kecamatan

        from .aturan import periksa_kader

        rw_kelurahan_id = None
        if self.rw_id:
            from wilayah.models import RW

            rw_kelurahan_id = RW.objects.filter(pk=self.rw_id).values_list("kelurahan_id", flat=True).first()
        periksa_kader(
            nik=self.nik,
            tanggal_lahir=self.tanggal_lahir,
            jenis_kelamin=self.jenis_kelamin,
            kelurahan_id=self.kelurahan_id,
            rw_kelurahan_id=rw_kelurahan_id,
            nik_luar_wilayah=self.nik_luar_wilayah,
            kode_kecamatan=kode_nik_kecamatan(),
            tanggal_mulai=self.tanggal_mulai,
        )


# --- Forkom KPM -----------------------------------------------------------------------------


class KepengurusanQuerySet(ScopedQuerySet):
    def scope_q(self, lingkup, *, user, action) -> Q:
        """Viewing: a kelurahan user sees their kelurahan's board and the boards above it (their
        kecamatan's and the city's); a camat their kecamatan's board, its kelurahan's boards and the
        city's. Writing: a kelurahan user only their own kelurahan's board; a camat none; city-wide
        roles (with the permission) every board."""
        if lingkup is None or lingkup.tingkat == Tingkat.KOTA:
            return Q()
        if action != "view":
            if lingkup.tingkat == Tingkat.KELURAHAN:
                return Q(tingkat=Tingkat.KELURAHAN, kelurahan_id=lingkup.kelurahan_id)
            return Q(pk__in=[])
        kota = Q(tingkat=Tingkat.KOTA)
        if lingkup.tingkat == Tingkat.KELURAHAN:
            return kota | Q(tingkat=Tingkat.KECAMATAN, kecamatan_id=lingkup.kelurahan.kecamatan_id) | Q(kelurahan_id=lingkup.kelurahan_id)
        return kota | Q(kecamatan_id=lingkup.kecamatan_id) | Q(kelurahan__kecamatan_id=lingkup.kecamatan_id)


class KepengurusanForkom(models.Model):
    """A Forkom KPM board for one period, at city, kecamatan or kelurahan level."""

    tingkat = models.CharField(_("tingkat"), max_length=10, choices=Tingkat.choices)
    kecamatan = models.ForeignKey("wilayah.Kecamatan", on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("kecamatan"))
    kelurahan = models.ForeignKey("wilayah.Kelurahan", on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("kelurahan"))
    periode_mulai = models.DateField(_("periode mulai"))
    periode_selesai = models.DateField(_("periode selesai"))
    nomor_sk = models.CharField(_("nomor SK"), max_length=80, blank=True)
    catatan = models.TextField(_("catatan"), blank=True)

    history = HistoricalRecords()

    objects = KepengurusanQuerySet.as_manager()
    scope_kelurahan_lookup = "kelurahan"
    list_url_name = "kader:forkom-list"
    # Operators form their kelurahan's board; the city (Bappeda) forms the others.
    role_actions = {OPERATOR_KELURAHAN: {"view", "add", "change"}}

    class Meta:
        verbose_name = _("kepengurusan Forkom KPM")
        verbose_name_plural = _("kepengurusan Forkom KPM")
        ordering = ["tingkat", "kecamatan__kode", "kelurahan__kode", "-periode_mulai"]
        constraints = [
            models.CheckConstraint(
                name="forkom_wilayah_sesuai_tingkat",
                condition=(
                    Q(tingkat=Tingkat.KOTA, kecamatan__isnull=True, kelurahan__isnull=True)
                    | Q(tingkat=Tingkat.KECAMATAN, kecamatan__isnull=False, kelurahan__isnull=True)
                    | Q(tingkat=Tingkat.KELURAHAN, kecamatan__isnull=True, kelurahan__isnull=False)
                ),
                violation_error_message=_("Kepengurusan kota tanpa wilayah, kecamatan dengan satu kecamatan, kelurahan dengan satu kelurahan."),
            ),
            models.CheckConstraint(
                name="forkom_periode_urut",
                condition=Q(periode_selesai__gt=models.F("periode_mulai")),
                violation_error_message=_("Periode selesai harus sesudah periode mulai."),
            ),
        ]

    def __str__(self):
        return _("Forkom KPM %(wilayah)s %(mulai)s-%(selesai)s") % {
            "wilayah": self.wilayah_label,
            "mulai": self.periode_mulai.year,
            "selesai": self.periode_selesai.year,
        }

    @property
    def wilayah_label(self) -> str:
        if self.tingkat == Tingkat.KELURAHAN and self.kelurahan_id:
            return str(self.kelurahan)
        if self.tingkat == Tingkat.KECAMATAN and self.kecamatan_id:
            return str(self.kecamatan)
        return settings.NAMA_WILAYAH

    def get_absolute_url(self):
        return reverse("kader:forkom-detail", kwargs={"pk": self.pk})

    def kader_wilayah_q(self) -> Q:
        """Which cadres may sit on this board: those of its region."""
        if self.tingkat == Tingkat.KELURAHAN:
            return Q(kelurahan_id=self.kelurahan_id)
        if self.tingkat == Tingkat.KECAMATAN:
            return Q(kelurahan__kecamatan_id=self.kecamatan_id)
        return Q()


class JabatanForkom(models.TextChoices):
    KOORDINATOR = "koordinator", _("Koordinator")
    WAKIL = "wakil", _("Wakil koordinator")
    SEKRETARIS = "sekretaris", _("Sekretaris")
    BENDAHARA = "bendahara", _("Bendahara")
    ANGGOTA = "anggota", _("Anggota")


class AnggotaForkom(models.Model):
    """A cadre on a board. Reached only through its (scoped) board."""

    kepengurusan = models.ForeignKey(KepengurusanForkom, on_delete=models.CASCADE, related_name="anggota_set", verbose_name=_("kepengurusan"))
    kader = models.ForeignKey(Kader, on_delete=models.PROTECT, related_name="forkom_set", verbose_name=_("kader"))
    jabatan = models.CharField(_("jabatan"), max_length=15, choices=JabatanForkom.choices, default=JabatanForkom.ANGGOTA)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("anggota Forkom KPM")
        verbose_name_plural = _("anggota Forkom KPM")
        constraints = [
            models.UniqueConstraint(fields=["kepengurusan", "kader"], name="forkom_kader_sekali_per_pengurus", violation_error_message=_("Kader ini sudah menjadi pengurus di kepengurusan ini.")),
            models.UniqueConstraint(
                fields=["kepengurusan"],
                condition=Q(jabatan="koordinator"),
                name="forkom_satu_koordinator",
                violation_error_message=_("Satu kepengurusan hanya mempunyai satu koordinator."),
            ),
        ]

    def __str__(self):
        return f"{self.get_jabatan_display()}: {self.kader}"


# --- KPM Berprestasi ----------------------------------------------------------------------------

LOMBA_AKSES = {OPERATOR_KELURAHAN: {"view"}, CAMAT: {"view"}, BAPPEDA: {"view", "add", "change", "delete"}, KANTOR_WALI_KOTA: {"view"}}


class LombaKPM(models.Model):
    """One KPM Berprestasi round: a year and a level."""

    class Tingkat(models.TextChoices):
        KOTA = "kota", _("Kota")
        PROVINSI = "provinsi", _("Provinsi")

    class Skala(models.IntegerChoices):
        LIMA = 5, _("1 sampai 5")
        SERATUS = 100, _("1 sampai 100")

    tahun = models.PositiveSmallIntegerField(_("tahun"), validators=[MinValueValidator(TAHUN_AWAL), MaxValueValidator(TAHUN_AKHIR)])
    tingkat = models.CharField(_("tingkat"), max_length=10, choices=Tingkat.choices, default=Tingkat.KOTA)
    skala = models.PositiveSmallIntegerField(_("skala nilai"), choices=Skala.choices, default=Skala.SERATUS)
    batas_nominasi = models.DateField(_("batas pengusulan"), null=True, blank=True)
    juri = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="lomba_kpm_juri",
        verbose_name=_("juri"),
        help_text=_("Kosongkan: semua pengguna Bappeda menjadi juri."),
    )
    jumlah_dikirim = models.PositiveSmallIntegerField(_("jumlah dikirim ke provinsi"), default=3, help_text=_("Juara dan juara harapan yang dikirim."))

    history = HistoricalRecords()
    objects = CityWideQuerySet.as_manager()
    role_actions = LOMBA_AKSES

    class Meta:
        verbose_name = _("lomba KPM Berprestasi")
        verbose_name_plural = _("lomba KPM Berprestasi")
        ordering = ["-tahun", "tingkat"]
        constraints = [
            models.UniqueConstraint(fields=["tahun", "tingkat"], name="lomba_kpm_satu_per_tahun_tingkat", violation_error_message=_("Lomba untuk tahun dan tingkat ini sudah ada.")),
            models.CheckConstraint(condition=Q(skala__in=[5, 100]), name="lomba_kpm_skala_sah"),
        ]

    def __str__(self):
        return _("KPM Berprestasi %(tahun)s tingkat %(tingkat)s") % {"tahun": self.tahun, "tingkat": self.get_tingkat_display()}

    def get_absolute_url(self):
        return reverse("kader:lomba-detail", kwargs={"pk": self.pk})


class KriteriaLomba(models.Model):
    lomba = models.ForeignKey(LombaKPM, on_delete=models.CASCADE, related_name="kriteria_set", verbose_name=_("lomba"))
    nama = models.CharField(_("kriteria"), max_length=120)
    bobot = models.PositiveSmallIntegerField(_("bobot"), validators=[MinValueValidator(1), MaxValueValidator(100)])
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=1)

    objects = CityWideQuerySet.as_manager()
    role_actions = LOMBA_AKSES

    class Meta:
        verbose_name = _("kriteria penilaian")
        verbose_name_plural = _("kriteria penilaian")
        ordering = ["urutan", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["lomba", "nama"], name="kriteria_unik_per_lomba"),
            models.CheckConstraint(condition=Q(bobot__gte=1), name="kriteria_bobot_positif"),
        ]

    def __str__(self):
        return f"{self.nama} ({self.bobot})"


class NominasiQuerySet(ScopedQuerySet):
    #: scoring an entry needs the change permission on scores.
    izin_aksi_khusus = {"nilai": "kader.change_nilailomba"}

    def scope_q(self, lingkup, *, user, action) -> Q:
        """Scoring ("nilai"): only the round's jury: the users listed on it or, when none are listed,
        everyone who holds the permission to score (Bappeda)."""
        q = self.wilayah_q(lingkup)
        if action == "nilai":
            berjuri = LombaKPM.objects.filter(juri__isnull=False).values("pk")
            q &= Q(lomba__in=LombaKPM.objects.filter(juri=user).values("pk")) | ~Q(lomba__in=berjuri)
        return q


class NominasiLomba(models.Model):
    """A cadre put forward by their kelurahan for a round."""

    lomba = models.ForeignKey(LombaKPM, on_delete=models.PROTECT, related_name="nominasi_set", verbose_name=_("lomba"))
    kader = models.ForeignKey(Kader, on_delete=models.PROTECT, related_name="nominasi_set", verbose_name=_("kader"))
    prestasi = models.TextField(_("prestasi dan kegiatan nyata"))
    diusulkan_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("diusulkan oleh"))
    diusulkan_pada = models.DateTimeField(_("diusulkan pada"), auto_now_add=True)
    peringkat = models.PositiveSmallIntegerField(_("peringkat akhir"), null=True, blank=True)
    dikirim_ke_provinsi = models.BooleanField(_("dikirim ke provinsi"), default=False)

    history = HistoricalRecords()

    objects = NominasiQuerySet.as_manager()
    scope_kelurahan_lookup = "kader__kelurahan"
    list_url_name = "kader:nominasi-list"
    role_actions = {OPERATOR_KELURAHAN: {"view", "add"}}

    class Meta:
        verbose_name = _("nominasi KPM Berprestasi")
        verbose_name_plural = _("nominasi KPM Berprestasi")
        ordering = ["lomba", "kader__nama"]
        constraints = [
            models.UniqueConstraint(fields=["lomba", "kader"], name="nominasi_kader_sekali_per_lomba", violation_error_message=_("Kader ini sudah diusulkan pada lomba ini.")),
            models.CheckConstraint(condition=Q(dikirim_ke_provinsi=False) | Q(peringkat__isnull=False), name="nominasi_dikirim_berperingkat"),
        ]

    def __str__(self):
        return f"{self.kader} ({self.lomba})"

    def get_absolute_url(self):
        return reverse("kader:nominasi-detail", kwargs={"pk": self.pk})


class NilaiLomba(models.Model):
    """One jury's score for one nominee on one criterion. Written through ``NominasiLomba``'s
    "nilai" action (``kader.services.lomba_beri_nilai``)."""

    nominasi = models.ForeignKey(NominasiLomba, on_delete=models.CASCADE, related_name="nilai_set", verbose_name=_("nominasi"))
    kriteria = models.ForeignKey(KriteriaLomba, on_delete=models.CASCADE, related_name="nilai_set", verbose_name=_("kriteria"))
    juri = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("juri"))
    nilai = models.PositiveSmallIntegerField(_("nilai"), validators=[MinValueValidator(1), MaxValueValidator(100)])

    history = HistoricalRecords()
    # Scoring juries (Bappeda) hold the change permission on scores; nobody else writes them.
    role_actions = {BAPPEDA: {"view", "add", "change"}}

    class Meta:
        verbose_name = _("nilai juri")
        verbose_name_plural = _("nilai juri")
        constraints = [
            models.UniqueConstraint(fields=["nominasi", "kriteria", "juri"], name="nilai_sekali_per_juri_kriteria"),
            models.CheckConstraint(condition=Q(nilai__gte=1, nilai__lte=100), name="nilai_1_sampai_100"),
        ]

    def __str__(self):
        return f"{self.kriteria.nama}: {self.nilai}"
