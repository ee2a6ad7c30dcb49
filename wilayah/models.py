"""The region tree (kecamatan > kelurahan > RW > RT) and each user's scope."""

import uuid

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .roles import BAPPEDA, CAMAT, KANTOR_WALI_KOTA, OPERATOR_KELURAHAN
from .scoping import CityWideQuerySet, ScopedQuerySet, Tingkat

# The region tree is loaded by ``muat_wilayah``; operators only read it.
READ_ONLY_REGION = {OPERATOR_KELURAHAN: {"view"}, CAMAT: {"view"}, BAPPEDA: {"view", "change"}, KANTOR_WALI_KOTA: {"view"}}

kode_kecamatan_validator = RegexValidator(r"^\d{2}\.\d{2}\.\d{2}$", _("Kode kecamatan harus berbentuk 35.74.01."))
kode_kelurahan_validator = RegexValidator(r"^\d{2}\.\d{2}\.\d{2}\.\d{4}$", _("Kode kelurahan harus berbentuk 35.74.01.1001."))


class KecamatanQuerySet(ScopedQuerySet):
    pass


class Kecamatan(models.Model):
    kode = models.CharField(_("kode Kemendagri"), max_length=8, unique=True, validators=[kode_kecamatan_validator])
    nama = models.CharField(_("nama"), max_length=100)

    objects = KecamatanQuerySet.as_manager()
    # A kelurahan user sees the kecamatan their kelurahan belongs to.
    scope_kelurahan_lookup = "kelurahan"
    scope_kecamatan_lookup = "pk"
    list_url_name = "wilayah:kecamatan-list"
    role_actions = READ_ONLY_REGION

    class Meta:
        verbose_name = _("kecamatan")
        verbose_name_plural = _("kecamatan")
        ordering = ["kode"]

    def __str__(self):
        return f"Kecamatan {self.nama}"

    @property
    def kode_nik(self) -> str:
        """The six digits a NIK issued in this kecamatan starts with (35.74.01 -> 357401)."""
        return self.kode.replace(".", "")

    def get_absolute_url(self):
        return reverse("wilayah:kecamatan-detail", kwargs={"kode": self.kode})


