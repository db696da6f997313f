from django import forms
from django.utils import translation

from ..enums import Language
from ..exceptions import DomainError
from ..language import localized
from ..limits import max_len
from ..models import Organization, Registration
from . import services


def _own_words(form: forms.Form) -> None:
    """Django's Chinese for a bad e-mail keeps the English word "Email": say it in the page's language."""
    form.fields["email"].error_messages["invalid"] = translation.gettext("Enter a valid e-mail address.")


class _Person(forms.Form):
    """A person's details, as both forms ask them; each limit is the model's."""

    name = forms.CharField(max_length=max_len(Registration, "name"))
    name_en = forms.CharField(max_length=max_len(Registration, "name_en"), required=False)
    organization = forms.CharField(max_length=max_len(Organization, "name"))
    title = forms.CharField(max_length=max_len(Registration, "title"), required=False)
    email = forms.EmailField(max_length=max_len(Registration, "email"))
    phone = forms.CharField(max_length=max_len(Registration, "phone"), required=False)


class RegistrationForm(_Person):
    field_order = ["category", *_Person.base_fields, "language", "consent"]
    category = forms.ChoiceField()
    language = forms.ChoiceField(choices=Language.choices, required=False)
    consent = forms.BooleanField(required=True)

    def __init__(self, *args, categories=(), en=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [(c.code, localized(c, en=en)) for c in categories]
        _own_words(self)


class EditForm(_Person):
    language = forms.ChoiceField(choices=Language.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _own_words(self)


def registration_fields(data: dict, *, language: str) -> dict:
    """What the registration services take from a filled-in registration form (`language` when none is
    chosen)."""
    fields = {name: data[name] for name in ("name", "name_en", "organization", "title", "email", "phone")}
    return {
        "category_code": data["category"],
        **fields,
        "language": data["language"] or language,
        "consent": data["consent"],
    }


def refused(form: forms.Form, exc: DomainError) -> int:
    """A service's refusal shown on the form (on its field, or above the form): the HTTP status to answer."""
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)
    return exc.status_code


def submit_edit(request, reg: Registration, *, en: bool) -> tuple[EditForm, Registration, int, bool]:
    """The edit form of a registration (the attendee's page and the staff page): filled from it; on POST the
    change goes through `services.update_registration`, a refusal onto the form's field.
    Returns (form, the registration as it is now, HTTP status, saved)."""
    initial = {name: getattr(reg, name) for name in EditForm.base_fields if name != "organization"}
    initial["organization"] = reg.organization.name if reg.organization else ""
    form = EditForm(request.POST or None, initial=initial)
    if request.method != "POST":
        return form, reg, 200, False
    if not form.is_valid():
        return form, reg, 422, False
    try:
        reg = services.update_registration(registration=reg, changes=form.cleaned_data)
    except DomainError as exc:
        return form, reg, refused(form, exc), False
    return form, reg, 200, True


class StaffRegistrationForm(RegistrationForm):
    """Staff add a person: every category (also invitation-only ones); the person's consent is attested."""
