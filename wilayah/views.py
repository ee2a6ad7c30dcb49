from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.views import PasswordChangeView
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import resolve, reverse, reverse_lazy
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views import View
from django.views.generic import CreateView, DetailView, FormView, TemplateView, UpdateView
from django.views.generic.detail import SingleObjectMixin

from . import akun as akun_layanan
from . import kunci, services
from .access import ScopedViewMixin, public_view, scoped_view
from .angka import angka
from .daftar import FilteredListView
from .filters import AkunFilterSet, KecamatanFilterSet, KelurahanFilterSet, RTFilterSet, RWFilterSet
from .forms import AkunForm, GantiSandiForm, RTForm, RWForm, ServiceFormMixin, tambah_galat
from .impor import ImporExcelView, UnduhTemplatExcelView
from .masuk import kunci_aktif
from .models import RT, RW, Kecamatan, Kelurahan, Lingkup
from .panels import panels_for
from .resources import RWResource
from .riwayat import riwayat_model
from .roles import BAPPEDA, KANTOR_WALI_KOTA, peran_pengguna
from .scoping import Tingkat, boleh, lingkup_of
from .target import bagian_target, bagian_untuk
from .tingkat import TabelTingkat, TabelTingkatMixin


# City-wide roles whose home is not the city page: (role, URL name), the first that matches.
BERANDA_PERAN_KOTA = ((BAPPEDA, "laporan:dasbor"), (KANTOR_WALI_KOTA, "laporan:walikota"))
# The anonymous visitor's home (the wisata app's public page: catalogue, next events, other public services),
# named by URL only (wilayah imports no app) and served at "/" itself, not redirected to.
BERANDA_PUBLIK = "wisata:publik-beranda"


@public_view
def beranda(request):
    """An anonymous visitor gets the public home (``BERANDA_PUBLIK``, a public view); a signed-in user is
    sent to the home page of their scope (``beranda_pengguna``, scoped)."""
    if not request.user.is_authenticated:
        publik = resolve(reverse(BERANDA_PUBLIK))
        return publik.func(request, *publik.args, **publik.kwargs)
    return beranda_pengguna(request)


@scoped_view
def beranda_pengguna(request):
    """Send each user to the home page of their scope."""
    if request.user.is_superuser and lingkup_of(request.user) is None:
        return redirect("wilayah:kota")
    lingkup = lingkup_of(request.user)
    if lingkup.tingkat == Tingkat.KOTA:
        # The city roles' own pages (served by the report app, named by URL only: wilayah imports no app).
        for peran, nama_url in BERANDA_PERAN_KOTA:
            if peran in peran_pengguna(request.user):
                return redirect(nama_url)
    return redirect(lingkup.get_home_url())


class KotaView(TabelTingkatMixin, ScopedViewMixin, TemplateView):
    """The city home page: the kecamatan (kelurahan and RW counts from the stored figures "wilayah.kota",
    sorted and paginated server-side), each linking to its kecamatan page; then the programmes' panels."""

    template_name = "wilayah/kota.html"
    model = Kecamatan
    cakupan_wajib = Tingkat.KOTA
    URUTAN = {"kode": "kode", "nama": "nama", "kelurahan": "jumlah_kelurahan", "rw": "jumlah_rw"}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        tersimpan = angka("wilayah.kota")
        context["angka"] = tersimpan
        context["total"] = tersimpan.data["total"]
        context["tabel"] = TabelTingkat(self.request, tersimpan.data["kecamatan"], urutan=self.URUTAN, bawaan="kode", per_halaman=50)
        context["panels"] = panels_for("kota", self.request, None)
        return context


class KecamatanListView(FilteredListView):
    model = Kecamatan
    filterset_class = KecamatanFilterSet
    template_name = "wilayah/kecamatan_list.html"
    paginate_by = 50

    def get_scoped_queryset(self):
        return super().get_scoped_queryset().annotate(jumlah_kelurahan=Count("kelurahan")).order_by("kode")


