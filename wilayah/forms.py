"""Form helpers: every choice of a region-bound object is limited to the user's scope."""

from django import forms

from .models import RT, RW
from .scoping import is_scoped_model


class ScopedModelForm(forms.ModelForm):
    """A ModelForm that takes ``user`` and narrows every scoped choice field with ``for_user``."""

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is not None and is_scoped_model(queryset.model):
                field.queryset = queryset.for_user(user)


class RWForm(ScopedModelForm):
    class Meta:
        model = RW
        fields = ["kelurahan", "nomor", "nama_ketua"]


class RTForm(ScopedModelForm):
    class Meta:
        model = RT
        fields = ["rw", "nomor"]


class BootstrapWidgetsMixin:
    """Bootstrap classes on every widget, for compact forms rendered field by field (list filters)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, (forms.Select, forms.SelectMultiple)):
                css = "form-select form-select-sm"
            else:
                css = "form-control form-control-sm"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
