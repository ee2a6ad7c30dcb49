"""The report pages. They read frozen figures only (``LaporanBulanan``, ``AngkaBulanan`` and
``laporan.isi``), never a programme's tables, and each runs a fixed number of queries whatever the
number of regions: lists are paginated, rankings are ordered and cut in the database, a page shows
the level below one region at a time (city -> kecamatan -> kelurahan).

- ``LaporanListView`` (``laporan:index``): the reports the user may see, filtered and paginated.
- ``LaporanDetailView`` (``laporan:detail``): what a report says, its versions, its files.
- ``LaporanPdfView`` / ``LaporanXlsxView``: the files, through ``for_user`` (404 outside the scope).
- ``WalikotaView`` (``laporan:walikota``): the mayor's office home: the city this month against its
  targets, the kelurahan that lead and lag, twelve months of trend, every kelurahan one search away.
- ``DasborView`` (``laporan:dasbor``): Bappeda's home: a heat table of region x indicator at each
  level, completeness, trends, the runs and the form that starts one.
- ``MulaiProsesView`` / ``ProsesDetailView``: start a run; watch it (``?kemajuan=1`` answers JSON
  for ``static/js/laporan_proses.js``).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import FloatField, Q
from django.db.models.fields.json import KT
from django.db.models.functions import Cast
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, TemplateView, View

from wilayah.access import ScopedViewMixin
from wilayah.berkas import respons_berkas_buatan
from wilayah.daftar import FilteredListView, teks_dari
from wilayah.impor import XLSX_CONTENT_TYPE
from wilayah.models import Kecamatan
from wilayah.periode import bulan_sah_dari, bulan_tahun, geser_bulan, kode_bulan
from wilayah.ringkasan import Agregasi, terdaftar
from wilayah.scoping import Tingkat, boleh

from . import services, tasks
from .filters import LaporanFilterSet
from .forms import MulaiProsesForm
from .isi import BULAN_TREN, angka_terbit, isi_laporan, memenuhi_target, seri, tampil_nilai, titik_tren
from .models import KUNCI_KOTA, AngkaBulanan, LaporanBulanan, ProsesLaporan, Sumber

PER_HALAMAN = 25
BATAS_TINDAKAN = 30  # regions with "needs action" lines shown on a report page (the PDF has them all)
JUMLAH_PERINGKAT = 5
BATAS_CARI = 20
# The rankings of the mayor's page: (programme, indicator); those not registered are left out.
PERINGKAT = (("kader", "aktif"), ("kader", "kelurahan_sesuai_target"), ("wisata", "persen_rw"), ("lkk", "persen_sk_berlaku"))
# Programme pages linked from the dashboard (those whose URLconf is installed).
HALAMAN_PROGRAM = (
    ("kader", _("Kader (KPM)")), ("lkk", _("Lembaga (LKK)")), ("pud", _("Produk Unggulan")), ("wisata", _("Wisata")),
    ("pelatihan", _("Diklat")),
)  # fmt: skip


# --------------------------------------------------------------------------- helpers


def indikator_bertarget(program) -> list:
    """The indicators a group's value is read against a target (those the mayor's page shows)."""
    return [ind for ind in program.indikator if ind.target_kota is not None or ind.agregasi == Agregasi.CAPAIAN_TARGET]


def nama_berkas(laporan: LaporanBulanan, ekstensi: str) -> str:
    """laporan-35.74.04.1004-2026-05-v1.pdf; the city's: laporan-kota-2026-05-v1.pdf."""
    return f"laporan-{laporan.kunci_wilayah}-{laporan.tahun}-{laporan.bulan:02d}-v{laporan.versi}.{ekstensi}"


def laporan_terbit(user):
    """The published reports the user may see."""
    return LaporanBulanan.objects.for_user(user).terbaru().filter(status=LaporanBulanan.Status.SELESAI)


def bulan_kota_terakhir(user) -> tuple[int, int] | None:
    """The latest month with a published city report."""
    return laporan_terbit(user).filter(tingkat=Tingkat.KOTA).order_by("-tahun", "-bulan").values_list("tahun", "bulan").first()


def halaman_program() -> list[tuple[str, str]]:
    hasil = []
    for app, judul in HALAMAN_PROGRAM:
        try:
            hasil.append((judul, reverse(f"{app}:index")))
        except NoReverseMatch:
            continue
    return hasil


# --------------------------------------------------------------------------- list, detail, files


