"""The console's home (/staff/): the organisers, series and editions the user reaches, each edition with the
sections its flags allow."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from organizers.permissions import FLAGS, allowed, editions_for
from organizers.services import create_edition

from ..exceptions import DomainError
from ..models import Series
from .forms import NewEditionForm
from .nav import sections_for
from .settings_views import refuse


def console_groups(user) -> list[dict]:
    """[{organizer, can_admin, series: [{series, can_create, editions: [{edition, sections}]}]}]: every
    edition the user reaches with the sections it may open, and every series where it may create one."""
    groups: dict = {}

    def series_entry(series):
        org = series.organizer
        group = groups.setdefault(
            org.pk,
            {"organizer": org, "can_admin": allowed(user, "admin", organizer=org), "series": {}},
        )
        return group["series"].setdefault(
            series.pk,
            {
                "series": series,
                "can_create": allowed(user, "settings", series=series),
                "can_follow": allowed(user, ("projects", "view"), series=series),
                "editions": [],
            },
        )

    editions = editions_for(user).select_related("series__organizer")
    for edition in editions.order_by("series__organizer__slug", "series__name", "-starts_on"):
        sections = sections_for(user, edition)
        if sections:
            series_entry(edition.series)["editions"].append({"edition": edition, "sections": sections})
    # A series where the user may create the first edition (no edition of it reached yet).
    for series in Series.objects.select_related("organizer").order_by("organizer__slug", "name"):
        if series.pk not in {s for g in groups.values() for s in g["series"]} and allowed(
            user, "settings", series=series
        ):
            series_entry(series)
    return [{**g, "series": list(g["series"].values())} for g in groups.values()]


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The staff home: for each edition the user reaches, what their flags let them do (the scanner first for
    the door's staff), so that nobody lands on a dead end after logging in."""
    if not allowed(request.user, FLAGS):
        return HttpResponseForbidden(
            render(request, "staff/forbidden.html", {"role": None}, status=403).content
        )
    return render(
        request,
        "console/home.html",
        {
            "groups": console_groups(request.user),
            "is_admin": request.user.is_superuser or allowed(request.user, "admin"),
        },
    )


@login_required
def new_edition(request: HttpRequest, series: str) -> HttpResponse:
    """Create an edition of a series: empty, or a copy of one the user reaches (flag `settings` on both)."""
    row = Series.objects.filter(slug=series).first()
    if row is None:
        raise Http404("No such series")
    if not allowed(request.user, "settings", series=row):
        return HttpResponseForbidden(
            render(request, "staff/forbidden.html", {"role": "settings"}, status=403).content
        )
    sources = list(editions_for(request.user, "settings").filter(series=row).order_by("-starts_on"))
    form = NewEditionForm(
        request.POST or None, sources=sources, initial={"source": sources[0].slug if sources else ""}
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                edition = _create(request.user, row, sources, data)
            except DomainError as exc:
                status = refuse(form, exc)
            else:
                messages.success(request, _("Created %(name)s as a draft.") % {"name": edition.name})
                return redirect("console_settings", slug=edition.slug)
        else:
            status = 422
    return render(request, "console/new_edition.html", {"series": row, "form": form}, status=status)


def _create(user, series, sources, data):
    """The platform's service (organizers/services.py) creates it: empty, or cloned from an edition of the
    same organiser the user holds `settings` on. A clone left unnamed keeps last year's name, year moved."""
    source = next((e for e in sources if e.slug == data["source"]), None)
    name, name_en = data["name"].strip(), data["name_en"].strip()
    if source is not None:
        old, new = str(source.starts_on.year), str(data["starts_on"].year)
        name = name or source.name.replace(old, new)
        name_en = name_en or source.name_en.replace(old, new)
    return create_edition(
        series=series,
        slug=data["slug"],
        name=name,
        name_en=name_en,
        starts_on=data["starts_on"],
        ends_on=data["ends_on"],
        venue=data["venue"],
        clone_from=source,
        user=user,
    )
