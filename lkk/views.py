from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _l
from django.views.generic import CreateView, DetailView, FormView, TemplateView, UpdateView

from wilayah.access import ScopedFileView, ScopedViewMixin
from wilayah.baris import tanggal_per_halaman, url_per_pk
from wilayah.daftar import FilteredExportMixin, FilteredListMixin, FilteredListView
from wilayah.forms import PenandaTanganForm, ServiceFormMixin, tambah_galat
from wilayah.impor import ImporExcelView, UnduhTemplatExcelView, xlsx_response
from wilayah.models import AksesNIK, Kelurahan
from wilayah.nik import boleh_lihat_nik_penuh, catat_nik_penuh, nik_per_kelurahan, nik_untuk
from wilayah.riwayat import riwayat_perubahan
from wilayah.scoping import boleh, boleh_atas, lingkup_of
from wilayah.tingkat import TabelTingkat, TabelTingkatMixin

from . import services
from .filters import CakupanFilterSet, LembagaFilterSet, MasaBaktiFilterSet, PengurusFilterSet
from .forms import BerhentiForm, LembagaForm, PengurusBarisFormSet, PengurusForm, SusunanForm
from .models import URUTAN_JABATAN, Lembaga, Pengurus, Status, hari_ini
from .resources import LembagaResource, PengurusResource
from .ringkasan import baca_cakupan_kota, cakupan_kota, cakupan_kota_tampil, tabel_cakupan


class IndexView(TabelTingkatMixin, FilteredListMixin, TemplateView):
    """The LKK start page. City level: one row per kecamatan from the stored figures (``lkk.cakupan_kota``,
    sorted server-side, paginated), each opening ``?kecamatan=<kode>``: that kecamatan's kelurahan,
    counted live (the stored figures are not read then). A kecamatan user sees its kelurahan, a kelurahan
    user its own (live, a few rows)."""

    model = Lembaga
    template_name = "lkk/index.html"
    filterset_class = CakupanFilterSet
    page_kwarg = "page"
    URUTAN = {
        "kode": "kode", "nama": "nama", "kelurahan": "jumlah_kelurahan", "rw": "jumlah_rw", "rt": "jumlah_rt",
        "lembaga": "jumlah", "sk": "sk_berlaku", "persen": "persen_sk", "perhatian": "perhatian",
    }  # fmt: skip

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        kecamatan = self.kecamatan_dipilih()
        kota = baca_cakupan_kota(user)
        if kota and kecamatan is None:
            tersimpan = cakupan_kota(user)
            data = tersimpan.data
            tabel = TabelTingkat(self.request, data["kecamatan"], urutan=self.URUTAN, bawaan="kode", per_halaman=50)
            *baris, total = cakupan_kota_tampil([*tabel.halaman.object_list, data["total"]])
            context.update(
                tingkat="kota", angka=tersimpan, jenis=data["jenis"], total=total, jumlah_perhatian=data["total"]["perhatian"], tabel=tabel, baris=baris,
            )  # fmt: skip
            return context
        kelurahan = Kelurahan.objects.for_user(user)
        lembaga = Lembaga.objects.for_user(user)
        if kecamatan is not None:
            kelurahan = kelurahan.filter(kecamatan=kecamatan)
            lembaga = lembaga.filter(kelurahan__kecamatan=kecamatan)
        context.update(
            tingkat="kelurahan", kecamatan=kecamatan, kembali_ke_kota=kota,
            cakupan=tabel_cakupan(kelurahan=kelurahan), jumlah_perhatian=lembaga.perlu_perhatian().count(),
        )  # fmt: skip
        return context


#: What a row of the lembaga lists prints (``lembaga_list.html``, ``masa_bakti.html``): its page reads only these
#: columns (and the joined rows' names and numbers), not the whole row (address, contacts, the SK file).
KOLOM_DAFTAR_LEMBAGA = (
    "nama", "jenis", "jenis__nama", "jenis__singkatan", "kelurahan", "kelurahan__nama", "rw", "rw__nomor", "rt", "rt__nomor",
    "nomor_sk", "tanggal_sk", "masa_bakti_selesai", "status",
)  # fmt: skip


