"""UMKM import from the spreadsheet a kelurahan already keeps, and the export in the same columns.

One row, one UMKM. The columns are declared once (``KOLOM``, ``wilayah.templat.Kolom``: human header, kind,
example); a file may head them by the human header or by the key. Cells are read by ``wilayah.sel`` (NIK
and NIB as identifiers: a number cell or scientific notation is refused with the "format as Text" message;
phones in the one stored format; numbers as Indonesians write them), the kelurahan and RW by
``wilayah.pencari.PencariWilayah`` (code or name, within the user's area), category and turnover band by
value or label in any case. Every row is written by ``services.umkm_simpan``, the same door as the form
(``wilayah.impor.LayananResourceMixin``): a preview first, then the whole file at once, all or nothing.

The file can be uploaded again (``wilayah.impor.ImporUlangMixin``): a UMKM is known by its business name
(``sel.kunci_nama``: case and spacing do not count) and kelurahan. A row matching a stored UMKM in the
user's area updates it when a value differs and is skipped when none does; an empty NIK, phone or NIB cell
keeps the stored one; the same UMKM twice in one file is an error naming the earlier row.

Export (``ekspor_umkm``): the same columns and human headers, NIK as the user may see it (masked for who
reads it masked), so an operator's export of their own kelurahan imports back unchanged.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, resources

from wilayah.impor import ImporUlangMixin, LayananResourceMixin
from wilayah.nik import nik_untuk
from wilayah.pencari import PencariWilayah
from wilayah.sel import Pilihan, SelTidakSah, baca_angka, baca_nik, baca_pengenal, baca_telepon, baca_teks, baca_ya_tidak, kunci_nama
from wilayah.templat import (
    ANGKA, PENGENAL, PILIHAN, TELEPON, YA_TIDAK, Kolom, KolomImporMixin, LembarEkspor, label_pilihan, pilihan_nama_kelurahan,
)  # fmt: skip

from . import services
from .models import UMKM, KategoriPUD, OmzetBulanan

# --- B: UMKM import and export ---

KOLOM = (
    Kolom("nama_usaha", gettext_lazy("Nama usaha"), wajib=True, contoh="Keripik Mangga Bu Sri"),
    Kolom("pemilik_nama", gettext_lazy("Nama pemilik"), wajib=True, contoh="Sri Wahyuni"),
    Kolom("nik", gettext_lazy("NIK pemilik"), jenis=PENGENAL, petunjuk=gettext_lazy("16 angka, sesuai KTP; boleh kosong."), contoh=""),
    Kolom("konfirmasi_nik_luar_wilayah", gettext_lazy("Konfirmasi NIK luar wilayah"), jenis=YA_TIDAK,
          petunjuk=gettext_lazy("Isi ya hanya bila NIK memang dari luar Kota Probolinggo dan sudah Anda periksa; selain itu kosongkan."), contoh=""),
    Kolom("pemilik_telepon", gettext_lazy("Telepon"), jenis=TELEPON, contoh="081234567890"),
    Kolom("alamat", gettext_lazy("Alamat"), wajib=True, contoh="Jl. Brantas 10"),
    Kolom("kelurahan", gettext_lazy("Kelurahan"), wajib=True, jenis=PILIHAN, pilihan=pilihan_nama_kelurahan,
          petunjuk=gettext_lazy("Nama kelurahan atau kode Kemendagri (35.74.04.1004), di wilayah kerja Anda."), contoh="35.74.04.1004"),
    Kolom("rw", gettext_lazy("RW"), jenis=ANGKA, petunjuk=gettext_lazy("Nomor RW (1, 01 atau RW 01)."), contoh=""),
    Kolom("kategori", gettext_lazy("Kategori"), wajib=True, jenis=PILIHAN, pilihan=KategoriPUD, contoh="Agro"),
    Kolom("produk", gettext_lazy("Produk"), wajib=True, petunjuk=gettext_lazy("Produk utama yang dibuat atau dijual."), contoh="Keripik mangga, sari mangga"),
    Kolom("tahun_mulai", gettext_lazy("Tahun mulai"), jenis=ANGKA, petunjuk=gettext_lazy("Tahun usaha dimulai, seperti 2018."), contoh=2018),
    Kolom("tenaga_kerja", gettext_lazy("Tenaga kerja"), jenis=ANGKA, petunjuk=gettext_lazy("Jumlah orang yang bekerja, termasuk pemilik; kosong berarti 1."), contoh=3),
    Kolom("omzet_bulanan", gettext_lazy("Omzet per bulan"), jenis=PILIHAN, pilihan=OmzetBulanan, contoh=str(OmzetBulanan.SAMPAI_15.label)),
    Kolom("nib", gettext_lazy("NIB"), jenis=PENGENAL, petunjuk=gettext_lazy("Nomor Induk Berusaha, 13 angka, bila sudah punya."), contoh=""),
    Kolom("kontak_publik", gettext_lazy("Kontak pembeli"), petunjuk=gettext_lazy("Nomor, toko daring atau akun media sosial untuk pembeli."), contoh="Instagram @keripikbusri"),
)  # fmt: skip
KOLOM_IMPOR = tuple(k.kunci for k in KOLOM)
_KOLOM_NIB = gettext_lazy("NIB")


def _pilihan_omzet() -> Pilihan:
    """Turnover bands by value or label; the labels also with a plain hyphen (Rp 5-15 juta) as people type them."""
    return Pilihan(OmzetBulanan, sinonim={str(label).replace("\u2013", "-"): nilai for nilai, label in OmzetBulanan.choices})


class UMKMResource(KolomImporMixin, ImporUlangMixin, LayananResourceMixin, resources.ModelResource):
    nama_usaha = fields.Field(attribute="nama_usaha", column_name="nama_usaha")
    pemilik_nama = fields.Field(attribute="pemilik_nama", column_name="pemilik_nama")
    nik = fields.Field(attribute="nik", column_name="nik")
    nik_luar_wilayah = fields.Field(attribute="nik_luar_wilayah", column_name="konfirmasi_nik_luar_wilayah")
    pemilik_telepon = fields.Field(attribute="pemilik_telepon", column_name="pemilik_telepon")
    alamat = fields.Field(attribute="alamat", column_name="alamat")
    kelurahan = fields.Field(attribute="kelurahan", column_name="kelurahan")
    rw = fields.Field(attribute="rw", column_name="rw")
    kategori = fields.Field(attribute="kategori", column_name="kategori")
    produk = fields.Field(attribute="produk", column_name="produk")
    tahun_mulai = fields.Field(attribute="tahun_mulai", column_name="tahun_mulai")
    tenaga_kerja = fields.Field(attribute="tenaga_kerja", column_name="tenaga_kerja")
    omzet_bulanan = fields.Field(attribute="omzet_bulanan", column_name="omzet_bulanan")
    nib = fields.Field(attribute="nib", column_name="nib")
    kontak_publik = fields.Field(attribute="kontak_publik", column_name="kontak_publik")

    nama_lembar = gettext_lazy("Data UMKM")
    kolom_impor = KOLOM
    kolom_untuk_field = {"nik_luar_wilayah": "konfirmasi_nik_luar_wilayah"}

    class Meta:
        model = UMKM
        fields = (
            "nama_usaha", "pemilik_nama", "nik", "nik_luar_wilayah", "pemilik_telepon", "alamat", "kelurahan", "rw", "kategori", "produk",
            "tahun_mulai", "tenaga_kerja", "omzet_bulanan", "nib", "kontak_publik",
        )  # fmt: skip
        import_id_fields = ()  # the natural key is ``kelompok_kunci``: business name and kelurahan
        force_init_instance = True
        skip_diff = True
        report_skipped = True
        use_bulk = False

    def __init__(self, user=None, **kwargs):
        super().__init__(**kwargs)
        self.user = user
        self._wilayah = None
        self._kategori = Pilihan(KategoriPUD)
        self._omzet = _pilihan_omzet()

    def before_import(self, dataset, **kwargs):
        """What every row is checked against, loaded once per import (the template and the column list make a
        resource too, and need none of it)."""
        self._wilayah = PencariWilayah(self.user)
        self._tersimpan: dict[tuple[str, int], list[UMKM]] = {}
        for umkm in UMKM.objects.for_user(self.user).order_by("pk"):
            self._tersimpan.setdefault((kunci_nama(umkm.nama_usaha), umkm.kelurahan_id), []).append(umkm)
        super().before_import(dataset, **kwargs)

    def import_instance(self, instance, row, **kwargs):
        errors = {}

        def baca(kolom, pembaca, *args):
            try:
                return pembaca(row.get(kolom), *args)
            except SelTidakSah as exc:
                errors[kolom] = str(exc)
                return None

        def teks(kolom, wajib_pesan=None):
            nilai = baca_teks(row.get(kolom))
            if not nilai and wajib_pesan:
                errors[kolom] = wajib_pesan
            return nilai

        instance.nama_usaha = teks("nama_usaha", _("Nama usaha wajib diisi."))
        instance.pemilik_nama = teks("pemilik_nama", _("Nama pemilik wajib diisi."))
        instance.alamat = teks("alamat", _("Alamat usaha wajib diisi."))
        instance.produk = teks("produk", _("Produk wajib diisi."))
        instance.kontak_publik = teks("kontak_publik")
        instance.nik = baca("nik", baca_nik) or ""
        instance.nik_luar_wilayah = bool(baca("konfirmasi_nik_luar_wilayah", baca_ya_tidak))
        instance.pemilik_telepon = baca("pemilik_telepon", baca_telepon) or ""
        nib = baca("nib", baca_pengenal, _KOLOM_NIB)
        instance.nib = "".join(nib.split()) if nib else ""
        kelurahan = baca("kelurahan", self._wilayah.kelurahan)
        if kelurahan is not None:
            instance.kelurahan = kelurahan
            instance.rw = baca("rw", lambda nilai: self._wilayah.rw(kelurahan, nilai))
        kategori = baca("kategori", self._kategori.baca)
        if kategori == "" and "kategori" not in errors:
            errors["kategori"] = _("Kategori wajib diisi; pilih salah satu: %(daftar)s.") % {"daftar": self._kategori.daftar}
        instance.kategori = kategori or ""
        instance.omzet_bulanan = baca("omzet_bulanan", self._omzet.baca) or ""
        instance.tahun_mulai = baca("tahun_mulai", baca_angka)
        tenaga_kerja = baca("tenaga_kerja", baca_angka)
        instance.tenaga_kerja = 1 if tenaga_kerja is None and "tenaga_kerja" not in errors else tenaga_kerja
        if errors:
            raise ValidationError(errors)

    def simpan_baris(self, instance):
        services.umkm_simpan(acting_user=self.user, umkm=instance)

    # The natural key (``wilayah.impor.ImporUlangMixin``).
    uraian_kunci = gettext_lazy("nama usaha dan kelurahan yang sama")
    tetap_bila_kosong = {"nik": ("nik_luar_wilayah",), "pemilik_telepon": (), "nib": ()}

    def _kunci(self, instance) -> tuple | None:
        if not (instance.nama_usaha and instance.kelurahan_id):
            return None
        return (kunci_nama(instance.nama_usaha), instance.kelurahan_id)

    def kelompok_kunci(self, instance) -> tuple:
        kunci = self._kunci(instance)
        return (kunci,) if kunci else ()

    def kandidat_tersimpan(self, instance) -> list:
        return list(self._tersimpan.get(self._kunci(instance), ()))

    def cocok(self, instance, lain) -> bool:
        return self._kunci(instance) == self._kunci(lain)


def ekspor_umkm(queryset, *, user) -> LembarEkspor:
    """The (already scoped and filtered) UMKM as a sheet in the import's columns and human headers; NIK as
    ``user`` may see it, numbers as numbers, so the file goes back in."""
    data = LembarEkspor(str(UMKMResource.nama_lembar), KOLOM)
    for u in queryset.select_related("kelurahan", "rw").order_by("kelurahan__kode", "nama_usaha", "pk"):
        data.append([
            u.nama_usaha, u.pemilik_nama, nik_untuk(user, u.nik, u.kelurahan_id), u.nik_luar_wilayah, u.pemilik_telepon, u.alamat,
            u.kelurahan.kode, u.rw.nomor if u.rw_id else None, label_pilihan(u.kategori, KategoriPUD), u.produk, u.tahun_mulai,
            u.tenaga_kerja, label_pilihan(u.omzet_bulanan, OmzetBulanan) if u.omzet_bulanan else "", u.nib, u.kontak_publik,
        ])  # fmt: skip
    return data
