from django import forms
from django.utils.translation import gettext_lazy

from events.limits import max_len

from .enums import SessionKind
from .models import Release, Session


class SessionForm(forms.Form):
    title = forms.CharField(max_length=max_len(Session, "title"))
    title_en = forms.CharField(max_length=max_len(Session, "title_en"), required=False)
    kind = forms.ChoiceField(choices=SessionKind.choices)
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(widget=forms.TimeInput(attrs={"type": "time"}))
    end = forms.TimeField(widget=forms.TimeInput(attrs={"type": "time"}))
    room = forms.ChoiceField()
    speakers = forms.CharField(required=False, help_text=gettext_lazy("Names separated by commas"))
    host = forms.CharField(required=False)
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    description_en = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    expected_categories = forms.MultipleChoiceField(required=False)
    allow_conflicts = forms.BooleanField(required=False)

    def __init__(self, *args, rooms=(), categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["room"].choices = [(r.name, f"{r.name} {r.name_en}".strip()) for r in rooms]
        self.fields["expected_categories"].choices = [
            (c.code, f"{c.name} {c.name_en}".strip()) for c in categories
        ]

    def service_data(self) -> dict:
        """What the services take: naive local times (the edition's zone) and a list of names."""
        d = self.cleaned_data
        names = [n.strip() for n in d["speakers"].replace("，", ",").split(",") if n.strip()]
        return {
            "title": d["title"],
            "title_en": d["title_en"],
            "kind": d["kind"],
            "starts_at": f"{d['day'].isoformat()}T{d['start'].strftime('%H:%M')}",
            "ends_at": f"{d['day'].isoformat()}T{d['end'].strftime('%H:%M')}",
            "room": d["room"],
            "speakers": names,
            "host": d["host"].strip() or None,
            "description": d["description"],
            "description_en": d["description_en"],
            "expected_categories": d["expected_categories"],
        }


class PublishForm(forms.Form):
    comment = forms.CharField(max_length=max_len(Release, "comment"), required=False)
