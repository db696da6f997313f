from django import forms
from django.utils.translation import gettext, gettext_lazy, pgettext_lazy

from events.limits import max_len

from .enums import Honour, Layout, OrderBy, PlanKind
from .models import SeatingPlan


def _numbers(text: str, field: str) -> list[int]:
    try:
        return [int(x) for x in text.replace("，", ",").replace(" ", ",").split(",") if x.strip()]
    except ValueError as exc:
        raise forms.ValidationError(gettext("numbers separated by commas."), code=field) from exc


class PlanForm(forms.Form):
    name = forms.CharField(max_length=max_len(SeatingPlan, "name"), label=pgettext_lazy("plans", "Name"))
    kind = forms.ChoiceField(choices=PlanKind.choices, label=gettext_lazy("Kind"))
    rows = forms.CharField(
        required=False, label=gettext_lazy("Seats per row, front first"), help_text="5,7 / 12×10"
    )
    tables = forms.CharField(required=False, label=gettext_lazy("Banquet: tables × seats"), help_text="4×10")
    honour = forms.ChoiceField(choices=Honour.choices, label=gettext_lazy("Honoured side"))
    order_by = forms.ChoiceField(choices=OrderBy.choices, label=gettext_lazy("Units ordered by"))
    layout = forms.ChoiceField(choices=Layout.choices, label=gettext_lazy("Layout"))
    reserved_rows = forms.CharField(required=False, label=gettext_lazy("Reserved rows"), help_text="10")
    session = forms.TypedChoiceField(
        required=False, coerce=int, empty_value=None, label=gettext_lazy("Agenda session")
    )

    def __init__(self, *args, sessions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].choices = [("", gettext_lazy("None")), *sessions]

    def clean_rows(self):
        text = self.cleaned_data["rows"].strip()
        if "×" in text or "x" in text.lower():
            per, _, count = text.lower().replace("×", "x").partition("x")
            numbers = _numbers(per, "rows") + _numbers(count, "rows")
            if len(numbers) != 2:
                raise forms.ValidationError(gettext("e.g. 12x10 (seats x rows)."))
            return [numbers[0]] * numbers[1]
        return _numbers(text, "rows")

    def clean_tables(self):
        text = self.cleaned_data["tables"].strip().lower().replace("×", "x")
        if not text:
            return []
        count, _, seats = text.partition("x")
        numbers = _numbers(count, "tables") + _numbers(seats, "tables")
        if len(numbers) != 2:
            raise forms.ValidationError(gettext("e.g. 4x10 (tables x seats)."))
        return [{"number": n, "seats": numbers[1]} for n in range(1, numbers[0] + 1)]

    def clean_reserved_rows(self):
        return _numbers(self.cleaned_data["reserved_rows"], "reserved_rows")
