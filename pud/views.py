from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.paginator import Paginator
from django.db.models import Count, F, Max, Min, Prefetch, Q, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views import View
from django.views.generic import CreateView, DetailView, FormView, ListView, TemplateView, UpdateView

from wilayah.access import ScopedFileView, ScopedViewMixin
from wilayah.berkas import respons_berkas, respons_berkas_buatan
from wilayah.daftar import FilteredExportMixin, FilteredListView, id_dari
from wilayah.forms import ServiceFormMixin, tambah_galat
from wilayah.impor import ImporExcelView, UnduhTemplatExcelView, xlsx_response
from wilayah.models import AksesNIK, Kecamatan
from wilayah.nik import catat_nik_penuh, nik_untuk
from wilayah.publik import SumberTanda, Tanda, halaman_publik, jumlah_dan_terakhir
from wilayah.riwayat import riwayat_perubahan
from wilayah.scoping import Tingkat, boleh, boleh_atas, lingkup_of, mencakup

from . import cetak, services
from .filters import KatalogPublikFilterSet, PengajuanFilterSet, UMKMFilterSet, UsulanFilterSet
from .forms import (
    BeritaAcaraForm,
    FotoUMKMForm,
    JadwalBuatForm,
    JadwalForm,
    KategoriKosongForm,
    KriteriaForm,
    LangkahForm,
    PesertaForm,
    SiklusForm,
    TetapkanBanyakForm,
    UMKMForm,
    UsulanForm,
)
from .models import (
    LANGKAH,
    SKOR_MAKS,
    STATUS_TERKIRIM,
    STATUS_TERVERIFIKASI,
    UMKM,
    FotoUMKM,
    KategoriKosong,
    KategoriPUD,
    KriteriaPUD,
    PengajuanPUD,
    PeranPeserta,
    PesertaFGD,
    Siklus,
    StatusPengajuan,
    StatusSiklus,
    Usulan,
    skor_maksimum,
)
from .resources import UMKMResource, ekspor_umkm

# --- A2: kecamatan, kota, putaran ---


class IndukMixin(ScopedViewMixin):
    """A page about one row of ``model`` (its ``pk`` in the URL), read through ``get_queryset()`` (404
    outside what the user may do) before GET or POST is handled; ``get_induk()`` returns it, and the
    context holds it under ``nama_induk`` and as ``object`` (so "Batal" goes back to it)."""

    nama_induk = "induk"

    def get_induk(self):
        if not hasattr(self, "_induk"):
            self._induk = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        return self._induk

    def get(self, request, *args, **kwargs):
        self.get_induk()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.get_induk()
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context[self.nama_induk] = self.get_induk()
        context.setdefault("object", self.get_induk())
        return context


def pilih_siklus(request) -> tuple[list[Siklus], Siklus | None]:
    """The rounds the user may see (newest first) and the one ``?siklus=<id>`` names; an id that is not
    a number or not one of them falls back to the open round, else the latest. One query."""
    semua = list(Siklus.objects.for_user(request.user).order_by("-tahun"))
    diminta = id_dari(request.GET.get("siklus"))
    for siklus in semua:
        if siklus.pk == diminta:
            return semua, siklus
    terbuka = [s for s in semua if s.status == StatusSiklus.DIBUKA]
    return semua, (terbuka[0] if terbuka else (semua[0] if semua else None))


@dataclass
class Progres:
    """A round's progress over a set of kelurahan (a kecamatan, or the city)."""

    kode: str = ""
    nama: str = ""
    kelurahan: int = 0
    terjadwal: int = 0
    fgd: int = 0
    diajukan: int = 0
    diverifikasi: int = 0
    ditetapkan: int = 0
    dikembalikan: int = 0
    url: str | None = None

    ANGKA = ("kelurahan", "terjadwal", "fgd", "diajukan", "diverifikasi", "ditetapkan", "dikembalikan")

    def hitung(self, p: PengajuanPUD) -> None:
        """Count one pengajuan already loaded, by the rules ``progres_per_kecamatan`` counts in SQL."""
        self.kelurahan += 1
        self.terjadwal += p.jadwal_fgd is not None
        self.fgd += p.tanggal_fgd is not None
        self.diajukan += p.status in STATUS_TERKIRIM
        self.diverifikasi += p.status in STATUS_TERVERIFIKASI
        self.ditetapkan += p.status == StatusPengajuan.DITETAPKAN
        self.dikembalikan += p.status == StatusPengajuan.DIKEMBALIKAN

    def tambah(self, lain: Progres) -> None:
        for nama in self.ANGKA:
            setattr(self, nama, getattr(self, nama) + getattr(lain, nama))


