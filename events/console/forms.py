"""The console's forms: what an organiser types to prepare an edition. They parse and check the shape of the
input; the rules (dates in order, capacity not below the confirmed, codes unique) are the services'."""

import zoneinfo

from django import forms
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from ..enums import EntryRule
from ..language import localized
from ..limits import max_len
from ..models import Category, CheckInPoint, ConsentNotice, Edition, HandoverItem
from ..units.models import REPLY_SECTIONS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MOMENT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
CODE_HELP = _("Lowercase letters, digits and hyphens; it cannot be changed later.")


def _text(model, name, label, required=False, **kwargs):
    return forms.CharField(label=label, max_length=max_len(model, name), required=required, **kwargs)


def localised(row) -> str:
    """A row's name in the page's language (its English name in English when it has one)."""

    return localized(row)


def _categories_field(label):
    return forms.MultipleChoiceField(label=label, required=False, widget=forms.CheckboxSelectMultiple)


class EditionForm(forms.Form):
    name = _text(Edition, "name", _("Name (Chinese)"), required=True)
    name_en = _text(Edition, "name_en", _("Name (English)"))
    tagline = _text(Edition, "tagline", _("Theme (Chinese)"))
    tagline_en = _text(Edition, "tagline_en", _("Theme (English)"))
    starts_on = forms.DateField(label=_("First day"), widget=DATE)
    ends_on = forms.DateField(label=_("Last day"), widget=DATE)
    venue = _text(Edition, "venue", _("Venue (Chinese)"), required=True)
    venue_en = _text(Edition, "venue_en", _("Venue (English)"))
    timezone = _text(
        Edition, "timezone", _("Time zone"), required=True, help_text=_("An IANA name, e.g. Asia/Shanghai.")
    )
    registration_opens_at = forms.DateTimeField(
        label=_("Registration opens"),
        required=False,
        widget=MOMENT,
        help_text=_("In the edition's time zone; empty: open now."),
    )
    registration_closes_at = forms.DateTimeField(
        label=_("Registration closes"),
        required=False,
        widget=MOMENT,
        help_text=_("In the edition's time zone; empty: when the edition ends."),
    )
    description = forms.CharField(
        label=_("Description (Chinese)"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    description_en = forms.CharField(
        label=_("Description (English)"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, edition: Edition, **kwargs):
        self.tz = zoneinfo.ZoneInfo(edition.timezone or "Asia/Shanghai")
        initial = {name: getattr(edition, name) for name in self.base_fields}
        for name in ("registration_opens_at", "registration_closes_at"):
            if initial[name]:
                initial[name] = initial[name].astimezone(self.tz).replace(tzinfo=None)
        super().__init__(*args, initial=initial, **kwargs)

    def changes(self) -> dict:
        """The service's changes: the window's moments read in the edition's own time zone."""
        data = dict(self.cleaned_data)
        for name in ("registration_opens_at", "registration_closes_at"):
            if data[name] is not None:
                data[name] = data[name].replace(tzinfo=self.tz)
        return data


class NewEditionForm(forms.Form):
    source = forms.ChoiceField(label=_("Start from"), required=False)
    slug = forms.SlugField(
        label=_("Address (slug)"), max_length=max_len(Edition, "slug"), help_text=_("e.g. dazu-2024")
    )
    name = _text(
        Edition, "name", _("Name (Chinese)"), help_text=_("Empty when cloning: last year's, year moved.")
    )
    name_en = _text(Edition, "name_en", _("Name (English)"))
    starts_on = forms.DateField(label=_("First day"), widget=DATE)
    ends_on = forms.DateField(
        label=_("Last day"), widget=DATE, required=False, help_text=_("Empty: one day.")
    )
    venue = _text(Edition, "venue", _("Venue (Chinese)"))

    def __init__(self, *args, sources=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = [("", _("An empty edition"))] + [
            (e.slug, _("A copy of %(name)s") % {"name": localised(e)}) for e in sources
        ]

    def clean(self):
        data = super().clean()
        if not data.get("source") and not (data.get("name") or "").strip():
            self.add_error("name", _("This field is required."))
        return data


class CategoryForm(forms.Form):
    code = forms.SlugField(label=_("Code"), max_length=max_len(Category, "code"), help_text=CODE_HELP)
    name = _text(Category, "name", _("Name (Chinese)"), required=True)
    name_en = _text(Category, "name_en", _("Name (English)"))
    capacity = forms.IntegerField(
        label=_("Capacity"),
        required=False,
        min_value=0,
        max_value=2_147_483_647,
        help_text=_("Empty: no limit."),
    )
    requires_approval = forms.BooleanField(label=_("Registrations need approval"), required=False)
    waitlist = forms.BooleanField(label=_("Waiting list when full"), required=False)
    public = forms.BooleanField(label=_("Offered on the public registration form"), required=False)
    badge_color = forms.CharField(
        label=_("Badge colour"), max_length=7, widget=forms.TextInput(attrs={"type": "color"})
    )
    order = forms.IntegerField(label=_("Order"), required=False, min_value=0, max_value=32767)

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["code"]


class PointForm(forms.Form):
    code = forms.SlugField(label=_("Code"), max_length=max_len(CheckInPoint, "code"), help_text=CODE_HELP)
    name = _text(CheckInPoint, "name", _("Name (Chinese)"), required=True)
    name_en = _text(CheckInPoint, "name_en", _("Name (English)"))
    entry = forms.ChoiceField(label=_("Admits the same ticket"), choices=EntryRule.choices)
    categories = _categories_field(_("Categories it admits"))
    is_default = forms.BooleanField(label=_("The scanner's point when none is chosen"), required=False)

    def __init__(self, *args, categories=(), editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["categories"].choices = [(c.code, localised(c)) for c in categories]
        if editing:
            del self.fields["code"]


class ItemForm(forms.Form):
    code = forms.SlugField(label=_("Code"), max_length=max_len(HandoverItem, "code"), help_text=_("e.g. bag"))
    name = _text(HandoverItem, "name", _("Name (Chinese)"), required=True)
    name_en = _text(HandoverItem, "name_en", _("Name (English)"))
    categories = _categories_field(_("To the categories (none: everyone the point admits)"))

    def __init__(self, *args, categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["categories"].choices = [(c.code, localised(c)) for c in categories]


class ConsentForm(forms.Form):
    version = _text(ConsentNotice, "version", _("New version"), required=True, help_text=_("e.g. 2024.1"))
    text = forms.CharField(label=_("Notice (Chinese)"), widget=forms.Textarea(attrs={"rows": 6}))
    text_en = forms.CharField(
        label=_("Notice (English)"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )


def reply_section_names() -> dict:

    return {
        "arrival": gettext("Arrival"),
        "departure": gettext("Departure"),
        "hotel": gettext("Hotel"),
        "dinner": gettext("Dinner"),
        "dietary": pgettext("staff_units", "Dietary needs"),
        "remarks": gettext("Remarks"),
    }


class ReplySectionsForm(forms.Form):
    sections = forms.MultipleChoiceField(
        label=_("What the reply form asks"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        names = reply_section_names()
        self.fields["sections"].choices = [(s, names[s]) for s in REPLY_SECTIONS]
