"""Views of the wisata programme: thin (read input, call a service or a ringkasan function, render).

Scoped pages go through ``ScopedViewMixin`` (for_user); the public catalogue, destination page,
events calendar, .ics feed and public photos are ``public_view`` and only ever show active
destinations and not-cancelled events, with no personal data.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views import View
from django.views.generic import CreateView, DetailView, FormView, TemplateView, UpdateView

from wilayah.access import ScopedFileView, ScopedViewMixin
from wilayah.berkas import respons_berkas
from wilayah.daftar import FilteredListMixin, FilteredListView, KecamatanFilter, PaginatorIdDulu, ScopedFilterSet, id_dari
from wilayah.forms import ServiceFormMixin, tambah_galat
from wilayah.impor import ImporExcelView, UnduhTemplatExcelView, xlsx_response
from wilayah.models import RW, Kecamatan, Kelurahan
from wilayah.periode import batas_bulan, bulan_dari, bulan_tahun, kode_bulan, tahun_dari, tambah_bulan
from wilayah.publik import halaman_publik
from wilayah.riwayat import riwayat_perubahan
from wilayah.scoping import Tingkat, boleh, boleh_atas, lingkup_of
from wilayah.tingkat import TabelTingkat, TabelTingkatMixin, halaman_dari

from . import services
from .filters import DestinasiFilterSet, EventFilterSet, FotoFilterSet, KatalogFilterSet, TargetFilterSet
from .forms import DestinasiForm, DestinasiTambahForm, EventForm, FotoForm
from .models import Destinasi, Event, FotoDestinasi, KategoriWisata, TargetProgram
from .resources import EventResource, ekspor_event
from .kalender import (
    TANDA_BERANDA, TANDA_EVENT, TANDA_KATALOG, Acara, acara_bulan, acara_mendatang, dalam_jendela, event_publik, event_untuk_feed, ics_event,
    jendela, mulai_berikutnya, ulangan_di_tahun,
)
from .ringkasan import bulan_peringkat, cakupan_rw, peringkat, progres_target, progres_tersimpan, ringkasan_bulanan, wisata_kota


# --------------------------------------------------------------------------- overview pages


class PeringkatFilterSet(ScopedFilterSet):
    """The ranking's drill-down: ``?kecamatan=<kode>`` (unknown or outside the scope: the field's error)."""

    kecamatan = KecamatanFilter("kelurahan__kecamatan", to_field_name="kode")

    class Meta:
        model = Destinasi
        fields = []


class PeringkatTingkatMixin(TabelTingkatMixin, FilteredListMixin):
    """The ranking by RW coverage, by level. A city-level user: one row per kecamatan from the stored figures
    (``wisata.kota``; sorted server-side, 50 a page), each opening ``?kecamatan=<kode>``: that kecamatan's
    kelurahan, counted live. A kecamatan user: its kelurahan, live; a kelurahan user: their own."""

    model = Destinasi
    filterset_class = PeringkatFilterSet
    page_kwarg = "page"
    URUTAN = {
        "kode": "kode", "nama": "nama", "kelurahan": "jumlah_kelurahan", "tuntas": "kelurahan_tuntas", "rw": "rw_tercakup",
        "persen": "persen_rw", "destinasi": "destinasi_aktif", "event": "event_bulan_ini",
    }  # fmt: skip

    def konteks_peringkat(self, tahun: int, bulan: int, tersimpan) -> dict:
        kecamatan = self.kecamatan_dipilih()
        data = tersimpan.data["tahun"].get(str(tahun)) if tersimpan is not None else None
        if data is not None and kecamatan is None:
            tabel = TabelTingkat(self.request, data["kecamatan"], urutan=self.URUTAN, bawaan="-persen", per_halaman=50)
            return {"tingkat": "kota", "tabel": tabel, "angka": tersimpan, "bulan_nama": bulan_tahun(tahun, data["bulan"])}
        kelurahan = Kelurahan.objects.for_user(self.request.user)
        if kecamatan is not None:
            kelurahan = kelurahan.filter(kecamatan=kecamatan)
        halaman = Paginator(peringkat(ringkasan_bulanan(tahun, bulan, kelurahan_ids=kelurahan.values_list("pk", flat=True))), 50).get_page(
            halaman_dari(self.request) or 1
        )
        return {
            "tingkat": "kelurahan", "kecamatan": kecamatan, "peringkat": halaman.object_list, "halaman_peringkat": halaman,
            "nomor_awal": halaman.start_index() - 1, "kembali_ke_kota": tersimpan is not None, "bulan_nama": bulan_tahun(tahun, bulan),
        }  # fmt: skip


class IndexView(PeringkatTingkatMixin, ScopedViewMixin, TemplateView):
    """Start page: a kelurahan user goes to their kelurahan page; others see the ranking by level."""

    required_action = None
    template_name = "wisata/index.html"

    def get(self, request, *args, **kwargs):
        lingkup = lingkup_of(request.user)
        if lingkup is not None and lingkup.tingkat == Tingkat.KELURAHAN:
            return redirect("wisata:kelurahan", kode=lingkup.kelurahan.kode)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        hari_ini = timezone.localdate()
        context.update(self.konteks_peringkat(hari_ini.year, hari_ini.month, wisata_kota(self.request.user, hari_ini.year)))
        context["kota"] = KotaView.dapat_dibuka(self.request.user)
        return context


class KelurahanWisataView(ScopedViewMixin, DetailView):
    """The kelurahan's page: RWs with and without an active destination (the gap list), its events."""

    model = Kelurahan
    slug_field = slug_url_kwarg = "kode"
    template_name = "wisata/kelurahan.html"
    context_object_name = "kelurahan"

    def get_queryset(self):
        return super().get_queryset().select_related("kecamatan")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        hari_ini = timezone.localdate()
        cakupan = cakupan_rw(self.object, destinasi=Destinasi.objects.for_user(user), pada=hari_ini)
        context.update(rw_tercakup=cakupan.tercakup, rw_celah=cakupan.celah, jumlah_rw=cakupan.jumlah_rw, persen=cakupan.persen)
        event = Event.objects.for_user(user).filter(kelurahan=self.object, tanggal_mulai__year=hari_ini.year).select_related("kategori", "rw").order_by("tanggal_mulai")
        event = list(event)
        context["event_bulan_ini"] = [e for e in event if e.tanggal_mulai.month == hari_ini.month]
        context["event_tahun_ini"] = event
        context["hari_ini"] = hari_ini
        context["boleh_tambah"] = boleh(user, Destinasi, "add")
        context["boleh_tambah_event"] = boleh(user, Event, "add")
        return context


