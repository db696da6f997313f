"""Award title definitions (授牌称号): added and edited by the organiser (the staff signing page, the demo),
shared across editions."""

import re

from django.db import transaction
from django.utils.translation import gettext

from events.exceptions import Conflict, InvalidInput

from .models import Award, AwardTitle
from .services import _text


@transaction.atomic
def define_award_title(
    *,
    code: str,
    name: str,
    name_en: str = "",
    issuers=(),
    issuers_en=(),
    validity_years: int | None = None,
    batch: str = "",
    description: str = "",
    description_en: str = "",
) -> AwardTitle:
    """Create or update the title definition with this code. The name of a title already awarded stays: it
    is signed into those awards (crypto.award_fields), and a new name would void their signatures."""
    code = _text(code, AwardTitle, "code", required=True)
    if not re.fullmatch(r"[A-Za-z0-9_-]+", code):
        raise InvalidInput(gettext("Code: letters, digits, - and _ only (e.g. design-base)."), field="code")
    name = _text(name, AwardTitle, "name", required=True)
    current = AwardTitle.objects.filter(code=code).first()
    if current and current.name != name and Award.objects.filter(title=current).exists():
        raise Conflict(
            gettext(
                "%(name)s is already awarded and its name is signed into those certificates; add a new title instead."
            )
            % {"name": current.name},
            field="name",
        )
    if validity_years in ("", None):
        validity_years = None
    elif not str(validity_years).strip().isdigit() or not 0 < int(validity_years) <= 100:
        raise InvalidInput(
            gettext("Validity: a whole number of years from 1 to 100, or empty."), field="validity_years"
        )
    else:
        validity_years = int(validity_years)
    title, _ = AwardTitle.objects.update_or_create(
        code=code,
        defaults={
            "name": name,
            "name_en": _text(name_en, AwardTitle, "name_en"),
            "issuers": [str(i) for i in issuers],
            "issuers_en": [str(i) for i in issuers_en],
            "validity_years": validity_years,
            "batch": _text(batch, AwardTitle, "batch"),
            "description": description,
            "description_en": description_en,
        },
    )
    return title