class KecamatanDetailView(ScopedViewMixin, DetailView):
    """The camat's home page: the kecamatan's kelurahan and programme panels."""

    model = Kecamatan
    slug_field = slug_url_kwarg = "kode"
    template_name = "wilayah/kecamatan_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["kelurahan_list"] = (
            Kelurahan.objects.for_user(self.request.user).filter(kecamatan=self.object).annotate(jumlah_rw=Count("rw_set")).order_by("kode")
        )
        context["panels"] = panels_for("kecamatan", self.request, self.object)
        return context


class KelurahanListView(FilteredListView):
    model = Kelurahan
    filterset_class = KelurahanFilterSet
    template_name = "wilayah/kelurahan_list.html"
    paginate_by = 50

    def get_scoped_queryset(self):
        return super().get_scoped_queryset().select_related("kecamatan").annotate(jumlah_rw=Count("rw_set")).order_by("kode")


class KelurahanDetailView(ScopedViewMixin, DetailView):
    """The kelurahan home page: its RWs and a panel per programme."""

    model = Kelurahan
    slug_field = slug_url_kwarg = "kode"
    template_name = "wilayah/kelurahan_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("kecamatan")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rw_list"] = self.object.rw_set.annotate(jumlah_rt=Count("rt_set")).order_by("nomor")
        context["panels"] = panels_for("kelurahan", self.request, self.object)
        context["boleh_tambah_rw"] = boleh(self.request.user, RW, "add")
        context["bulan_data"] = kunci.bulan_kelurahan(self.object, self.request.user)
        context["boleh_lihat_kelengkapan"] = KelengkapanView.dapat_dibuka(self.request.user)
        return context


class RWListView(FilteredListView):
    model = RW
    filterset_class = RWFilterSet
    template_name = "wilayah/rw_list.html"
    paginate_by = 50

    def get_scoped_queryset(self):
        return super().get_scoped_queryset().select_related("kelurahan__kecamatan").annotate(jumlah_rt=Count("rt_set")).order_by("kelurahan__kode", "nomor")


class RWDetailView(ScopedViewMixin, DetailView):
    model = RW
    template_name = "wilayah/rw_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("kelurahan__kecamatan").prefetch_related("rt_set")


class RWFormMixin(ScopedViewMixin, ServiceFormMixin):
    model = RW
    form_class = RWForm
    template_name = "wilayah/form.html"
    pesan_sukses = _l("RW berhasil disimpan.")

    def simpan(self, form):
        return services.rw_simpan(acting_user=self.request.user, rw=form.instance)

    def get_success_url(self):
        return self.object.kelurahan.get_absolute_url()


class RWCreateView(RWFormMixin, CreateView):
    required_action = "add"

    def get_initial(self):
        lingkup = lingkup_of(self.request.user)
        if lingkup and lingkup.kelurahan_id:
            return {"kelurahan": lingkup.kelurahan_id}
        return {}


class RWUpdateView(RWFormMixin, UpdateView):
    required_action = "change"


class RTListView(FilteredListView):
    model = RT
    filterset_class = RTFilterSet
    template_name = "wilayah/rt_list.html"
    paginate_by = 100

    def get_scoped_queryset(self):
        return super().get_scoped_queryset().select_related("rw__kelurahan")


class RTDetailView(ScopedViewMixin, DetailView):
    model = RT
    template_name = "wilayah/rt_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("rw__kelurahan__kecamatan")


class RTCreateView(ScopedViewMixin, ServiceFormMixin, CreateView):
    model = RT
    form_class = RTForm
    required_action = "add"
    template_name = "wilayah/form.html"
    pesan_sukses = _l("RT berhasil disimpan.")

    def get_initial(self):
        return {"rw": self.request.GET.get("rw")}

    def simpan(self, form):
        return services.rt_simpan(acting_user=self.request.user, rt=form.instance)

    def get_success_url(self):
        return reverse("wilayah:rw-detail", kwargs={"pk": self.object.rw_id})


class RWImporView(ImporExcelView):
    model = RW
    resource_class = RWResource
    judul = _l("Impor RW dari Excel")
    success_url = reverse_lazy("wilayah:rw-list")
    templat_url = reverse_lazy("wilayah:rw-templat")


