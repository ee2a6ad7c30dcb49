"""Pages of the pelatihan programme. Every view reads through ``for_user`` (``ScopedViewMixin``)
and writes through ``pelatihan.services``."""

from django.views.generic import DetailView, ListView, TemplateView

from wilayah.access import ScopedViewMixin

from .models import Diklat, Peserta, RencanaTindakLanjut


class IndexView(ScopedViewMixin, TemplateView):
    """The programme's start page."""

    required_action = None
    template_name = "pelatihan/index.html"


# --- STUB: replaced by the diklat pages -----------------------------------------------------
class DiklatListView(ScopedViewMixin, ListView):
    model = Diklat
    template_name = "pelatihan/stub_list.html"


class DiklatDetailView(ScopedViewMixin, DetailView):
    model = Diklat
    template_name = "pelatihan/stub_detail.html"


# --- STUB: replaced by the participant pages ------------------------------------------------
class PesertaListView(ScopedViewMixin, ListView):
    model = Peserta
    template_name = "pelatihan/stub_list.html"


class PesertaDetailView(ScopedViewMixin, DetailView):
    model = Peserta
    template_name = "pelatihan/stub_detail.html"


# --- STUB: replaced by the follow-up pages --------------------------------------------------
class RencanaListView(ScopedViewMixin, ListView):
    model = RencanaTindakLanjut
    template_name = "pelatihan/stub_list.html"


class RencanaDetailView(ScopedViewMixin, DetailView):
    model = RencanaTindakLanjut
    template_name = "pelatihan/stub_detail.html"


# --- kehadiran dan evaluasi ---
# Imports of this block here: the file is appended to by every part of the app.
import datetime as dt  # noqa: E402

from django.contrib import messages  # noqa: E402
from django.core.exceptions import ValidationError  # noqa: E402
from django.core.paginator import Paginator  # noqa: E402
from django.shortcuts import get_object_or_404, redirect, render  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402
from django.utils.http import urlencode  # noqa: E402
from django.utils.translation import gettext as _  # noqa: E402
from django.views import View  # noqa: E402
from django.views.generic import FormView  # noqa: E402

from wilayah.daftar import id_dari  # noqa: E402
from wilayah.forms import tambah_galat  # noqa: E402
from wilayah.impor import xlsx_response  # noqa: E402
from wilayah.periode import tanggal_id  # noqa: E402

from . import rekap, services  # noqa: E402
from .forms import EvaluasiForm, KehadiranForm  # noqa: E402
from .models import Evaluasi, Materi, StatusDiklat  # noqa: E402

PESERTA_PER_HALAMAN_REKAP = 50


class _DiklatMixin(ScopedViewMixin):
    """A page about one diklat (its ``pk`` in the URL), read through ``for_user(user, required_action)``."""

    model = Diklat

    def get_diklat(self) -> Diklat:
        if not hasattr(self, "_diklat"):
            self._diklat = get_object_or_404(self.get_queryset().select_related("penyelenggara"), pk=self.kwargs["pk"])
        return self._diklat


def _tanggal_dari(teks) -> dt.date | None:
    """A date from a query string or a hidden field (ISO, as the page writes it); else None."""
    try:
        return dt.date.fromisoformat(str(teks).strip()) if teks else None
    except ValueError:
        return None


def pilih_sesi_hari(sesi_list, sesi_teks, tanggal_teks):
    """The session ``?sesi=`` names (else the first that holds today, else the first) and the day
    ``?tanggal=`` names if it is a day of that session (else today when inside it, else its first
    day). ``(sesi, tanggal, diminta_di_luar)``; ``(None, None, False)`` without sessions."""
    if not sesi_list:
        return None, None, False
    hari_ini = timezone.localdate()
    diminta = id_dari(sesi_teks)
    sesi = next((s for s in sesi_list if s.pk == diminta), None)
    sesi = sesi or next((s for s in sesi_list if s.berisi_tanggal(hari_ini)), None) or sesi_list[0]
    tanggal = _tanggal_dari(tanggal_teks)
    di_luar = tanggal is not None and not sesi.berisi_tanggal(tanggal)
    if tanggal is None or di_luar:
        tanggal = hari_ini if sesi.berisi_tanggal(hari_ini) else sesi.tanggal_mulai
    return sesi, tanggal, di_luar