class LembagaListView(FilteredListView):
    model = Lembaga
    filterset_class = LembagaFilterSet
    export_url_name = "lkk:lembaga-ekspor"
    template_name = "lkk/lembaga_list.html"
    paginate_by = 50

    def get_base_queryset(self):
        return Lembaga.objects.select_related("jenis", "kelurahan", "rw", "rt").only(*KOLOM_DAFTAR_LEMBAGA)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["baris"] = self.baris_tabel(context["object_list"], hari_ini())
        dipilih = getattr(self.get_filterset().form, "cleaned_data", {}).get("kelurahan")
        lingkup = lingkup_of(self.request.user)
        context["kelurahan_terpilih"] = dipilih or (lingkup.kelurahan if lingkup and lingkup.kelurahan_id else None)
        context["boleh_tambah"] = boleh(self.request.user, Lembaga, "add")
        return context

    @staticmethod
    def baris_tabel(lembaga, pada) -> list[tuple]:
        """The table's cells as plain values, one tuple a row (the template unpacks them: no per-cell lookups):
        link, name, type, kelurahan, RW/RT label, SK number, SK date and end of term ("j F Y", "" when not
        recorded), whether the term has ended, status label. One reverse a page, each date formatted once, the
        status labels translated once (``get_status_display`` translated every choice on every row)."""
        url, tanggal = url_per_pk("lkk:lembaga-detail"), tanggal_per_halaman()
        status = {nilai: str(label) for nilai, label in Status.choices}
        return [
            (
                url(l.pk), l.nama, str(l.jenis), l.kelurahan.nama, l.wilayah_label, l.nomor_sk, tanggal(l.tanggal_sk), tanggal(l.masa_bakti_selesai),
                bool(l.masa_bakti_selesai and l.masa_bakti_selesai < pada), status.get(l.status, l.status),
            )  # fmt: skip
            for l in lembaga  # noqa: E741
        ]