class LaporanListView(FilteredListView):
    """The reports the user may see (an operator: the kelurahan's; a camat: the kecamatan's and its
    kelurahan's; the city: all), the published version of each by default."""

    model = LaporanBulanan
    filterset_class = LaporanFilterSet
    template_name = "laporan/index.html"
    paginate_by = 50

    def get_scoped_queryset(self):
        return super().get_scoped_queryset().select_related("kelurahan", "kecamatan", "dibuat_oleh")


class LaporanDetailView(ScopedViewMixin, DetailView):
    model = LaporanBulanan
    template_name = "laporan/detail.html"
    context_object_name = "laporan"

    def get_queryset(self):
        return super().get_queryset().select_related("kelurahan__kecamatan", "kecamatan", "dibuat_oleh", "proses")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        laporan = self.object
        isi = isi_laporan(laporan)
        program = [
            {"bagian": bagian, "baris": [(b, isi.seri(bagian.app, b.kode)) for b in bagian.baris]} for bagian in isi.program
        ]
        versi = (
            super().get_queryset().filter(kunci_wilayah=laporan.kunci_wilayah, tahun=laporan.tahun, bulan=laporan.bulan)
            .exclude(pk=laporan.pk).order_by("-versi").values("pk", "versi", "status", "terbaru", "selesai")
        )
        bawah = Paginator(isi.wilayah_bawah, PER_HALAMAN).get_page(self.request.GET.get("page"))
        kolom_bawah = [(p.app, ind) for p in terdaftar() for ind in indikator_bertarget(p)]
        context.update(
            isi=isi, program=program, versi_lain=list(versi), bawah=bawah, kolom_bawah=kolom_bawah,
            baris_bawah=[(w, [tampil_nilai(ind, w.nilai.get(app, {}).get(ind.kode)) for app, ind in kolom_bawah]) for w in bawah.object_list],
            tindakan=isi.tindakan[:BATAS_TINDAKAN], tindakan_lain=max(len(isi.tindakan) - BATAS_TINDAKAN, 0),
            boleh_proses=laporan.proses_id is not None and boleh(self.request.user, ProsesLaporan, "view"),
            selesai=laporan.status == LaporanBulanan.Status.SELESAI,
        )
        return context


class _LaporanBerkasView(ScopedViewMixin, View):
    model = LaporanBulanan
    ekstensi = ""
    content_type = ""
    lampiran = False

    def get(self, request, pk):
        laporan = get_object_or_404(self.get_queryset(), pk=pk)
        return respons_berkas_buatan(
            getattr(laporan, self.ekstensi), nama=nama_berkas(laporan, self.ekstensi), content_type=self.content_type,
            sebagai_lampiran=self.lampiran,
        )


class LaporanPdfView(_LaporanBerkasView):
    ekstensi, content_type, lampiran = "pdf", "application/pdf", False


class LaporanXlsxView(_LaporanBerkasView):
    ekstensi, content_type, lampiran = "xlsx", XLSX_CONTENT_TYPE, True


# --------------------------------------------------------------------------- the mayor's page


@dataclass
class BarisTarget:
    app: str
    judul: str
    indikator: object
    nilai: float | int | None
    target: float | int | None
    seri: list

    @property
    def persen(self) -> float | None:
        if self.nilai is None or not self.target:
            return None
        return round(100 * self.nilai / self.target, 1)

    @property
    def memenuhi(self) -> bool | None:
        return memenuhi_target(self.target, self.nilai)

    @property
    def lebar(self) -> int:
        return min(round(self.persen or 0), 100)


class _HalamanBulanMixin:
    """Reads ``?bulan=YYYY-MM``; by default the latest month with a published city report. A bad
    value is said in a message, never a 500."""

    def periode(self) -> tuple[int, int]:
        if not hasattr(self, "_periode"):
            teks = self.request.GET.get("bulan")
            diminta = bulan_sah_dari(teks_dari(teks, 10)) if teks else None
            if teks and diminta is None:
                messages.warning(self.request, _("Bulan \"%(teks)s\" tidak dikenal; ditampilkan bulan laporan terakhir.") % {"teks": teks_dari(teks, 20)})
            hari_ini = timezone.localdate()
            self._periode = diminta or bulan_kota_terakhir(self.request.user) or (hari_ini.year, hari_ini.month)
        return self._periode

    def konteks_periode(self) -> dict:
        tahun, bulan = self.periode()
        return {
            "tahun": tahun, "bulan": bulan, "periode": bulan_tahun(tahun, bulan), "kode_bulan": kode_bulan(tahun, bulan),
            "bulan_sebelum": kode_bulan(*geser_bulan(tahun, bulan, -1)), "bulan_sesudah": kode_bulan(*geser_bulan(tahun, bulan, 1)),
        }