class KehadiranView(_DiklatMixin, View):
    """One day's attendance of one session: every participant with a status, one save
    (``services.kehadiran_catat``, all or nothing). The organiser's page (``change`` on the diklat)."""

    required_action = "change"
    template_name = "pelatihan/kehadiran_form.html"

    def sesi_list(self):
        return list(self.get_diklat().sesi_set.order_by("tanggal_mulai", "pk"))

    def peserta(self, sesi):
        return list(
            Peserta.objects.for_user(self.request.user, "kelola")
            .filter(diklat=self.get_diklat(), sesi=sesi)
            .select_related("kelurahan", "kecamatan")
            .order_by("nama", "pk")
        )

    def halaman(self, form, sesi_list, sesi, tanggal, di_luar=False, status=200, galat=""):
        hari_ini = timezone.localdate()
        tercatat = set(form.tercatat) if form is not None else set()
        context = {
            "diklat": self.get_diklat(), "object": self.get_diklat(), "form": form, "sesi_list": sesi_list, "sesi": sesi, "tanggal": tanggal,
            "di_luar": di_luar, "hari": [(h, h > hari_ini) for h in sesi.hari()] if sesi else [], "hari_ini": hari_ini,
            "belum_tercatat": [p.pk for p in form.peserta if p.pk not in tercatat] if form is not None else [],
            "batal": self.get_diklat().status == StatusDiklat.BATAL, "galat": galat,
        }  # fmt: skip
        return render(self.request, self.template_name, context, status=status)

    def buat_form(self, data, sesi, tanggal):
        peserta = self.peserta(sesi)
        tercatat = {pid: s[tanggal] for pid, s in rekap.status_per_hari((p.pk for p in peserta), tanggal).items()}
        form = KehadiranForm(data, peserta=peserta, tercatat=tercatat, initial={"sesi": sesi.pk, "tanggal": tanggal.isoformat()})
        form.tercatat = tercatat
        return form

    def get(self, request, pk):
        sesi_list = self.sesi_list()
        sesi, tanggal, di_luar = pilih_sesi_hari(sesi_list, request.GET.get("sesi"), request.GET.get("tanggal"))
        form = self.buat_form(None, sesi, tanggal) if sesi else None
        return self.halaman(form, sesi_list, sesi, tanggal, di_luar)

    def post(self, request, pk):
        diklat = self.get_diklat()
        sesi_list = self.sesi_list()
        diminta = id_dari(request.POST.get("sesi"))
        sesi = next((s for s in sesi_list if s.pk == diminta), None)
        tanggal = _tanggal_dari(request.POST.get("tanggal"))
        if sesi is None or tanggal is None:
            sesi_tampil, tanggal_tampil, _luar = pilih_sesi_hari(sesi_list, None, None)
            form = self.buat_form(None, sesi_tampil, tanggal_tampil) if sesi_tampil else None
            galat = _("Sesi atau tanggal yang dikirim tidak dikenal. Pilih sesi dan hari lagi, lalu simpan.")
            return self.halaman(form, sesi_list, sesi_tampil, tanggal_tampil, status=400, galat=galat)
        form = self.buat_form(request.POST, sesi, tanggal)
        if form.is_valid():
            try:
                hasil = services.kehadiran_catat(
                    acting_user=request.user, diklat=diklat, tanggal=form.cleaned_data["tanggal"], status_per_peserta=form.status_per_peserta()
                )
            except ValidationError as exc:
                tambah_galat(form, exc)
            else:
                messages.success(request, _("Kehadiran %(tanggal)s tersimpan: %(baru)d baru dicatat, %(ubah)d diubah, %(tetap)d tetap.") % {
                    "tanggal": tanggal_id(tanggal), "baru": hasil.baru, "ubah": hasil.diubah, "tetap": hasil.tetap,
                })  # fmt: skip
                url = reverse("pelatihan:kehadiran", kwargs={"pk": diklat.pk})
                return redirect(f"{url}?{urlencode({'sesi': sesi.pk, 'tanggal': tanggal.isoformat()})}")
        return self.halaman(form, sesi_list, sesi, tanggal)