class KotaView(PeringkatTingkatMixin, ScopedViewMixin, TemplateView):
    """The city page (Bappeda, mayor's office): targets, ranking of kecamatan by RW coverage (drill-down to
    their kelurahan), events per month, projection; from the stored city figures (``wisata.kota``)."""

    model = Destinasi
    template_name = "wisata/kota.html"
    cakupan_wajib = Tingkat.KOTA

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        hari_ini = timezone.localdate()
        # The offered years (last, this, next): another asked for is the nearest of them.
        tahun = min(max(tahun_dari(self.request.GET.get("tahun")), hari_ini.year - 1), hari_ini.year + 1)
        tersimpan = wisata_kota(self.request.user, tahun)
        context["tahun"] = tahun
        context["progres"] = progres_tersimpan(tersimpan, tahun) or progres_target(tahun, hari_ini=hari_ini)
        context.update(self.konteks_peringkat(tahun, bulan_peringkat(tahun, hari_ini), tersimpan))
        context["event_per_bulan"] = context["progres"].event_per_bulan
        context["maks_event"] = max((b["jumlah"] for b in context["event_per_bulan"]), default=0)
        context["boleh_atur_target"] = boleh(self.request.user, TargetProgram, "change") or boleh(self.request.user, TargetProgram, "add")
        context["tahun_pilihan"] = [hari_ini.year - 1, hari_ini.year, hari_ini.year + 1]
        return context


