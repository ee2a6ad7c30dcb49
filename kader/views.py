from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import CreateView, DetailView, FormView, ListView, TemplateView, UpdateView

from wilayah.access import ScopedFileView, ScopedFormMixin, ScopedViewMixin
from wilayah.daftar import FilteredExportMixin, FilteredListView
from wilayah.impor import ImporExcelView, UnduhTemplatExcelView, xlsx_response
from wilayah.models import RW, Kelurahan
from wilayah.nik import boleh_lihat_nik_penuh
from wilayah.scoping import Tingkat, lingkup_of, sees_whole_city

from . import services
from .aturan import tampilkan_nik
from .filters import ForkomFilterSet, KaderFilterSet, NominasiFilterSet
from .forms import (
    AnggotaForkomForm,
    KaderForm,
    KepengurusanForm,
    KriteriaForm,
    LombaForm,
    NilaiForm,
    NominasiForm,
    NonaktifForm,
)
from .models import AnggotaForkom, BidangKerja, Kader, KepengurusanForkom, LombaKPM, NilaiLomba, NominasiLomba, PengaturanKader
from .progres import progres_kelurahan
from .resources import KaderResource, ekspor_kader

NIK_FIELDS = {"nik"}


class IndexView(ScopedViewMixin, TemplateView):
    """The programme's start page: links to the registry, the target view, Forkom and the contest."""

    required_action = None
    template_name = "kader/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        baris = progres_kelurahan(self.request.user)
        context["jumlah_kelurahan"] = len(baris)
        context["total_aktif"] = sum(b.aktif for b in baris)
        context["kurang"] = sum(1 for b in baris if b.status == "kurang")
        context["boleh_tambah"] = self.request.user.has_perm("kader.add_kader")
        return context


# --- registry ---


class KaderListView(FilteredListView):
    model = Kader
    filterset_class = KaderFilterSet
    export_url_name = "kader:kader-ekspor"
    template_name = "kader/kader_list.html"
    paginate_by = 50

    def get_scoped_queryset(self):
        bidang = Prefetch("bidang_kerja", queryset=BidangKerja.objects.order_by("urutan", "nama"))
        return super().get_scoped_queryset().select_related("kelurahan", "rw").prefetch_related(bidang).order_by("nama", "pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        for k in context["object_list"]:
            k.nik_tampil = tampilkan_nik(user, k)
        context["boleh_tambah"] = user.has_perm("kader.add_kader")
        return context


class KaderEksporView(FilteredExportMixin, KaderListView):
    """The filtered list as .xlsx; NIK follows the same full/masked rule as the pages."""

    def export_response(self, queryset):
        return xlsx_response(ekspor_kader(queryset, user=self.request.user), "kader_pemberdayaan_masyarakat.xlsx")


def riwayat(obj, user, fields_label: dict[str, str], masked_nik: bool) -> list[dict]:
    """Who changed what and when, newest first (two queries plus label look-ups)."""
    records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id"))
    rw_ids, kel_ids = set(), set()
    baris = []
    for i, rec in enumerate(records):
        perubahan = []
        if i + 1 < len(records):
            delta = rec.diff_against(records[i + 1])
            for change in delta.changes:
                if change.field not in fields_label:
                    continue
                lama, baru = change.old, change.new
                if change.field in NIK_FIELDS and masked_nik:
                    from wilayah.nik import samarkan_nik

                    lama, baru = samarkan_nik(lama), samarkan_nik(baru)
                if change.field == "rw":
                    rw_ids.update(x for x in (lama, baru) if x)
                if change.field == "kelurahan":
                    kel_ids.update(x for x in (lama, baru) if x)
                perubahan.append({"field": change.field, "label": fields_label[change.field], "lama": lama, "baru": baru})
        baris.append({"rec": rec, "perubahan": perubahan})
    label = {}
    if rw_ids:
        label.update({("rw", r.pk): str(r) for r in RW.objects.filter(pk__in=rw_ids).select_related("kelurahan")})
    if kel_ids:
        label.update({("kelurahan", k.pk): str(k) for k in Kelurahan.objects.filter(pk__in=kel_ids)})
    for b in baris:
        for p in b["perubahan"]:
            if p["field"] in ("rw", "kelurahan"):
                p["lama"] = label.get((p["field"], p["lama"]), p["lama"])
                p["baru"] = label.get((p["field"], p["baru"]), p["baru"])
            for key in ("lama", "baru"):
                if p[key] in (None, ""):
                    p[key] = "-"
    return baris


class KaderDetailView(ScopedViewMixin, DetailView):
    model = Kader
    template_name = "kader/kader_detail.html"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("kelurahan__kecamatan", "rw").prefetch_related("bidang_kerja")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        k = self.object
        penuh = boleh_lihat_nik_penuh(user, k.kelurahan_id)
        context["nik_tampil"] = k.nik if penuh else k.nik_samaran
        labels = {f.name: str(f.verbose_name) for f in Kader._meta.fields if f.name not in ("id", "dibuat", "diubah")}
        context["riwayat"] = riwayat(k, user, labels, masked_nik=not penuh)
        boleh_ubah = user.has_perm("kader.change_kader")
        context["boleh_ubah"] = boleh_ubah
        context["nonaktif_form"] = NonaktifForm() if boleh_ubah and k.aktif else None
        context["forkom"] = k.forkom_set.select_related("kepengurusan__kelurahan", "kepengurusan__kecamatan")
        return context


class KaderFormMixin(ScopedViewMixin, ScopedFormMixin):
    model = Kader
    form_class = KaderForm
    template_name = "kader/kader_form.html"

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Data kader %(nama)s tersimpan.") % {"nama": self.object.nama})
        return response

    def get_success_url(self):
        return self.object.get_absolute_url()


class KaderCreateView(KaderFormMixin, CreateView):
    required_action = "add"


class KaderUpdateView(KaderFormMixin, UpdateView):
    required_action = "change"


class KaderNonaktifView(ScopedViewMixin, FormView):
    """Deactivate (never delete): reason and date."""

    model = Kader
    required_action = "change"
    form_class = NonaktifForm
    template_name = "kader/kader_nonaktif.html"

    def get_object(self):
        if not hasattr(self, "_object"):
            self._object = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        return self._object

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.get_object()
        return context

    def form_valid(self, form):
        kader = self.get_object()
        try:
            services.kader_nonaktifkan(kader=kader, alasan=form.cleaned_data["alasan"], tanggal=form.cleaned_data["tanggal"], oleh=self.request.user)
        except ValidationError as exc:
            for field, pesan in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, pesan)
            return self.form_invalid(form)
        messages.success(self.request, _("%(nama)s dinonaktifkan.") % {"nama": kader.nama})
        return redirect(kader.get_absolute_url())


