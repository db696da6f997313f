"""The real URLconf plus `/bench/bare-register/<slug>`: the least a registration can do (parse JSON, one
INSERT, no capacity lock, no validation), as the reference huiwu's endpoint is compared against."""

import json
import secrets

from django.http import JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from config.urls import urlpatterns as real
from events.models import Category, Registration


@csrf_exempt
def bare_register(request, slug):
    data = json.loads(request.body)
    category = Category.objects.get(edition__slug=slug, code=data["category"])
    reg = Registration.objects.create(
        edition_id=category.edition_id,
        category=category,
        code=secrets.token_hex(4).upper(),
        status="confirmed",
        name=data["name"],
        email=data["email"],
        manage_token_hash=secrets.token_hex(32),
    )
    return JsonResponse({"code": reg.code, "status": reg.status}, status=201)


urlpatterns = [path("bench/bare-register/<slug:slug>", bare_register), *real]
