"""Excel import/export of lembaga and pengurus (through ``wilayah.impor``: preview, then all-or-nothing).

The columns of each are declared once (``KOLOM_LEMBAGA``, ``KOLOM_PENGURUS``: ``wilayah.templat.Kolom``); the
template, the human headers and the export (``ekspor_lembar``, in the same headers, so it goes back in) follow.

Every row is scoped to the user (a kelurahan, RW or lembaga outside it is a row error) and is
written by the same service as the forms (``services.lembaga_simpan``, ``services.pengurus_simpan``:
one door, with its rules, locks and history) through ``wilayah.impor.LayananResourceMixin``; earlier
rows of the same file count, since they are written in the same transaction before the next row.

Both imports can be repeated: a row matching a stored row updates it, or is skipped when nothing differs.
A lembaga is known by kelurahan, type and name (``import_id_fields``). A board member
(``PengurusResource``, ``wilayah.impor.ImporUlangMixin``) is a person's post in a lembaga at a time: a
stored post of the same lembaga whose term overlaps the row's, held by the same person (``orang_sama``:
the NIK when both have one, else the name, with the phone when both have one). The term is part of
the key because one person may hold posts in the same lembaga in several terms (the rules allow it),
never two at once (``services.periksa_aturan_pengurus``). A row with neither NIK nor phone is known
by its name; a name that matches with a different phone and no NIK to tell is refused, not guessed.
An empty NIK or phone cell keeps the stored one (the next upload could not find the person otherwise).
The kelurahan column (``kode_kelurahan``) takes the Kemendagri code or the name, RW/RT "RW 03", "3"...
(``wilayah.pencari.PencariWilayah``); types and institutions are found by name with ``wilayah.sel.kunci_nama``.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, resources, widgets

from wilayah.impor import ImporUlangMixin, LayananResourceMixin
from wilayah.nik import BatasNikImporMixin, nik_untuk
from wilayah.pencari import PencariWilayah
from wilayah.sel import (
    NikWidget,
    Pilihan,
    SelTidakSah,
    TanggalWidget,
    TeksWidget,
    TeleponWidget,
    YaTidakWidget,
    baca_jenis_kelamin,
    baca_nomor,
    baca_tanggal,
    baca_teks,
    kunci_nama,
)
from wilayah.templat import (
    ANGKA,
    PENGENAL,
    PILIHAN,
    TANGGAL,
    TELEPON,
    YA_TIDAK,
    EksporKolomMixin,
    Kolom,
    KolomImporMixin,
    label_pilihan,
    pilihan_kode_kelurahan,
)

from wilayah.periode import tanggal_id

from .models import Jabatan, JenisLembaga, Lembaga, Pengurus, Status, normalkan_nama, normalkan_telepon
from . import services


class ObjekWidget(widgets.Widget):
    """The object put in the row by ``before_import_row``."""

    def clean(self, value, row=None, **kwargs):
        return value or None


class PetaJenis:
    """The user's institution types by code, abbreviation or name (``kunci_nama``), loaded once per import."""

    def __init__(self, user):
        jenis = list(JenisLembaga.objects.for_user(user))
        self._peta = {kunci_nama(j.nama): j for j in jenis}
        self._peta.update({kunci_nama(j.singkatan): j for j in jenis if j.singkatan})
        self._peta.update({kunci_nama(j.kode): j for j in jenis})
        self.daftar = ", ".join(sorted(j.kode for j in jenis))

    def baca(self, nilai) -> JenisLembaga:
        jenis = self._peta.get(kunci_nama(nilai))
        if jenis is None:
            raise SelTidakSah(
                _("Jenis lembaga '%(isi)s' tidak dikenal; pakai salah satu: %(daftar)s.") % {"isi": baca_teks(nilai) or "(kosong)", "daftar": self.daftar}
            )
        return jenis


def _baca(errors, kolom, pembaca, *args):
    """``pembaca(*args)``, or None with its refusal as ``kolom``'s error."""
    try:
        return pembaca(*args)
    except SelTidakSah as exc:
        errors[kolom] = str(exc)
        return None


def _pilihan_jenis(user) -> list[str]:
    return list(JenisLembaga.objects.for_user(user).order_by("kode").values_list("kode", flat=True))