class Kelurahan(models.Model):
    class Jenis(models.TextChoices):
        KELURAHAN = "kelurahan", _("Kelurahan")
        DESA = "desa", _("Desa")

    kode = models.CharField(_("kode Kemendagri"), max_length=13, unique=True, validators=[kode_kelurahan_validator])
    nama = models.CharField(_("nama"), max_length=100)
    kecamatan = models.ForeignKey(Kecamatan, on_delete=models.PROTECT, related_name="kelurahan_set", related_query_name="kelurahan", verbose_name=_("kecamatan"))
    jenis = models.CharField(_("jenis"), max_length=10, choices=Jenis.choices, default=Jenis.KELURAHAN)
    alamat_kantor = models.CharField(_("alamat kantor"), max_length=200, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_kelurahan_lookup = "pk"
    scope_kecamatan_lookup = "kecamatan"
    list_url_name = "wilayah:kelurahan-list"
    role_actions = READ_ONLY_REGION

    class Meta:
        verbose_name = _("kelurahan")
        verbose_name_plural = _("kelurahan")
        ordering = ["kode"]

    def __str__(self):
        return f"{self.get_jenis_display()} {self.nama}"

    def get_absolute_url(self):
        return reverse("wilayah:kelurahan-detail", kwargs={"kode": self.kode})


class RW(models.Model):
    kelurahan = models.ForeignKey(Kelurahan, on_delete=models.PROTECT, related_name="rw_set", verbose_name=_("kelurahan"))
    nomor = models.PositiveSmallIntegerField(_("nomor RW"))
    nama_ketua = models.CharField(_("nama ketua RW"), max_length=100, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_kelurahan_lookup = "kelurahan"
    list_url_name = "wilayah:rw-list"

    class Meta:
        verbose_name = _("RW")
        verbose_name_plural = _("RW")
        ordering = ["kelurahan__kode", "nomor"]
        constraints = [
            models.UniqueConstraint(fields=["kelurahan", "nomor"], name="rw_unik_per_kelurahan"),
            models.CheckConstraint(condition=Q(nomor__gte=1), name="rw_nomor_positif"),
        ]

    def __str__(self):
        return f"RW {self.nomor:02d} {self.kelurahan.nama}"

    @property
    def label(self) -> str:
        return f"RW {self.nomor:02d}"

    def get_absolute_url(self):
        return reverse("wilayah:rw-detail", kwargs={"pk": self.pk})


class RT(models.Model):
    rw = models.ForeignKey(RW, on_delete=models.PROTECT, related_name="rt_set", verbose_name=_("RW"))
    nomor = models.PositiveSmallIntegerField(_("nomor RT"))

    objects = ScopedQuerySet.as_manager()
    scope_kelurahan_lookup = "rw__kelurahan"
    list_url_name = "wilayah:rt-list"

    class Meta:
        verbose_name = _("RT")
        verbose_name_plural = _("RT")
        ordering = ["rw__kelurahan__kode", "rw__nomor", "nomor"]
        constraints = [
            models.UniqueConstraint(fields=["rw", "nomor"], name="rt_unik_per_rw"),
            models.CheckConstraint(condition=Q(nomor__gte=1), name="rt_nomor_positif"),
        ]

    def __str__(self):
        return f"RT {self.nomor:02d}/RW {self.rw.nomor:02d} {self.rw.kelurahan.nama}"

    def get_absolute_url(self):
        return reverse("wilayah:rt-detail", kwargs={"pk": self.pk})


class Lingkup(models.Model):
    """Where a user works: one kelurahan, one kecamatan, or the whole city. One row per non-superuser."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lingkup", verbose_name=_("pengguna"))
    tingkat = models.CharField(_("tingkat"), max_length=10, choices=Tingkat.choices)
    kelurahan = models.ForeignKey(Kelurahan, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("kelurahan"))
    kecamatan = models.ForeignKey(Kecamatan, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("kecamatan"))
    jabatan = models.CharField(_("jabatan"), max_length=100, blank=True, help_text=_("Misalnya Lurah, Kasi Pemmas, Camat, Staf Bappeda."))
    # Set by wilayah.akun with every temporary password, cleared when the user replaces it on the
    # portal's password page; while set, wilayah.middleware.WajibGantiSandiMiddleware sends them there.
    wajib_ganti_sandi = models.BooleanField(
        _("wajib ganti kata sandi"), default=False, editable=False,
        help_text=_("Pengguna masih memakai kata sandi sementara dari Bappeda dan harus menggantinya sebelum bekerja."),
    )  # fmt: skip

    role_actions = {BAPPEDA: {"view", "add", "change", "delete"}}

    class Meta:
        verbose_name = _("lingkup wilayah pengguna")
        verbose_name_plural = _("lingkup wilayah pengguna")
        constraints = [
            models.CheckConstraint(
                name="lingkup_sesuai_tingkat",
                condition=(
                    Q(tingkat=Tingkat.KELURAHAN, kelurahan__isnull=False, kecamatan__isnull=True)
                    | Q(tingkat=Tingkat.KECAMATAN, kelurahan__isnull=True, kecamatan__isnull=False)
                    | Q(tingkat=Tingkat.KOTA, kelurahan__isnull=True, kecamatan__isnull=True)
                ),
                violation_error_message=_(
                    "Lingkup kelurahan harus memilih satu kelurahan, lingkup kecamatan satu kecamatan, "
                    "dan lingkup kota tidak memilih keduanya."
                ),
            )
        ]

    def __str__(self):
        return f"{self.user}: {self.wilayah_label}"

    @property
    def wilayah_label(self) -> str:
        if self.tingkat == Tingkat.KELURAHAN:
            return str(self.kelurahan)
        if self.tingkat == Tingkat.KECAMATAN:
            return str(self.kecamatan)
        return settings.NAMA_WILAYAH

    def get_home_url(self) -> str:
        if self.tingkat == Tingkat.KELURAHAN:
            return self.kelurahan.get_absolute_url()
        if self.tingkat == Tingkat.KECAMATAN:
            return self.kecamatan.get_absolute_url()
        return reverse("wilayah:kota")


class AksesNIK(models.Model):
    """Who saw, exported or ran into a full NIK (UU 27/2022 on personal data): one row per page,
    export, admin page, NIK conflict or batch of import lookups. Written only by
    ``wilayah.nik.catat_akses_nik`` (never by hand: the admin is read-only for everyone), read by
    Bappeda in the admin."""

    class Jenis(models.TextChoices):
        LIHAT = "lihat", _("Melihat NIK penuh")
        EKSPOR = "ekspor", _("Mengekspor NIK penuh")
        ADMIN = "admin", _("Membuka NIK penuh di admin")
        BENTROK = "bentrok", _("NIK bentrok dengan data lain")
        PERIKSA_IMPOR = "periksa_impor", _("Memeriksa NIK lewat impor")

    # Identifies the row when it is written again after a rollback (``wilayah.nik``).
    kunci = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    waktu = models.DateTimeField(_("waktu"))
    pengguna = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("pengguna")
    )
    nama_pengguna = models.CharField(_("nama pengguna"), max_length=150, help_text=_("Tetap tercatat bila akunnya dihapus."))
    jenis = models.CharField(_("jenis"), max_length=20, choices=Jenis.choices)
    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("jenis data")
    )
    object_id = models.CharField(_("id data"), max_length=64, blank=True)
    objek = models.CharField(_("data"), max_length=200, blank=True)
    jumlah = models.PositiveIntegerField(_("jumlah NIK"), default=1)
    nik_samaran = models.CharField(_("NIK (disamarkan)"), max_length=16, blank=True)
    keterangan = models.CharField(_("keterangan"), max_length=300, blank=True)

    objects = CityWideQuerySet.as_manager()
    role_actions = {BAPPEDA: {"view"}}

    class Meta:
        verbose_name = _("catatan akses NIK")
        verbose_name_plural = _("catatan akses NIK")
        ordering = ["-waktu", "-pk"]
        indexes = [models.Index(fields=["pengguna", "jenis", "waktu"], name="akses_nik_pengguna_jenis")]

    def __str__(self):
        return f"{self.nama_pengguna}: {self.get_jenis_display()} ({self.waktu:%Y-%m-%d %H:%M})"


class ImporLatarQuerySet(models.QuerySet):
    def milik(self, user):
        """The jobs a user may follow: only their own (an import's rows are scoped by the resource)."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(pemilik=user)


class ImporLatar(models.Model):
    """A large import run by a Celery task (``wilayah.tasks.impor_latar``): the check (preview) or the
    save of a file already checked. The parsed rows wait in the preview folder under ``token``; the
    task takes this row with ``select_for_update`` and finishes it in the same transaction as the
    import, so a worker killed mid-way leaves neither rows nor a finished job, and a second delivery
    of the task finds the job finished and does nothing."""

    class Tahap(models.TextChoices):
        PERIKSA = "periksa", _("Pemeriksaan")
        SIMPAN = "simpan", _("Penyimpanan")

    class Status(models.TextChoices):
        MENUNGGU = "menunggu", _("Menunggu")
        SELESAI = "selesai", _("Selesai")
        GAGAL = "gagal", _("Gagal")

    pemilik = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("pemilik"))
    jenis_data = models.CharField(_("jenis data"), max_length=100, help_text=_("Label model, misalnya kader.Kader."))
    resource = models.CharField(_("resource"), max_length=200, help_text=_("Jalur kelas resource impor."))
    tahap = models.CharField(_("tahap"), max_length=10, choices=Tahap.choices)
    token = models.CharField(_("token berkas"), max_length=32)
    nama_berkas = models.CharField(_("nama berkas"), max_length=255, blank=True)
    jumlah_baris = models.PositiveIntegerField(_("jumlah baris"), default=0)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.MENUNGGU)
    hasil = models.JSONField(_("hasil"), null=True, blank=True)
    task_id = models.CharField(_("id tugas"), max_length=64, blank=True)
    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True)
    selesai = models.DateTimeField(_("selesai"), null=True, blank=True)

    objects = ImporLatarQuerySet.as_manager()

    class Meta:
        verbose_name = _("impor di latar")
        verbose_name_plural = _("impor di latar")
        ordering = ["-dibuat", "-pk"]

    def __str__(self):
        return f"{self.jenis_data} {self.get_tahap_display()} ({self.get_status_display()})"


