from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, F, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views import View
from django.views.generic import CreateView, DetailView, FormView, ListView, TemplateView, UpdateView

from wilayah.access import ScopedViewMixin
from wilayah.daftar import FilteredListView, id_dari
from wilayah.forms import ServiceFormMixin, tambah_galat
from wilayah.models import Kecamatan
from wilayah.scoping import Tingkat, boleh, boleh_atas, lingkup_of, mencakup

from . import services
from .filters import PengajuanFilterSet, UsulanFilterSet
from .forms import JadwalBuatForm, JadwalForm, KriteriaForm, SiklusForm, TetapkanBanyakForm
from .models import (
    STATUS_TERKIRIM,
    KategoriKosong,
    KategoriPUD,
    KriteriaPUD,
    PengajuanPUD,
    Siklus,
    StatusPengajuan,
    StatusSiklus,
    Usulan,
)

# --- A2: kecamatan, kota, putaran ---


def _url(nama: str, **kwargs) -> str | None:
    """A page's URL, or None while that page does not exist (pages other parts of the PUD work add)."""
    try:
        return reverse(nama, kwargs=kwargs)
    except NoReverseMatch:
        return None


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
            diverifikasi=Count("pk", filter=Q(status__in=[StatusPengajuan.DIVERIFIKASI, StatusPengajuan.DITETAPKAN])),
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
            url = _url("pud:pengajuan-detail", pk=self.pengajuan.pk)
            if url:
                return redirect(url)
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
            url_lampiran_pdf=_url("pud:lampiran-pdf", pk=siklus.pk),
            url_lampiran_xlsx=_url("pud:lampiran-xlsx", pk=siklus.pk),
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
            tombol = [{"label": lk.label, "gaya": lk.gaya, "kode": lk.kode, "url": _url("pud:pengajuan-langkah", pk=p.pk, aksi=lk.kode)} for lk in langkah[p.pk]]
            context["baris"].append({"pengajuan": p, "kategori": _sel_kategori(p), "tombol": tombol, "url": _url("pud:pengajuan-detail", pk=p.pk)})
            total.kelurahan += 1
            total.fgd += p.tanggal_fgd is not None
            total.diajukan += p.status in STATUS_TERKIRIM
            total.diverifikasi += p.status in (StatusPengajuan.DIVERIFIKASI, StatusPengajuan.DITETAPKAN)
            total.ditetapkan += p.status == StatusPengajuan.DITETAPKAN
            total.dikembalikan += p.status == StatusPengajuan.DIKEMBALIKAN
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


def _jadwal(user, siklus: Siklus) -> tuple[list[PengajuanPUD], set[int]]:
    """The round's kelurahan in schedule order (unscheduled last), and those whose date ``user`` may change."""
    baris = list(
        PengajuanPUD.objects.for_user(user)
        .filter(siklus=siklus)
        .select_related("kelurahan__kecamatan")
        .order_by(F("jadwal_fgd").asc(nulls_last=True), "kelurahan__kecamatan__kode", "kelurahan__kode")
    )
    boleh_ubah = set(PengajuanPUD.objects.for_user(user, "jadwalkan").filter(siklus=siklus).values_list("pk", flat=True))
    return baris, boleh_ubah


def _calon_tetapkan(user, siklus: Siklus):
    return PengajuanPUD.objects.for_user(user, "tetapkan").filter(siklus=siklus).select_related("kelurahan__kecamatan").order_by("kelurahan__kecamatan__kode", "kelurahan__kode")


class SiklusDetailView(ScopedViewMixin, DetailView):
    """A round: status (close/reopen), its rubric, the FGD schedule and the bulk decree form."""

    model = Siklus
    template_name = "pud/siklus_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        jadwal, boleh_jadwal = _jadwal(user, self.object)
        calon = list(_calon_tetapkan(user, self.object))
        context.update(
            kriteria_list=list(self.object.kriteria_set.all()),
            boleh_tambah_kriteria=boleh(user, KriteriaPUD, "add"),
            boleh_ubah_kriteria=boleh(user, KriteriaPUD, "change"),
            jadwal=jadwal,
            boleh_jadwal=boleh_jadwal,
            boleh_buat_jadwal=bool(boleh_jadwal),
            boleh_ubah_siklus=boleh_atas(user, self.object, "change"),
            calon_tetapkan=calon,
            form_tetapkan=TetapkanBanyakForm(queryset=PengajuanPUD.objects.none()) if calon else None,
            url_kota=reverse("pud:kota") + f"?siklus={self.object.pk}" if mencakup(user, Tingkat.KOTA) else None,
            url_lampiran_pdf=_url("pud:lampiran-pdf", pk=self.object.pk),
            url_lampiran_xlsx=_url("pud:lampiran-xlsx", pk=self.object.pk),
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


class _SiklusFormView(ScopedViewMixin, FormView):
    """A form on a round that needs one more permission on the kelurahan pengajuan (``izin_pengajuan``)."""

    model = Siklus
    izin_pengajuan = ""

    def get_siklus(self) -> Siklus:
        if not hasattr(self, "_siklus"):
            self._siklus = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
            if not boleh(self.request.user, PengajuanPUD, self.izin_pengajuan):
                raise PermissionDenied
        return self._siklus

    def get(self, request, *args, **kwargs):
        self.get_siklus()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.get_siklus()
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["siklus"] = self.get_siklus()
        return context


class SiklusJadwalView(_SiklusFormView):
    """Generate the FGD schedule: the kelurahan not yet submitted, N a working day (``services.jadwal_buat``)."""

    izin_pengajuan = "jadwalkan"
    form_class = JadwalBuatForm
    template_name = "pud/siklus_jadwal.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["jadwal"], context["boleh_jadwal"] = _jadwal(self.request.user, self.get_siklus())
        context["hari"] = sorted({p.jadwal_fgd for p in context["jadwal"] if p.jadwal_fgd})
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