KODE_KELURAHAN = Kolom(
    "kode_kelurahan", gettext_lazy("Kode kelurahan"), wajib=True, jenis=PILIHAN, pilihan=pilihan_kode_kelurahan,
    petunjuk=gettext_lazy("Kode Kemendagri kelurahan di wilayah kerja Anda, seperti 35.74.04.1004 (nama kelurahan juga dibaca)."),
    contoh="35.74.04.1004",
)
KOLOM_LEMBAGA = (
    KODE_KELURAHAN,
    Kolom("jenis", gettext_lazy("Jenis lembaga"), wajib=True, jenis=PILIHAN, pilihan=_pilihan_jenis,
          petunjuk=gettext_lazy("Kode jenis lembaga (atau singkatannya)."), contoh="posyandu"),
    Kolom("nama", gettext_lazy("Nama lembaga"), wajib=True, contoh="Posyandu Melati"),
    Kolom("nomor_rw", gettext_lazy("RW"), jenis=ANGKA, petunjuk=gettext_lazy("Nomor RW, untuk lembaga tingkat RW atau RT."), contoh=2),
    Kolom("nomor_rt", gettext_lazy("RT"), jenis=ANGKA, petunjuk=gettext_lazy("Nomor RT, untuk lembaga tingkat RT (isi RW-nya juga)."), contoh=""),
    Kolom("alamat", gettext_lazy("Alamat"), contoh="Jl. Brantas 10"),
    Kolom("tanggal_berdiri", gettext_lazy("Tanggal berdiri"), jenis=TANGGAL, contoh="01/03/2010"),
    Kolom("nomor_sk", gettext_lazy("Nomor SK"), jenis=PENGENAL, contoh="188/12/425.103/2024"),
    Kolom("tanggal_sk", gettext_lazy("Tanggal SK"), jenis=TANGGAL, contoh="02/01/2024"),
    Kolom("masa_bakti_mulai", gettext_lazy("Masa bakti mulai"), jenis=TANGGAL,
          petunjuk=gettext_lazy("Kosong: sama dengan tanggal SK."), contoh="02/01/2024"),
    Kolom("masa_bakti_selesai", gettext_lazy("Masa bakti selesai"), jenis=TANGGAL,
          petunjuk=gettext_lazy("Kosong: awal masa bakti ditambah masa bakti jenis lembaganya (bawaan 5 tahun)."), contoh=""),
    Kolom("status", gettext_lazy("Status"), jenis=PILIHAN, pilihan=Status, petunjuk=gettext_lazy("Kosong berarti Aktif."), contoh="Aktif"),
    Kolom("kontak_nama", gettext_lazy("Nama kontak"), contoh="Bu Sri"),
    Kolom("kontak_telepon", gettext_lazy("Telepon kontak"), jenis=TELEPON, contoh="081234567890"),
)  # fmt: skip


