"""The organiser's teams page, /staff/o/{org}/teams (flag `admin` on the organiser): teams with their members,
flags and scope; create and edit a team; add a person by e-mail (a new account gets a one-time set-password
link, shown once); mint a team token (shown once) and revoke one. The writes are the platform's services
(organizers/services.py, events.auth.mint_api_token)."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from organizers import services
from organizers.models import Organizer, Team
from organizers.permissions import FLAG_LABELS, FLAGS, allowed

from ..auth import mint_api_token
from ..exceptions import DomainError
from ..models import ApiToken, Edition
from .forms import localised
from .settings_views import refuse

SCOPES = (
    ("organizer", gettext_lazy("The whole organiser")),
    ("series", gettext_lazy("Listed series (and their future editions)")),
    ("editions", gettext_lazy("Listed editions")),
)


class TeamForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Team name"), max_length=Team._meta.get_field("name").max_length
    )
    permissions = forms.MultipleChoiceField(
        label=gettext_lazy("Permissions"), widget=forms.CheckboxSelectMultiple
    )
    scope = forms.ChoiceField(label=gettext_lazy("Scope"), choices=SCOPES, widget=forms.RadioSelect)
    series = forms.MultipleChoiceField(
        label=gettext_lazy("Series"), required=False, widget=forms.CheckboxSelectMultiple
    )
    editions = forms.MultipleChoiceField(
        label=gettext_lazy("Editions"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, organizer: Organizer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["permissions"].choices = [(f, FLAG_LABELS[f]) for f in FLAGS]
        self.fields["series"].choices = [(s.slug, localised(s)) for s in organizer.series.order_by("name")]
        self.fields["editions"].choices = [
            (e.slug, localised(e))
            for e in Edition.objects.filter(series__organizer=organizer).order_by("-starts_on")
        ]

    def clean(self):
        data = super().clean()
        kind = data.get("scope")
        if kind in ("series", "editions") and not data.get(kind):
            self.add_error(kind, _("Tick at least one."))
        return data

    def changes(self) -> dict:
        d = self.cleaned_data
        scope = {"organizer": True} if d["scope"] == "organizer" else {d["scope"]: d[d["scope"]]}
        return {"name": d["name"], "permissions": d["permissions"], "scope": scope}


class MemberForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("E-mail"))
    name = forms.CharField(label=gettext_lazy("Name (optional)"), required=False, max_length=150)


class TokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("What it is for"),
        required=False,
        max_length=ApiToken._meta.get_field("name").max_length,
    )


def _organizer_or_403(request, org: str):
    organizer = Organizer.objects.filter(slug=org).first()
    if organizer is None:
        raise Http404("No such organiser")
    if not allowed(request.user, "admin", organizer=organizer):
        return organizer, HttpResponseForbidden(
            render(request, "staff/forbidden.html", {"role": "admin"}, status=403).content
        )
    return organizer, None


def _team(organizer, team_id: int) -> Team:
    team = Team.objects.filter(organizer=organizer, pk=team_id).first()
    if team is None:
        raise Http404("No such team")
    return team


def _initial(team: Team) -> dict:
    if team.all_series:
        kind = "organizer"
    elif team.editions.exists():
        kind = "editions"
    else:
        kind = "series"
    return {
        "name": team.name,
        "permissions": list(team.permissions),
        "scope": kind,
        "series": list(team.series.values_list("slug", flat=True)),
        "editions": list(team.editions.values_list("slug", flat=True)),
    }


def _page(request, organizer, *, status=200, new_form=None, forms_by_team=None, shown_once=None):
    teams = (
        Team.objects.filter(organizer=organizer)
        .prefetch_related("members", "series", "editions", "tokens")
        .order_by("name")
    )
    rows = []
    for team in teams:
        mine = (forms_by_team or {}).get(team.pk, {})
        rows.append(
            {
                "team": team,
                "flags": [FLAG_LABELS.get(f, f) for f in team.permissions],
                "edit": mine.get("edit")
                or TeamForm(organizer=organizer, initial=_initial(team), prefix=f"t{team.pk}"),
                "member": mine.get("member") or MemberForm(prefix=f"m{team.pk}"),
                "token": mine.get("token") or TokenForm(prefix=f"k{team.pk}"),
                "open": bool(mine),
            }
        )
    context = {
        "organizer": organizer,
        "rows": rows,
        "new_form": new_form or TeamForm(organizer=organizer, initial={"scope": "organizer"}, prefix="new"),
        "shown_once": shown_once,
    }
    response = render(request, "console/teams.html", context, status=status)
    response["Cache-Control"] = "no-store"  # a secret shown once is never kept by a cache
    return response


@login_required
def teams(request: HttpRequest, org: str) -> HttpResponse:
    """The list, and (POST) a new team."""
    organizer, denied = _organizer_or_403(request, org)
    if denied:
        return denied
    if request.method != "POST":
        return _page(request, organizer)
    form = TeamForm(request.POST, organizer=organizer, prefix="new")
    if form.is_valid():
        try:
            team = services.save_team(organizer=organizer, changes=form.changes())
        except DomainError as exc:
            return _page(request, organizer, status=refuse(form, exc), new_form=form)
        messages.success(request, _("Team %(name)s created.") % {"name": team.name})
        return redirect(reverse("console_teams", kwargs={"org": org}) + f"#team-{team.pk}")
    return _page(request, organizer, status=422, new_form=form)


@require_POST
@login_required
def team_action(request: HttpRequest, org: str, team_id: int, action: str) -> HttpResponse:
    """edit, delete, add-member, remove-member, mint-token, revoke-token."""
    organizer, denied = _organizer_or_403(request, org)
    if denied:
        return denied
    team = _team(organizer, team_id)
    back = redirect(reverse("console_teams", kwargs={"org": org}) + f"#team-{team.pk}")
    if action == "edit":
        form = TeamForm(request.POST, organizer=organizer, prefix=f"t{team.pk}")
        if not form.is_valid():
            return _page(request, organizer, status=422, forms_by_team={team.pk: {"edit": form}})
        try:
            services.save_team(organizer=organizer, team=team, changes=form.changes())
        except DomainError as exc:
            return _page(
                request, organizer, status=refuse(form, exc), forms_by_team={team.pk: {"edit": form}}
            )
        messages.success(request, _("Saved."))
        return back
    if action == "delete":
        services.delete_team(team=team)
        messages.success(request, _("Team %(name)s deleted.") % {"name": team.name})
        return redirect("console_teams", org=org)
    if action == "add-member":
        return _add_member(request, organizer, team)
    if action == "remove-member":
        left = [
            u for u in team.members.values_list("username", flat=True) if u != request.POST.get("username")
        ]
        services.save_team(organizer=organizer, team=team, changes={"members": left})
        messages.success(request, _("Removed."))
        return back
    if action == "mint-token":
        form = TokenForm(request.POST, prefix=f"k{team.pk}")
        if not form.is_valid():
            return _page(request, organizer, status=422, forms_by_team={team.pk: {"token": form}})
        row, secret = mint_api_token(team=team, name=form.cleaned_data["name"])
        shown = {"kind": "token", "team": team, "value": secret, "label": row.name or row.prefix}
        return _page(request, organizer, status=201, shown_once=shown)
    if action == "revoke-token":
        row = ApiToken.objects.filter(team=team, pk=request.POST.get("token") or 0).first()
        if row is None:
            raise Http404("No such token")
        row.delete()
        messages.success(request, _("Token revoked: it no longer opens anything."))
        return back
    raise Http404("No such action")


def _add_member(request, organizer, team) -> HttpResponse:
    """Add a person by e-mail: an existing account joins at once; a new one is created without a password
    and its one-time set-password link is shown once, here."""
    form = MemberForm(request.POST, prefix=f"m{team.pk}")
    if not form.is_valid():
        return _page(request, organizer, status=422, forms_by_team={team.pk: {"member": form}})
    email = form.cleaned_data["email"].strip().lower()
    link = None
    try:
        with transaction.atomic():
            user = get_user_model().objects.filter(email__iexact=email).order_by("pk").first()
            if user is None:
                user, path = services.create_user(username=email, email=email, name=form.cleaned_data["name"])
                link = request.build_absolute_uri(path)
            members = list(team.members.values_list("username", flat=True)) + [user.username]
            services.save_team(organizer=organizer, team=team, changes={"members": members})
    except DomainError as exc:
        status = refuse(form, exc)
        return _page(request, organizer, status=status, forms_by_team={team.pk: {"member": form}})
    if link is None:
        messages.success(request, _("%(who)s joined %(team)s.") % {"who": user.username, "team": team.name})
        return redirect(reverse("console_teams", kwargs={"org": organizer.slug}) + f"#team-{team.pk}")
    shown = {"kind": "link", "team": team, "value": link, "label": email}
    return _page(request, organizer, status=201, shown_once=shown)
