from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.generic import DetailView, FormView, TemplateView

from wilayah.access import ScopedFileView, ScopedViewMixin
from wilayah.forms import ServiceFormMixin, tambah_galat
from wilayah.riwayat import riwayat_perubahan

from . import services
from .forms import BeritaAcaraForm, KategoriKosongForm, LangkahForm, PesertaForm, UsulanForm
from .models import (
    LANGKAH,
    KategoriKosong,
    KategoriPUD,
    KriteriaPUD,
    NilaiUsulan,
    PengajuanPUD,
    PeranPeserta,
    PesertaFGD,
    Usulan,
)


class IndexView(ScopedViewMixin, TemplateView):
    """The programme's start page (filled in by the programme's issue)."""

    required_action = None
    template_name = "pud/index.html"


# --- A1: pengajuan kelurahan ---


def _boleh_ubah(user, pengajuan: PengajuanPUD) -> bool:
    """Whether ``user`` may change the pengajuan's content now (``for_user(user, "change")``)."""
    return PengajuanPUD.objects.for_user(user, "change").filter(pk=pengajuan.pk).exists()


def _url_berita_acara_pdf(pengajuan: PengajuanPUD) -> str | None:
    """The printable berita acara (helper C's view), when the URLconf has it."""
    try:
        return reverse("pud:pengajuan-berita-acara-pdf", kwargs={"pk": pengajuan.pk})
    except NoReverseMatch:
        return None


def skor_total(usulan: Usulan) -> int | None:
    """Weight x score summed over the scores given (``nilai_set`` prefetched with its criteria);
    None when the FGD gave no score."""
    nilai = usulan.nilai_set.all()
    return sum(n.skor * n.kriteria.bobot for n in nilai) if nilai else None


@dataclass
class KolomKategori:
    """One category of a pengajuan as its page shows it."""

    kode: str
    label: str
    utama: Usulan | None = None
    alternatif: list[Usulan] = field(default_factory=list)
    kosong: KategoriKosong | None = None


def kolom_kategori(usulan_list, kosong_list) -> list[KolomKategori]:
    kolom = {k.value: KolomKategori(k.value, k.label) for k in KategoriPUD}
    for u in usulan_list:
        u.total = skor_total(u)
        baris = kolom[u.kategori]
        if u.utama:
            baris.utama = u
        else:
            baris.alternatif.append(u)
    for k in kosong_list:
        kolom[k.kategori].kosong = k
    return list(kolom.values())


def peserta_per_peran(peserta_list) -> list[tuple[str, list[PesertaFGD]]]:
    """The participants grouped by role, in the order of the roles."""
    kelompok: dict[str, list[PesertaFGD]] = {}
    for p in peserta_list:
        kelompok.setdefault(p.peran, []).append(p)
    return [(label, kelompok[kode]) for kode, label in PeranPeserta.choices if kode in kelompok]


class PengajuanDetailView(ScopedViewMixin, DetailView):
    """A kelurahan's part of the round: schedule, FGD held, participants, the three categories,
    what is missing, the steps the user may take now (``services.langkah_tersedia``), the step
    log and the change history. A fixed number of queries."""

    model = PengajuanPUD
    template_name = "pud/pengajuan_detail.html"

    def get_base_queryset(self):
        return PengajuanPUD.objects.select_related("siklus", "kelurahan__kecamatan")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, pengajuan = self.request.user, self.object
        nilai = Prefetch("nilai_set", queryset=NilaiUsulan.objects.select_related("kriteria"))
        usulan = Usulan.objects.for_user(user).filter(pengajuan=pengajuan).select_related("umkm").prefetch_related(nilai)
        bobot = [k.bobot for k in KriteriaPUD.objects.filter(siklus_id=pengajuan.siklus_id)]
        context.update(
            peserta=peserta_per_peran(pengajuan.peserta_set.all()),
            kategori=kolom_kategori(usulan, pengajuan.kategori_kosong_set.all()),
            skor_maks=sum(bobot) * 5,
            kurang=services.kelengkapan_pengajuan(pengajuan) if pengajuan.dapat_diubah else [],
            langkah_tersedia=services.langkah_tersedia(user, pengajuan),
            boleh_ubah=_boleh_ubah(user, pengajuan),
            log_langkah=pengajuan.langkah_set.select_related("oleh"),
            riwayat=riwayat_perubahan(pengajuan, user),
            url_berita_acara_pdf=_url_berita_acara_pdf(pengajuan),
        )
        return context


