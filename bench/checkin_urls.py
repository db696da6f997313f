"""The real URLconf plus `/bench/bare-checkin/<slug>`: the least a check-in can do (parse JSON, look the
ticket up by its code, one conditional INSERT of the admission), as the reference huiwu's endpoint is
compared against. No auth, no signature, no scan log."""

import json

from django.db import connection
from django.http import JsonResponse
from django.urls import path
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from config.urls import urlpatterns as real
from events.models import Registration


@csrf_exempt
def bare_checkin(request, slug):
    data = json.loads(request.body)
    code = data["token"].split(".")[1]
    row = Registration.objects.filter(edition__slug=slug, code=code).values_list("id", "status").first()
    if row is None or row[1] != "confirmed":
        return JsonResponse({"result": "unknown"})
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO events_admission (registration_id, point_id, first_at, last_at, entries) "
            "VALUES (%s, %s, %s, %s, 1) ON CONFLICT DO NOTHING RETURNING id",
            [row[0], int(data["point_id"]), timezone.now(), timezone.now()],
        )
        inserted = cursor.fetchone()
    return JsonResponse({"result": "ok" if inserted else "already_checked_in"})


urlpatterns = [path("bench/bare-checkin/<slug:slug>", bare_checkin), *real]
