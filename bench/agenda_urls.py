"""The real URLconf plus two references for the public agenda JSON:

- `/bench/plain/<slug>/agenda`: a plain Django view returning the same bytes (one query for the latest
  release's stored payload, an HttpResponse). What the ninja endpoint must match.
- `/bench/ninja-uncached/<slug>/agenda`: huiwu's endpoint without its per-process copy of the bytes (the
  same query as the plain view, through django-ninja), to show what the cache buys.
"""

from django.http import HttpResponse
from django.urls import path
from ninja import NinjaAPI

from agenda.models import Release
from config.urls import urlpatterns as real


def _payload(slug: str) -> bytes | None:
    row = (
        Release.objects.filter(edition__slug=slug)
        .order_by("-version")
        .values_list("payload", flat=True)
        .first()
    )
    return None if row is None else bytes(row)


def plain_agenda(request, slug):
    payload = _payload(slug)
    if payload is None:
        return HttpResponse(status=404)
    return HttpResponse(payload, content_type="application/json")


uncached = NinjaAPI(urls_namespace="bench-uncached", docs_url=None, openapi_url=None)


@uncached.get("/{slug}/agenda")
def ninja_uncached(request, slug: str):
    payload = _payload(slug)
    if payload is None:
        return HttpResponse(status=404)
    return HttpResponse(payload, content_type="application/json")


urlpatterns = [
    path("bench/plain/<slug:slug>/agenda", plain_agenda),
    path("bench/ninja-uncached/", uncached.urls),
    *real,
]