class WalikotaView(_HalamanBulanMixin, ScopedViewMixin, TemplateView):
    """The Kantor Wali Kota's home page (any city-wide reader may open it)."""

    model = LaporanBulanan
    cakupan_wajib = Tingkat.KOTA
    template_name = "laporan/walikota.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        tahun, bulan = self.periode()
        context.update(self.konteks_periode())
        terbit = laporan_terbit(user).periode(tahun, bulan)
        kota = terbit.filter(tingkat=Tingkat.KOTA).first()
        context["kota"] = kota
        context["boleh_mulai"] = boleh(user, ProsesLaporan, "add")
        if kota is None:
            return context
        angka = {a.program: a for a in AngkaBulanan.objects.for_user(user).filter(laporan=kota)}
        tren_kota = titik_tren(angka_terbit(KUNCI_KOTA, tahun, bulan, bulan_mundur=BULAN_TREN - 1, angka=AngkaBulanan.objects.for_user(user)), tahun, bulan)
        target = []
        for program in terdaftar():
            a = angka.get(program.app)
            if a is None:
                continue
            for ind in indikator_bertarget(program):
                if ind.kode in a.target:
                    target.append(BarisTarget(
                        app=program.app, judul=str(program.judul), indikator=ind, nilai=a.nilai.get(ind.kode), target=a.target[ind.kode],
                        seri=seri(tren_kota, program.app, ind.kode),
                    ))
        semua = [
            (program, [(ind, tampil_nilai(ind, angka[program.app].nilai.get(ind.kode))) for ind in program.indikator])
            for program in terdaftar() if program.app in angka
        ]  # fmt: skip
        context.update(
            target=target, angka_kota=semua, kelengkapan=kota.kelengkapan or {}, peringkat=self.peringkat(tahun, bulan),
            **self.kecamatan_dan_cari(terbit),
        )
        return context

    def peringkat(self, tahun: int, bulan: int) -> list[dict]:
        """For each ranked indicator, the five kelurahan highest and lowest (ordered in the database)."""
        program = {p.app: p for p in terdaftar()}
        hasil = []
        for app, kode in PERINGKAT:
            if app not in program:
                continue
            ind = next((i for i in program[app].indikator if i.kode == kode), None)
            if ind is None:
                continue
            qs = (
                AngkaBulanan.objects.for_user(self.request.user)
                .filter(program=app, laporan__terbaru=True, laporan__status=LaporanBulanan.Status.SELESAI,
                        laporan__tahun=tahun, laporan__bulan=bulan, laporan__tingkat=Tingkat.KELURAHAN)
                .annotate(v=Cast(KT(f"nilai__{kode}"), FloatField()))
                .filter(v__isnull=False)
                .values("laporan_id", "laporan__kelurahan__nama", "laporan__kecamatan__nama", "v")
            )  # fmt: skip
            atas = list(qs.order_by("-v", "laporan__kunci_wilayah")[:JUMLAH_PERINGKAT])
            bawah = list(qs.order_by("v", "laporan__kunci_wilayah")[:JUMLAH_PERINGKAT])
            hasil.append({"app": app, "judul": str(program[app].judul), "indikator": ind, "atas": atas, "bawah": bawah})
        return hasil

    def kecamatan_dan_cari(self, terbit) -> dict:
        """Every kelurahan's report one step away: the kecamatan of the month (paginated; each report
        lists its kelurahan) and a search over the month's kelurahan reports (at most ``BATAS_CARI``)."""
        kecamatan = Paginator(
            terbit.filter(tingkat=Tingkat.KECAMATAN).select_related("kecamatan").order_by("kunci_wilayah", "pk"), PER_HALAMAN
        ).get_page(self.request.GET.get("page"))
        q = teks_dari(self.request.GET.get("q"))
        hasil_cari = None
        if q:
            hasil_cari = list(
                terbit.filter(tingkat=Tingkat.KELURAHAN)
                .filter(Q(kelurahan__nama__icontains=q) | Q(kunci_wilayah__startswith=q))
                .select_related("kelurahan", "kecamatan").order_by("kunci_wilayah")[: BATAS_CARI + 1]
            )
        return {
            "kecamatan_page": kecamatan, "q": q, "hasil_cari": hasil_cari[:BATAS_CARI] if hasil_cari is not None else None,
            "cari_terpotong": hasil_cari is not None and len(hasil_cari) > BATAS_CARI,
        }


