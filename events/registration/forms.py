from django import forms
from django.utils import translation

from ..enums import Language


def _own_words(form: forms.Form) -> None:
    """Django's Chinese for a bad e-mail keeps the English word "Email": say it in the page's language."""
    form.fields["email"].error_messages["invalid"] = translation.gettext("Enter a valid e-mail address.")


class RegistrationForm(forms.Form):
    category = forms.ChoiceField()
    name = forms.CharField(max_length=100)
    name_en = forms.CharField(max_length=100, required=False)
    organization = forms.CharField(max_length=200)
    title = forms.CharField(max_length=100, required=False)
    email = forms.EmailField(max_length=254)
    phone = forms.CharField(max_length=30, required=False)
    language = forms.ChoiceField(choices=Language.choices, required=False)
    consent = forms.BooleanField(required=True)

    def __init__(self, *args, categories=(), en=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [
            (c.code, (c.name_en if en and c.name_en else c.name)) for c in categories
        ]
        _own_words(self)


class EditForm(forms.Form):
    name = forms.CharField(max_length=100)
    name_en = forms.CharField(max_length=100, required=False)
    organization = forms.CharField(max_length=200)
    title = forms.CharField(max_length=100, required=False)
    email = forms.EmailField(max_length=254)
    phone = forms.CharField(max_length=30, required=False)
    language = forms.ChoiceField(choices=Language.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _own_words(self)


class StaffRegistrationForm(RegistrationForm):
    """Staff add a person: every category (also invitation-only ones); the person's consent is attested."""