class KaderAktifkanView(ScopedViewMixin, View):
    model = Kader
    required_action = "change"

    def post(self, request, pk):
        kader = get_object_or_404(self.get_queryset(), pk=pk)
        try:
            services.kader_aktifkan_kembali(kader=kader, oleh=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("%(nama)s aktif kembali.") % {"nama": kader.nama})
        return redirect(kader.get_absolute_url())


class KaderImporView(ImporExcelView):
    model = Kader
    resource_class = KaderResource
    judul = _("Impor Kader Pemberdayaan Masyarakat dari Excel")
    success_url = reverse_lazy("kader:kader-list")
    templat_url = reverse_lazy("kader:kader-templat")


class KaderTemplatView(UnduhTemplatExcelView):
    model = Kader
    resource_class = KaderResource
    nama_berkas = "templat_kader_pemberdayaan_masyarakat.xlsx"


class KaderScanSKView(ScopedFileView):
    model = Kader
    file_field = "scan_sk"


class KaderFotoView(ScopedFileView):
    model = Kader
    file_field = "foto"


class SebaranView(ScopedViewMixin, TemplateView):
    """Active cadres per kelurahan against the target: which are below, which above."""

    model = Kader
    template_name = "kader/sebaran.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        baris = progres_kelurahan(self.request.user)
        pengaturan = PengaturanKader.aktif()
        context.update(
            baris=baris,
            kurang=[b for b in baris if b.status == "kurang"],
            lebih=[b for b in baris if b.status == "lebih"],
            pengaturan=pengaturan,
        )
        return context


# --- Forkom KPM ---


class ForkomListView(FilteredListView):
    model = KepengurusanForkom
    filterset_class = ForkomFilterSet
    template_name = "kader/forkom_list.html"
    paginate_by = 50

    def get_scoped_queryset(self):
        koordinator = Prefetch("anggota_set", queryset=AnggotaForkom.objects.filter(jabatan="koordinator").select_related("kader"), to_attr="koordinator")
        return super().get_scoped_queryset().select_related("kelurahan", "kecamatan").prefetch_related(koordinator)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["boleh_tambah"] = self.request.user.has_perm("kader.add_kepengurusanforkom")
        return context