class RWTemplatView(UnduhTemplatExcelView):
    model = RW
    resource_class = RWResource
    nama_berkas = "templat_rw.xlsx"


# --- accounts of kelurahan and kecamatan operators (wilayah.akun) ---


class AkunAksesMixin(ScopedViewMixin):
    """The accounts pages: Bappeda and superusers (``wilayah.akun.boleh_kelola_akun`` asks the same),
    over ``akun_dikelola``: any other account is a 404."""

    model = Lingkup
    required_action = "change"
    cakupan_wajib = Tingkat.KOTA

    def akun_queryset(self):
        return akun_layanan.akun_dikelola(self.request.user).select_related("lingkup__kelurahan__kecamatan", "lingkup__kecamatan")


class AkunListView(AkunAksesMixin, FilteredListView):
    filterset_class = AkunFilterSet
    template_name = "wilayah/akun_list.html"
    paginate_by = 50

    def get_scoped_queryset(self):
        return self.akun_queryset().prefetch_related("groups").order_by("username")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["terkunci"] = kunci_aktif(a.username for a in context["object_list"])
        context["boleh_tambah"] = akun_layanan.boleh_kelola_akun(self.request.user, "add")
        return context


def _tampilkan_sandi(request, akun, sandi: str, *, baru: bool):
    """The temporary password, shown once: rendered in the POST's own answer, never in a message,
    a redirect or a cache."""
    response = render(request, "wilayah/akun_sandi.html", {"object": akun, "sandi": sandi, "baru": baru})
    add_never_cache_headers(response)
    return response


class AkunDetailView(AkunAksesMixin, DetailView):
    template_name = "wilayah/akun_detail.html"
    context_object_name = "akun"

    def get_queryset(self):
        return self.akun_queryset().prefetch_related("groups")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["peran"] = akun_layanan.peran_akun(self.object)
        context["alamat_terkunci"] = kunci_aktif([self.object.username]).get(self.object.username, [])
        context["riwayat_akun"] = akun_layanan.riwayat_akun(self.object)
        return context


class AkunCreateView(AkunAksesMixin, FormView):
    required_action = "add"
    form_class = AkunForm
    template_name = "wilayah/akun_form.html"

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"user": self.request.user, "baru": True}

    def form_valid(self, form):
        try:
            akun, sandi = akun_layanan.akun_buat(acting_user=self.request.user, **form.cleaned_data)
        except ValidationError as exc:
            tambah_galat(form, exc)
            return self.form_invalid(form)
        return _tampilkan_sandi(self.request, akun, sandi, baru=True)


class AkunObjekMixin(AkunAksesMixin, SingleObjectMixin):
    context_object_name = "akun"

    def get_queryset(self):
        return self.akun_queryset()

    def get_success_url(self):
        return reverse("wilayah:akun-detail", kwargs={"pk": self.object.pk})