# --------------------------------------------------------------------------- Bappeda's dashboard


@dataclass
class Sel:
    nilai: float | int | None
    teks: str
    kelas: str
    keterangan: str


def _kuartil(urut: list, nilai) -> int:
    """1..4: where ``nilai`` lies among the sorted column values; 0 (no shade) when the column has
    nothing to compare (empty, or every value the same: a column of zeros is not "the highest")."""
    if not urut or urut[0] == urut[-1]:
        return 0
    return min(4, 1 + (4 * (bisect_right(urut, nilai) - 1)) // len(urut))


class DasborView(_HalamanBulanMixin, ScopedViewMixin, TemplateView):
    """Bappeda's home page: a heat table of one programme's indicators for the kecamatan of the city
    or, after a click, the kelurahan of one kecamatan, one page at a time."""

    model = LaporanBulanan
    cakupan_wajib = Tingkat.KOTA
    template_name = "laporan/dasbor.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        tahun, bulan = self.periode()
        context.update(self.konteks_periode())
        daftar_program = terdaftar()
        kode_program = teks_dari(self.request.GET.get("program"), 30)
        program = next((p for p in daftar_program if p.app == kode_program), daftar_program[0] if daftar_program else None)

        kode_kec = teks_dari(self.request.GET.get("kecamatan"), 20)
        kecamatan = Kecamatan.objects.for_user(user).filter(kode=kode_kec).first() if kode_kec else None
        if kode_kec and kecamatan is None:
            messages.warning(self.request, _("Kecamatan \"%(kode)s\" tidak dikenal; ditampilkan seluruh kota.") % {"kode": kode_kec})

        terbit = laporan_terbit(user).periode(tahun, bulan)
        if kecamatan is not None:
            induk = terbit.filter(tingkat=Tingkat.KECAMATAN, kecamatan=kecamatan).first()
            baris_qs = terbit.filter(tingkat=Tingkat.KELURAHAN, kecamatan=kecamatan)
        else:
            induk = terbit.filter(tingkat=Tingkat.KOTA).first()
            baris_qs = terbit.filter(tingkat=Tingkat.KECAMATAN)
        halaman = Paginator(
            baris_qs.select_related("kelurahan", "kecamatan").order_by("kunci_wilayah", "pk"), PER_HALAMAN
        ).get_page(self.request.GET.get("page"))

        indikator = list(program.indikator) if program else []
        baris = []
        induk_baris = None
        if program is not None:
            laporan_ids = [lap.pk for lap in halaman.object_list]
            angka = {
                a["laporan_id"]: a for a in AngkaBulanan.objects.for_user(user)
                .filter(program=program.app, laporan_id__in=laporan_ids + ([induk.pk] if induk else []))
                .values("laporan_id", "nilai", "target")
            }  # fmt: skip
            kolom = defaultdict(list)  # the level's values of each indicator without a target (quartiles)
            for nilai in AngkaBulanan.objects.for_user(user).filter(program=program.app, laporan__in=baris_qs).values_list("nilai", flat=True):
                for ind in indikator:
                    v = (nilai or {}).get(ind.kode)
                    if v is not None:
                        kolom[ind.kode].append(v)
            for v in kolom.values():
                v.sort()
            for lap in halaman.object_list:
                a = angka.get(lap.pk, {})
                baris.append((lap, [self.sel(ind, a, kolom) for ind in indikator]))
            if induk is not None and induk.pk in angka:
                induk_baris = [self.sel(ind, angka[induk.pk], {}) for ind in indikator]
        tren_wilayah = titik_tren(angka_terbit(
            induk.kunci_wilayah if induk else KUNCI_KOTA, tahun, bulan, bulan_mundur=BULAN_TREN - 1, angka=AngkaBulanan.objects.for_user(user),
        ), tahun, bulan)
        tren_program = [(ind, seri(tren_wilayah, program.app, ind.kode)) for ind in indikator] if program else []

        context.update(
            daftar_program=daftar_program, program=program, indikator=indikator, kecamatan=kecamatan, induk=induk,
            induk_baris=induk_baris, halaman=halaman, baris=baris, tren_program=tren_program,
            kelengkapan=(induk.kelengkapan if induk else {}) or {}, halaman_program=halaman_program(),
            proses_list=list(ProsesLaporan.objects.for_user(user).select_related("dibuat_oleh", "kelurahan")[:5]),
            boleh_mulai=boleh(user, ProsesLaporan, "add"),
        )
        if context["boleh_mulai"]:
            context["form_mulai"] = MulaiProsesForm(initial={"periode": kode_bulan(*services.bulan_lalu())})
        return context

    @staticmethod
    def sel(ind, angka: dict, kolom: dict) -> Sel:
        nilai = (angka.get("nilai") or {}).get(ind.kode)
        if nilai is None:
            return Sel(None, "–", "sel-kosong", _("tidak ada data"))
        teks = ind.tampil(nilai)
        target = (angka.get("target") or {}).get(ind.kode)
        if target is not None:
            if memenuhi_target(target, nilai):
                return Sel(nilai, teks, "sel-capai", _("memenuhi target"))
            return Sel(nilai, teks, "sel-kurang", _("belum memenuhi target"))
        urut = kolom.get(ind.kode)
        if not urut:
            return Sel(nilai, teks, "", "")
        k = _kuartil(urut, nilai)
        if not k:
            return Sel(nilai, teks, "", "")
        return Sel(nilai, teks, f"sel-k{k}", _("kuartil %(k)s dari 4") % {"k": k})


# --------------------------------------------------------------------------- runs


class MulaiProsesView(ScopedViewMixin, FormView):
    """Bappeda starts a month's reports (all kelurahan or one; a new version on request)."""

    model = ProsesLaporan
    required_action = "add"
    cakupan_wajib = Tingkat.KOTA
    form_class = MulaiProsesForm
    template_name = "laporan/mulai.html"

    def get_initial(self):
        return {"periode": kode_bulan(*services.bulan_lalu())}

    def form_valid(self, form):
        tahun, bulan = form.cleaned_data["periode"]
        try:
            proses = tasks.mulai_dan_antrikan(
                tahun=tahun, bulan=bulan, kelurahan=form.cleaned_data["kelurahan"], ulang=form.cleaned_data["ulang"],
                sumber=Sumber.PENGGUNA, acting_user=self.request.user,
            )
        except ValidationError as exc:
            for pesan in exc.messages:
                form.add_error(None, pesan)
            return self.form_invalid(form)
        except PermissionDenied:
            raise
        messages.success(self.request, _("Pembuatan laporan %(periode)s dimulai.") % {"periode": proses.periode})
        return redirect("laporan:proses", pk=proses.pk)


class ProsesDetailView(ScopedViewMixin, DetailView):
    """A run's progress; ``?kemajuan=1`` answers JSON for the page's script."""

    model = ProsesLaporan
    template_name = "laporan/proses.html"
    context_object_name = "proses"

    def get_queryset(self):
        return super().get_queryset().select_related("dibuat_oleh", "kelurahan")

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if "kemajuan" in request.GET:
            p = self.object
            response = JsonResponse({
                "status": p.status, "status_teks": p.get_status_display(), "selesai": not p.berjalan, "persen": p.persen,
                "jumlah_selesai": p.jumlah_selesai, "jumlah_laporan": p.jumlah_laporan, "pesan": p.pesan,
            })  # fmt: skip
        else:
            response = self.render_to_response(self.get_context_data(object=self.object))
        add_never_cache_headers(response)
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["laporan_kota"] = (
            LaporanBulanan.objects.for_user(self.request.user).filter(proses=self.object, tingkat=Tingkat.KOTA).order_by("-versi").first()
        )
        context["gagal"] = list(
            LaporanBulanan.objects.for_user(self.request.user).filter(proses=self.object, status=LaporanBulanan.Status.GAGAL)
            .order_by("kunci_wilayah").values("pk", "kunci_wilayah", "pesan")[:20]
        )
        context["halaman_program"] = halaman_program()
        return context


# --------------------------------------------------------------------------- the region home pages' panel


def konteks_panel(request, wilayah) -> dict:
    """The laporan panel of a kelurahan, kecamatan or city home page: the region's latest published
    report (one query, through ``for_user``)."""
    kunci = getattr(wilayah, "kode", None) or KUNCI_KOTA
    laporan = laporan_terbit(request.user).filter(kunci_wilayah=kunci).order_by("-tahun", "-bulan").first()
    return {"laporan": laporan, "daftar_url": reverse("laporan:index")}