class ForkomDetailView(ScopedViewMixin, DetailView):
    model = KepengurusanForkom
    template_name = "kader/forkom_detail.html"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("kelurahan", "kecamatan")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        boleh_ubah = KepengurusanForkom.objects.dapat_diubah(user).filter(pk=self.object.pk).exists()
        anggota = list(self.object.anggota_set.select_related("kader__kelurahan").order_by("jabatan", "kader__nama"))
        urutan = ["koordinator", "wakil", "sekretaris", "bendahara", "anggota"]
        anggota.sort(key=lambda a: (urutan.index(a.jabatan), a.kader.nama))
        context["anggota"] = anggota
        context["boleh_ubah"] = boleh_ubah
        if boleh_ubah:
            context["anggota_form"] = kwargs.get("anggota_form") or AnggotaForkomForm(user=user, kepengurusan=self.object)
        return context


class ForkomFormMixin(ScopedViewMixin, ScopedFormMixin):
    model = KepengurusanForkom
    form_class = KepengurusanForm
    template_name = "kader/form.html"

    def form_valid(self, form):
        lingkup = lingkup_of(self.request.user)
        if not sees_whole_city(self.request.user):
            if lingkup is None or lingkup.tingkat != Tingkat.KELURAHAN:
                raise PermissionDenied
            form.instance.tingkat = Tingkat.KELURAHAN
            form.instance.kelurahan_id = lingkup.kelurahan_id
            form.instance.kecamatan = None
        return super().form_valid(form)

    def get_success_url(self):
        return self.object.get_absolute_url()


class ForkomCreateView(ForkomFormMixin, CreateView):
    required_action = "add"


class ForkomUpdateView(ForkomFormMixin, UpdateView):
    required_action = "change"

    def get_queryset(self):
        return KepengurusanForkom.objects.dapat_diubah(self.request.user)


class ForkomAnggotaView(ScopedViewMixin, View):
    """Add a member (POST) to a board the user may change."""

    model = KepengurusanForkom
    required_action = "change"

    def post(self, request, pk):
        kepengurusan = get_object_or_404(self.get_queryset(), pk=pk)
        if not KepengurusanForkom.objects.dapat_diubah(request.user).filter(pk=pk).exists():
            raise PermissionDenied
        form = AnggotaForkomForm(request.POST, user=request.user, kepengurusan=kepengurusan)
        if form.is_valid():
            try:
                services.forkom_tambah_anggota(
                    kepengurusan=kepengurusan, kader=form.cleaned_data["kader"], jabatan=form.cleaned_data["jabatan"], oleh=request.user
                )
            except ValidationError as exc:
                for field, pesan in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, pesan)
            else:
                messages.success(request, _("Pengurus ditambahkan."))
                return redirect(kepengurusan.get_absolute_url())
        view = ForkomDetailView()
        view.setup(request, pk=pk)
        view.object = kepengurusan
        return view.render_to_response(view.get_context_data(object=kepengurusan, anggota_form=form), status=400)


class ForkomKeluarkanView(ScopedViewMixin, View):
    model = KepengurusanForkom
    required_action = "change"

    def post(self, request, pk, anggota_pk):
        kepengurusan = get_object_or_404(KepengurusanForkom.objects.dapat_diubah(request.user), pk=pk)
        anggota = get_object_or_404(kepengurusan.anggota_set, pk=anggota_pk)
        services.forkom_keluarkan_anggota(anggota=anggota, oleh=request.user)
        messages.success(request, _("Pengurus dikeluarkan dari kepengurusan."))
        return redirect(kepengurusan.get_absolute_url())


# --- KPM Berprestasi ---


class LombaMixin(ScopedViewMixin):
    """Contest rounds are city-wide (not region-bound): every scoped role may read them
    (``CityWideQuerySet.for_user`` through the mixin's ``get_queryset``)."""

    model = LombaKPM


class LombaListView(LombaMixin, ListView):
    template_name = "kader/lomba_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["boleh_tambah"] = self.request.user.has_perm("kader.add_lombakpm")
        return context


class LombaDetailView(LombaMixin, DetailView):
    template_name = "kader/lomba_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        lomba = self.object
        terlihat = set(NominasiLomba.objects.for_user(user).filter(lomba=lomba).values_list("pk", flat=True))
        peringkat = [b for b in services.peringkat_lomba(lomba) if b.nominasi.pk in terlihat]
        context.update(
            kriteria=list(lomba.kriteria_set.all()),
            peringkat=peringkat,
            juri=services.adalah_juri(user, lomba),
            boleh_atur=user.has_perm("kader.change_lombakpm"),
            boleh_usul=user.has_perm("kader.add_nominasilomba") and lomba.tingkat == LombaKPM.Tingkat.KOTA,
            sudah_dikirim=any(b.nominasi.dikirim_ke_provinsi for b in peringkat),
            kriteria_form=KriteriaForm() if user.has_perm("kader.add_kriterialomba") else None,
        )
        return context


