"""A developer opens the API's interactive documentation: Swagger UI, served by huiwu itself (a closed
network has no CDN), reads the document and lists the operations."""

from urllib.parse import urlparse


def test_api_docs_page_lists_the_operations_from_local_assets(server, desk):
    hosts = set()
    desk.on("request", lambda request: hosts.add(urlparse(request.url).netloc))
    desk.goto("/api/v1/docs")
    handover = desk.locator(".opblock-summary-path", has_text="/api/v1/events/{slug}/checkin/handover")
    handover.first.wait_for()
    assert desk.locator(".opblock").count() > 50
    assert desk.locator(".opblock-summary-path", has_text="/api/v1/events/{slug}/units/import").count() == 1
    assert desk.get_by_text("Parser error").count() == 0
    assert desk.locator(".errors-wrapper").count() == 0
    assert hosts == {urlparse(server).netloc}
