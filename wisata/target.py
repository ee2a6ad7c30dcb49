"""The tourism section of the targets page (``wilayah.target``): new destinations, annual events and
RW coverage, one row per year."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wilayah.target import BagianTarget

from . import services
from .forms import TargetProgramForm
from .models import TargetProgram


def _form(user, data=None):
    """Bound: the row of the year typed (a new year adds one). Unbound: this year's row or its defaults."""
    if data is not None:
        tahun = str(data.get("tahun", "")).strip()
        instance = TargetProgram.objects.filter(tahun=int(tahun)).first() if tahun.isdigit() and len(tahun) <= 4 else None
        return TargetProgramForm(data, instance=instance or TargetProgram(), user=user)
    tahun = timezone.localdate().year
    return TargetProgramForm(instance=TargetProgram.objects.filter(tahun=tahun).first() or TargetProgram(tahun=tahun), user=user)


def _simpan(form, user):
    return services.target_simpan(acting_user=user, target=form.instance)


def _konteks(user, form):
    return {"target_per_tahun": list(TargetProgram.objects.order_by("-tahun")[:10]), "tahun_ini": timezone.localdate().year}


BAGIAN = BagianTarget(
    kode="wisata",
    judul=_("Wisata: destinasi baru, event tahunan, RW tercakup"),
    model=TargetProgram,
    buat_form=_form,
    simpan=_simpan,
    template_isi="wisata/_target.html",
    konteks=_konteks,
    keterangan=_("Per tahun. Isi tahun yang ingin diubah: tahun yang belum punya target ditambahkan. Tanpa target, dipakai 100 destinasi baru, 100 event tahunan, semua RW."),
    urutan=40,
    aksi_ubah=("change", "add"),
    sebut_baris=True,
)