# --------------------------------------------------------------------------- destinations


class DestinasiListView(FilteredListView):
    model = Destinasi
    filterset_class = DestinasiFilterSet
    template_name = "wisata/destinasi_list.html"
    paginate_by = 50

    def get_scoped_queryset(self):
        return super().get_scoped_queryset().select_related("kelurahan__kecamatan", "rw", "kategori").order_by("kelurahan__kode", "rw__nomor", "nama")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["boleh_tambah"] = boleh(self.request.user, Destinasi, "add")
        return context


class DestinasiDetailView(ScopedViewMixin, DetailView):
    model = Destinasi
    template_name = "wisata/destinasi_detail.html"

    def get_base_queryset(self):
        return Destinasi.objects.select_related("kelurahan__kecamatan", "rw", "kategori", "pengelola_lembaga").prefetch_related("foto_set")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["event_list"] = Event.objects.for_user(self.request.user).filter(destinasi=self.object).order_by("-tanggal_mulai")[:20]
        context["riwayat"] = riwayat_perubahan(self.object, self.request.user)
        context["boleh_ubah"] = boleh_atas(self.request.user, self.object, "change")
        return context


class KeObjekTersimpanMixin:
    """After any save the user lands on the object saved (its page). The heading ("Tambah destinasi
    wisata", "Ubah event wisata Festival Mangga") comes from ``wilayah.forms.JudulFormMixin``, part of
    ``ServiceFormMixin``."""

    def get_success_url(self):
        return self.object.get_absolute_url()


class DestinasiFormMixin(KeObjekTersimpanMixin, ScopedViewMixin, ServiceFormMixin):
    model = Destinasi
    form_class = DestinasiForm
    template_name = "wisata/form.html"
    pesan_sukses = _l("Destinasi %(obj)s tersimpan.")

    def simpan(self, form):
        return services.destinasi_simpan(acting_user=self.request.user, destinasi=form.instance)


class DestinasiCreateView(DestinasiFormMixin, CreateView):
    """A new destination with its photos right away (``DestinasiTambahForm``): both saved or neither."""

    required_action = "add"
    form_class = DestinasiTambahForm

    def simpan(self, form):
        return services.destinasi_simpan(
            acting_user=self.request.user, destinasi=form.instance, foto=form.cleaned_data["foto"], keterangan_foto=form.cleaned_data["keterangan_foto"],
        )

    def get_pesan_sukses(self):
        jumlah = len(self.request.FILES.getlist("foto"))
        if jumlah:
            return _("Destinasi %(obj)s tersimpan dengan %(n)s foto.") % {"obj": self.object, "n": jumlah}
        return super().get_pesan_sukses()

    def get_initial(self):
        initial = {}
        lingkup = lingkup_of(self.request.user)
        if lingkup and lingkup.kelurahan_id:
            initial["kelurahan"] = lingkup.kelurahan_id
        rw_id = id_dari(self.request.GET.get("rw"))
        if rw_id is not None:
            rw = RW.objects.for_user(self.request.user).filter(pk=rw_id).first()
            if rw is not None:
                initial.update(rw=rw.pk, kelurahan=rw.kelurahan_id)
        return initial


class DestinasiUpdateView(DestinasiFormMixin, UpdateView):
    required_action = "change"


