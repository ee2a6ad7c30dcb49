"""``wilayah.forms.kelurahan_operator_tetap``: an operator's record lies in their own kelurahan; others choose."""

import pytest

from tests.factories import make_user
from wilayah.forms import ScopedModelForm, kelurahan_operator_tetap
from wilayah.models import RW
from wilayah.roles import BAPPEDA, CAMAT, OPERATOR_KELURAHAN


class _RWForm(ScopedModelForm):
    class Meta:
        model = RW
        fields = ["kelurahan", "nomor"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        kelurahan_operator_tetap(self, user)


@pytest.mark.django_db
def test_operator_kelurahan_tetap_pada_kelurahannya(dua_wilayah):
    operator = make_user(OPERATOR_KELURAHAN, kelurahan=dua_wilayah["kel_a"], username="op")
    form = _RWForm(data={"kelurahan": dua_wilayah["kel_b"].pk, "nomor": 3}, user=operator)
    assert form.fields["kelurahan"].disabled and form.instance.kelurahan_id == dua_wilayah["kel_a"].pk
    assert form.is_valid() and form.cleaned_data["kelurahan"] == dua_wilayah["kel_a"]  # a forged value is ignored


@pytest.mark.django_db
@pytest.mark.parametrize("peran", [CAMAT, BAPPEDA])
def test_peran_lain_memilih_kelurahan(dua_wilayah, peran):
    user = make_user(peran, kecamatan=dua_wilayah["kec_a"], username="u")
    form = _RWForm(user=user)
    assert not form.fields["kelurahan"].disabled and form.instance.kelurahan_id is None
