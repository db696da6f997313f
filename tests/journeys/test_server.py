"""The journeys' own ground: the server answers as `make run` serves it, and axe can look at a page."""


def test_server_serves_the_demo_with_static_files(server, phone, axe):
    status, headers, body = server.get("/static/css/huiwu.css")
    assert status == 200
    phone.goto("/")
    assert "大足" in phone.content()