class KehadiranRekapView(_DiklatMixin, View):
    """Participant × day of one session (``?sesi=``), days present and completion by the diklat's
    rate (``dengan_kehadiran``), paginated; the participants the user may see."""

    template_name = "pelatihan/kehadiran_rekap.html"

    def get(self, request, pk):
        diklat = self.get_diklat()
        sesi_list = list(diklat.sesi_set.order_by("tanggal_mulai", "pk"))
        sesi, _tanggal, _luar = pilih_sesi_hari(sesi_list, request.GET.get("sesi"), None)
        context = {"diklat": diklat, "object": diklat, "sesi_list": sesi_list, "sesi": sesi, "hari": sesi.hari() if sesi else []}
        if sesi is not None:
            qs = (
                rekap.peserta_terlihat(request.user, diklat).filter(sesi=sesi).dengan_kehadiran()
                .select_related("kelurahan", "kecamatan").order_by("nama", "pk")
            )  # fmt: skip
            page_obj = Paginator(qs, PESERTA_PER_HALAMAN_REKAP).get_page(request.GET.get("page"))
            context.update(
                page_obj=page_obj, is_paginated=page_obj.has_other_pages(), baris=rekap.baris_rekap(page_obj.object_list, context["hari"]),
            )
        context["boleh_kelola"] = rekap.boleh_kelola(request.user, diklat)
        return render(request, self.template_name, context)


class DiklatXlsxView(_DiklatMixin, View):
    """The attendance and results workbook (``rekap.buku_diklat``), every cell neutralised."""

    def get(self, request, pk):
        diklat = self.get_diklat()
        return xlsx_response(rekap.buku_diklat(request.user, diklat), rekap.nama_berkas_buku(diklat))


class EvaluasiView(ScopedViewMixin, FormView):
    """The organiser types in a participant's paper questionnaire (``services.evaluasi_simpan``);
    saving again replaces it."""

    model = Peserta
    required_action = "kelola"
    form_class = EvaluasiForm
    template_name = "pelatihan/evaluasi_form.html"

    def get_peserta(self) -> Peserta:
        if not hasattr(self, "_peserta"):
            qs = self.get_queryset().dengan_kehadiran().select_related("diklat", "sesi", "kelurahan", "kecamatan")
            self._peserta = get_object_or_404(qs, pk=self.kwargs["pk"])
        return self._peserta

    def get_evaluasi(self) -> Evaluasi | None:
        if not hasattr(self, "_evaluasi"):
            self._evaluasi = Evaluasi.objects.filter(peserta=self.get_peserta()).prefetch_related("nilai_set").first()
        return self._evaluasi

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["materi"] = Materi.objects.filter(sesi_id=self.get_peserta().sesi_id).select_related("narasumber__instansi")
        return kwargs

    def get_initial(self):
        evaluasi = self.get_evaluasi()
        if evaluasi is None:
            return {}
        awal = {"nilai_umum": evaluasi.nilai_umum, "manfaat": evaluasi.manfaat, "saran": evaluasi.saran}
        for n in evaluasi.nilai_set.all():
            awal[f"materi_{n.materi_id}"] = n.nilai_materi
            awal[f"narasumber_{n.materi_id}"] = n.nilai_narasumber
        return awal

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        peserta = self.get_peserta()
        context.update(peserta=peserta, object=peserta, diklat=peserta.diklat, evaluasi=self.get_evaluasi(), boleh_isi=peserta.hari_hadir > 0)
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        peserta = self.get_peserta()
        try:
            services.evaluasi_simpan(
                acting_user=self.request.user, peserta=peserta, nilai_umum=data["nilai_umum"], manfaat=data["manfaat"], saran=data["saran"],
                nilai=form.nilai(),
            )  # fmt: skip
        except ValidationError as exc:
            tambah_galat(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Evaluasi %(nama)s tersimpan.") % {"nama": peserta.nama})
        return redirect(reverse("pelatihan:evaluasi-hasil", kwargs={"pk": peserta.diklat_id}))


class EvaluasiHasilView(_DiklatMixin, View):
    """Results of a diklat's evaluation: responses / participants, the average overall rating, the
    averages per module and per speaker, the comments; for the organiser, who is still to fill in."""

    template_name = "pelatihan/evaluasi_hasil.html"

    def get(self, request, pk):
        diklat = self.get_diklat()
        boleh_kelola = rekap.boleh_kelola(request.user, diklat)
        belum = []
        if boleh_kelola:
            belum = list(
                Peserta.objects.for_user(request.user, "kelola").filter(diklat=diklat, evaluasi__isnull=True)
                .dengan_kehadiran().filter(hari_hadir__gt=0).order_by("nama", "pk").values("pk", "nama")
            )  # fmt: skip
        context = {
            "diklat": diklat, "object": diklat, "hasil": rekap.hasil_evaluasi(request.user, diklat),
            "komentar": list(rekap.komentar_evaluasi(request.user, diklat)), "boleh_kelola": boleh_kelola, "belum": belum,
        }  # fmt: skip
        return render(request, self.template_name, context)
