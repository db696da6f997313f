"""The protocol list (礼宾名单): who is most senior, in order; set, reorder, import from XLSX."""

from __future__ import annotations

import io

from django.db import transaction
from django.utils.translation import gettext

from events.models import Edition, Registration

from ..exceptions import InvalidInput, NotFound
from ..models import ProtocolEntry


def _registrations_by_code(edition: Edition, codes: list[str], field: str) -> dict[str, Registration]:
    found = {
        r.code: r
        for r in Registration.objects.filter(edition=edition, code__in=codes).select_related(
            "organization", "category"
        )
    }
    missing = [c for c in codes if c not in found]
    if missing:
        raise InvalidInput(
            gettext("%(field)s: unknown codes %(value)s.")
            % {"value": gettext(", ").join(missing), "field": field},
            field=field,
        )
    return found


@transaction.atomic
def set_protocol_list(*, edition: Edition, codes: list[str]) -> list[str]:
    """Replace the edition's protocol list with these registration codes, most senior first."""
    codes = [c.strip() for c in codes if c and c.strip()]
    if len(set(codes)) != len(codes):
        raise InvalidInput(gettext("codes: a person appears twice."), field="codes")
    found = _registrations_by_code(edition, codes, "codes")
    ProtocolEntry.objects.filter(edition=edition).delete()
    ProtocolEntry.objects.bulk_create(
        [ProtocolEntry(edition=edition, registration=found[c], position=i) for i, c in enumerate(codes, 1)]
    )
    return codes


def codes_for(*, edition: Edition, values: list[str]) -> list[str]:
    """Registration codes for what the page's search gives: a code, a "name · organisation · code" pick, or a
    name only one active registration of the edition carries."""
    out = []
    for value in (v.strip() for v in values):
        if not value:
            continue
        if " · " in value:
            value = value.rsplit(" · ", 1)[1].strip()
        if Registration.objects.filter(edition=edition, code=value).exists():
            out.append(value)
            continue
        named = list(
            Registration.objects.filter(edition=edition, name=value)
            .exclude(status__in=["cancelled", "rejected"])
            .values_list("code", flat=True)[:2]
        )
        if len(named) != 1:
            raise InvalidInput(
                (
                    gettext("%(value)s: nobody of that name or code.")
                    if not named
                    else gettext("%(value)s: more than one person of that name: pick one from the list.")
                )
                % {"value": value},
                field="add",
            )
        out.append(named[0])
    return out


def protocol_codes(edition: Edition) -> list[str]:
    return list(
        ProtocolEntry.objects.filter(edition=edition)
        .order_by("position", "id")
        .values_list("registration__code", flat=True)
    )


def move_in_protocol_list(*, edition: Edition, code: str, delta: int) -> list[str]:
    """Move one person up (delta -1) or down (+1): the keyboard way to order the list."""
    codes = protocol_codes(edition)
    if code not in codes:
        raise NotFound(gettext("%(code)s is not on the protocol list.") % {"code": code})
    i = codes.index(code)
    j = max(0, min(len(codes) - 1, i + delta))
    codes.insert(j, codes.pop(i))
    return set_protocol_list(edition=edition, codes=codes)


def import_protocol_xlsx(*, edition: Edition, data: bytes) -> list[str]:
    """The protocol list from a spreadsheet: the first column holds registration codes (or names, when a
    name is unique in the edition), from the top; a header row and blank rows are skipped."""

    # openpyxl loads only when a spreadsheet is made: a heavy import kept off every other request
    from openpyxl import load_workbook

    try:
        sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
    except Exception as exc:  # openpyxl raises many kinds for a file that is not XLSX
        raise InvalidInput(gettext("file: not a readable XLSX workbook."), field="file") from exc
    regs = list(Registration.objects.filter(edition=edition).values_list("code", "name"))
    codes = {c for c, _ in regs}
    by_name: dict[str, list[str]] = {}
    for code, name in regs:
        by_name.setdefault(name, []).append(code)
    out, errors = [], []
    for number, row in enumerate(sheet.iter_rows(max_col=1, values_only=True), 1):
        value = str(row[0]).strip() if row and row[0] is not None else ""
        if not value:
            continue
        if value in codes:
            out.append(value)
        elif len(by_name.get(value, [])) == 1:
            out.append(by_name[value][0])
        elif number == 1:
            continue  # a header
        else:
            errors.append(f"{number}: {value}")
    if errors:
        raise InvalidInput(
            gettext("rows not matching one person: %(value)s.") % {"value": gettext("; ").join(errors)},
            field="file",
        )
    return set_protocol_list(edition=edition, codes=list(dict.fromkeys(out)))