class FotoTambahView(ScopedViewMixin, FormView):
    """Upload a photo to a destination (re-encoded without EXIF, with a thumbnail)."""

    model = Destinasi
    required_action = "change"
    form_class = FotoForm
    template_name = "wisata/form.html"

    def get_destinasi(self):
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["judul"] = _("Tambah foto destinasi wisata %(nama)s") % {"nama": self.get_destinasi().nama}
        return context

    def get(self, request, *args, **kwargs):
        self.get_destinasi()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.get_destinasi()
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        destinasi = self.get_destinasi()
        try:
            foto = services.foto_tambah(acting_user=self.request.user, destinasi=destinasi, berkas=form.cleaned_data["gambar"], keterangan=form.cleaned_data["keterangan"])
        except ValidationError as exc:
            tambah_galat(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Foto tersimpan di %(nama)s.") % {"nama": destinasi.nama})
        return redirect(foto.get_absolute_url())


class FotoListView(FilteredListView):
    model = FotoDestinasi
    filterset_class = FotoFilterSet
    template_name = "wisata/foto_list.html"
    paginate_by = 60

    def get_scoped_queryset(self):
        return super().get_scoped_queryset().select_related("destinasi__kelurahan").order_by("-diunggah", "-id")


class FotoDetailView(ScopedViewMixin, DetailView):
    model = FotoDestinasi
    template_name = "wisata/foto_detail.html"

    def get_base_queryset(self):
        return FotoDestinasi.objects.select_related("destinasi__kelurahan")


class FotoBerkasView(ScopedFileView):
    model = FotoDestinasi
    file_field = "gambar"


class FotoThumbnailView(ScopedFileView):
    model = FotoDestinasi
    file_field = "thumbnail"


class FotoHapusView(ScopedViewMixin, View):
    model = FotoDestinasi
    required_action = "change"

    def post(self, request, pk):
        foto = get_object_or_404(self.get_queryset().select_related("destinasi"), pk=pk)
        destinasi = foto.destinasi
        services.foto_hapus(acting_user=request.user, foto=foto)
        messages.success(request, _("Foto dihapus."))
        return redirect(destinasi.get_absolute_url())


# --------------------------------------------------------------------------- events


class EventListView(FilteredListView):
    model = Event
    filterset_class = EventFilterSet
    export_url_name = "wisata:event-ekspor"
    template_name = "wisata/event_list.html"
    paginate_by = 50

    def get_scoped_queryset(self):
        return super().get_scoped_queryset().select_related("kelurahan", "kategori", "rw").order_by("-tanggal_mulai", "nama")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["boleh_tambah"] = boleh(self.request.user, Event, "add")
        return context


class EventDetailView(ScopedViewMixin, DetailView):
    model = Event
    template_name = "wisata/event_detail.html"

    def get_base_queryset(self):
        return Event.objects.select_related("kelurahan__kecamatan", "rw", "kategori", "destinasi")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["riwayat"] = riwayat_perubahan(self.object, self.request.user)
        context["boleh_ubah"] = boleh_atas(self.request.user, self.object, "change")
        return context


class EventFormMixin(KeObjekTersimpanMixin, ScopedViewMixin, ServiceFormMixin):
    model = Event
    form_class = EventForm
    template_name = "wisata/form.html"
    pesan_sukses = _l("Event %(obj)s tersimpan.")

    def simpan(self, form):
        return services.event_simpan(acting_user=self.request.user, event=form.instance)


class EventCreateView(EventFormMixin, CreateView):
    required_action = "add"

    def get_initial(self):
        lingkup = lingkup_of(self.request.user)
        initial = {}
        if lingkup and lingkup.kelurahan_id:
            initial["kelurahan"] = lingkup.kelurahan_id
        destinasi_id = id_dari(self.request.GET.get("destinasi"))
        if destinasi_id is not None:
            d = Destinasi.objects.for_user(self.request.user).filter(pk=destinasi_id).first()
            if d is not None:
                initial.update(destinasi=d.pk, kelurahan=d.kelurahan_id, rw=d.rw_id, kategori=d.kategori_id)
        return initial


class EventUpdateView(EventFormMixin, UpdateView):
    required_action = "change"


class EventEksporView(EventListView):
    """The filtered list of the user's events (through for_user) as .xlsx, in the import columns so the
    file can go back in."""

    model = Event

    def get(self, request):
        return xlsx_response(ekspor_event(self.get_queryset()), f"event_wisata_{timezone.localdate():%Y%m%d}.xlsx")


class EventImporView(ImporExcelView):
    model = Event
    resource_class = EventResource
    judul = "Impor event dari Excel"
    success_url = reverse_lazy("wisata:event-list")
    templat_url = reverse_lazy("wisata:event-templat")


class EventTemplatView(UnduhTemplatExcelView):
    model = Event
    resource_class = EventResource
    nama_berkas = "templat_event_wisata.xlsx"


# --------------------------------------------------------------------------- targets (Bappeda)


class TargetListView(FilteredListView):
    model = TargetProgram
    filterset_class = TargetFilterSet
    template_name = "wisata/target_list.html"

    def get_scoped_queryset(self):
        return super().get_scoped_queryset().order_by("-tahun")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # set on the targets page with every programme's targets (wilayah.target)
        context["boleh_atur_target"] = boleh(self.request.user, TargetProgram, "add") or boleh(self.request.user, TargetProgram, "change")
        return context


# --------------------------------------------------------------------------- public pages


def _katalog_queryset():
    return (
        Destinasi.objects.publik()
        .select_related("kelurahan__kecamatan", "kategori", "rw", "pengelola_lembaga")
        .prefetch_related(Prefetch("foto_set", queryset=FotoDestinasi.objects.order_by("id")))
        .order_by("kelurahan__kecamatan__nama", "nama", "pk")
    )


@method_decorator(halaman_publik(TANDA_KATALOG), name="get")
class KatalogView(TemplateView):
    """Public catalogue of active destinations, by kecamatan and category. Fixed number of queries;
    built once per state of the destinations for anonymous visitors (``wilayah.publik``)."""

    template_name = "wisata/publik/katalog.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        saring = KatalogFilterSet(self.request.GET or None, queryset=_katalog_queryset())
        # ids first: the sort over the join reads keys only; then the page's 48 wide rows (wilayah.daftar)
        halaman = PaginatorIdDulu(saring.qs, 48).get_page(self.request.GET.get("halaman"))
        dipilih = saring.form.cleaned_data if saring.is_bound else {}
        context.update(
            halaman=halaman,
            kecamatan_pilihan=Kecamatan.objects.order_by("nama").values_list("kode", "nama"),  # plain pairs: 660 options
            kategori_pilihan=KategoriWisata.objects.filter(aktif=True),
            kecamatan_dipilih=dipilih["kecamatan"].kode if dipilih.get("kecamatan") else "",
            kategori_dipilih=dipilih["kategori"].slug if dipilih.get("kategori") else "",
            pilihan_tidak_dikenal=saring.is_bound and bool(saring.errors),
        )
        return context


class DestinasiPublikView(DetailView):
    template_name = "wisata/publik/destinasi.html"
    context_object_name = "destinasi"

    def get_queryset(self):
        return _katalog_queryset()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        hari_ini = timezone.localdate()
        context["event_mendatang"] = list(
            Event.objects.tidak_batal().filter(destinasi=self.object).filter(Q(tanggal_selesai__gte=hari_ini) | Q(tahunan=True)).order_by("tanggal_mulai")[:10]
        )
        return context


ACARA_PER_HALAMAN = 100


@method_decorator(halaman_publik(TANDA_EVENT), name="get")
class KalenderView(TemplateView):
    """Public events calendar, one month of the window (``kalender.jendela``) at a time, 100 events a
    page; annual events recur in their month every year. Conditional (ETag/Last-Modified) and built once
    per state of the events for anonymous visitors (``wilayah.publik``)."""

    template_name = "wisata/publik/kalender.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        hari_ini = timezone.localdate()
        tahun, bulan = dalam_jendela(*bulan_dari(self.request.GET.get("bulan")), hari_ini)
        awal = batas_bulan(tahun, bulan)[0]
        sebelum, sesudah = tambah_bulan(awal, -1), tambah_bulan(awal, 1)
        batas_awal, batas_akhir = jendela(hari_ini)
        halaman = Paginator(acara_bulan(tahun, bulan), ACARA_PER_HALAMAN).get_page(self.request.GET.get("halaman"))
        context.update(
            acara=halaman.object_list,
            halaman=halaman,
            bulan=kode_bulan(tahun, bulan),
            judul_bulan=bulan_tahun(tahun, bulan),
            bulan_sebelum=kode_bulan(sebelum.year, sebelum.month) if sebelum >= batas_awal else "",
            bulan_sesudah=kode_bulan(sesudah.year, sesudah.month) if sesudah <= batas_akhir else "",
            nama_bulan_sebelum=bulan_tahun(sebelum.year, sebelum.month),
            nama_bulan_sesudah=bulan_tahun(sesudah.year, sesudah.month),
            jendela_awal=batas_awal,
            jendela_akhir=batas_akhir,
        )
        if not halaman.object_list:
            # An empty month points to the next event after it (from today when the month is past).
            berikut = mulai_berikutnya(max(sesudah, hari_ini), batas_akhir)
            if berikut is not None:
                context.update(event_berikutnya=berikut, bulan_event_berikutnya=kode_bulan(berikut.year, berikut.month),
                               nama_bulan_event_berikutnya=bulan_tahun(berikut.year, berikut.month))
        return context


@method_decorator(halaman_publik(TANDA_EVENT), name="get")
class EventPublikView(DetailView):
    """An event's public page: what the calendar says of it, its place and its destination while published;
    no figures, no personal data. Cancelled events and events outside the calendar's window are 404."""

    template_name = "wisata/publik/event.html"
    context_object_name = "event"

    def get_queryset(self):
        return event_publik(timezone.localdate()).select_related("kelurahan__kecamatan", "kategori", "destinasi")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        hari_ini = timezone.localdate()
        e = self.object
        acara = Acara(e, e.tanggal_mulai, e.tanggal_selesai)
        if e.tahunan and e.tanggal_selesai < hari_ini:  # the next time it takes place
            acara = ulangan_di_tahun(e, hari_ini.year)
            if acara.selesai < hari_ini:
                acara = ulangan_di_tahun(e, hari_ini.year + 1)
        context.update(acara=acara, bulan=kode_bulan(acara.mulai.year, acara.mulai.month), judul_bulan=bulan_tahun(acara.mulai.year, acara.mulai.month))
        return context


#: how much of the catalogue and the calendar the public home shows
DESTINASI_BERANDA = 6
EVENT_BERANDA = 5


@method_decorator(halaman_publik(TANDA_BERANDA, baca_query=False), name="get")
class BerandaPublikView(TemplateView):
    """The anonymous visitor's home (served at ``/`` by ``wilayah.views.beranda``, which names it by URL):
    a few destinations of the catalogue, the next events, the other public services (PUD products, the
    certificate check) and the way in for staff. Built once per state of the destinations and events
    (``wilayah.publik``, ``TANDA_BERANDA``); a fixed handful of queries when built."""

    template_name = "wisata/publik/beranda.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        hari_ini = timezone.localdate()
        destinasi = _katalog_queryset().order_by("-tanggal_aktif", "-pk")
        context.update(
            destinasi=list(destinasi[:DESTINASI_BERANDA]),
            jumlah_destinasi=destinasi.count(),
            acara=acara_mendatang(hari_ini, EVENT_BERANDA),
        )
        return context


@method_decorator(halaman_publik(TANDA_EVENT, gzip_juga=True, baca_query=False), name="get")
class EventIcsView(View):
    """iCalendar feed of the window's events (``kalender.event_untuk_feed``); annual events carry
    RRULE:FREQ=YEARLY. Conditional (ETag/Last-Modified): a calendar app polling it gets 304s; built once
    per state of the events and kept with a gzip copy for clients that accept it (``wilayah.publik``)."""

    def get(self, request):
        host = request.get_host().split(":")[0] or "localhost"
        response = HttpResponse(ics_event(event_untuk_feed(timezone.localdate()), host), content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="event-wisata-probolinggo.ics"'
        return response


class FotoPublikView(View):
    """A photo of a published (active) destination; anything else is 404."""

    ukuran = "thumbnail"

    def get(self, request, pk):
        foto = get_object_or_404(FotoDestinasi.objects.publik(), pk=pk)
        berkas = foto.thumbnail if self.ukuran == "thumbnail" else foto.gambar
        return respons_berkas(berkas, cache_control="public, max-age=3600")
