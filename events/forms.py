from django import forms

from .enums import Language


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


class EditForm(forms.Form):
    name = forms.CharField(max_length=100)
    name_en = forms.CharField(max_length=100, required=False)
    organization = forms.CharField(max_length=200)
    title = forms.CharField(max_length=100, required=False)
    email = forms.EmailField(max_length=254)
    phone = forms.CharField(max_length=30, required=False)
    language = forms.ChoiceField(choices=Language.choices)