class LembagaResource(KolomImporMixin, EksporKolomMixin, LayananResourceMixin, resources.ModelResource):
    kode_kelurahan = fields.Field(attribute="kelurahan", column_name="kode_kelurahan", widget=ObjekWidget())
    jenis = fields.Field(attribute="jenis", column_name="jenis", widget=ObjekWidget())
    nama = fields.Field(attribute="nama", column_name="nama", widget=TeksWidget())
    nomor_rw = fields.Field(attribute="rw", column_name="nomor_rw", widget=ObjekWidget())
    nomor_rt = fields.Field(attribute="rt", column_name="nomor_rt", widget=ObjekWidget())
    alamat = fields.Field(attribute="alamat", column_name="alamat", widget=TeksWidget())
    tanggal_berdiri = fields.Field(attribute="tanggal_berdiri", column_name="tanggal_berdiri", widget=TanggalWidget())
    nomor_sk = fields.Field(attribute="nomor_sk", column_name="nomor_sk", widget=TeksWidget())
    tanggal_sk = fields.Field(attribute="tanggal_sk", column_name="tanggal_sk", widget=TanggalWidget())
    masa_bakti_mulai = fields.Field(attribute="masa_bakti_mulai", column_name="masa_bakti_mulai", widget=TanggalWidget())
    masa_bakti_selesai = fields.Field(attribute="masa_bakti_selesai", column_name="masa_bakti_selesai", widget=TanggalWidget())
    status = fields.Field(attribute="status", column_name="status", widget=TeksWidget())
    kontak_nama = fields.Field(attribute="kontak_nama", column_name="kontak_nama", widget=TeksWidget())
    kontak_telepon = fields.Field(attribute="kontak_telepon", column_name="kontak_telepon", widget=TeleponWidget())

    nama_lembar = gettext_lazy("Data Lembaga")
    kolom_impor = KOLOM_LEMBAGA

    class Meta:
        model = Lembaga
        fields = (
            "kode_kelurahan", "jenis", "nama", "nomor_rw", "nomor_rt", "alamat", "tanggal_berdiri", "nomor_sk", "tanggal_sk",
            "masa_bakti_mulai", "masa_bakti_selesai", "status", "kontak_nama", "kontak_telepon",
        )
        import_id_fields = ("kode_kelurahan", "jenis", "nama")
        skip_unchanged = True
        report_skipped = True

    def __init__(self, *, user, **kwargs):
        super().__init__(**kwargs)
        self.user = user
        self._status = Pilihan(Status)

    def before_import(self, dataset, **kwargs):
        """What every row is checked against, loaded once per import (not when the resource is made: the page
        listing the columns, the template and the export make one too)."""
        self._wilayah = PencariWilayah(self.user)
        self._jenis = PetaJenis(self.user)
        super().before_import(dataset, **kwargs)

    def before_import_row(self, row, **kwargs):
        errors = {}
        kelurahan = _baca(errors, "kode_kelurahan", self._wilayah.kelurahan, row.get("kode_kelurahan"))
        jenis = _baca(errors, "jenis", self._jenis.baca, row.get("jenis"))
        rw = rt = None
        if kelurahan is not None:
            rw = _baca(errors, "nomor_rw", self._wilayah.rw, kelurahan, row.get("nomor_rw"))
        else:
            _baca(errors, "nomor_rw", baca_nomor, row.get("nomor_rw"))
        if rw is not None:
            rt = _baca(errors, "nomor_rt", self._wilayah.rt, rw, row.get("nomor_rt"))
        elif _baca(errors, "nomor_rt", baca_nomor, row.get("nomor_rt")) and kelurahan is not None and "nomor_rw" not in errors:
            errors["nomor_rt"] = _("Isi nomor RW untuk lembaga tingkat RT.")
        try:
            status = self._status.baca(row.get("status")) or Status.AKTIF
        except SelTidakSah as exc:
            errors["status"] = str(exc)
        if errors:
            raise ValidationError(errors)
        row["kode_kelurahan"], row["jenis"], row["nomor_rw"], row["nomor_rt"], row["status"] = kelurahan, jenis, rw, rt, status

    kolom_untuk_field = {"kelurahan": "kode_kelurahan", "rw": "nomor_rw", "rt": "nomor_rt"}

    def simpan_baris(self, instance):
        services.lembaga_simpan(acting_user=self.user, lembaga=instance)

    def get_queryset(self):
        return Lembaga.objects.for_user(self.user).select_related("kelurahan", "jenis", "rw", "rt")

    def dehydrate_kode_kelurahan(self, obj):
        return obj.kelurahan.kode

    def dehydrate_jenis(self, obj):
        return obj.jenis.kode

    def dehydrate_nomor_rw(self, obj):
        return obj.rw.nomor if obj.rw_id else None

    def dehydrate_nomor_rt(self, obj):
        return obj.rt.nomor if obj.rt_id else None

    def dehydrate_status(self, obj):
        return label_pilihan(obj.status, Status)


def orang_sama(a: Pengurus, b: Pengurus) -> bool | None:
    """Whether two posts are held by the same person: True, False, or None when the data cannot tell
    (same name, two different phones, no two NIKs to decide). Both NIKs: they decide; otherwise the
    name (``normalkan_nama``) must match, and the phones too when both have one."""
    if a.nik and b.nik:
        return a.nik == b.nik
    if normalkan_nama(a.nama) != normalkan_nama(b.nama):
        return False
    telepon_a, telepon_b = normalkan_telepon(a.telepon), normalkan_telepon(b.telepon)
    if telepon_a and telepon_b and telepon_a != telepon_b:
        return None
    return True