# --------------------------------------------------------------------------- monthly data: completeness and lock


class PengaturanBulan(models.Model):
    """When a month's data counts as on time and when it locks (DHIS2's expiry days). One row, set by Bappeda."""

    hari_tepat_waktu = models.PositiveSmallIntegerField(
        _("batas tepat waktu (tanggal bulan berikutnya)"), default=5,
        help_text=_("Konfirmasi kelengkapan sampai tanggal ini bulan berikutnya dihitung tepat waktu."),
    )
    hari_kunci = models.PositiveSmallIntegerField(
        _("bulan dikunci (hari setelah bulan berakhir)"), default=10,
        help_text=_("Sesudah sekian hari dari akhir bulan, data bulan itu tidak bisa diubah lagi tanpa pengecualian dari Bappeda."),
    )
    # The first month the lock applies to (its first day); empty: the lock is not in force yet. Months before it
    # stay open, so a kelurahan can still record its history (cadres active since 2019, an SK of 2021).
    kunci_mulai = models.DateField(
        _("kunci berlaku mulai bulan"), null=True, blank=True,
        help_text=_("Bulan pertama yang dikunci. Bulan sebelumnya tetap terbuka untuk mencatat data lama. Kosong: kunci belum berlaku."),
    )

    objects = CityWideQuerySet.as_manager()
    role_actions = {BAPPEDA: {"view", "change"}, OPERATOR_KELURAHAN: {"view"}, CAMAT: {"view"}, KANTOR_WALI_KOTA: {"view"}}

    class Meta:
        verbose_name = _("pengaturan bulan data")
        verbose_name_plural = _("pengaturan bulan data")
        constraints = [
            models.CheckConstraint(
                condition=Q(hari_tepat_waktu__gte=1, hari_tepat_waktu__lte=28),
                name="bulan_tepat_waktu_1_28",
                violation_error_message=_("Batas tepat waktu harus tanggal 1 sampai 28."),
            ),
            models.CheckConstraint(
                condition=Q(hari_kunci__gte=1, hari_kunci__lte=90),
                name="bulan_kunci_1_90",
                violation_error_message=_("Bulan dikunci 1 sampai 90 hari setelah berakhir."),
            ),
        ]

    def __str__(self):
        return _("Tepat waktu sampai tanggal %(tepat)s, dikunci %(kunci)s hari setelah akhir bulan") % {
            "tepat": self.hari_tepat_waktu, "kunci": self.hari_kunci,
        }

    @classmethod
    def aktif(cls) -> "PengaturanBulan":
        """The settings row (the defaults when none was saved yet; one query)."""
        return cls.objects.order_by("pk").first() or cls()