def progres_per_kecamatan(pengajuan) -> tuple[list[Progres], Progres]:
    """Per kecamatan and for all together: kelurahan in the round, scheduled, FGD held, submitted
    (diajukan and beyond), verified (and beyond), determined, returned. One query."""
    baris = (
        pengajuan.order_by()
        .values("kelurahan__kecamatan__kode", "kelurahan__kecamatan__nama")
        .annotate(
            kelurahan=Count("pk"),
            terjadwal=Count("pk", filter=Q(jadwal_fgd__isnull=False)),
            fgd=Count("pk", filter=Q(tanggal_fgd__isnull=False)),
            diajukan=Count("pk", filter=Q(status__in=STATUS_TERKIRIM)),
            diverifikasi=Count("pk", filter=Q(status__in=STATUS_TERVERIFIKASI)),
            ditetapkan=Count("pk", filter=Q(status=StatusPengajuan.DITETAPKAN)),
            dikembalikan=Count("pk", filter=Q(status=StatusPengajuan.DIKEMBALIKAN)),
        )
        .order_by("kelurahan__kecamatan__kode")
    )
    per_kecamatan, total = [], Progres(nama=_("Kota Probolinggo"))
    for b in baris:
        p = Progres(kode=b["kelurahan__kecamatan__kode"], nama=b["kelurahan__kecamatan__nama"], **{n: b[n] for n in Progres.ANGKA})
        total.tambah(p)
        per_kecamatan.append(p)
    return per_kecamatan, total


def progres_per_kategori(pengajuan, jumlah_kelurahan: int) -> list[dict]:
    """Per category: kelurahan with a main nomination (and of them determined), kelurahan that declared
    none, and those still open. Two queries."""
    utama = {
        b["kategori"]: b
        for b in Usulan.objects.filter(utama=True, pengajuan__in=pengajuan)
        .order_by()
        .values("kategori")
        .annotate(ada=Count("pengajuan", distinct=True), ditetapkan=Count("pengajuan", distinct=True, filter=Q(pengajuan__status=StatusPengajuan.DITETAPKAN)))
    }
    kosong = dict(KategoriKosong.objects.filter(pengajuan__in=pengajuan).order_by().values("kategori").annotate(n=Count("pk")).values_list("kategori", "n"))
    hasil = []
    for kategori in KategoriPUD:
        ada = utama.get(kategori.value, {}).get("ada", 0)
        tidak_ada = kosong.get(kategori.value, 0)
        hasil.append({
            "kode": kategori.value, "label": kategori.label, "ada": ada, "ditetapkan": utama.get(kategori.value, {}).get("ditetapkan", 0),
            "tidak_ada": tidak_ada, "belum": max(jumlah_kelurahan - ada - tidak_ada, 0),
        })  # fmt: skip
    return hasil


class IndexView(ScopedViewMixin, TemplateView):
    """The PUD start page routes by scope: the city to the city progress, a kecamatan to its kelurahan
    side by side, a kelurahan to its pengajuan in the open round (or says that no round is open)."""

    model = PengajuanPUD
    template_name = "pud/index.html"

    def get(self, request, *args, **kwargs):
        user = request.user
        if mencakup(user, Tingkat.KOTA):
            return redirect("pud:kota")
        lingkup = lingkup_of(user)
        if lingkup is not None and lingkup.tingkat == Tingkat.KECAMATAN:
            return redirect("pud:kecamatan", kode=lingkup.kecamatan.kode)
        self.pengajuan = PengajuanPUD.objects.for_user(user).filter(siklus__status=StatusSiklus.DIBUKA).select_related("siklus", "kelurahan").first()
        if self.pengajuan is not None:
            return redirect(self.pengajuan.get_absolute_url())
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["pengajuan"] = self.pengajuan
        context["riwayat"] = list(PengajuanPUD.objects.for_user(self.request.user).select_related("siklus", "kelurahan").order_by("-siklus__tahun")[:10])
        return context


class KotaView(ScopedViewMixin, TemplateView):
    """The city's progress of a round (Bappeda, Kantor Wali Kota): totals, per kecamatan, per category.
    A fixed number of queries, however many kelurahan."""

    model = PengajuanPUD
    template_name = "pud/kota.html"
    cakupan_wajib = Tingkat.KOTA

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        semua, siklus = pilih_siklus(self.request)
        context.update(siklus_pilihan=semua, siklus=siklus)
        if siklus is None:
            return context
        pengajuan = PengajuanPUD.objects.for_user(user).filter(siklus=siklus)
        per_kecamatan, total = progres_per_kecamatan(pengajuan)
        for p in per_kecamatan:
            p.url = reverse("pud:kecamatan", kwargs={"kode": p.kode}) + f"?siklus={siklus.pk}"
        context.update(
            per_kecamatan=per_kecamatan,
            total=total,
            per_kategori=progres_per_kategori(pengajuan, total.kelurahan),
            url_siklus=siklus.get_absolute_url(),
            url_lampiran_pdf=reverse("pud:lampiran-pdf", kwargs={"pk": siklus.pk}),
            url_lampiran_xlsx=reverse("pud:lampiran-xlsx", kwargs={"pk": siklus.pk}),
        )
        return context