class IsiPengajuanMixin(ScopedViewMixin):
    """Pages that change a pengajuan's content (FGD record, participants, nominations, "none").

    The role needs the permission to change a pengajuan (403 otherwise); the row is looked up
    among those the user may see (404 outside); while the user may not change it now
    (``for_user(user, "change")``), the form is not offered: the page goes back to the pengajuan
    with the service's reason. A POST always goes to the service, which decides."""

    model = PengajuanPUD
    required_action = "change"
    template_name = "pud/pengajuan_form.html"
    judul = ""

    def get_queryset(self):
        return PengajuanPUD.objects.for_user(self.request.user, "view").select_related("siklus", "kelurahan")

    def get_pengajuan(self) -> PengajuanPUD:
        if not hasattr(self, "_pengajuan"):
            self._pengajuan = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        return self._pengajuan

    def get(self, request, *args, **kwargs):
        pengajuan = self.get_pengajuan()
        if not _boleh_ubah(request.user, pengajuan):
            messages.error(request, services.PESAN_TERKUNCI)
            return redirect(pengajuan.get_absolute_url())
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.get_pengajuan()
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(pengajuan=self.get_pengajuan(), judul=self.get_judul())
        context.setdefault("object", self.get_pengajuan())
        return context

    def get_judul(self) -> str:
        return self.judul % {"pengajuan": self.get_pengajuan()}

    def get_success_url(self):
        return self.get_pengajuan().get_absolute_url()


class BeritaAcaraView(IsiPengajuanMixin, ServiceFormMixin, FormView):
    form_class = BeritaAcaraForm
    judul = _l("FGD dan berita acara: %(pengajuan)s")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.get_pengajuan()
        return kwargs

    def simpan(self, form):
        return services.berita_acara_simpan(acting_user=self.request.user, pengajuan=form.instance)

    def get_pesan_sukses(self):
        return _("FGD dan berita acara tersimpan.")


class BeritaAcaraBerkasView(ScopedFileView):
    """The uploaded scan of the signed berita acara (scoped, sandboxed)."""

    model = PengajuanPUD
    file_field = "berita_acara"


class PesertaTambahView(IsiPengajuanMixin, ServiceFormMixin, FormView):
    form_class = PesertaForm
    judul = _l("Tambah peserta FGD: %(pengajuan)s")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = PesertaFGD(pengajuan=self.get_pengajuan())
        return kwargs

    def simpan(self, form):
        return services.peserta_simpan(acting_user=self.request.user, peserta=form.instance)

    def get_pesan_sukses(self):
        return _("Peserta %(obj)s tercatat.") % {"obj": self.object}


class KosongTambahView(IsiPengajuanMixin, ServiceFormMixin, FormView):
    form_class = KategoriKosongForm
    judul = _l("Nyatakan kategori tanpa usulan: %(pengajuan)s")

    def get_initial(self):
        kategori = self.request.GET.get("kategori")
        return {"kategori": kategori} if kategori in KategoriPUD.values else {}

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = KategoriKosong(pengajuan=self.get_pengajuan())
        return kwargs

    def simpan(self, form):
        return services.kategori_kosong_simpan(acting_user=self.request.user, kosong=form.instance)

    def get_pesan_sukses(self):
        return _("Kategori %(k)s dinyatakan tanpa usulan.") % {"k": self.object.get_kategori_display()}


