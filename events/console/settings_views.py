"""Edition settings pages under /staff/e/{slug}/settings (flag `settings`), and a new edition under
/staff/s/{series}/new. Views parse the form and call one service; a refused input comes back on the form with
the service's message, in the page's language."""

from django.contrib import messages
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import editions, selectors, setup
from ..access import flag_required, get_edition_or_404
from ..exceptions import DomainError
from ..models import Category, HandoverItem
from ..registration.services import current_consent_notice
from ..units import reply_form
from . import forms


def refuse(form, exc: DomainError) -> int:
    """Put a service's refusal on the form: on its field when the form has one, else at the top."""
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)
    return exc.status_code


def _render(request, template, context, status=200):
    return render(request, f"console/{template}", context, status=status)


def _settings_context(request, edition, form=None) -> dict:
    points = edition.checkin_points.prefetch_related("categories", "handover_items").order_by("id")
    return {
        "edition": edition,
        "form": form or forms.EditionForm(edition=edition),
        "categories": selectors.categories_with_counts(edition),
        "points": points,
        "notice": current_consent_notice(edition),
        "sections_form": forms.ReplySectionsForm(initial={"sections": edition.reply_sections}),
    }


@flag_required("settings")
def edition_settings(request: HttpRequest, slug: str) -> HttpResponse:
    edition = get_edition_or_404(slug)
    form = forms.EditionForm(request.POST or None, edition=edition)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                editions.update_edition(edition=edition, changes=form.changes())
            except DomainError as exc:
                status = refuse(form, exc)
            else:
                messages.success(request, _("Saved."))
                return redirect("console_settings", slug=slug)
        else:
            status = 422
    return _render(request, "settings.html", _settings_context(request, edition, form), status)


@require_POST
@flag_required("settings")
def publish(request: HttpRequest, slug: str) -> HttpResponse:
    edition = get_edition_or_404(slug)
    published = request.POST.get("published") == "1"
    try:
        editions.update_edition(edition=edition, changes={"published": published})
    except DomainError as exc:
        # Refused (the privacy notice waits to be confirmed): the settings page says why and what to do.
        messages.error(request, exc.message)
        return _render(request, "settings.html", _settings_context(request, edition), exc.status_code)
    if published:
        messages.success(
            request, _("Published: the edition is listed and takes registrations in its window.")
        )
    else:
        messages.success(request, _("Back to draft: the public no longer sees it."))
    return redirect("console_settings", slug=slug)


def _category_values(data: dict) -> dict:
    return {**data, "order": data.get("order") or 0}