def _sel_kategori(pengajuan: PengajuanPUD) -> list[dict]:
    """The three categories of a kelurahan: its main nomination, the declared "none" with its reason, or nothing yet."""
    utama = {u.kategori: u for u in pengajuan.usulan_utama}
    kosong = {k.kategori: k for k in pengajuan.kategori_kosong_set.all()}
    return [{"kategori": k, "usulan": utama.get(k.value), "kosong": kosong.get(k.value)} for k in KategoriPUD]


class KecamatanView(ScopedViewMixin, DetailView):
    """A kecamatan's kelurahan side by side in a round: status, FGD, the three categories, and the
    workflow steps the user may take on each (``services.langkah_tersedia_banyak``). Fixed queries."""

    model = Kecamatan
    slug_field = slug_url_kwarg = "kode"
    cakupan_wajib = Tingkat.KECAMATAN
    template_name = "pud/kecamatan.html"
    context_object_name = "kecamatan"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        semua, siklus = pilih_siklus(self.request)
        context.update(siklus_pilihan=semua, siklus=siklus, baris=[])
        if siklus is None:
            return context
        pengajuan = list(
            PengajuanPUD.objects.for_user(user)
            .filter(siklus=siklus, kelurahan__kecamatan=self.object)
            .select_related("kelurahan")
            .prefetch_related(Prefetch("usulan_set", queryset=Usulan.objects.filter(utama=True).select_related("umkm"), to_attr="usulan_utama"), "kategori_kosong_set")
            .order_by("kelurahan__kode")
        )
        langkah = services.langkah_tersedia_banyak(user, [p.pk for p in pengajuan])
        total = Progres()
        for p in pengajuan:
            tombol = [{"label": lk.label, "gaya": lk.gaya, "kode": lk.kode, "url": reverse("pud:pengajuan-langkah", kwargs={"pk": p.pk, "aksi": lk.kode})} for lk in langkah[p.pk]]
            context["baris"].append({"pengajuan": p, "kategori": _sel_kategori(p), "tombol": tombol, "url": p.get_absolute_url()})
            total.hitung(p)
        context["total"] = total
        context["kategori_list"] = list(KategoriPUD)
        return context


# --- round management (Bappeda) ---