class CatatanBulanKelurahan(models.Model):
    """A row about one kelurahan's month (a confirmation, a lock exception): the kelurahan, the year, the
    month, scoped by the kelurahan. Each subclass says, by a constraint, that it is once per month."""

    kelurahan = models.ForeignKey(Kelurahan, on_delete=models.CASCADE, related_name="+", verbose_name=_("kelurahan"))
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    bulan = models.PositiveSmallIntegerField(_("bulan"))

    objects = ScopedQuerySet.as_manager()
    scope_kelurahan_lookup = "kelurahan"

    class Meta:
        abstract = True
        ordering = ["-tahun", "-bulan", "kelurahan__kode"]

    def __str__(self):
        return f"{self.kelurahan} {self.tahun}-{self.bulan:02d}"


class KonfirmasiBulan(CatatanBulanKelurahan):
    """A kelurahan's operator confirmed "Data bulan ini sudah lengkap" for one month (completeness)."""

    dikonfirmasi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("dikonfirmasi oleh"),
    )
    dikonfirmasi_pada = models.DateTimeField(_("dikonfirmasi pada"))

    list_url_name = "wilayah:konfirmasi-list"
    role_actions = {
        OPERATOR_KELURAHAN: {"view", "add"}, CAMAT: {"view"}, BAPPEDA: {"view", "add", "delete"}, KANTOR_WALI_KOTA: {"view"},
    }

    class Meta(CatatanBulanKelurahan.Meta):
        verbose_name = _("konfirmasi kelengkapan data")
        verbose_name_plural = _("konfirmasi kelengkapan data")
        constraints = [
            models.UniqueConstraint(
                fields=["kelurahan", "tahun", "bulan"], name="konfirmasi_sekali_per_bulan",
                violation_error_message=_("Data bulan ini sudah dikonfirmasi lengkap."),
            ),
            models.CheckConstraint(condition=Q(bulan__gte=1, bulan__lte=12), name="konfirmasi_bulan_1_12"),
        ]

    def get_absolute_url(self):
        return reverse("wilayah:konfirmasi-detail", kwargs={"pk": self.pk})