@flag_required("settings")
def category(request: HttpRequest, slug: str, code: str | None = None) -> HttpResponse:
    """Add a category (no code in the URL) or change one."""
    edition = get_edition_or_404(slug)
    cat = None
    if code is not None:
        cat = Category.objects.filter(edition=edition, code=code).first()
        if cat is None:
            raise Http404("No such category")
    initial = (
        {f: getattr(cat, f) for f in forms.CategoryForm.base_fields if f != "code"}
        if cat
        else {"public": True, "badge_color": "#9b1c1c", "order": edition.categories.count() + 1}
    )
    form = forms.CategoryForm(request.POST or None, initial=initial, editing=cat is not None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                setup.save_category(edition=edition, category=cat, **_category_values(form.cleaned_data))
            except DomainError as exc:
                status = refuse(form, exc)
            else:
                messages.success(request, _("Saved."))
                return redirect(reverse("console_settings", kwargs={"slug": slug}) + "#categories")
        else:
            status = 422
    confirmed = selectors.categories_with_counts(edition)
    taken = next((c.n_confirmed for c in confirmed if cat and c.pk == cat.pk), 0)
    return _render(
        request, "category.html", {"edition": edition, "form": form, "cat": cat, "taken": taken}, status
    )


def _chosen(edition, codes) -> list[Category]:
    return list(Category.objects.filter(edition=edition, code__in=codes or []))


@flag_required("settings")
def point(request: HttpRequest, slug: str, code: str | None = None) -> HttpResponse:
    """Add a door point or change one (check type, categories, default); its hand-out items below."""
    edition = get_edition_or_404(slug)
    row = None
    if code is not None:
        row = edition.checkin_points.filter(code=code).prefetch_related("categories").first()
        if row is None:
            raise Http404("No such door point")
    categories = list(edition.categories.order_by("order", "id"))
    if row:
        initial = {
            "name": row.name,
            "name_en": row.name_en,
            "entry": row.entry,
            "is_default": row.is_default,
            "categories": [c.code for c in row.categories.all()],
        }
    else:
        initial = {"entry": "once", "categories": [c.code for c in categories]}
    form = forms.PointForm(
        request.POST or None, initial=initial, categories=categories, editing=row is not None
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = dict(form.cleaned_data, categories=_chosen(edition, form.cleaned_data["categories"]))
            try:
                row = setup.save_point(edition=edition, point=row, **data)
            except DomainError as exc:
                status = refuse(form, exc)
            else:
                messages.success(request, _("Saved."))
                return redirect("console_point", slug=slug, code=row.code)
        else:
            status = 422
    return _render(request, "point.html", _point_context(edition, row, form, categories), status)


def _point_context(edition, row, form, categories, item_form=None) -> dict:
    items = []
    if row is not None:
        items = row.handover_items.prefetch_related("categories").annotate(given=Count("handovers"))
    return {
        "edition": edition,
        "form": form,
        "row": row,
        "items": items,
        "item_form": item_form or forms.ItemForm(categories=categories, prefix="item"),
    }


@require_POST
@flag_required("settings")
def point_item(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    """Add a hand-out item to a door point, or remove one (`remove` = its id) nobody has received yet."""
    edition = get_edition_or_404(slug)
    row = edition.checkin_points.filter(code=code).first()
    if row is None:
        raise Http404("No such door point")
    back = reverse("console_point", kwargs={"slug": slug, "code": code}) + "#items"
    if request.POST.get("remove"):
        item = HandoverItem.objects.filter(point=row, pk=request.POST.get("remove", "").strip() or 0).first()
        if item is None:
            raise Http404("No such item")
        try:
            setup.remove_handover_item(item=item)
            messages.success(request, _("Removed."))
        except DomainError as exc:
            messages.error(request, exc.message)
        return redirect(back)
    categories = list(edition.categories.order_by("order", "id"))
    item_form = forms.ItemForm(request.POST, categories=categories, prefix="item")
    status = 422
    if item_form.is_valid():
        data = item_form.cleaned_data
        try:
            setup.add_handover_item(point=row, **dict(data, categories=_chosen(edition, data["categories"])))
        except DomainError as exc:
            status = refuse(item_form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(back)
    form = forms.PointForm(
        initial={
            "name": row.name,
            "name_en": row.name_en,
            "entry": row.entry,
            "is_default": row.is_default,
            "categories": [c.code for c in row.categories.all()],
        },
        categories=categories,
        editing=True,
    )
    return _render(request, "point.html", _point_context(edition, row, form, categories, item_form), status)


@flag_required("settings")
def consent(request: HttpRequest, slug: str) -> HttpResponse:
    """A new version of the privacy notice (the current text to start from)."""
    edition = get_edition_or_404(slug)
    notice = current_consent_notice(edition)
    initial = {"text": notice.text, "text_en": notice.text_en} if notice else {}
    form = forms.ConsentForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                setup.new_consent_notice(edition=edition, **form.cleaned_data)
            except DomainError as exc:
                status = refuse(form, exc)
            else:
                messages.success(request, _("Saved."))
                return redirect(reverse("console_settings", kwargs={"slug": slug}) + "#consent")
        else:
            status = 422
    return _render(request, "consent.html", {"edition": edition, "form": form, "notice": notice}, status)


@require_POST
@flag_required("settings")
def confirm_consent(request: HttpRequest, slug: str) -> HttpResponse:
    """Confirm the privacy notice a clone carried over (the version the page showed)."""
    edition = get_edition_or_404(slug)
    try:
        notice = setup.confirm_consent_notice(edition=edition, version=request.POST.get("version", ""))
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Privacy notice %(version)s confirmed.") % {"version": notice.version})
    return redirect(reverse("console_settings", kwargs={"slug": slug}) + "#consent")


@require_POST
@flag_required("settings")
def reply_sections(request: HttpRequest, slug: str) -> HttpResponse:
    edition = get_edition_or_404(slug)
    form = forms.ReplySectionsForm(request.POST)
    if form.is_valid():
        reply_form.set_reply_sections(edition=edition, sections=form.cleaned_data["sections"])
        messages.success(request, _("Saved."))
    else:
        messages.error(request, _("Choose among the sections listed."))
    return redirect(reverse("console_settings", kwargs={"slug": slug}) + "#reply")
