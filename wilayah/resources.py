"""Excel import/export of RWs (the kelurahan enters its own RWs), written by ``services.rw_simpan``."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, resources

from . import services
from .impor import LayananResourceMixin
from .models import RW
from .pencari import PencariWilayah
from .sel import NomorWidget, SelTidakSah, TeksWidget, baca_nomor
from .templat import ANGKA, PILIHAN, Kolom, KolomImporMixin, pilihan_kode_kelurahan


class RWResource(KolomImporMixin, LayananResourceMixin, resources.ModelResource):
    kode_kelurahan = fields.Field(attribute="kelurahan", column_name="kode_kelurahan")
    nomor = fields.Field(attribute="nomor", column_name="nomor_rw", widget=NomorWidget())
    nama_ketua = fields.Field(attribute="nama_ketua", column_name="nama_ketua", widget=TeksWidget())

    nama_lembar = gettext_lazy("Data RW")
    kolom_impor = (
        Kolom("kode_kelurahan", gettext_lazy("Kode kelurahan"), wajib=True, jenis=PILIHAN, pilihan=pilihan_kode_kelurahan,
              petunjuk=gettext_lazy("Kode Kemendagri kelurahan di wilayah kerja Anda, seperti 35.74.04.1004 (nama kelurahan juga dibaca)."), contoh="35.74.04.1004"),
        Kolom("nomor_rw", gettext_lazy("Nomor RW"), wajib=True, jenis=ANGKA, petunjuk=gettext_lazy("1, 01 atau RW 01."), contoh=1),
        Kolom("nama_ketua", gettext_lazy("Nama ketua RW"), contoh="Budi Santoso"),
    )  # fmt: skip
    kolom_untuk_field = {"kelurahan": "kode_kelurahan", "nomor": "nomor_rw"}

    class Meta:
        model = RW
        fields = ("kode_kelurahan", "nomor", "nama_ketua")
        import_id_fields = ("kode_kelurahan", "nomor")
        skip_unchanged = True
        report_skipped = True  # the preview marks every row (``jenis_baris``)

    def __init__(self, *, user, **kwargs):
        super().__init__(**kwargs)
        self.user = user

    def before_import(self, dataset, **kwargs):
        """The regions, loaded once per import (not when the resource is made: the page listing the columns
        and the template make one too)."""
        self._wilayah = PencariWilayah(self.user)
        super().before_import(dataset, **kwargs)

    def before_import_row(self, row, **kwargs):
        errors = {}
        kelurahan = None
        try:
            kelurahan = self._wilayah.kelurahan(row.get("kode_kelurahan"))
        except SelTidakSah as exc:
            errors["kode_kelurahan"] = str(exc)
        try:
            nomor = baca_nomor(row.get("nomor_rw"))
        except SelTidakSah as exc:
            errors["nomor_rw"] = str(exc)
        else:
            if nomor is None:
                errors["nomor_rw"] = _("Nomor RW wajib diisi.")
        if errors:
            raise ValidationError(errors)
        row["kode_kelurahan"] = kelurahan
        row["nomor_rw"] = nomor

    def simpan_baris(self, instance):
        services.rw_simpan(acting_user=self.user, rw=instance)

    def get_queryset(self):
        return RW.objects.for_user(self.user)

    def dehydrate_kode_kelurahan(self, rw):
        return rw.kelurahan.kode