class AkunUpdateView(AkunObjekMixin, FormView):
    form_class = AkunForm
    template_name = "wilayah/akun_form.html"

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().post(request, *args, **kwargs)

    def get_initial(self):
        return AkunForm.awal_dari(self.object)

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"user": self.request.user, "baru": False}

    def form_valid(self, form):
        try:
            akun_layanan.akun_ubah(acting_user=self.request.user, akun=self.object, **form.cleaned_data)
        except ValidationError as exc:
            tambah_galat(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Akun %(akun)s berhasil disimpan.") % {"akun": self.object.username})
        return redirect(self.get_success_url())


class AkunAksiView(AkunObjekMixin, View):
    """A button on the account's page (POST only): calls ``jalankan``; a refusal is a message."""

    def jalankan(self, akun):
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        try:
            hasil = self.jalankan(self.object)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(self.get_success_url())
        return hasil if hasil is not None else redirect(self.get_success_url())


class AkunStatusView(AkunAksiView):
    """Deactivate (``aktif=0``) or reactivate (``aktif=1``) an account."""

    def jalankan(self, akun):
        nilai = self.request.POST.get("aktif")
        if nilai not in ("0", "1"):
            raise ValidationError(_("Pilihan status tidak dikenal."))
        akun_layanan.akun_atur_aktif(acting_user=self.request.user, akun=akun, aktif=nilai == "1")
        pesan = _("Akun %(akun)s diaktifkan kembali.") if nilai == "1" else _("Akun %(akun)s dinonaktifkan: ia tidak dapat masuk lagi.")
        messages.success(self.request, pesan % {"akun": akun.username})


class AkunSandiView(AkunAksiView):
    """A new temporary password, shown once to Bappeda."""

    def jalankan(self, akun):
        sandi = akun_layanan.akun_atur_ulang_sandi(acting_user=self.request.user, akun=akun)
        return _tampilkan_sandi(self.request, akun, sandi, baru=False)


class AkunBukaKunciView(AkunAksiView):
    """Clear the account's login lock-out, from every address."""

    def jalankan(self, akun):
        jumlah = akun_layanan.buka_kunci(acting_user=self.request.user, username=akun.username)
        if jumlah:
            messages.success(self.request, _("Kunci masuk akun %(akun)s dibuka.") % {"akun": akun.username})
        else:
            messages.info(self.request, _("Akun %(akun)s tidak sedang terkunci.") % {"akun": akun.username})


# --- the user's own password page (/akun/kata-sandi/, probolinggo_portal/urls.py) ---


class GantiSandiView(PasswordChangeView):
    """Django's password change page, writing through ``wilayah.akun.sandi_ganti_sendiri`` (which clears
    the must-change flag of a temporary password). After replacing a temporary password the user goes
    straight to their home page; otherwise to Django's "done" page."""

    form_class = GantiSandiForm

    def form_valid(self, form):
        sementara = akun_layanan.sandi_ganti_sendiri(acting_user=form.user, sandi_baru=form.cleaned_data["new_password1"])
        update_session_auth_hash(self.request, form.user)  # this session stays; the others end
        if not sementara:
            return redirect(self.get_success_url())
        messages.success(self.request, _("Kata sandi Anda sudah diganti. Selamat bekerja."))
        return redirect("beranda")


# --- a month's data: completeness and the lock (wilayah.kunci) ---

import datetime as dt  # noqa: E402
import re  # noqa: E402

from django.core.paginator import Paginator  # noqa: E402
from django.http import Http404  # noqa: E402
from django.shortcuts import get_object_or_404  # noqa: E402
from django.utils import timezone  # noqa: E402

from .filters import KonfirmasiBulanFilterSet, PengecualianKunciFilterSet  # noqa: E402
from .forms import BulanField, PengaturanBulanForm, PengecualianForm  # noqa: E402
from .models import KonfirmasiBulan, PengaturanBulan, PengecualianKunci  # noqa: E402
from .periode import bulan_dari, bulan_tahun, kode_bulan, tambah_bulan, tanggal_id  # noqa: E402


def _pesan_galat(exc: ValidationError) -> str:
    return " ".join(exc.messages)


class KonfirmasiBulanView(ScopedViewMixin, View):
    """The kelurahan page's button "Data bulan ini sudah lengkap" (POST ``bulan=YYYY-MM``)."""

    model = KonfirmasiBulan
    required_action = "add"
    http_method_names = ["post"]

    def post(self, request, kode):
        if not re.fullmatch(r"\d{2}\.\d{2}\.\d{2}\.\d{4}", kode):
            raise Http404
        kelurahan = get_object_or_404(Kelurahan.objects.for_user(request.user), kode=kode)
        try:
            awal = BulanField().clean(request.POST.get("bulan"))
            if awal is None:
                raise ValidationError(_("Pilih bulan yang dikonfirmasi."))
            kunci.bulan_konfirmasi(kelurahan=kelurahan, tahun=awal.year, bulan=awal.month, acting_user=request.user)
        except ValidationError as exc:
            sudah = any(getattr(e, "code", None) == "sudah_dikonfirmasi" for e in exc.error_dict.get("bulan", [])) if hasattr(exc, "error_dict") else False
            (messages.info if sudah else messages.error)(request, _pesan_galat(exc))
        else:
            messages.success(request, _("Terima kasih: data bulan %(bulan)s dikonfirmasi lengkap.") % {"bulan": bulan_tahun(awal.year, awal.month)})
        return redirect(kelurahan.get_absolute_url())


class KelengkapanView(ScopedViewMixin, TemplateView):
    """Bappeda's completeness page for a month (``?bulan=YYYY-MM``): the city's expected / actual / on-time
    figures, a page of kecamatan rows, or one kecamatan's kelurahan (``?kecamatan=<kode>``), paginated; the
    settings, the exceptions valid today and the form granting one. A fixed number of queries."""

    model = KonfirmasiBulan
    cakupan_wajib = Tingkat.KOTA
    template_name = "wilayah/kelengkapan.html"
    per_halaman = 50  # kecamatan or kelurahan rows per page (``?page=``)

    def periode(self) -> tuple[int, int]:
        return bulan_dari(self.request.GET.get("bulan"))

    def kecamatan_dipilih(self):
        kode = self.request.GET.get("kecamatan") or ""
        if not re.fullmatch(r"\d{2}\.\d{2}\.\d{2}", kode):  # anything else (NUL, words, 3,000 characters) shows the city
            return None
        return Kecamatan.objects.for_user(self.request.user).filter(kode=kode).first()

    def get_context_data(self, *, form_pengaturan=None, form_pengecualian=None, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        tahun, bulan = self.periode()
        pengaturan = PengaturanBulan.aktif()
        kecamatan = self.kecamatan_dipilih()
        kelurahan_qs = Kelurahan.objects.for_user(user)
        awal = dt.date(tahun, bulan, 1)
        context.update(
            tahun=tahun, bulan=bulan, nama_bulan=bulan_tahun(tahun, bulan), kode_bulan=kode_bulan(tahun, bulan),
            bulan_lalu=kode_bulan(*tambah_bulan(awal, -1).timetuple()[:2]), bulan_depan=kode_bulan(*tambah_bulan(awal, 1).timetuple()[:2]),
            pengaturan=pengaturan, kecamatan=kecamatan,
            batas_tepat_waktu=kunci.batas_tepat_waktu(tahun, bulan, pengaturan=pengaturan),
            tanggal_kunci=kunci.tanggal_kunci(tahun, bulan, pengaturan=pengaturan),
            kunci_berlaku=kunci.kunci_berlaku(tahun, bulan, pengaturan),
            kota=kunci.kelengkapan_wilayah(tahun, bulan, kelurahan_qs, pengaturan=pengaturan),
        )
        halaman = self.request.GET.get("page")
        if kecamatan is None:
            page = Paginator(Kecamatan.objects.for_user(user).order_by("kode"), self.per_halaman).get_page(halaman)
            angka = kunci.kelengkapan_per_kecamatan(tahun, bulan, [k.pk for k in page.object_list], pengaturan=pengaturan)
            context["baris_kecamatan"] = [(k, angka[k.pk]) for k in page.object_list]
        else:
            anggota = kelurahan_qs.filter(kecamatan=kecamatan)
            context["ringkas_kecamatan"] = kunci.kelengkapan_wilayah(tahun, bulan, anggota, pengaturan=pengaturan)
            page = Paginator(anggota.order_by("kode"), self.per_halaman).get_page(halaman)
            ids = [k.pk for k in page.object_list]
            konfirmasi = {
                k.kelurahan_id: k for k in KonfirmasiBulan.objects.filter(tahun=tahun, bulan=bulan, kelurahan_id__in=ids).select_related("dikonfirmasi_oleh")
            }
            hari_ini = timezone.localdate()
            pengecualian = dict(
                PengecualianKunci.objects.filter(tahun=tahun, bulan=bulan, kelurahan_id__in=ids, berlaku_sampai__gte=hari_ini)
                .values_list("kelurahan_id", "berlaku_sampai")
            )
            context["baris_kelurahan"] = [
                (k, konfirmasi.get(k.pk), bool(konfirmasi.get(k.pk) and kunci.tepat_waktu(konfirmasi[k.pk].dikonfirmasi_pada, tahun, bulan, pengaturan=pengaturan)),
                 pengecualian.get(k.pk))
                for k in page.object_list
            ]
        context["page_obj"], context["is_paginated"] = page, page.has_other_pages()

        if boleh(user, PengaturanBulan, "change"):
            context["form_pengaturan"] = form_pengaturan or PengaturanBulanForm(initial={
                "hari_tepat_waktu": pengaturan.hari_tepat_waktu, "hari_kunci": pengaturan.hari_kunci,
                "kunci_mulai": kode_bulan(pengaturan.kunci_mulai.year, pengaturan.kunci_mulai.month) if pengaturan.kunci_mulai else "",
            })
        context["boleh_cabut"] = boleh(user, PengecualianKunci, "delete")
        if boleh(user, PengecualianKunci, "add"):
            pilihan = [(k.kode, k.nama) for k in kelurahan_qs.filter(kecamatan=kecamatan).order_by("kode")] if kecamatan else None
            context["form_pengecualian"] = form_pengecualian or PengecualianForm(
                user=user, kelurahan_pilihan=pilihan, initial={"bulan": kode_bulan(tahun, bulan)},
            )
        berlaku = (
            PengecualianKunci.objects.for_user(user).filter(berlaku_sampai__gte=timezone.localdate())
            .select_related("kelurahan__kecamatan", "diberikan_oleh").order_by("berlaku_sampai", "kelurahan__kode", "tahun", "bulan")
        )
        context["pengecualian_page"] = Paginator(berlaku, 20).get_page(self.request.GET.get("hp"))
        return context


class _KelengkapanTulisView(KelengkapanView):
    """A form of the completeness page (POST): valid, the service writes and the page reloads; refused, the
    page is shown again with the errors on the form."""

    http_method_names = ["post"]

    def kembali(self):
        url = reverse("wilayah:kelengkapan") + "?bulan=" + kode_bulan(*self.periode())
        kecamatan = self.kecamatan_dipilih()
        return redirect(url + (f"&kecamatan={kecamatan.kode}" if kecamatan else ""))


class PengaturanBulanView(_KelengkapanTulisView):
    model = PengaturanBulan
    required_action = "change"

    def post(self, request, *args, **kwargs):
        form = PengaturanBulanForm(request.POST)
        if form.is_valid():
            try:
                kunci.pengaturan_bulan_ubah(acting_user=request.user, **form.cleaned_data)
            except ValidationError as exc:
                tambah_galat(form, exc)
            else:
                messages.success(request, _("Pengaturan bulan data disimpan."))
                return self.kembali()
        return self.render_to_response(self.get_context_data(form_pengaturan=form))


class PengecualianBeriView(_KelengkapanTulisView):
    model = PengecualianKunci
    required_action = "add"

    def post(self, request, *args, **kwargs):
        kecamatan = self.kecamatan_dipilih()
        pilihan = [(k.kode, k.nama) for k in Kelurahan.objects.for_user(request.user).filter(kecamatan=kecamatan)] if kecamatan else None
        form = PengecualianForm(request.POST, user=request.user, kelurahan_pilihan=pilihan)
        if form.is_valid():
            data = form.cleaned_data
            try:
                hasil = kunci.pengecualian_beri(
                    acting_user=request.user, kelurahan=data["kelurahan"], tahun=data["bulan"].year, bulan=data["bulan"].month,
                    berlaku_sampai=data["berlaku_sampai"], alasan=data["alasan"],
                )
            except ValidationError as exc:
                tambah_galat(form, exc)
            else:
                messages.success(request, _("%(kelurahan)s boleh mengubah data bulan %(bulan)s sampai %(sampai)s.") % {
                    "kelurahan": hasil.kelurahan, "bulan": bulan_tahun(hasil.tahun, hasil.bulan), "sampai": tanggal_id(hasil.berlaku_sampai),
                })
                return self.kembali()
        return self.render_to_response(self.get_context_data(form_pengecualian=form))


class PengecualianCabutView(ScopedViewMixin, View):
    model = PengecualianKunci
    required_action = "delete"
    http_method_names = ["post"]

    def post(self, request, pk):
        pengecualian = get_object_or_404(self.get_queryset().select_related("kelurahan"), pk=pk)
        kunci.pengecualian_cabut(pengecualian=pengecualian, acting_user=request.user)
        messages.success(request, _("Pengecualian %(kelurahan)s untuk %(bulan)s dicabut.") % {
            "kelurahan": pengecualian.kelurahan, "bulan": bulan_tahun(pengecualian.tahun, pengecualian.bulan),
        })
        return redirect("wilayah:kelengkapan")


class KonfirmasiBulanListView(FilteredListView):
    model = KonfirmasiBulan
    filterset_class = KonfirmasiBulanFilterSet
    template_name = "wilayah/kelengkapan_konfirmasi_list.html"
    paginate_by = 50

    def get_scoped_queryset(self):
        return super().get_scoped_queryset().select_related("kelurahan__kecamatan", "dikonfirmasi_oleh")


class KonfirmasiBulanDetailView(ScopedViewMixin, DetailView):
    model = KonfirmasiBulan
    template_name = "wilayah/kelengkapan_konfirmasi_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("kelurahan__kecamatan", "dikonfirmasi_oleh")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        k = self.object
        context["tepat_waktu"] = kunci.tepat_waktu(k.dikonfirmasi_pada, k.tahun, k.bulan)
        context["nama_bulan"] = bulan_tahun(k.tahun, k.bulan)
        return context


class PengecualianKunciListView(FilteredListView):
    model = PengecualianKunci
    filterset_class = PengecualianKunciFilterSet
    template_name = "wilayah/kelengkapan_pengecualian_list.html"
    paginate_by = 50

    def get_scoped_queryset(self):
        return super().get_scoped_queryset().select_related("kelurahan__kecamatan", "diberikan_oleh")


class PengecualianKunciDetailView(ScopedViewMixin, DetailView):
    model = PengecualianKunci
    template_name = "wilayah/kelengkapan_pengecualian_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("kelurahan__kecamatan", "diberikan_oleh")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["nama_bulan"] = bulan_tahun(self.object.tahun, self.object.bulan)
        context["berlaku"] = self.object.berlaku_sampai >= timezone.localdate()
        return context


class TargetView(ScopedViewMixin, TemplateView):
    """Every programme's targets on one page (``wilayah.target``): Bappeda sets them, each section with
    its history; the mayor's office reads them. A POST saves one section (``bagian``) through its app's
    service; a refused value re-shows that section's form with the error summary, nothing saved."""

    template_name = "wilayah/target.html"
    cakupan_wajib = Tingkat.KOTA
    required_action = None

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self._konteks({}))

    def post(self, request, *args, **kwargs):
        bagian = bagian_target(request.POST.get("bagian", ""))
        if bagian is None or not bagian.boleh_lihat(request.user):
            raise Http404
        if not bagian.boleh_ubah(request.user):
            raise PermissionDenied
        form = bagian.buat_form(request.user, request.POST)
        if form.is_valid():
            try:
                bagian.simpan(form, request.user)
            except ValidationError as exc:
                tambah_galat(form, exc)
            else:
                messages.success(request, _("Target %(bagian)s tersimpan.") % {"bagian": bagian.judul})
                return redirect(f"{reverse('wilayah:target')}#target-{bagian.kode}")
        return self.render_to_response(self._konteks({bagian.kode: form}), status=200)

    def _konteks(self, form_terikat: dict) -> dict:
        user = self.request.user
        daftar = bagian_untuk(user)
        if not daftar:
            raise PermissionDenied
        bagian = []
        for b in daftar:
            form = form_terikat.get(b.kode) or (b.buat_form(user, None) if b.boleh_ubah(user) else None)
            isi = b.konteks(user, form)
            bagian.append({"b": b, "isi": isi, "form": form, "riwayat": riwayat_model(b.model, batas=10, sebut_baris=b.sebut_baris)})
        return self.get_context_data(bagian=bagian)