KOLOM_PENGURUS = (
    KODE_KELURAHAN,
    Kolom("jenis_lembaga", gettext_lazy("Jenis lembaga"), wajib=True, jenis=PILIHAN, pilihan=_pilihan_jenis,
          petunjuk=gettext_lazy("Kode jenis lembaga."), contoh="lpm"),
    Kolom("nama_lembaga", gettext_lazy("Nama lembaga"), wajib=True,
          petunjuk=gettext_lazy("Lembaga yang sudah tercatat di portal (impor lembaganya dulu)."), contoh="LPM Kebonsari Wetan"),
    Kolom("nama", gettext_lazy("Nama"), wajib=True, contoh="Sutrisno"),
    Kolom("nik", gettext_lazy("NIK"), jenis=PENGENAL, petunjuk=gettext_lazy("16 digit, sesuai KTP atau KK."), contoh=""),
    Kolom("konfirmasi_nik_luar_wilayah", gettext_lazy("Konfirmasi NIK luar wilayah"), jenis=YA_TIDAK,
          petunjuk=gettext_lazy("Isi ya hanya bila NIK memang dari luar Kota Probolinggo dan sudah Anda periksa; selain itu kosongkan."), contoh=""),
    Kolom("jenis_kelamin", gettext_lazy("Jenis kelamin"), jenis=PILIHAN, pilihan=("L", "P"),
          petunjuk=gettext_lazy("L = laki-laki, P = perempuan."), contoh="L"),
    Kolom("tanggal_lahir", gettext_lazy("Tanggal lahir"), jenis=TANGGAL, contoh=""),
    Kolom("telepon", gettext_lazy("Nomor telepon"), jenis=TELEPON, contoh="081234567890"),
    Kolom("jabatan", gettext_lazy("Jabatan"), wajib=True, jenis=PILIHAN, pilihan=Jabatan,
          petunjuk=gettext_lazy("Untuk seksi boleh ditulis 'Seksi Humas': nama seksinya diambil dari situ."), contoh="Ketua"),
    Kolom("nama_seksi", gettext_lazy("Nama seksi/bidang"), contoh=""),
    Kolom("nomor_sk_pengangkatan", gettext_lazy("Nomor SK pengangkatan"), jenis=PENGENAL, contoh="188/15/425.103/2024"),
    Kolom("tanggal_sk_pengangkatan", gettext_lazy("Tanggal SK pengangkatan"), jenis=TANGGAL, contoh="02/01/2024"),
    Kolom("masa_mulai", gettext_lazy("Masa jabatan mulai"), wajib=True, jenis=TANGGAL, contoh="02/01/2024"),
    Kolom("masa_selesai", gettext_lazy("Masa jabatan selesai"), jenis=TANGGAL, contoh=""),
    Kolom("pernyataan_nonpartai", gettext_lazy("Pernyataan bukan anggota partai"), jenis=YA_TIDAK,
          petunjuk=gettext_lazy("Ya bila surat pernyataan tidak menjadi anggota partai politik sudah ditandatangani."), contoh="ya"),
    Kolom("tanggal_pernyataan", gettext_lazy("Tanggal pernyataan"), jenis=TANGGAL, contoh="02/01/2024"),
    Kolom("nomor_sk_pemberhentian", gettext_lazy("Nomor SK pemberhentian"), jenis=PENGENAL, contoh=""),
    Kolom("tanggal_sk_pemberhentian", gettext_lazy("Tanggal SK pemberhentian"), jenis=TANGGAL, contoh=""),
)  # fmt: skip