class LembagaDetailView(ScopedViewMixin, DetailView):
    model = Lembaga
    template_name = "lkk/lembaga_detail.html"

    def get_base_queryset(self):
        return Lembaga.objects.select_related("jenis", "kelurahan__kecamatan", "rw", "rt__rw").prefetch_related(
            Prefetch("pengurus_set", queryset=Pengurus.objects.order_by("-masa_mulai", "nama"))
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pada = hari_ini()
        lihat = boleh_lihat_nik_penuh(self.request.user, self.object.kelurahan_id)
        sekarang, lalu = [], []
        for p in self.object.pengurus_set.all():
            p.nik_tampil = p.nik if lihat else nik_untuk(None, p.nik, None)
            (sekarang if p.menjabat_pada(pada) else lalu).append(p)
        catat_nik_penuh(
            self.request.user, AksesNIK.Jenis.LIHAT, Pengurus, [(p.nik, self.object.kelurahan_id) for p in self.object.pengurus_set.all()],
            keterangan=_("Pengurus di halaman %(lembaga)s") % {"lembaga": self.object.nama},
        )
        sekarang.sort(key=lambda p: (URUTAN_JABATAN[p.jabatan], p.nama))
        context.update(
            pengurus_sekarang=sekarang,
            pengurus_lalu=lalu,
            sk_berlaku=self.object.sk_berlaku_pada(pada),
            tanda=self.object.tanda_masa_bakti(pada),
            riwayat=riwayat_perubahan(self.object, self.request.user),
            boleh_ubah=boleh_atas(self.request.user, self.object, "change"),
            boleh_tambah_pengurus=boleh(self.request.user, Pengurus, "add"),
        )
        return context


class LembagaFormMixin(ScopedViewMixin, ServiceFormMixin):
    model = Lembaga
    form_class = LembagaForm
    template_name = "lkk/form.html"
    pesan_sukses = _l("Lembaga %(obj)s tersimpan.")

    def simpan(self, form):
        return services.lembaga_simpan(acting_user=self.request.user, lembaga=form.instance)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["usulkan_masa_bakti"] = True  # lkk_masa_bakti.js: the SK date proposes the term
        if self.object is not None:
            context["judul"] = _("Ubah lembaga %(nama)s") % {"nama": self.object.nama_berjenis}
        else:
            context["judul"] = _("Tambah lembaga LKK")
        return context

    def get_success_url(self):
        return self.object.get_absolute_url()


class LembagaCreateView(LembagaFormMixin, CreateView):
    required_action = "add"

    def get_initial(self):
        initial = {}
        lingkup = lingkup_of(self.request.user)
        if lingkup and lingkup.kelurahan_id:
            initial["kelurahan"] = lingkup.kelurahan_id
        return initial


class LembagaUpdateView(LembagaFormMixin, UpdateView):
    required_action = "change"


class BerkasSKView(ScopedFileView):
    model = Lembaga
    file_field = "berkas_sk"


class PengurusListView(FilteredListView):
    model = Pengurus
    filterset_class = PengurusFilterSet
    export_url_name = "lkk:pengurus-ekspor"
    template_name = "lkk/pengurus_list.html"
    paginate_by = 50

    #: What a row of the list prints (``pengurus_list.html``): its page reads only these columns (no SK numbers,
    #: phone, birth date, nor the lembaga's own details and type); the export (a subclass) reads whole rows.
    KOLOM_HALAMAN = (
        "nama", "nik", "jabatan", "nama_seksi", "masa_mulai", "akhir_efektif",
        "lembaga", "lembaga__nama", "lembaga__kelurahan", "lembaga__kelurahan__nama",
    )  # fmt: skip
    URUTAN = ("lembaga__kelurahan__kode", "lembaga__nama", "-masa_mulai", "nama")

    def get_base_queryset(self):
        return Pengurus.objects.select_related("lembaga__kelurahan").only(*self.KOLOM_HALAMAN).order_by(*self.URUTAN)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        nik = nik_per_kelurahan(self.request.user)
        context["baris"] = self.baris_tabel(context["object_list"], nik)
        baris = [(p.nik, p.lembaga.kelurahan_id) for p in context["object_list"]]
        catat_nik_penuh(self.request.user, AksesNIK.Jenis.LIHAT, Pengurus, baris, keterangan=_("Daftar pengurus LKK"), lihat=nik.lihat)
        return context

    @staticmethod
    def baris_tabel(pengurus, nik) -> list[tuple]:
        """The table's cells as plain values, one tuple a row (the template unpacks them: no per-cell lookups):
        link, name, NIK as shown (``nik``: ``wilayah.nik.nik_per_kelurahan`` of the user), post, the lembaga's link
        and name, kelurahan, start and effective end ("j F Y"). The links reversed once, each date formatted once."""
        url, url_lembaga, tanggal = url_per_pk("lkk:pengurus-detail"), url_per_pk("lkk:lembaga-detail"), tanggal_per_halaman()
        return [
            (
                url(p.pk), p.nama, nik(p.nik, p.lembaga.kelurahan_id), p.jabatan_label,
                url_lembaga(p.lembaga_id), p.lembaga.nama, p.lembaga.kelurahan.nama, tanggal(p.masa_mulai), tanggal(p.akhir_efektif),
            )  # fmt: skip
            for p in pengurus
        ]


class PengurusDetailView(ScopedViewMixin, DetailView):
    model = Pengurus
    template_name = "lkk/pengurus_detail.html"

    def get_base_queryset(self):
        return Pengurus.objects.select_related("lembaga__jenis", "lembaga__kelurahan")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        p = self.object
        p.nik_tampil = nik_untuk(self.request.user, p.nik, p.lembaga.kelurahan_id)
        catat_nik_penuh(self.request.user, AksesNIK.Jenis.LIHAT, p, [(p.nik, p.lembaga.kelurahan_id)], keterangan=_("Halaman detail pengurus"))
        context["riwayat"] = riwayat_perubahan(self.object, self.request.user)
        context["boleh_ubah"] = boleh_atas(self.request.user, self.object, "change")
        return context


class PengurusFormMixin(ScopedViewMixin, ServiceFormMixin):
    model = Pengurus
    form_class = PengurusForm
    template_name = "lkk/form.html"

    def get_pesan_sukses(self):
        return _("Pengurus %(nama)s tersimpan.") % {"nama": self.object.nama}

    def get_lembaga(self):
        raise NotImplementedError

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["lembaga"] = self.get_lembaga()
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        lembaga = context["lembaga"] = self.get_lembaga()
        if self.object is not None:
            context["judul"] = _("Ubah pengurus %(jenis)s %(nama)s") % {"jenis": lembaga.jenis, "nama": self.object.nama}
        else:
            context["judul"] = _("Tambah pengurus %(lembaga)s") % {"lembaga": lembaga.nama_berjenis}
        return context

    def simpan(self, form):
        return services.pengurus_simpan(acting_user=self.request.user, pengurus=form.instance)

    def get_success_url(self):
        return self.object.lembaga.get_absolute_url()


class PengurusCreateView(PengurusFormMixin, CreateView):
    required_action = "add"

    def get_lembaga(self):
        if not hasattr(self, "_lembaga"):
            self._lembaga = get_object_or_404(Lembaga.objects.for_user(self.request.user).select_related("jenis", "kelurahan"), pk=self.kwargs["lembaga_pk"])
        return self._lembaga

    def get_initial(self):
        return {"masa_mulai": self.get_lembaga().masa_bakti_mulai}


class SusunanPengurusView(ScopedViewMixin, TemplateView):
    """A whole board in one go: the decree (SK number, date, term) typed once above the rows of members
    (a formset), saved all or nothing through ``services.susunan_pengurus_simpan`` (each row by the single
    form's door, ``pengurus_simpan``). A refused row names itself in the summary ("Baris 2: NIK")."""

    model = Pengurus
    required_action = "add"
    template_name = "lkk/susunan_form.html"
    #: the decree's fields of a member, filled from ``SusunanForm``; a row's refusal on them is shown there
    KOLOM_SUSUNAN = ("nomor_sk_pengangkatan", "tanggal_sk_pengangkatan", "masa_mulai", "masa_selesai", "tanggal_pernyataan")

    def get_lembaga(self):
        if not hasattr(self, "_lembaga"):
            self._lembaga = get_object_or_404(Lembaga.objects.for_user(self.request.user).select_related("jenis", "kelurahan"), pk=self.kwargs["lembaga_pk"])
        return self._lembaga

    def bentuk(self, data=None):
        lembaga = self.get_lembaga()
        form = SusunanForm(data, prefix="sk", initial={
            "nomor_sk_pengangkatan": lembaga.nomor_sk, "tanggal_sk_pengangkatan": lembaga.tanggal_sk,
            "masa_mulai": lembaga.masa_bakti_mulai, "masa_selesai": lembaga.masa_bakti_selesai,
        })
        formset = PengurusBarisFormSet(
            data, prefix="baris", form_kwargs={"user": self.request.user, "lembaga": lembaga},
        )
        return form, formset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        lembaga = self.get_lembaga()
        if "form" not in context:
            context["form"], context["formset"] = self.bentuk()
        context.update(
            lembaga=lembaga, object=None,
            judul=_("Catat susunan pengurus %(lembaga)s") % {"lembaga": lembaga.nama_berjenis},
            masa_bakti_tahun=lembaga.jenis.masa_bakti_tahun,
        )
        return context

    def post(self, request, *args, **kwargs):
        form, formset = self.bentuk(request.POST)
        if form.is_valid() and formset.is_valid():
            baris = [(f, f.instance) for f in formset.forms if f.has_changed()]
            for _f, p in baris:
                for kolom in self.KOLOM_SUSUNAN:
                    setattr(p, kolom, form.cleaned_data.get(kolom))
                p.nomor_sk_pengangkatan = p.nomor_sk_pengangkatan or ""
                if not p.pernyataan_nonpartai:
                    p.tanggal_pernyataan = None
            try:
                tersimpan = services.susunan_pengurus_simpan(acting_user=request.user, pengurus=[p for _f, p in baris])
            except services.SusunanDitolak as exc:
                for i, galat in exc.per_baris.items():
                    self.galat_baris(form, baris[i][0], galat)
            except ValidationError as exc:
                tambah_galat(form, exc)
            else:
                messages.success(request, _("Susunan pengurus %(lembaga)s tersimpan: %(n)s orang.") % {
                    "lembaga": self.get_lembaga().nama, "n": len(tersimpan)})
                return redirect(self.get_lembaga().get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form, formset=formset))

    def galat_baris(self, form, baris_form, galat: ValidationError) -> None:
        """A row's refusal: on the row's own fields, or on the decree's field above (once) when it is one of them."""
        if not hasattr(galat, "error_dict"):
            baris_form.add_error(None, galat)
            return
        for kolom, pesan in galat.error_dict.items():
            if kolom in self.KOLOM_SUSUNAN and kolom in form.fields:
                baru = [p for p in ValidationError(pesan).messages if p not in form.errors.get(kolom, [])]
                if baru:
                    form.add_error(kolom, baru)
            else:
                tambah_galat(baris_form, ValidationError({kolom: pesan}))


