"""The KPM section of the targets page (``wilayah.target``): 5 to 10 active cadres per kelurahan."""

from django.utils.translation import gettext_lazy as _

from wilayah.target import BagianTarget

from . import services
from .forms import PengaturanTargetForm
from .models import PengaturanKader


def _form(user, data=None):
    return PengaturanTargetForm(data, instance=PengaturanKader.aktif(), user=user)


def _simpan(form, user):
    return services.pengaturan_target_simpan(acting_user=user, pengaturan=form.instance)


def _konteks(user, form):
    return {"pengaturan": form.instance if form is not None and not form.is_bound else PengaturanKader.aktif()}


BAGIAN = BagianTarget(
    kode="kader",
    judul=_("Kader KPM: KPM aktif per kelurahan"),
    model=PengaturanKader,
    buat_form=_form,
    simpan=_simpan,
    template_isi="kader/_target.html",
    konteks=_konteks,
    keterangan=_("Berlaku untuk setiap kelurahan. Kelurahan di bawah batas bawah atau di atas batas atas ditandai di halaman sebaran KPM dan di laporan bulanan."),
    urutan=10,
)