class HapusMixin(IsiPengajuanMixin):
    """GET: a confirmation page; POST: the service deletes (its refusal is shown on the pengajuan)."""

    template_name = "pud/pengajuan_hapus.html"
    anak_model = None

    def get_anak(self):
        if not hasattr(self, "_anak"):
            terlihat = PengajuanPUD.objects.for_user(self.request.user, "view")
            self._anak = get_object_or_404(self.anak_model.objects.select_related("pengajuan__kelurahan", "pengajuan__siklus").filter(pengajuan__in=terlihat), pk=self.kwargs["pk"])
        return self._anak

    def get_pengajuan(self):
        return self.get_anak().pengajuan

    def get_judul(self):
        return self.judul % {"obj": self.get_anak()}

    def get(self, request, *args, **kwargs):
        pengajuan = self.get_pengajuan()
        if not _boleh_ubah(request.user, pengajuan):
            messages.error(request, services.PESAN_TERKUNCI)
            return redirect(pengajuan.get_absolute_url())
        return self.render_to_response(self.get_context_data(obj=self.get_anak()))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(pengajuan=self.get_pengajuan(), judul=self.get_judul(), obj=self.get_anak())
        return context

    def post(self, request, *args, **kwargs):
        anak, pengajuan = self.get_anak(), self.get_pengajuan()
        try:
            self.hapus(anak)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, self.pesan_sukses % {"obj": anak})
        return redirect(pengajuan.get_absolute_url())


class PesertaHapusView(HapusMixin, TemplateView):
    anak_model = PesertaFGD
    judul = _l("Hapus peserta FGD %(obj)s?")
    pesan_sukses = _l("Peserta %(obj)s dihapus.")

    def hapus(self, anak):
        services.peserta_hapus(acting_user=self.request.user, peserta=anak)


class KosongHapusView(HapusMixin, TemplateView):
    anak_model = KategoriKosong
    judul = _l("Hapus pernyataan \"%(obj)s\"?")
    pesan_sukses = _l("Pernyataan \"%(obj)s\" dihapus.")

    def hapus(self, anak):
        services.kategori_kosong_hapus(acting_user=self.request.user, kosong=anak)


class UsulanDetailView(ScopedViewMixin, DetailView):
    """A nomination: UMKM, product, reasons, the scores on every criterion of the round with their
    weights, and the weighted total."""

    model = Usulan
    template_name = "pud/usulan_detail.html"

    def get_base_queryset(self):
        return Usulan.objects.select_related("pengajuan__siklus", "pengajuan__kelurahan__kecamatan", "umkm")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        usulan = self.object
        skor = dict(usulan.nilai_set.values_list("kriteria_id", "skor"))
        baris = []
        for k in KriteriaPUD.objects.filter(siklus_id=usulan.pengajuan.siklus_id):
            s = skor.get(k.pk)
            baris.append({"kriteria": k, "skor": s, "nilai": s * k.bobot if s else None})
        context.update(
            nilai=baris,
            total=sum(b["nilai"] or 0 for b in baris),
            skor_maks=sum(b["kriteria"].bobot for b in baris) * 5,
            boleh_ubah=Usulan.objects.for_user(self.request.user, "change").filter(pk=usulan.pk).exists(),
            riwayat=riwayat_perubahan(usulan, self.request.user),
        )
        return context


class UsulanFormMixin(IsiPengajuanMixin, ServiceFormMixin):
    form_class = UsulanForm
    template_name = "pud/usulan_form.html"

    def get_usulan(self) -> Usulan:
        raise NotImplementedError

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        usulan = self.get_usulan()
        kwargs.update(
            instance=usulan,
            pengajuan=self.get_pengajuan(),
            kriteria=KriteriaPUD.objects.filter(siklus_id=self.get_pengajuan().siklus_id),
            nilai_awal=dict(usulan.nilai_set.values_list("kriteria_id", "skor")) if usulan.pk else {},
        )
        return kwargs

    def simpan(self, form):
        return services.usulan_simpan(acting_user=self.request.user, usulan=form.instance, nilai=form.nilai())

    def get_pesan_sukses(self):
        return _("Usulan %(obj)s tersimpan.") % {"obj": self.object}


