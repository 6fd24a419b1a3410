"""Share pages over HTTP: "Watched by N people" counted per random cookie id, the player's watch report
accepted once per browser and refused without the cookie, too often, malformed or from another site."""

from __future__ import annotations

import json
import re
import sqlite3

from tests.ui.live_server import LiveServer, http_request
from ui.share_routes import VIEWER_COOKIE


def _link(server: LiveServer) -> str:
    services = server.services
    sid = services.start([services.library.videos()[0].id])
    return services.links.create(services.run(sid, lambda s: s.current.id), sid, "counted").id


def test_views_are_counted_per_cookie_id_and_reports_need_it(server: LiveServer) -> None:
    share_id = _link(server)
    agent = {"User-Agent": "Personal-Agent/1.0 unique-ua-marker"}
    status, headers, body = http_request(server, "GET", f"/v/{share_id}", headers=agent)
    cookie = re.match(rf"{VIEWER_COOKIE}=([0-9a-f]{{32}});", headers["set-cookie"])
    assert status == 200 and cookie and "httponly" in headers["set-cookie"].lower()
    assert "Watched by 1 person" in body.decode() and f"data-report='/v/{share_id}/watch'" in body.decode()
    first = {**agent, "Cookie": f"{VIEWER_COOKIE}={cookie.group(1)}"}
    status, headers, body = http_request(server, "GET", f"/v/{share_id}", headers=first)
    assert "set-cookie" not in headers and "Watched by 1 person" in body.decode()  # a reload
    second = {"Cookie": f"{VIEWER_COOKIE}={'ab' * 16}"}
    assert "Watched by 2 people" in http_request(server, "GET", f"/v/{share_id}", headers=second)[2].decode()

    report = json.dumps({"seconds": 1.0, "plays": 1}).encode()
    post = {"Content-Type": "application/json"}
    assert http_request(server, "POST", f"/v/{share_id}/watch", report, post)[0] == 403  # no cookie
    assert http_request(server, "POST", f"/v/{share_id}/watch", b"{", {**post, **first})[0] == 400
    assert http_request(server, "POST", f"/v/{share_id}/watch", b" " * 300, {**post, **first})[0] == 413
    hostile = {**post, **first, "Origin": "http://evil.example"}
    assert http_request(server, "POST", f"/v/{share_id}/watch", report, hostile)[0] == 403
    assert http_request(server, "POST", f"/v/{share_id}/watch", report, {**post, **first})[0] == 204
    assert http_request(server, "POST", f"/v/{share_id}/watch", report, {**post, **first})[0] == 429
    assert http_request(server, "POST", "/v/nope/watch", report, {**post, **first})[0] == 404

    with sqlite3.connect(server.library_dir / "library.db") as conn:
        stored = json.dumps([list(r) for r in conn.execute("SELECT * FROM share_views")])
        stored += json.dumps([list(r) for r in conn.execute("SELECT * FROM taste_events")])
    assert "127.0.0.1" not in stored and "unique-ua-marker" not in stored