class LombaCreateView(LombaMixin, CreateView):
    required_action = "add"
    form_class = LombaForm
    template_name = "kader/form.html"

    def get_success_url(self):
        return self.object.get_absolute_url()


class KriteriaTambahView(LombaMixin, View):
    required_action = "change"

    def post(self, request, pk):
        lomba = get_object_or_404(LombaKPM, pk=pk)
        form = KriteriaForm(request.POST)
        if form.is_valid():
            form.instance.lomba = lomba
            try:
                form.instance.validate_constraints()
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                form.save()
                messages.success(request, _("Kriteria ditambahkan."))
        else:
            messages.error(request, " ".join(f"{form.fields[f].label}: {' '.join(e)}" for f, e in form.errors.items() if f in form.fields))
        return redirect(lomba.get_absolute_url())


class LombaKirimView(LombaMixin, View):
    required_action = "change"

    def post(self, request, pk):
        lomba = get_object_or_404(LombaKPM, pk=pk)
        try:
            terkirim = services.lomba_kirim_ke_provinsi(lomba=lomba, oleh=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("%(n)d kader ditandai dikirim ke provinsi.") % {"n": len(terkirim)})
        return redirect(lomba.get_absolute_url())


class NominasiListView(FilteredListView):
    model = NominasiLomba
    filterset_class = NominasiFilterSet
    template_name = "kader/nominasi_list.html"
    paginate_by = 50

    def get_scoped_queryset(self):
        return super().get_scoped_queryset().select_related("lomba", "kader__kelurahan").order_by("-lomba__tahun", "kader__nama")


class NominasiDetailView(ScopedViewMixin, DetailView):
    model = NominasiLomba
    template_name = "kader/nominasi_detail.html"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("lomba", "kader__kelurahan", "diusulkan_oleh")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        lomba = self.object.lomba
        juri = services.adalah_juri(user, lomba)
        context["juri"] = juri
        if juri:
            kriteria = list(lomba.kriteria_set.all())
            awal = dict(NilaiLomba.objects.filter(nominasi=self.object, juri=user).values_list("kriteria_id", "nilai"))
            context["nilai_form"] = kwargs.get("nilai_form") or NilaiForm(lomba=lomba, kriteria=kriteria, awal=awal)
        context["nilai"] = self.object.nilai_set.select_related("kriteria", "juri").order_by("kriteria__urutan", "juri__username")
        return context


class NominasiCreateView(ScopedViewMixin, FormView):
    model = NominasiLomba
    required_action = "add"
    form_class = NominasiForm
    template_name = "kader/form.html"

    def get_lomba(self):
        return get_object_or_404(LombaKPM, pk=self.kwargs["pk"])

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def form_valid(self, form):
        try:
            nominasi = services.lomba_usulkan(
                lomba=self.get_lomba(), kader=form.cleaned_data["kader"], prestasi=form.cleaned_data["prestasi"], oleh=self.request.user
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, pesan in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, pesan)
            else:
                form.add_error(None, exc.messages)
            return self.form_invalid(form)
        messages.success(self.request, _("Usulan tersimpan."))
        return redirect(nominasi.get_absolute_url())


class NilaiView(ScopedViewMixin, View):
    """A jury scores one nominee on every criterion."""

    model = NominasiLomba

    def post(self, request, pk):
        nominasi = get_object_or_404(self.get_queryset().select_related("lomba"), pk=pk)
        lomba = nominasi.lomba
        if not services.adalah_juri(request.user, lomba):
            raise Http404
        form = NilaiForm(request.POST, lomba=lomba, kriteria=list(lomba.kriteria_set.all()))
        if form.is_valid():
            try:
                services.lomba_beri_nilai(nominasi=nominasi, nilai=form.nilai(), oleh=request.user)
            except ValidationError as exc:
                form.add_error(None, exc.messages)
            else:
                messages.success(request, _("Nilai tersimpan."))
                return redirect(reverse("kader:lomba-detail", kwargs={"pk": lomba.pk}))
        view = NominasiDetailView()
        view.setup(request, pk=pk)
        view.object = nominasi
        return view.render_to_response(view.get_context_data(object=nominasi, nilai_form=form), status=400)
