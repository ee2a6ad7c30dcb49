from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views import View
from django.views.generic import CreateView, DetailView, FormView, ListView, TemplateView, UpdateView

from wilayah.access import ScopedFileView, ScopedViewMixin
from wilayah.baris import tanggal_per_halaman, url_per_pk
from wilayah.daftar import FilteredExportMixin, FilteredListMixin, FilteredListView, KecamatanFilter, ScopedFilterSet
from wilayah.forms import JudulFormMixin, ServiceFormMixin, tambah_galat
from wilayah.impor import ImporExcelView, UnduhTemplatExcelView, xlsx_response
from wilayah.models import AksesNIK, Kelurahan
from wilayah.nik import catat_nik_penuh, nik_per_kelurahan, nik_untuk
from wilayah.riwayat import riwayat_perubahan
from wilayah.scoping import boleh, boleh_atas
from wilayah.tingkat import TabelTingkat, TabelTingkatMixin

from . import services
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
from .models import AnggotaForkom, BidangKerja, Kader, KepengurusanForkom, KriteriaLomba, LombaKPM, NilaiLomba, NominasiLomba, PengaturanKader
from .progres import progres_kelurahan, sebaran_kota
from .resources import KaderResource, ekspor_kader


class IndexView(ScopedViewMixin, TemplateView):
    """The programme's start page: links to the registry, the target view, Forkom and the contest.
    Three totals: a city-level user reads them from the stored city figures, others count their region live."""

    required_action = None
    template_name = "kader/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        tersimpan = sebaran_kota(self.request.user)
        if tersimpan is not None:
            total = tersimpan.data["total"]
            context.update(angka=tersimpan, jumlah_kelurahan=total["jumlah_kelurahan"], total_aktif=total["kpm_aktif"], kurang=total["kurang"])
        else:
            baris = progres_kelurahan(self.request.user)
            context["jumlah_kelurahan"] = len(baris)
            context["total_aktif"] = sum(b.aktif for b in baris)
            context["kurang"] = sum(1 for b in baris if b.status == "kurang")
        context["boleh_tambah"] = boleh(self.request.user, Kader, "add")
        return context


# --- registry ---