class PengurusUpdateView(PengurusFormMixin, UpdateView):
    required_action = "change"

    def get_base_queryset(self):
        return Pengurus.objects.select_related("lembaga__jenis", "lembaga__kelurahan")

    def get_lembaga(self):
        return self.object.lembaga

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if not boleh_lihat_nik_penuh(self.request.user, self.object.lembaga.kelurahan_id):
            form.fields.pop("nik")  # a masked NIK cannot be edited (nor shown in the field)
            form.fields.pop("nik_luar_wilayah")
        return form

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        p = self.object  # the form shows the NIK in its field
        catat_nik_penuh(request.user, AksesNIK.Jenis.LIHAT, p, [(p.nik, p.lembaga.kelurahan_id)], keterangan=_("Formulir ubah pengurus"))
        return response


class MasaBaktiView(FilteredListView):
    """Active lembaga whose term has ended or ends within 90 days (the city list for Bappeda), by end of
    term then pk: a unique order on the lembaga's own columns, read from ``lkk_lembaga_perhatian_idx``
    (rows of equal end dates never move between pages, and no join is needed to order them)."""

    model = Lembaga
    filterset_class = MasaBaktiFilterSet
    template_name = "lkk/masa_bakti.html"
    paginate_by = 100

    def get_base_queryset(self):
        return Lembaga.objects.select_related("jenis", "kelurahan__kecamatan", "rw", "rt").only(*KOLOM_DAFTAR_LEMBAGA, "kelurahan__kecamatan__nama")

    def get_scoped_queryset(self):
        return super().get_scoped_queryset().perlu_perhatian(hari_ini()).order_by("masa_bakti_selesai", "pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["baris"] = self.baris_tabel(context["object_list"], hari_ini())
        return context

    @staticmethod
    def baris_tabel(lembaga, pada) -> list[tuple]:
        """The table's cells as plain values, one tuple a row (the template unpacks them: no per-cell lookups):
        link, name, RW/RT label, type, kelurahan, kecamatan, end of term ("j F Y", "" when not recorded) and
        its flag (``tanda_masa_bakti``). One reverse a page; each end date formatted once (the rows come
        ordered by it, a hundred a page)."""
        url, tanggal = url_per_pk("lkk:lembaga-detail"), tanggal_per_halaman()
        return [
            (
                url(l.pk), l.nama, l.wilayah_label, str(l.jenis), l.kelurahan.nama, l.kelurahan.kecamatan.nama,
                tanggal(l.masa_bakti_selesai), l.tanda_masa_bakti(pada),
            )  # fmt: skip
            for l in lembaga  # noqa: E741
        ]


class CetakView(ScopedViewMixin, FormView):
    """The print form (who signs, who acknowledges) and the PDF list of a kelurahan's lembaga and boards."""

    model = Lembaga
    form_class = PenandaTanganForm
    template_name = "lkk/cetak_form.html"

    def get_kelurahan(self):
        if not hasattr(self, "_kelurahan"):
            self._kelurahan = get_object_or_404(Kelurahan.objects.for_user(self.request.user).select_related("kecamatan"), kode=self.kwargs["kode"])
        return self._kelurahan

    def get(self, request, *args, **kwargs):
        self.get_kelurahan()
        return super().get(request, *args, **kwargs)

    def get_initial(self):
        return {"tanggal": timezone.localdate()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["kelurahan"] = self.get_kelurahan()
        return context

    def form_valid(self, form):
        from .cetak import pdf_daftar_lembaga

        kelurahan = self.get_kelurahan()
        lembaga = (
            Lembaga.objects.for_user(self.request.user)
            .filter(kelurahan=kelurahan, status=Status.AKTIF)
            .select_related("jenis", "rw", "rt__rw")
            .prefetch_related(Prefetch("pengurus_set", queryset=Pengurus.objects.menjabat_pada(form.cleaned_data["tanggal"])))
            .order_by("jenis__urutan", "rw__nomor", "rt__nomor", "nama")
        )
        data = pdf_daftar_lembaga(kelurahan=kelurahan, lembaga=list(lembaga), penanda=form.cleaned_data)
        response = HttpResponse(data, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="lkk-{kelurahan.kode}.pdf"'
        return response


class BerhentiView(ScopedViewMixin, FormView):
    """Record the removal SK of a board member who leaves early."""

    model = Pengurus
    required_action = "change"
    form_class = BerhentiForm
    template_name = "lkk/form.html"

    def get_pengurus(self):
        if not hasattr(self, "_pengurus"):
            self._pengurus = get_object_or_404(self.get_queryset().select_related("lembaga__jenis"), pk=self.kwargs["pk"])
        return self._pengurus

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pengurus = context["object"] = self.get_pengurus()
        context["lembaga"] = pengurus.lembaga
        context["judul"] = _("Catat pemberhentian %(nama)s, %(jabatan)s %(jenis)s") % {
            "jabatan": pengurus.jabatan_label, "jenis": pengurus.lembaga.jenis, "nama": pengurus.nama,
        }
        context["tombol"] = _("Simpan pemberhentian")
        return context

    def form_valid(self, form):
        pengurus = self.get_pengurus()
        try:
            services.pengurus_berhentikan(acting_user=self.request.user, pengurus=pengurus, nomor_sk=form.cleaned_data["nomor_sk"], tanggal=form.cleaned_data["tanggal"])
        except ValidationError as exc:
            tambah_galat(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Pemberhentian %(nama)s tercatat.") % {"nama": pengurus.nama})
        return redirect(pengurus.lembaga.get_absolute_url())


# --- Excel import/export (the shared preview machinery in wilayah.impor) -------------------------


class LembagaImporView(ImporExcelView):
    model = Lembaga
    resource_class = LembagaResource
    judul = _l("Impor lembaga dari Excel")
    success_url = reverse_lazy("lkk:lembaga-list")
    templat_url = reverse_lazy("lkk:lembaga-templat")


class LembagaTemplatView(UnduhTemplatExcelView):
    model = Lembaga
    resource_class = LembagaResource
    nama_berkas = "templat_lembaga_lkk.xlsx"


class PengurusImporView(ImporExcelView):
    model = Pengurus
    resource_class = PengurusResource
    judul = _l("Impor pengurus LKK dari Excel")
    success_url = reverse_lazy("lkk:pengurus-list")
    templat_url = reverse_lazy("lkk:pengurus-templat")


class PengurusTemplatView(UnduhTemplatExcelView):
    model = Pengurus
    resource_class = PengurusResource
    nama_berkas = "templat_pengurus_lkk.xlsx"


class EksporMixin(FilteredExportMixin):
    """The list's filtered rows (through for_user, NIK masked as on screen) as .xlsx in the import's columns and
    human headers (``wilayah.templat.EksporKolomMixin.ekspor_lembar``), so the file goes back in."""

    resource_class = None
    nama_berkas = ""

    def export_response(self, queryset):
        resource = self.resource_class(user=self.request.user)
        return xlsx_response(resource.ekspor_lembar(queryset), self.nama_berkas)


class LembagaEksporView(EksporMixin, LembagaListView):
    resource_class = LembagaResource
    nama_berkas = "lembaga_lkk.xlsx"

    def get_base_queryset(self):
        return Lembaga.objects.select_related("jenis", "kelurahan__kecamatan", "rw", "rt__rw")  # whole rows: every column of the import


class PengurusEksporView(EksporMixin, PengurusListView):
    resource_class = PengurusResource
    nama_berkas = "pengurus_lkk.xlsx"

    def get_base_queryset(self):
        return Pengurus.objects.select_related("lembaga__jenis", "lembaga__kelurahan").order_by(*self.URUTAN)  # whole rows: every column of the import

    def export_response(self, queryset):
        response = super().export_response(queryset)
        baris = queryset.values_list("nik", "lembaga__kelurahan_id")
        catat_nik_penuh(self.request.user, AksesNIK.Jenis.EKSPOR, Pengurus, baris, keterangan=_("Ekspor daftar pengurus LKK (xlsx)"))
        return response