class SiklusListView(ScopedViewMixin, ListView):
    model = Siklus
    template_name = "pud/siklus_list.html"

    def get_queryset(self):
        pengajuan = Q(pengajuan_set__in=PengajuanPUD.objects.for_user(self.request.user))
        return (
            super().get_queryset()
            .annotate(
                jumlah=Count("pengajuan_set", filter=pengajuan),
                diajukan=Count("pengajuan_set", filter=pengajuan & Q(pengajuan_set__status__in=STATUS_TERKIRIM)),
                ditetapkan=Count("pengajuan_set", filter=pengajuan & Q(pengajuan_set__status=StatusPengajuan.DITETAPKAN)),
            )
            .order_by("-tahun")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["boleh_tambah"] = boleh(self.request.user, Siklus, "add") and boleh(self.request.user, PengajuanPUD, "add")
        return context


class SiklusCreateView(ScopedViewMixin, ServiceFormMixin, CreateView):
    """Open a yearly round: the default rubric and a draf pengajuan for every kelurahan (``services.siklus_buka``)."""

    model = Siklus
    required_action = "add"
    form_class = SiklusForm
    template_name = "pud/siklus_form.html"
    pesan_sukses = _l("Putaran %(obj)s dibuka.")

    def get_initial(self):
        return {"tahun": timezone.localdate().year}

    def simpan(self, form):
        data = form.cleaned_data
        return services.siklus_buka(
            acting_user=self.request.user, tahun=data["tahun"], nama=data.get("nama") or "", batas_pengajuan=data.get("batas_pengajuan"), catatan=data.get("catatan") or ""
        )

    def get_success_url(self):
        return self.object.get_absolute_url()


#: Schedule rows per page (a province has thousands of kelurahan).
JADWAL_PER_HALAMAN = 60


def _jadwal(user, siklus: Siklus, halaman=None):
    """One page of the round's kelurahan in schedule order (unscheduled last; the pk breaks ties, so
    rows never shift between pages), and the ids on it whose date ``user`` may change."""
    semua = (
        PengajuanPUD.objects.for_user(user)
        .filter(siklus=siklus)
        .select_related("kelurahan__kecamatan")
        .order_by(F("jadwal_fgd").asc(nulls_last=True), "kelurahan__kecamatan__kode", "kelurahan__kode", "pk")
    )
    page = Paginator(semua, JADWAL_PER_HALAMAN).get_page(halaman)
    ids = [p.pk for p in page]
    boleh_ubah = set(PengajuanPUD.objects.for_user(user, "jadwalkan").filter(pk__in=ids).values_list("pk", flat=True))
    return page, boleh_ubah


def _calon_tetapkan(user, siklus: Siklus):
    return PengajuanPUD.objects.for_user(user, "tetapkan").filter(siklus=siklus).select_related("kelurahan__kecamatan").order_by("kelurahan__kecamatan__kode", "kelurahan__kode")


class SiklusDetailView(ScopedViewMixin, DetailView):
    """A round: status (close/reopen), its rubric, the FGD schedule and the bulk decree form."""

    model = Siklus
    template_name = "pud/siklus_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        jadwal, boleh_jadwal = _jadwal(user, self.object, self.request.GET.get("page"))
        calon = list(_calon_tetapkan(user, self.object))
        context.update(
            kriteria_list=list(self.object.kriteria_set.all()),
            boleh_tambah_kriteria=boleh(user, KriteriaPUD, "add"),
            boleh_ubah_kriteria=boleh(user, KriteriaPUD, "change"),
            jadwal=jadwal,
            page_obj=jadwal,
            is_paginated=jadwal.has_other_pages(),
            boleh_jadwal=boleh_jadwal,
            boleh_buat_jadwal=PengajuanPUD.objects.for_user(user, "jadwalkan").filter(siklus=self.object).exists(),
            boleh_ubah_siklus=boleh_atas(user, self.object, "change"),
            calon_tetapkan=calon,
            form_tetapkan=TetapkanBanyakForm(queryset=PengajuanPUD.objects.none()) if calon else None,
            url_kota=reverse("pud:kota") + f"?siklus={self.object.pk}" if mencakup(user, Tingkat.KOTA) else None,
            url_lampiran_pdf=reverse("pud:lampiran-pdf", kwargs={"pk": self.object.pk}),
            url_lampiran_xlsx=reverse("pud:lampiran-xlsx", kwargs={"pk": self.object.pk}),
        )
        return context


class _SiklusAksiView(ScopedViewMixin, View):
    """POST only: close or reopen a round, then back to its page with the service's message."""

    model = Siklus
    required_action = "change"
    layanan = None
    pesan = ""

    def post(self, request, pk):
        siklus = get_object_or_404(self.get_queryset(), pk=pk)
        try:
            type(self).layanan(acting_user=request.user, siklus=siklus)
        except ValidationError as exc:
            for pesan in exc.messages:
                messages.error(request, pesan)
        else:
            messages.success(request, self.pesan % {"siklus": siklus})
        return redirect(siklus.get_absolute_url())


class SiklusTutupView(_SiklusAksiView):
    layanan = staticmethod(services.siklus_tutup)
    pesan = _l("Putaran %(siklus)s ditutup. Kelurahan dan kecamatan tidak dapat lagi mengubah atau mengajukan; penetapan tetap dapat dilakukan.")


class SiklusBukaView(_SiklusAksiView):
    layanan = staticmethod(services.siklus_buka_kembali)
    pesan = _l("Putaran %(siklus)s dibuka kembali.")


class _SiklusFormView(IndukMixin, FormView):
    """A form on a round that needs one more permission on the kelurahan pengajuan (``izin_pengajuan``)."""

    model = Siklus
    nama_induk = "siklus"
    izin_pengajuan = ""

    def get_induk(self) -> Siklus:
        siklus = super().get_induk()
        if not boleh(self.request.user, PengajuanPUD, self.izin_pengajuan):
            raise PermissionDenied
        return siklus

    get_siklus = get_induk


class SiklusJadwalView(_SiklusFormView):
    """Generate the FGD schedule: the kelurahan not yet submitted, N a working day (``services.jadwal_buat``)."""

    izin_pengajuan = "jadwalkan"
    form_class = JadwalBuatForm
    template_name = "pud/siklus_jadwal.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        siklus = self.get_siklus()
        context["jadwal"], context["boleh_jadwal"] = _jadwal(self.request.user, siklus, self.request.GET.get("page"))
        context["page_obj"], context["is_paginated"] = context["jadwal"], context["jadwal"].has_other_pages()
        hari = PengajuanPUD.objects.for_user(self.request.user).filter(siklus=siklus, jadwal_fgd__isnull=False).aggregate(
            jumlah=Count("jadwal_fgd", distinct=True), awal=Min("jadwal_fgd"), akhir=Max("jadwal_fgd")
        )
        context["hari"] = hari if hari["jumlah"] else None
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            jumlah = services.jadwal_buat(
                acting_user=self.request.user, siklus=self.get_siklus(), mulai=data["mulai"], kelurahan_per_hari=data["kelurahan_per_hari"], tempat=data["tempat"]
            )
        except ValidationError as exc:
            tambah_galat(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Jadwal FGD %(n)s kelurahan dibuat. Periksa di bawah dan ubah satu per satu bila perlu.") % {"n": jumlah})
        return redirect(reverse("pud:siklus-jadwal", kwargs={"pk": self.get_siklus().pk}))


class SiklusTetapkanView(_SiklusFormView):
    """Determine many verified kelurahan under one decree, all or nothing (``services.tetapkan_banyak``)."""

    izin_pengajuan = "tetapkan"
    form_class = TetapkanBanyakForm
    template_name = "pud/siklus_tetapkan.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        # Every pengajuan of the round the user sees is a valid choice: the service says why one cannot be determined.
        kwargs["queryset"] = PengajuanPUD.objects.for_user(self.request.user).filter(siklus=self.get_siklus()).select_related("kelurahan__kecamatan")
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["calon_tetapkan"] = list(_calon_tetapkan(self.request.user, self.get_siklus()))
        form = context["form"]
        context["dipilih"] = {str(v) for v in (form.data.getlist("pengajuan") if form.is_bound else [])}
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            jumlah = services.tetapkan_banyak(
                acting_user=self.request.user,
                pengajuan_ids=[p.pk for p in data["pengajuan"]],
                nomor_keputusan=data["nomor_keputusan"],
                tanggal_keputusan=data["tanggal_keputusan"],
            )
        except ValidationError as exc:
            tambah_galat(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("%(n)s kelurahan ditetapkan dengan keputusan wali kota nomor %(nomor)s.") % {"n": jumlah, "nomor": data["nomor_keputusan"]})
        return redirect(self.get_siklus().get_absolute_url())


class PengajuanJadwalView(ScopedViewMixin, ServiceFormMixin, UpdateView):
    """Move one kelurahan's FGD (``services.jadwal_ubah``; weekends refused)."""

    model = PengajuanPUD
    required_action = "jadwalkan"
    form_class = JadwalForm
    template_name = "pud/jadwal_form.html"

    def get_base_queryset(self):
        return PengajuanPUD.objects.select_related("kelurahan", "siklus")

    def simpan(self, form):
        p = form.instance
        return services.jadwal_ubah(acting_user=self.request.user, pengajuan=p, jadwal_fgd=p.jadwal_fgd, jadwal_tempat=p.jadwal_tempat)

    def get_pesan_sukses(self):
        return _("Jadwal FGD %(kelurahan)s tersimpan.") % {"kelurahan": self.object.kelurahan.nama}

    def get_success_url(self):
        return self.object.siklus.get_absolute_url() + "#jadwal"


class KriteriaFormMixin(ScopedViewMixin, ServiceFormMixin):
    model = KriteriaPUD
    form_class = KriteriaForm
    template_name = "pud/siklus_kriteria_form.html"
    pesan_sukses = _l("Kriteria %(obj)s tersimpan.")

    def simpan(self, form):
        return services.kriteria_simpan(acting_user=self.request.user, kriteria=form.instance)

    def get_success_url(self):
        return reverse("pud:siklus-detail", kwargs={"pk": self.object.siklus_id}) + "#kriteria"


class KriteriaCreateView(KriteriaFormMixin, CreateView):
    """A criterion added to a round's rubric; ``pk`` is the round."""

    required_action = "add"

    def get_siklus(self) -> Siklus:
        if not hasattr(self, "_siklus"):
            self._siklus = get_object_or_404(Siklus.objects.for_user(self.request.user, "change"), pk=self.kwargs["pk"])
        return self._siklus

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = KriteriaPUD(siklus=self.get_siklus())
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["siklus"] = self.get_siklus()
        return context


class KriteriaUpdateView(KriteriaFormMixin, UpdateView):
    required_action = "change"

    def get_base_queryset(self):
        return KriteriaPUD.objects.select_related("siklus")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["siklus"] = self.object.siklus
        return context


class PengajuanListView(FilteredListView):
    model = PengajuanPUD
    filterset_class = PengajuanFilterSet
    template_name = "pud/pengajuan_list.html"
    paginate_by = 50

    def get_scoped_queryset(self):
        return super().get_scoped_queryset().select_related("siklus", "kelurahan__kecamatan").order_by("-siklus__tahun", "kelurahan__kode")


class UsulanListView(FilteredListView):
    model = Usulan
    filterset_class = UsulanFilterSet
    template_name = "pud/usulan_list.html"
    paginate_by = 50

    def get_scoped_queryset(self):
        return (
            super().get_scoped_queryset()
            .select_related("pengajuan__siklus", "pengajuan__kelurahan", "umkm")
            .order_by("-pengajuan__siklus__tahun", "pengajuan__kelurahan__kode", "kategori", "-utama", "produk")
        )


# --- A1: pengajuan kelurahan ---


def _boleh_ubah(user, pengajuan: PengajuanPUD) -> bool:
    """Whether ``user`` may change the pengajuan's content now (``for_user(user, "change")``)."""
    return PengajuanPUD.objects.for_user(user, "change").filter(pk=pengajuan.pk).exists()


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
        usulan = Usulan.objects.for_user(user).filter(pengajuan=pengajuan).select_related("umkm").dengan_skor().order_by("pk")
        context.update(
            peserta=peserta_per_peran(pengajuan.peserta_set.all()),
            kategori=kolom_kategori(usulan, pengajuan.kategori_kosong_set.all()),
            skor_maks=skor_maksimum(pengajuan.siklus_id),
            kurang=services.kelengkapan_pengajuan(pengajuan) if pengajuan.dapat_diubah else [],
            langkah_tersedia=services.langkah_tersedia(user, pengajuan),
            boleh_ubah=_boleh_ubah(user, pengajuan),
            log_langkah=pengajuan.langkah_set.select_related("oleh"),
            riwayat=riwayat_perubahan(pengajuan, user),
            url_berita_acara_pdf=reverse("pud:pengajuan-berita-acara-pdf", kwargs={"pk": pengajuan.pk}),
        )
        return context


class IsiPengajuanMixin(IndukMixin):
    """Pages that change a pengajuan's content (FGD record, participants, nominations, "none").

    The role needs the permission to change a pengajuan (403 otherwise); the row is looked up
    among those the user may see (404 outside); while the user may not change it now
    (``for_user(user, "change")``), the form is not offered: the page goes back to the pengajuan
    with the service's reason. A POST always goes to the service, which decides."""

    model = PengajuanPUD
    required_action = "change"
    template_name = "pud/pengajuan_form.html"
    nama_induk = "pengajuan"
    judul = ""

    def get_queryset(self):
        return PengajuanPUD.objects.for_user(self.request.user, "view").select_related("siklus", "kelurahan")

    def get_pengajuan(self) -> PengajuanPUD:
        return self.get_induk()

    def get(self, request, *args, **kwargs):
        pengajuan = self.get_induk()
        if not _boleh_ubah(request.user, pengajuan):
            messages.error(request, services.PESAN_TERKUNCI)
            return redirect(pengajuan.get_absolute_url())
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["judul"] = self.get_judul()
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

    def get_induk(self):
        return self.get_anak().pengajuan  # the URL names the row to delete, not its pengajuan

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
            skor_maks=SKOR_MAKS * sum(b["kriteria"].bobot for b in baris),
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

    def get_induk(self):
        return self.get_usulan().pengajuan  # the URL names the nomination

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


# --- C: cetak dan katalog publik ---


def _respons_pdf(data: bytes, nama: str):
    """A PDF made here, shown inline (to print), as every generated file: sandboxed, not sniffed."""
    return respons_berkas_buatan(ContentFile(data, name=nama), nama=nama, content_type="application/pdf", sebagai_lampiran=False)


class BeritaAcaraPdfView(ScopedViewMixin, View):
    """The FGD's berita acara rendered from the data entered, ready to print and sign."""

    model = PengajuanPUD

    def get(self, request, pk):
        pengajuan = get_object_or_404(self.get_queryset().select_related("siklus", "kelurahan__kecamatan"), pk=pk)
        return _respons_pdf(cetak.pdf_berita_acara(pengajuan), cetak.nama_berkas_berita_acara(pengajuan))


class _LampiranView(ScopedViewMixin, View):
    """The decree annex of a round: its determined PUD the user may see (the city all, a camat their
    kecamatan), in the decree's order. The pk names the round; reading the annex needs view on the
    kelurahan's pengajuan. A fixed number of queries."""

    model = Siklus

    def lampiran(self, pk) -> tuple[Siklus, list[Usulan]]:
        user = self.request.user
        if not boleh(user, PengajuanPUD, "view"):
            raise PermissionDenied
        siklus = get_object_or_404(self.get_queryset(), pk=pk)
        usulan = Usulan.objects.for_user(user, "view").ditetapkan().filter(pengajuan__siklus=siklus)
        return siklus, list(cetak.usulan_lampiran(usulan))


class LampiranPdfView(_LampiranView):
    def get(self, request, pk):
        siklus, usulan = self.lampiran(pk)
        return _respons_pdf(cetak.pdf_lampiran(siklus=siklus, usulan=usulan), cetak.nama_berkas_lampiran(siklus, "pdf"))


class LampiranXlsxView(_LampiranView):
    def get(self, request, pk):
        siklus, usulan = self.lampiran(pk)
        return xlsx_response(cetak.lembar_lampiran(siklus=siklus, usulan=usulan), cetak.nama_berkas_lampiran(siklus, "xlsx"))


def _usulan_publik():
    """What the public sees: the determined PUD (main nominations of a ditetapkan pengajuan) of a
    business still running."""
    return Usulan.objects.ditetapkan().filter(umkm__aktif=True)


def tanda_katalog(hari_ini) -> Tanda:
    """The state of the public PUD catalogue: the determined products' count and latest id, the latest
    change of their pengajuan (determined, or taken back) and UMKM (renamed, contact, stopped), the latest
    change or deletion of any nomination (history), and the UMKM photos' count and latest id. One query;
    kept briefly (``wilayah.publik``, ``TANDA_KATALOG``)."""
    riwayat = Usulan.history.order_by("-history_date").values("history_date")[:1]
    agg = _usulan_publik().aggregate(
        n=Count("id"), id=Max("id"), pengajuan=Max("pengajuan__diubah"), umkm=Max("umkm__diubah"), riwayat=Max(Subquery(riwayat)),
        **jumlah_dan_terakhir(FotoUMKM.objects.all(), "foto"),
    )
    diubah = max((d for d in (agg["pengajuan"], agg["umkm"], agg["riwayat"]) if d is not None), default=None)
    return Tanda(isi="|".join(str(agg[k]) for k in ("n", "id", "pengajuan", "umkm", "riwayat", "foto_n", "foto_id")), diubah=diubah)


#: what the public catalogue depends on (receivers connected in ``PudConfig.ready``)
TANDA_KATALOG = SumberTanda(nama="pud.katalog", hitung=tanda_katalog, model=(Usulan, PengajuanPUD, UMKM, FotoUMKM))


def _katalog_queryset():
    return (
        _usulan_publik()
        .select_related("umkm", "pengajuan__siklus", "pengajuan__kelurahan__kecamatan")
        .prefetch_related(Prefetch("umkm__foto_set", queryset=FotoUMKM.objects.order_by("id")))
        .order_by("-pengajuan__siklus__tahun", "pengajuan__kelurahan__kecamatan__kode", "pengajuan__kelurahan__kode", cetak.urutan_kategori(), "pk")
    )


@method_decorator(halaman_publik(TANDA_KATALOG), name="get")
class KatalogPublikView(TemplateView):
    """Public catalogue of the determined PUD, latest round first: photo, product, business, category,
    kelurahan, and the contact its owner chose to show (no personal data). A fixed number of queries;
    built once per state of the catalogue for anonymous visitors (``wilayah.publik``)."""

    template_name = "pud/publik_katalog.html"
    per_halaman = 24

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        data = {"kategori": self.request.GET.get("kategori", ""), "kecamatan": self.request.GET.get("kecamatan", ""), "q": self.request.GET.get("q", "")}
        saring = KatalogPublikFilterSet(data, queryset=_katalog_queryset())
        halaman = Paginator(saring.qs, self.per_halaman).get_page(self.request.GET.get("halaman"))
        dipilih = saring.form.cleaned_data
        pilihan = {
            "kategori": dipilih.get("kategori") or "",
            "kecamatan": dipilih["kecamatan"].kode if dipilih.get("kecamatan") else "",
            "q": dipilih.get("q") or "",
        }
        context.update(
            halaman=halaman,
            kategori_pilihan=KategoriPUD.choices,
            kecamatan_pilihan=Kecamatan.objects.order_by("nama").values_list("kode", "nama"),  # plain pairs: 660 options
            pilihan=pilihan,
            querystring=urlencode({k: v for k, v in pilihan.items() if v}),
            pilihan_tidak_dikenal=bool(saring.errors),
        )
        return context


class ProdukPublikView(DetailView):
    """One determined product's public page; anything not in the catalogue is 404."""

    model = Usulan
    template_name = "pud/publik_produk.html"
    context_object_name = "usulan"

    def get_queryset(self):
        return _katalog_queryset()


class FotoPublikView(View):
    """A photo of a UMKM with a determined PUD (thumbnail or full size); any other photo is 404."""

    model = FotoUMKM
    ukuran = "thumbnail"

    def get(self, request, pk):
        foto = get_object_or_404(FotoUMKM.objects.filter(umkm__in=_usulan_publik().values("umkm_id")), pk=pk)
        berkas = (foto.thumbnail or foto.gambar) if self.ukuran == "thumbnail" else foto.gambar
        return respons_berkas(berkas, cache_control="public, max-age=3600")


# --- B: UMKM ---


class UMKMListView(FilteredListView):
    """The UMKM of the user's area: filters (kelurahan, category, still running, name/owner/product),
    pages of 50, the export with the same filters. The NIK is not listed (the detail page shows it)."""

    model = UMKM
    filterset_class = UMKMFilterSet
    export_url_name = "pud:umkm-ekspor"
    template_name = "pud/umkm_list.html"
    paginate_by = 50

    def get_scoped_queryset(self):
        return (
            super().get_scoped_queryset()
            .select_related("kelurahan__kecamatan", "rw")
            .annotate(jumlah_foto=Count("foto_set", distinct=True), jumlah_usulan=Count("usulan_set", distinct=True))
            .order_by("kelurahan__kode", "nama_usaha")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["boleh_tambah"] = boleh(self.request.user, UMKM, "add")
        return context


class UMKMEksporView(FilteredExportMixin, UMKMListView):
    """The filtered list as .xlsx in the import's columns (it goes back in); NIK as on the pages, recorded."""

    def get_scoped_queryset(self):
        return super(UMKMListView, self).get_scoped_queryset()

    def export_response(self, queryset):
        response = xlsx_response(ekspor_umkm(queryset, user=self.request.user), f"umkm_{timezone.localdate():%Y%m%d}.xlsx")
        catat_nik_penuh(self.request.user, AksesNIK.Jenis.EKSPOR, UMKM, queryset.values_list("nik", "kelurahan_id"), keterangan=_("Ekspor daftar UMKM (xlsx)"))
        return response


class UMKMDetailView(ScopedViewMixin, DetailView):
    model = UMKM
    template_name = "pud/umkm_detail.html"

    def get_base_queryset(self):
        return UMKM.objects.select_related("kelurahan__kecamatan", "rw").prefetch_related(Prefetch("foto_set", queryset=FotoUMKM.objects.order_by("pk")))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        u = self.object
        context["nik_tampil"] = nik_untuk(user, u.nik, u.kelurahan_id)
        catat_nik_penuh(user, AksesNIK.Jenis.LIHAT, u, [(u.nik, u.kelurahan_id)], keterangan=_("Halaman detail UMKM"))
        context["usulan_list"] = (
            Usulan.objects.for_user(user).filter(umkm=u).select_related("pengajuan__siklus", "pengajuan__kelurahan").order_by("-pengajuan__siklus__tahun", "kategori", "-utama", "pk")
        )
        context["riwayat"] = riwayat_perubahan(u, user)
        boleh_ubah = boleh_atas(user, u, "change")
        context["boleh_ubah"] = boleh_ubah
        context["foto_list"] = list(u.foto_set.all())
        context["boleh_tambah_foto"] = boleh_ubah and len(context["foto_list"]) < services.BATAS_FOTO_UMKM
        context["batas_foto"] = services.BATAS_FOTO_UMKM
        return context


class UMKMFormMixin(ScopedViewMixin, ServiceFormMixin):
    model = UMKM
    form_class = UMKMForm
    template_name = "pud/umkm_form.html"
    pesan_sukses = _l("Data UMKM %(obj)s tersimpan.")

    def simpan(self, form):
        return services.umkm_simpan(acting_user=self.request.user, umkm=form.instance)

    def get_success_url(self):
        return self.object.get_absolute_url()


class UMKMCreateView(UMKMFormMixin, CreateView):
    required_action = "add"


class UMKMUpdateView(UMKMFormMixin, UpdateView):
    required_action = "change"

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        u = self.object  # the form shows the NIK in its field
        catat_nik_penuh(request.user, AksesNIK.Jenis.LIHAT, u, [(u.nik, u.kelurahan_id)], keterangan=_("Formulir ubah UMKM"))
        return response


class _FotoUMKMMixin(ScopedViewMixin):
    """A photo is reached only through its UMKM: ``UMKM.objects.for_user(user, required_action)`` first."""

    model = UMKM

    def get_foto(self, pk) -> FotoUMKM:
        return get_object_or_404(FotoUMKM.objects.select_related("umkm").filter(umkm__in=self.get_queryset()), pk=pk)


class UMKMFotoTambahView(IndukMixin, FormView):
    """Upload a product photo (re-encoded without EXIF, with a thumbnail; at most ``BATAS_FOTO_UMKM``)."""

    model = UMKM
    required_action = "change"
    nama_induk = "umkm"
    form_class = FotoUMKMForm
    template_name = "pud/umkm_foto_form.html"

    def get_umkm(self) -> UMKM:
        return self.get_induk()

    def form_valid(self, form):
        umkm = self.get_umkm()
        try:
            services.umkm_foto_tambah(acting_user=self.request.user, umkm=umkm, berkas=form.cleaned_data["gambar"], keterangan=form.cleaned_data["keterangan"])
        except ValidationError as exc:
            tambah_galat(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Foto tersimpan."))
        return redirect(umkm.get_absolute_url())


class UMKMFotoBerkasView(_FotoUMKMMixin, View):
    """The photo (or its thumbnail) of a UMKM in the user's area, through ``respons_berkas``."""

    file_field = "gambar"

    def get(self, request, pk):
        return respons_berkas(getattr(self.get_foto(pk), self.file_field))


class UMKMFotoHapusView(_FotoUMKMMixin, View):
    required_action = "change"

    def post(self, request, pk):
        foto = self.get_foto(pk)
        umkm = foto.umkm
        services.umkm_foto_hapus(acting_user=request.user, foto=foto)
        messages.success(request, _("Foto dihapus."))
        return redirect(umkm.get_absolute_url())


class UMKMImporView(ImporExcelView):
    model = UMKM
    resource_class = UMKMResource
    judul = _l("Impor UMKM dari Excel")
    success_url = reverse_lazy("pud:umkm-list")
    templat_url = reverse_lazy("pud:umkm-templat")


class UMKMTemplatView(UnduhTemplatExcelView):
    model = UMKM
    resource_class = UMKMResource
    nama_berkas = "templat_umkm.xlsx"