class UsulanTambahView(UsulanFormMixin, FormView):
    judul = _l("Tambah usulan: %(pengajuan)s")

    def get_usulan(self):
        return Usulan(pengajuan=self.get_pengajuan())

    def get_initial(self):
        kategori = self.request.GET.get("kategori")
        return {"kategori": kategori} if kategori in KategoriPUD.values else {}


class UsulanUbahView(UsulanFormMixin, FormView):
    model = Usulan
    judul = _l("Ubah usulan: %(pengajuan)s")

    def get_usulan(self):
        if not hasattr(self, "_usulan"):
            qs = Usulan.objects.for_user(self.request.user, "view").select_related("pengajuan__siklus", "pengajuan__kelurahan")
            self._usulan = get_object_or_404(qs, pk=self.kwargs["pk"])
        return self._usulan

    def get_pengajuan(self):
        return self.get_usulan().pengajuan

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.get_usulan()
        return context


class UsulanHapusView(HapusMixin, TemplateView):
    model = Usulan
    required_action = "delete"
    judul = _l("Hapus usulan %(obj)s?")
    pesan_sukses = _l("Usulan %(obj)s dihapus.")

    def get_anak(self):
        if not hasattr(self, "_anak"):
            qs = Usulan.objects.for_user(self.request.user, "view").select_related("pengajuan__siklus", "pengajuan__kelurahan", "umkm")
            self._anak = get_object_or_404(qs, pk=self.kwargs["pk"])
        return self._anak

    def hapus(self, anak):
        services.usulan_hapus(acting_user=self.request.user, usulan=anak)


class LangkahView(ScopedViewMixin, FormView):
    """One workflow step on a pengajuan. GET: the confirmation form (the note, the decree) when
    the step is among ``services.langkah_tersedia``; POST: ``services.pengajuan_langkah``, which
    alone decides (its ValidationError is shown on the form, its PermissionDenied is a 403).
    Unknown step or a pengajuan the user cannot see: 404."""

    model = PengajuanPUD
    form_class = LangkahForm
    template_name = "pud/langkah_form.html"

    def get_queryset(self):
        return PengajuanPUD.objects.for_user(self.request.user, "view").select_related("siklus", "kelurahan")

    def dispatch(self, request, *args, **kwargs):
        self.langkah = LANGKAH.get(kwargs["aksi"])
        if self.langkah is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_pengajuan(self) -> PengajuanPUD:
        if not hasattr(self, "_pengajuan"):
            self._pengajuan = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        return self._pengajuan

    def get(self, request, *args, **kwargs):
        pengajuan = self.get_pengajuan()
        if self.langkah not in services.langkah_tersedia(request.user, pengajuan):
            messages.error(request, _("Langkah \"%(l)s\" tidak tersedia bagi Anda pada pengajuan ini sekarang.") % {"l": self.langkah.label})
            return redirect(pengajuan.get_absolute_url())
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.get_pengajuan()
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["langkah"] = self.langkah
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(pengajuan=self.get_pengajuan(), object=self.get_pengajuan(), langkah=self.langkah)
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            pengajuan = services.pengajuan_langkah(
                acting_user=self.request.user, pengajuan=self.get_pengajuan(), aksi=self.langkah.kode, catatan=data.get("catatan", ""),
                nomor_keputusan=data.get("nomor_keputusan", ""), tanggal_keputusan=data.get("tanggal_keputusan"),
            )  # fmt: skip
        except ValidationError as exc:
            tambah_galat(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("%(l)s: tercatat. Status sekarang %(s)s.") % {"l": self.langkah.label, "s": pengajuan.get_status_display()})
        return redirect(pengajuan.get_absolute_url())