class KaderListView(FilteredListView):
    model = Kader
    filterset_class = KaderFilterSet
    export_url_name = "kader:kader-ekspor"
    template_name = "kader/kader_list.html"
    paginate_by = 50

    def get_scoped_queryset(self):
        return super().get_scoped_queryset().select_related("kelurahan", "rw").order_by("nama", "pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        nik = nik_per_kelurahan(self.request.user)
        for k in context["object_list"]:
            k.nik_tampil = nik(k.nik, k.kelurahan_id)
        catat_nik_penuh(
            self.request.user, AksesNIK.Jenis.LIHAT, Kader, [(k.nik, k.kelurahan_id) for k in context["object_list"]], keterangan=_("Daftar KPM"), lihat=nik.lihat
        )  # fmt: skip
        context["baris"] = self.baris_tabel(context["object_list"])
        context["boleh_tambah"] = boleh(self.request.user, Kader, "add")
        return context

    @staticmethod
    def baris_tabel(kader) -> list[tuple]:
        """The table's cells as plain values, one tuple a row (the template unpacks them: no per-cell
        lookups or filters): link, name, NIK as shown, kelurahan, RW, role labels and work fields (each
        joined by ", "; the template escapes them and prints "-" for none), start date ("j F Y"),
        active. A role combination's labels are read once a page, each date formatted once; the work
        fields' names of the page in one query (ordered by ``urutan``, name), as plain values."""
        url, tanggal = url_per_pk("kader:kader-detail"), tanggal_per_halaman()
        bidang = {k.pk: [] for k in kader}
        if bidang:
            pasangan = Kader.bidang_kerja.through.objects.filter(kader_id__in=list(bidang)).order_by("bidangkerja__urutan", "bidangkerja__nama")
            for kader_id, nama in pasangan.values_list("kader_id", "bidangkerja__nama"):
                bidang[kader_id].append(nama)
        peran = {}
        baris = []
        for k in kader:
            if k.peran not in peran:
                peran[k.peran] = ", ".join(str(label) for label in k.label_peran)
            baris.append((
                url(k.pk), k.nama, k.nik_tampil, k.kelurahan.nama, k.rw.label if k.rw_id else None,
                peran[k.peran], ", ".join(bidang[k.pk]), tanggal(k.tanggal_mulai), k.aktif,
            ))  # fmt: skip
        return baris


class KaderEksporView(FilteredExportMixin, KaderListView):
    """The filtered list as .xlsx; NIK follows the same full/masked rule as the pages."""

    def get_scoped_queryset(self):
        bidang = Prefetch("bidang_kerja", queryset=BidangKerja.objects.order_by("urutan", "nama"))
        return super().get_scoped_queryset().prefetch_related(bidang)

    def export_response(self, queryset):
        response = xlsx_response(ekspor_kader(queryset, user=self.request.user), "kader_pemberdayaan_masyarakat.xlsx")
        catat_nik_penuh(self.request.user, AksesNIK.Jenis.EKSPOR, Kader, queryset.values_list("nik", "kelurahan_id"), keterangan=_("Ekspor daftar KPM (xlsx)"))
        return response


class KaderDetailView(ScopedViewMixin, DetailView):
    model = Kader
    template_name = "kader/kader_detail.html"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("kelurahan__kecamatan", "rw").prefetch_related("bidang_kerja")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        k = self.object
        context["nik_tampil"] = nik_untuk(user, k.nik, k.kelurahan_id)
        catat_nik_penuh(user, AksesNIK.Jenis.LIHAT, k, [(k.nik, k.kelurahan_id)], keterangan=_("Halaman detail KPM"))
        context["riwayat"] = riwayat_perubahan(k, user)
        boleh_ubah = boleh_atas(user, k, "change")
        context["boleh_ubah"] = boleh_ubah
        context["nonaktif_form"] = NonaktifForm() if boleh_ubah and k.aktif else None
        context["forkom"] = k.forkom_set.select_related("kepengurusan__kelurahan", "kepengurusan__kecamatan")
        return context


class KaderFormMixin(ScopedViewMixin, ServiceFormMixin):
    model = Kader
    form_class = KaderForm
    template_name = "kader/kader_form.html"
    nama_objek = _l("kader KPM")
    pesan_sukses = _l("Data kader %(obj)s tersimpan.")

    def simpan(self, form):
        return services.kader_simpan(
            acting_user=self.request.user, kader=form.instance, peran=form.cleaned_data.get("peran_kpm") or [],
            bidang_kerja=form.cleaned_data.get("bidang_kerja"),
        )

    def get_success_url(self):
        return self.object.get_absolute_url()


class KaderCreateView(KaderFormMixin, CreateView):
    required_action = "add"


class KaderUpdateView(KaderFormMixin, UpdateView):
    required_action = "change"

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        k = self.object  # the form shows the NIK in its field
        catat_nik_penuh(request.user, AksesNIK.Jenis.LIHAT, k, [(k.nik, k.kelurahan_id)], keterangan=_("Formulir ubah KPM"))
        return response


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
            services.kader_nonaktifkan(kader=kader, alasan=form.cleaned_data["alasan"], tanggal=form.cleaned_data["tanggal"], acting_user=self.request.user)
        except ValidationError as exc:
            tambah_galat(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("%(nama)s dinonaktifkan.") % {"nama": kader.nama})
        return redirect(kader.get_absolute_url())


class KaderAktifkanView(ScopedViewMixin, View):
    model = Kader
    required_action = "change"

    def post(self, request, pk):
        kader = get_object_or_404(self.get_queryset(), pk=pk)
        try:
            services.kader_aktifkan_kembali(kader=kader, acting_user=request.user)
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


class SebaranFilterSet(ScopedFilterSet):
    """The target page's drill-down: ``?kecamatan=<kode>`` (unknown or outside the scope: the field's error)."""

    kecamatan = KecamatanFilter("kelurahan__kecamatan", to_field_name="kode")

    class Meta:
        model = Kader
        fields = []


class SebaranView(TabelTingkatMixin, FilteredListMixin, TemplateView):
    """Active cadres against the target. City level: one row per kecamatan from the stored figures
    (sorted, paginated), each opening ``?kecamatan=<kode>``: that kecamatan's kelurahan, counted live.
    A kecamatan user sees its kelurahan, a kelurahan user its own."""

    model = Kader
    template_name = "kader/sebaran.html"
    filterset_class = SebaranFilterSet
    page_kwarg = "page"
    URUTAN = {
        "kode": "kode", "nama": "nama", "kelurahan": "jumlah_kelurahan", "kpm": "kpm_aktif",
        "kurang": "kurang", "lebih": "lebih", "persen": "persen_sesuai",
    }  # fmt: skip

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        kecamatan = self.kecamatan_dipilih()
        tersimpan = sebaran_kota(user)
        if tersimpan is not None and kecamatan is None:
            data = tersimpan.data
            context.update(
                tingkat="kota", angka=tersimpan, total=data["total"],
                target_minimal=data["target_minimal"], target_maksimal=data["target_maksimal"],
                tabel=TabelTingkat(self.request, data["kecamatan"], urutan=self.URUTAN, bawaan="kode", per_halaman=50),
            )  # fmt: skip
            return context
        kelurahan_qs = Kelurahan.objects.filter(kecamatan=kecamatan) if kecamatan is not None else None
        baris = progres_kelurahan(user, kelurahan_qs=kelurahan_qs)
        pengaturan = PengaturanKader.aktif()
        context.update(
            tingkat="kelurahan", kecamatan=kecamatan, baris=baris,
            kurang=[b for b in baris if b.status == "kurang"], lebih=[b for b in baris if b.status == "lebih"],
            target_minimal=pengaturan.target_minimal, target_maksimal=pengaturan.target_maksimal,
            kembali_ke_kota=tersimpan is not None,
        )  # fmt: skip
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
        context["boleh_tambah"] = boleh(self.request.user, KepengurusanForkom, "add")
        return context


class ForkomDetailView(ScopedViewMixin, DetailView):
    model = KepengurusanForkom
    template_name = "kader/forkom_detail.html"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("kelurahan", "kecamatan")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        boleh_ubah = boleh_atas(user, self.object, "change")
        anggota = list(self.object.anggota_set.select_related("kader__kelurahan").order_by("jabatan", "kader__nama"))
        urutan = ["koordinator", "wakil", "sekretaris", "bendahara", "anggota"]
        anggota.sort(key=lambda a: (urutan.index(a.jabatan), a.kader.nama))
        context["anggota"] = anggota
        context["boleh_ubah"] = boleh_ubah
        if boleh_ubah:
            context["anggota_form"] = kwargs.get("anggota_form") or AnggotaForkomForm(user=user, kepengurusan=self.object)
        return context


class ForkomFormMixin(ScopedViewMixin, ServiceFormMixin):
    model = KepengurusanForkom
    form_class = KepengurusanForm
    template_name = "kader/form.html"

    def simpan(self, form):
        return services.forkom_simpan(acting_user=self.request.user, kepengurusan=form.instance)

    def get_success_url(self):
        return self.object.get_absolute_url()


class ForkomCreateView(ForkomFormMixin, CreateView):
    required_action = "add"


class ForkomUpdateView(ForkomFormMixin, UpdateView):
    required_action = "change"


class ForkomAnggotaView(ScopedViewMixin, View):
    """Add a member (POST) to a board the user may change."""

    model = KepengurusanForkom
    required_action = "change"

    def post(self, request, pk):
        kepengurusan = get_object_or_404(self.get_queryset(), pk=pk)
        form = AnggotaForkomForm(request.POST, user=request.user, kepengurusan=kepengurusan)
        if form.is_valid():
            try:
                services.forkom_tambah_anggota(
                    kepengurusan=kepengurusan, kader=form.cleaned_data["kader"], jabatan=form.cleaned_data["jabatan"], acting_user=request.user
                )
            except ValidationError as exc:
                tambah_galat(form, exc)
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
        kepengurusan = get_object_or_404(self.get_queryset(), pk=pk)
        anggota = get_object_or_404(kepengurusan.anggota_set, pk=anggota_pk)
        services.forkom_keluarkan_anggota(anggota=anggota, acting_user=request.user)
        messages.success(request, _("Pengurus dikeluarkan dari kepengurusan."))
        return redirect(kepengurusan.get_absolute_url())


# --- KPM Berprestasi ---


class LombaMixin(ScopedViewMixin):
    """Contest rounds are city-wide (not region-bound): every scoped role may read them and
    Bappeda runs them (``CityWideQuerySet.for_user`` through the mixin's ``get_queryset``)."""

    model = LombaKPM


class LombaListView(LombaMixin, ListView):
    template_name = "kader/lomba_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["boleh_tambah"] = boleh(self.request.user, LombaKPM, "add")
        return context


class LombaDetailView(LombaMixin, DetailView):
    template_name = "kader/lomba_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        lomba = self.object
        terlihat = set(NominasiLomba.objects.for_user(user).filter(lomba=lomba).values_list("pk", flat=True))
        peringkat = [b for b in services.peringkat_lomba(lomba) if b.nominasi.pk in terlihat]
        boleh_atur = boleh_atas(user, lomba, "change")
        context.update(
            kriteria=list(lomba.kriteria_set.all()),
            peringkat=peringkat,
            boleh_atur=boleh_atur,
            boleh_usul=boleh(user, NominasiLomba, "add") and lomba.tingkat == LombaKPM.Tingkat.KOTA,
            sudah_dikirim=any(b.nominasi.dikirim_ke_provinsi for b in peringkat),
            kriteria_form=(kwargs.get("kriteria_form") or KriteriaForm(user=user)) if boleh_atur and boleh(user, KriteriaLomba, "add") else None,
        )
        return context


class LombaCreateView(LombaMixin, ServiceFormMixin, CreateView):
    required_action = "add"
    form_class = LombaForm
    template_name = "kader/form.html"

    def simpan(self, form):
        return services.lomba_simpan(acting_user=self.request.user, lomba=form.instance)

    def get_success_url(self):
        return self.object.get_absolute_url()


class KriteriaTambahView(LombaMixin, View):
    required_action = "change"

    def post(self, request, pk):
        lomba = get_object_or_404(self.get_queryset(), pk=pk)
        form = KriteriaForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                services.lomba_tambah_kriteria(acting_user=request.user, lomba=lomba, kriteria=form.instance)
            except ValidationError as exc:
                tambah_galat(form, exc)
            else:
                messages.success(request, _("Kriteria ditambahkan."))
                return redirect(lomba.get_absolute_url())
        # The round's page again, with the form as typed and its error summary (wilayah.galat).
        view = LombaDetailView()
        view.setup(request, pk=pk)
        view.object = lomba
        return view.render_to_response(view.get_context_data(object=lomba, kriteria_form=form), status=400)


class LombaKirimView(LombaMixin, View):
    required_action = "change"

    def post(self, request, pk):
        lomba = get_object_or_404(self.get_queryset(), pk=pk)
        try:
            terkirim = services.lomba_kirim_ke_provinsi(lomba=lomba, acting_user=request.user)
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
        juri = boleh_atas(user, self.object, "nilai")
        context["juri"] = juri
        if juri:
            kriteria = list(lomba.kriteria_set.all())
            awal = dict(NilaiLomba.objects.filter(nominasi=self.object, juri=user).values_list("kriteria_id", "nilai"))
            context["nilai_form"] = kwargs.get("nilai_form") or NilaiForm(lomba=lomba, kriteria=kriteria, awal=awal)
        context["nilai"] = self.object.nilai_set.select_related("kriteria", "juri").order_by("kriteria__urutan", "juri__username")
        return context


class NominasiCreateView(ScopedViewMixin, JudulFormMixin, FormView):
    model = NominasiLomba
    required_action = "add"
    form_class = NominasiForm
    template_name = "kader/form.html"

    def get_lomba(self):
        if not hasattr(self, "_lomba"):
            self._lomba = get_object_or_404(LombaKPM.objects.for_user(self.request.user), pk=self.kwargs["pk"])
        return self._lomba

    def get_judul(self):
        return _("Usulkan kader untuk %(lomba)s") % {"lomba": self.get_lomba()}

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def form_valid(self, form):
        try:
            nominasi = services.lomba_usulkan(
                lomba=self.get_lomba(), kader=form.cleaned_data["kader"], prestasi=form.cleaned_data["prestasi"], acting_user=self.request.user
            )
        except ValidationError as exc:
            tambah_galat(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Usulan tersimpan."))
        return redirect(nominasi.get_absolute_url())


class NilaiView(ScopedViewMixin, View):
    """A jury scores one nominee on every criterion (the "nilai" action: only the round's jury)."""

    model = NominasiLomba
    required_action = "nilai"

    def post(self, request, pk):
        nominasi = get_object_or_404(self.get_queryset().select_related("lomba"), pk=pk)
        lomba = nominasi.lomba
        form = NilaiForm(request.POST, lomba=lomba, kriteria=list(lomba.kriteria_set.all()))
        if form.is_valid():
            try:
                services.lomba_beri_nilai(nominasi=nominasi, nilai=form.nilai(), acting_user=request.user)
            except ValidationError as exc:
                form.add_error(None, exc.messages)
            else:
                messages.success(request, _("Nilai tersimpan."))
                return redirect(reverse("kader:lomba-detail", kwargs={"pk": lomba.pk}))
        view = NominasiDetailView()
        view.setup(request, pk=pk)
        view.object = nominasi
        return view.render_to_response(view.get_context_data(object=nominasi, nilai_form=form), status=400)
