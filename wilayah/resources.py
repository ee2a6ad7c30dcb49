"""Excel import/export of RWs (the kelurahan enters its own RWs), written by ``services.rw_simpan``."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources

from . import services
from .impor import LayananResourceMixin
from .models import RW, Kelurahan
from .sel import NomorWidget, SelTidakSah, TeksWidget, baca_nomor, baca_teks


class RWResource(LayananResourceMixin, resources.ModelResource):
    kode_kelurahan = fields.Field(attribute="kelurahan", column_name="kode_kelurahan")
    nomor = fields.Field(attribute="nomor", column_name="nomor_rw", widget=NomorWidget())
    nama_ketua = fields.Field(attribute="nama_ketua", column_name="nama_ketua", widget=TeksWidget())

    kolom_opsional = ("nama_ketua",)
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
        self._kelurahan = {k.kode: k for k in Kelurahan.objects.for_user(user)}

    @classmethod
    def contoh_baris(cls):
        return {"kode_kelurahan": "35.74.04.1004", "nomor_rw": 1, "nama_ketua": "Budi Santoso"}

    def before_import_row(self, row, **kwargs):
        kode = baca_teks(row.get("kode_kelurahan"))
        errors = {}
        if kode not in self._kelurahan:
            errors["kode_kelurahan"] = _("Kelurahan %(kode)s tidak ada atau di luar wilayah Anda.") % {"kode": kode or "(kosong)"}
        try:
            nomor = baca_nomor(row.get("nomor_rw"))
        except SelTidakSah as exc:
            errors["nomor_rw"] = str(exc)
        else:
            if nomor is None:
                errors["nomor_rw"] = _("Nomor RW wajib diisi.")
        if errors:
            raise ValidationError(errors)
        row["kode_kelurahan"] = self._kelurahan[kode]
        row["nomor_rw"] = nomor

    def simpan_baris(self, instance):
        services.rw_simpan(acting_user=self.user, rw=instance)

    def get_queryset(self):
        return RW.objects.for_user(self.user)

    def dehydrate_kode_kelurahan(self, rw):
        return rw.kelurahan.kode