class PengurusResource(KolomImporMixin, EksporKolomMixin, ImporUlangMixin, BatasNikImporMixin, LayananResourceMixin, resources.ModelResource):
    kode_kelurahan = fields.Field(column_name="kode_kelurahan", widget=TeksWidget())
    jenis_lembaga = fields.Field(column_name="jenis_lembaga", widget=TeksWidget())
    lembaga = fields.Field(attribute="lembaga", column_name="nama_lembaga", widget=ObjekWidget())
    nama = fields.Field(attribute="nama", column_name="nama", widget=TeksWidget())
    nik = fields.Field(attribute="nik", column_name="nik", widget=NikWidget())
    nik_luar_wilayah = fields.Field(attribute="nik_luar_wilayah", column_name="konfirmasi_nik_luar_wilayah", widget=YaTidakWidget())
    jenis_kelamin = fields.Field(attribute="jenis_kelamin", column_name="jenis_kelamin", widget=TeksWidget())
    tanggal_lahir = fields.Field(attribute="tanggal_lahir", column_name="tanggal_lahir", widget=TanggalWidget())
    telepon = fields.Field(attribute="telepon", column_name="telepon", widget=TeleponWidget())
    jabatan = fields.Field(attribute="jabatan", column_name="jabatan", widget=TeksWidget())
    nama_seksi = fields.Field(attribute="nama_seksi", column_name="nama_seksi", widget=TeksWidget())
    nomor_sk_pengangkatan = fields.Field(attribute="nomor_sk_pengangkatan", column_name="nomor_sk_pengangkatan", widget=TeksWidget())
    tanggal_sk_pengangkatan = fields.Field(attribute="tanggal_sk_pengangkatan", column_name="tanggal_sk_pengangkatan", widget=TanggalWidget())
    masa_mulai = fields.Field(attribute="masa_mulai", column_name="masa_mulai", widget=TanggalWidget())
    masa_selesai = fields.Field(attribute="masa_selesai", column_name="masa_selesai", widget=TanggalWidget())
    pernyataan_nonpartai = fields.Field(attribute="pernyataan_nonpartai", column_name="pernyataan_nonpartai", widget=YaTidakWidget())
    tanggal_pernyataan = fields.Field(attribute="tanggal_pernyataan", column_name="tanggal_pernyataan", widget=TanggalWidget())
    nomor_sk_pemberhentian = fields.Field(attribute="nomor_sk_pemberhentian", column_name="nomor_sk_pemberhentian", widget=TeksWidget())
    tanggal_sk_pemberhentian = fields.Field(attribute="tanggal_sk_pemberhentian", column_name="tanggal_sk_pemberhentian", widget=TanggalWidget())

    nama_lembar = gettext_lazy("Data Pengurus")
    kolom_impor = KOLOM_PENGURUS

    class Meta:
        model = Pengurus
        fields = (
            "kode_kelurahan", "jenis_lembaga", "lembaga", "nama", "nik", "nik_luar_wilayah", "jenis_kelamin", "tanggal_lahir", "telepon", "jabatan",
            "nama_seksi", "nomor_sk_pengangkatan", "tanggal_sk_pengangkatan", "masa_mulai", "masa_selesai", "pernyataan_nonpartai",
            "tanggal_pernyataan", "nomor_sk_pemberhentian", "tanggal_sk_pemberhentian",
        )
        import_id_fields = ()  # the natural key is ``kelompok_kunci`` with ``cocok`` (module docstring)
        force_init_instance = True
        skip_diff = True
        report_skipped = True

    def __init__(self, *, user, **kwargs):
        super().__init__(**kwargs)
        self.user = user
        self._jabatan = Pilihan(Jabatan)

    def before_import(self, dataset, **kwargs):
        """What every row is checked against, loaded once per import (not when the resource is made: the page
        listing the columns, the template and the export make one too)."""
        self._wilayah = PencariWilayah(self.user)
        self._jenis = PetaJenis(self.user)
        # (kelurahan, type, kunci_nama(name)) -> lembaga; None where two share a key.
        self._lembaga: dict[tuple[int, int, str], Lembaga | None] = {}
        for l in Lembaga.objects.for_user(self.user).select_related("kelurahan", "jenis"):
            kunci = (l.kelurahan_id, l.jenis_id, kunci_nama(l.nama))
            self._lembaga[kunci] = None if kunci in self._lembaga else l
        super().before_import(dataset, **kwargs)

    def before_import_row(self, row, **kwargs):
        errors = {}
        kelurahan = _baca(errors, "kode_kelurahan", self._wilayah.kelurahan, row.get("kode_kelurahan"))
        jenis = _baca(errors, "jenis_lembaga", self._jenis.baca, row.get("jenis_lembaga"))
        nama_lembaga = baca_teks(row.get("nama_lembaga"))
        lembaga = None
        if not nama_lembaga:
            errors["nama_lembaga"] = _("Nama lembaga wajib diisi.")
        elif kelurahan is not None and jenis is not None:
            kunci = (kelurahan.pk, jenis.pk, kunci_nama(nama_lembaga))
            lembaga = self._lembaga.get(kunci)
            if kunci in self._lembaga and lembaga is None:
                errors["nama_lembaga"] = _(
                    "Ada lebih dari satu %(jenis)s bernama '%(nama)s' di %(kelurahan)s; bedakan namanya di halaman lembaga dulu."
                ) % {"nama": nama_lembaga, "jenis": jenis.nama, "kelurahan": kelurahan.nama}
            elif lembaga is None:
                errors["nama_lembaga"] = _("Lembaga '%(nama)s' (%(jenis)s) tidak ada di %(kelurahan)s; impor lembaganya dulu.") % {
                    "nama": nama_lembaga, "jenis": jenis.nama, "kelurahan": kelurahan.nama,
                }
        # masa_mulai identifies the row (import_id_fields): read before the row is looked up, so a refusal names its column.
        _baca(errors, "masa_mulai", baca_tanggal, row.get("masa_mulai"))
        jabatan = baca_teks(row.get("jabatan"))
        if jabatan.lower().startswith(("seksi ", "bidang ")):
            row["nama_seksi"] = baca_teks(row.get("nama_seksi")) or jabatan.split(" ", 1)[1].strip()
            jabatan = Jabatan.SEKSI
        try:
            jabatan = self._jabatan.baca(jabatan)
            if not jabatan:
                errors["jabatan"] = _("Jabatan wajib diisi; pilih salah satu: %(daftar)s.") % {"daftar": self._jabatan.daftar}
        except SelTidakSah as exc:
            errors["jabatan"] = str(exc)
        try:
            jk = baca_jenis_kelamin(row.get("jenis_kelamin"))
        except SelTidakSah as exc:
            errors["jenis_kelamin"] = str(exc)
        if errors:
            raise ValidationError(errors)
        row["nama_lembaga"], row["jabatan"], row["jenis_kelamin"] = lembaga, jabatan, jk

    kolom_untuk_field = {"lembaga": "nama_lembaga", "nik_luar_wilayah": "konfirmasi_nik_luar_wilayah"}

    def simpan_baris(self, instance):
        services.pengurus_simpan(acting_user=self.user, pengurus=instance)

    # The natural key (``wilayah.impor.ImporUlangMixin``; see the module docstring).
    uraian_kunci = gettext_lazy("orang yang sama di lembaga yang sama dengan masa jabatan bertumpang tindih")
    tetap_bila_kosong = {"nik": ("nik_luar_wilayah",), "telepon": ()}

    def siapkan_banding(self, instance) -> None:
        instance.hitung_turunan()

    def kelompok_kunci(self, instance) -> tuple:
        if not (instance.lembaga_id and instance.masa_mulai and instance.nama):
            return ()
        kelompok = [("nama", instance.lembaga_id, normalkan_nama(instance.nama))]
        if instance.nik:
            kelompok.append(("nik", instance.lembaga_id, instance.nik))
        return tuple(kelompok)

    def kandidat_tersimpan(self, instance) -> list:
        return list(
            Pengurus.objects.for_user(self.user)
            .filter(lembaga_id=instance.lembaga_id)
            .tumpang_tindih(instance.masa_mulai, instance.akhir_efektif)
        )

    def cocok(self, instance, lain) -> bool | None:
        if not (instance.masa_mulai <= lain.akhir_efektif and lain.masa_mulai <= instance.akhir_efektif):
            return False
        return orang_sama(instance, lain)

    def pesan_ragu(self, lain, *, baris=None) -> str:
        data = {"nama": lain.nama, "jabatan": lain.jabatan_label, "mulai": tanggal_id(lain.masa_mulai), "telepon": lain.telepon, "baris": baris}
        if baris is not None:
            return _(
                "Nama sama dengan %(nama)s di baris %(baris)s (lembaga dan masa jabatan yang sama) tetapi nomor teleponnya "
                "berbeda (%(telepon)s), jadi tidak jelas orang yang sama atau bukan. Isi NIK kedua baris, atau samakan teleponnya."
            ) % data
        return _(
            "Nama sama dengan pengurus tersimpan %(nama)s (%(jabatan)s sejak %(mulai)s) tetapi nomor teleponnya berbeda "
            "(%(telepon)s), jadi tidak jelas orang yang sama atau bukan. Isi NIK di baris ini (dan di data tersimpan), "
            "atau ubah nomor teleponnya lewat formulir pengurus."
        ) % data

    def get_queryset(self):
        return Pengurus.objects.for_user(self.user).select_related("lembaga__kelurahan", "lembaga__jenis")

    def dehydrate_kode_kelurahan(self, obj):
        return obj.lembaga.kelurahan.kode

    def dehydrate_jenis_lembaga(self, obj):
        return obj.lembaga.jenis.kode

    def dehydrate_lembaga(self, obj):
        return obj.lembaga.nama

    def dehydrate_nik(self, obj):
        return nik_untuk(self.user, obj.nik, obj.lembaga.kelurahan_id)

    def dehydrate_jabatan(self, obj):
        return label_pilihan(obj.jabatan, Jabatan)