class PengecualianKunci(CatatanBulanKelurahan):
    """Bappeda lets one kelurahan change a locked month until a date."""

    berlaku_sampai = models.DateField(_("berlaku sampai"))
    alasan = models.CharField(_("alasan"), max_length=300)
    diberikan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("diberikan oleh"),
    )
    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True)

    list_url_name = "wilayah:pengecualian-list"
    role_actions = {
        OPERATOR_KELURAHAN: {"view"}, CAMAT: {"view"}, BAPPEDA: {"view", "add", "change", "delete"}, KANTOR_WALI_KOTA: {"view"},
    }

    class Meta(CatatanBulanKelurahan.Meta):
        verbose_name = _("pengecualian kunci bulan")
        verbose_name_plural = _("pengecualian kunci bulan")
        constraints = [
            models.UniqueConstraint(
                fields=["kelurahan", "tahun", "bulan"], name="pengecualian_sekali_per_bulan",
                violation_error_message=_("Kelurahan ini sudah punya pengecualian untuk bulan tersebut; ubah yang ada."),
            ),
            models.CheckConstraint(condition=Q(bulan__gte=1, bulan__lte=12), name="pengecualian_bulan_1_12"),
        ]

    def __str__(self):
        return f"{super().__str__()} s.d. {self.berlaku_sampai}"

    def get_absolute_url(self):
        return reverse("wilayah:pengecualian-detail", kwargs={"pk": self.pk})


class AngkaTersimpan(models.Model):
    """City figures computed in the background (``wilayah.angka``): one row per registered key."""

    kunci = models.CharField(_("kunci"), max_length=100, unique=True)
    data = models.JSONField(_("data"), encoder=DjangoJSONEncoder)
    #: the payload without its rows per kecamatan (``wilayah.angka.tanpa_rincian``), for panels; None: not made yet
    ringkasan = models.JSONField(_("ringkasan"), encoder=DjangoJSONEncoder, null=True, blank=True)
    dihitung_pada = models.DateTimeField(_("dihitung pada"))
    lama_detik = models.FloatField(_("lama hitung (detik)"), default=0)

    class Meta:
        verbose_name = _("angka tersimpan")
        verbose_name_plural = _("angka tersimpan")

    def __str__(self):
        return self.kunci

    @property
    def menit_pembaruan(self) -> int:
        """How often the figures are refreshed, in minutes (for "diperbarui tiap 15 menit")."""
        from .angka import umur_detik

        return max(1, round(umur_detik() / 60))
