"""The link checker against a real HTTP server on 127.0.0.1 (never the internet): results per
address, bounded concurrency, timeouts, the two-failure rule, e-mails, clean-up and the refusal of
private addresses and non-web schemes."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from django.core import mail
from django.db import connections
from django.template.loader import render_to_string
from django.utils import timezone, translation

from stocktaking import linkcheck, linkcheck_tasks, services
from stocktaking.models import Entry, LinkCheck
from tests.stocktaking.factories import complete_content

pytestmark = pytest.mark.django_db

SLOW_SECONDS = 3.0
PAUSE_SECONDS = 0.2


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        with self.lock:
            self.requests: list[tuple[str, str, str]] = []  # (method, path, User-Agent)
            self.in_flight = 0
            self.max_in_flight = 0
            self.flaky_status = 500
            self.generation = getattr(self, "generation", 0) + 1  # a request of an earlier test ending
            # now (the client gave up on /slow) must not change this test's counts

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # the client gave up on /slow before the answer: expected, not worth a traceback


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.0"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_HEAD(self) -> None:
        self._answer(body=False)

    def do_GET(self) -> None:
        self._answer(body=True)

    def _answer(self, *, body: bool) -> None:
        server = self.server
        with server.lock:
            generation = server.generation
            server.requests.append((self.command, self.path, self.headers.get("User-Agent", "")))
            server.in_flight += 1
            server.max_in_flight = max(server.max_in_flight, server.in_flight)
        try:
            status, location = self._route()
        finally:
            # Counted out before answering: once answered, the client may start its next request
            # before this thread gets here, and the two would be counted at once.
            with server.lock:
                if server.generation == generation:
                    server.in_flight -= 1
        self._send(status, location=location, body=body)

    def _route(self) -> tuple[int, str | None]:
        path = self.path.split("?", 1)[0]
        if path.startswith("/hop/"):  # an endless chain of redirects
            return 302, f"/hop/{int(path.rsplit('/', 1)[1]) + 1}"
        if path == "/head-refused":
            return (405 if self.command == "HEAD" else 200), None
        if path == "/slow":
            time.sleep(SLOW_SECONDS)
        elif path == "/pause":
            time.sleep(PAUSE_SECONDS)
        elif path == "/flaky":
            return self.server.flaky_status, None
        return {
            "/ok": (200, None),
            "/slow": (200, None),
            "/pause": (200, None),
            "/missing": (404, None),
            "/error": (500, None),
            "/redirect": (302, "/ok"),
            "/to-file": (302, "file:///etc/passwd"),
        }.get(path, (404, None))

    def _send(self, status: int, *, location: str | None = None, body: bool = False) -> None:
        content = b"x" * 100_000 if body and status == 200 else b""
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Length", str(len(content) if body else 0))
        self.end_headers()
        if content:
            self.wfile.write(content)


@pytest.fixture(scope="module")
def http_server() -> Iterator[_Server]:
    server = _Server()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture
def server(http_server: _Server, settings: Any) -> _Server:
    settings.LINKCHECK_ALLOW_PRIVATE = True  # the test server is on 127.0.0.1
    http_server.reset()
    return http_server


def url(server: _Server, path: str) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}{path}"


def published(
    people: dict[str, Any], *, website: str, links: list[str], owner: str = "contributor", **more: Any
) -> Entry:
    by = people[owner]
    entry = services.entry_create(
        by=by, organisation=people["ngo"], data=complete_content(website=website, links=links, **more)
    )
    services.entry_submit(entry=entry, by=by)
    return services.entry_publish(entry=entry, by=people["secretariat"])


def checks_of(entry: Entry) -> dict[str, LinkCheck]:
    return {check.url: check for check in LinkCheck.objects.filter(entry=entry)}


def test_each_address_gets_its_result(server: _Server, people: dict[str, Any], settings: Any) -> None:
    paths = ["/ok", "/missing", "/error", "/redirect", "/head-refused", "/slow"]
    entry = published(people, website=url(server, "/ok"), links=[url(server, p) for p in paths[1:]])

    counts = linkcheck.check_links(timeout=0.5)

    assert counts == {"checked": 6, "ok": 3, "broken": 0, "failed": 3, "removed": 0}
    checks = checks_of(entry)
    got = {path: (c.ok, c.status_code, c.consecutive_failures) for path in paths for c in [checks[url(server, path)]]}
    assert got == {
        "/ok": (True, 200, 0),
        "/missing": (False, 404, 1),
        "/error": (False, 500, 1),
        "/redirect": (True, 200, 0),  # the final status, after following the redirect
        "/head-refused": (True, 200, 0),
        "/slow": (False, None, 1),
    }
    assert checks[url(server, "/missing")].error == "HTTP 404"
    assert checks[url(server, "/slow")].error == "no answer within 0.5 s"
    # HEAD first; GET only where HEAD was refused; a redirected HEAD stays a HEAD.
    methods = sorted((method, path) for method, path, _agent in server.requests)
    assert methods == sorted(
        [("HEAD", p) for p in paths] + [("HEAD", "/ok"), ("GET", "/head-refused")]  # /redirect -> /ok
    )
    assert {agent for *_rest, agent in server.requests} == {f"WSIS-portal-linkcheck/1.0 (+{settings.SITE_URL})"}


def test_a_slow_server_is_given_up_after_the_timeout(server: _Server, people: dict[str, Any]) -> None:
    entry = published(people, website=url(server, "/slow"), links=[])
    started = time.monotonic()
    linkcheck.check_links(timeout=0.3)
    elapsed = time.monotonic() - started
    assert elapsed < SLOW_SECONDS / 2, elapsed  # the server would answer after 3 s
    check = LinkCheck.objects.get(entry=entry)
    assert not check.ok and check.error == "no answer within 0.3 s"


@pytest.mark.parametrize("concurrency", [1, 3])
def test_requests_in_flight_never_exceed_the_concurrency(
    server: _Server, people: dict[str, Any], concurrency: int
) -> None:
    links = [url(server, f"/pause?n={n}") for n in range(9)]
    first = published(people, website="", links=links[:5])
    second = published(people, website="", links=links[5:])

    counts = linkcheck.check_links(concurrency=concurrency)

    assert counts["checked"] == 9 and counts["ok"] == 9
    assert len(server.requests) == 9
    assert server.max_in_flight == concurrency  # reached, never exceeded
    assert len(checks_of(first)) == 5 and len(checks_of(second)) == 4


def test_an_address_shared_by_entries_is_requested_once(server: _Server, people: dict[str, Any]) -> None:
    first = published(people, website=url(server, "/ok"), links=[])
    second = published(people, website=url(server, "/ok"), links=[url(server, "/ok")])  # twice in one entry
    counts = linkcheck.check_links()
    assert counts["checked"] == 2 and len(server.requests) == 1
    assert checks_of(first)[url(server, "/ok")].ok and checks_of(second)[url(server, "/ok")].ok


def test_links_checked_recently_are_not_checked_again(server: _Server, people: dict[str, Any]) -> None:
    published(people, website=url(server, "/ok"), links=[url(server, "/missing")])
    linkcheck.check_links()
    server.reset()

    assert linkcheck.check_links()["checked"] == 0  # within the week
    assert server.requests == []
    LinkCheck.objects.filter(url=url(server, "/missing")).update(checked_at=timezone.now() - timedelta(days=8))
    assert linkcheck.check_links()["checked"] == 1  # only the one checked more than a week ago
    assert [path for _m, path, _a in server.requests] == ["/missing"]


def test_only_published_entries_and_the_ones_asked_for_are_checked(server: _Server, people: dict[str, Any]) -> None:
    services.entry_create(
        by=people["contributor"], organisation=people["ngo"], data=complete_content(website=url(server, "/ok"))
    )  # a draft
    first = published(people, website=url(server, "/missing"), links=[])
    second = published(people, website=url(server, "/error"), links=[])

    assert linkcheck.check_links(entry_ids=[second.pk])["checked"] == 1
    assert [path for _m, path, _a in server.requests] == ["/error"]
    assert not checks_of(first)
    assert linkcheck.check_links()["checked"] == 1  # now the other published one; never the draft
    assert LinkCheck.objects.filter(entry__state=Entry.State.DRAFT).count() == 0


def test_a_link_is_broken_after_two_failures_in_a_row(server: _Server, people: dict[str, Any]) -> None:
    entry = published(people, website=url(server, "/flaky"), links=[])

    first = linkcheck.check_links()
    check = LinkCheck.objects.get(entry=entry)
    assert first["failed"] == 1 and first["broken"] == 0 and check.consecutive_failures == 1
    assert linkcheck.broken_links(entry=entry) == []  # a blip is not shown...
    assert linkcheck.report_broken_links() == 0 and mail.outbox == []  # ...nor reported

    second = linkcheck.check_links(older_than_hours=0)
    check.refresh_from_db()
    assert second["broken"] == 1 and check.consecutive_failures == 2 and check.status_code == 500
    assert linkcheck.broken_links(entry=entry) == [check]
    assert linkcheck.report_broken_links() == 1

    server.flaky_status = 200  # repaired: the count and the report start again
    linkcheck.check_links(older_than_hours=0)
    check.refresh_from_db()
    assert check.ok and check.consecutive_failures == 0 and check.reported_at is None and check.error == ""
    assert linkcheck.broken_links(entry=entry) == []

    server.flaky_status = 404  # broken again later: reported again after two failures
    linkcheck.check_links(older_than_hours=0)
    assert linkcheck.report_broken_links() == 0
    linkcheck.check_links(older_than_hours=0)
    assert linkcheck.report_broken_links() == 1


def test_a_single_failure_between_successes_is_never_reported(server: _Server, people: dict[str, Any]) -> None:
    entry = published(people, website=url(server, "/flaky"), links=[])
    for status in (200, 500, 200, 503, 200):
        server.flaky_status = status
        linkcheck.check_links(older_than_hours=0)
        assert linkcheck.report_broken_links() == 0
    assert mail.outbox == [] and LinkCheck.objects.get(entry=entry).ok


def test_owners_get_one_email_each_and_the_secretariat_a_summary(
    server: _Server, people: dict[str, Any], settings: Any
) -> None:
    people["organisation_admin"].preferred_language = "fr"
    people["organisation_admin"].save()
    schools = published(people, website=url(server, "/missing"), links=[url(server, "/ok")], title="Rural schools")
    clinics = published(people, website="", links=[url(server, "/error")], title="Tele-clinics")
    libraries = published(
        people, website=url(server, "/redirect"), links=[url(server, "/missing")], owner="organisation_admin"
    )
    linkcheck.check_links()
    linkcheck.check_links(older_than_hours=0)

    assert linkcheck.report_broken_links() == 3

    by_recipient = {tuple(sorted(message.to)): message for message in mail.outbox}
    assert len(mail.outbox) == 3
    contributor = by_recipient[(people["contributor"].email,)]
    assert "Rural schools" in contributor.body and "Tele-clinics" in contributor.body  # both entries, one mail
    assert url(server, "/missing") in contributor.body and url(server, "/error") in contributor.body
    assert url(server, "/ok") not in contributor.body
    assert "HTTP status 404" in contributor.body
    with translation.override("en"):
        assert settings.SITE_URL + schools.get_absolute_url() in contributor.body
    french = by_recipient[(people["organisation_admin"].email,)]
    with translation.override("fr"):
        assert settings.SITE_URL + libraries.get_absolute_url() in french.body  # in the owner's language
    assert url(server, "/redirect") not in french.body  # working links are not listed
    secretariat = {people[r].email for r in ("secretariat", "administrator", "secretariat_without_2fa")}
    summary = by_recipient[tuple(sorted(secretariat))]
    assert "3 newly broken links" in summary.subject
    for entry in (schools, clinics, libraries):
        assert entry.title in summary.body
    assert people["organisation_admin"].email in summary.body and people["contributor"].email in summary.body
    assert not LinkCheck.objects.filter(ok=False, reported_at__isnull=True).exists()

    # Re-running reports nothing again, even after the links failed once more.
    assert linkcheck.report_broken_links() == 0
    linkcheck.check_links(older_than_hours=0)
    assert linkcheck.report_broken_links() == 0
    assert len(mail.outbox) == 3


def test_a_departed_owner_gets_no_mail_but_the_secretariat_hears(server: _Server, people: dict[str, Any]) -> None:
    entry = published(people, website=url(server, "/missing"), links=[])
    people["contributor"].is_active = False
    people["contributor"].save()
    LinkCheck.objects.create(
        entry=entry, url=entry.website, checked_at=timezone.now(), ok=False, status_code=404, consecutive_failures=2
    )
    assert linkcheck.report_broken_links() == 1
    assert [sorted(m.to) for m in mail.outbox] == [
        sorted(people[r].email for r in ("secretariat", "administrator", "secretariat_without_2fa"))
    ]
    assert entry.website in mail.outbox[0].body
    assert linkcheck.report_broken_links() == 0


def test_addresses_with_non_ascii_characters_are_encoded(server: _Server, people: dict[str, Any]) -> None:
    pasted = url(server, "/ok?ville=Saint-Louis du Sénégal")  # as a browser's address bar shows it
    entry = published(people, website="", links=[pasted])
    linkcheck.check_links()
    assert checks_of(entry)[pasted].ok  # recorded under the address as written
    assert [path for _m, path, _a in server.requests] == ["/ok?ville=Saint-Louis%20du%20S%C3%A9n%C3%A9gal"]
    assert linkcheck.as_uri("https://bücher.example/ä#top") == "https://xn--bcher-kva.example/%C3%A4"


def test_removed_links_lose_their_check(server: _Server, people: dict[str, Any]) -> None:
    entry = published(people, website=url(server, "/ok"), links=[url(server, "/missing"), url(server, "/error")])
    linkcheck.check_links()
    assert set(checks_of(entry)) == {url(server, p) for p in ("/ok", "/missing", "/error")}

    # The owner removes one link; the change is approved.
    data = complete_content(website=url(server, "/ok"), links=[url(server, "/error")])
    services.entry_save(entry=entry, by=people["contributor"], data=data, version=entry.version)
    services.entry_submit(entry=entry, by=people["contributor"])
    services.entry_publish(entry=entry, by=people["secretariat"])
    server.reset()

    counts = linkcheck.check_links()
    assert counts["removed"] == 1 and counts["checked"] == 0 and server.requests == []
    assert set(checks_of(entry)) == {url(server, "/ok"), url(server, "/error")}


def test_private_addresses_are_refused_unless_allowed(server: _Server, people: dict[str, Any], settings: Any) -> None:
    settings.LINKCHECK_ALLOW_PRIVATE = False
    entry = published(people, website=url(server, "/ok"), links=["http://localhost:9/x"])

    counts = linkcheck.check_links()

    assert counts["failed"] == 2 and server.requests == []  # no request reached the server
    checks = checks_of(entry)
    assert checks[url(server, "/ok")].error == "refused: 127.0.0.1 resolves to a private or local address (127.0.0.1)"
    assert checks["http://localhost:9/x"].error.startswith("refused: localhost resolves to a private or local")

    settings.LINKCHECK_ALLOW_PRIVATE = True
    linkcheck.check_links(older_than_hours=0, entry_ids=[entry.pk])
    assert LinkCheck.objects.get(entry=entry, url=url(server, "/ok")).ok


@pytest.mark.parametrize(
    ("address", "allowed"),
    [
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("172.16.0.1", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),  # cloud metadata service
        ("100.64.0.1", False),  # carrier-grade NAT
        ("0.0.0.0", False),  # noqa: S104 - an address to refuse, nothing binds to it
        ("224.0.0.1", False),
        ("::1", False),
        ("fe80::1%eth0", False),
        ("fd00::1", False),
        ("::ffff:127.0.0.1", False),  # IPv4-mapped loopback
        ("8.8.8.8", True),
        ("2001:4860:4860::8888", True),
    ],
)
def test_address_guard(address: str, allowed: bool, settings: Any) -> None:
    settings.LINKCHECK_ALLOW_PRIVATE = False
    assert linkcheck.address_allowed(address) is allowed
    settings.LINKCHECK_ALLOW_PRIVATE = True
    assert linkcheck.address_allowed(address) is True


def test_only_web_addresses_are_followed(server: _Server, people: dict[str, Any]) -> None:
    entry = published(
        people,
        website=url(server, "/to-file"),
        links=["file:///etc/passwd", "ftp://ftp.example.org/report.pdf", url(server, "/hop/1")],
    )
    linkcheck.check_links()
    checks = checks_of(entry)
    assert checks["file:///etc/passwd"].error == "only http and https addresses are checked"
    assert checks["ftp://ftp.example.org/report.pdf"].error == "only http and https addresses are checked"
    assert checks[url(server, "/to-file")].error == "refused: redirected to a non-web address (file:///etc/passwd)"
    assert checks[url(server, "/hop/1")].error == "more than 5 redirects"
    hops = [path for _m, path, _a in server.requests if path.startswith("/hop/")]
    assert hops == [f"/hop/{n}" for n in range(1, 7)]  # the first request and 5 redirects followed
    assert not any(c.ok for c in checks.values())


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"concurrency": 0}, "at least 1"),
        ({"batch_size": 0}, "at least 1"),
        ({"timeout": 0}, "positive"),
        ({"older_than_hours": -1}, "negative"),
    ],
)
def test_bad_arguments_are_refused_clearly(arguments: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        linkcheck.check_links(**arguments)


def test_queries_of_a_check_are_per_batch_and_per_link(
    server: _Server, people: dict[str, Any], django_assert_num_queries: Any
) -> None:
    for _n in range(3):
        published(people, website=url(server, "/ok"), links=[url(server, "/missing")])
    # batch 1 (2 entries): 1 entries, 1 their checks, then per new link (4) update_or_create's
    # SAVEPOINT, SELECT ... FOR UPDATE, SAVEPOINT, INSERT, RELEASE, RELEASE; batch 2 (1 entry, the
    # last: no further batch query): 1 entries, 1 checks, 2 new links x 6
    with django_assert_num_queries(2 + 4 * 6 + 2 + 2 * 6):
        counts = linkcheck.check_links(batch_size=2)
    assert counts["checked"] == 6 and len(server.requests) == 4  # one request per address and batch
    # Again, every link due: the same, but an existing row is SAVEPOINT, SELECT ... FOR UPDATE,
    # UPDATE, RELEASE (4)
    with django_assert_num_queries(2 + 4 * 4 + 2 + 2 * 4):
        assert linkcheck.check_links(batch_size=2, older_than_hours=0)["checked"] == 6


def test_queries_of_the_report(server: _Server, people: dict[str, Any], django_assert_num_queries: Any) -> None:
    for owner in ("contributor", "contributor", "organisation_admin"):
        entry = published(people, website=url(server, "/missing"), links=[], owner=owner)
        LinkCheck.objects.create(
            entry=entry, url=entry.website, checked_at=timezone.now(), ok=False, consecutive_failures=2
        )
    # 1 owners with unreported links, 1 the owners; per owner (2): SAVEPOINT, SELECT ... FOR UPDATE
    # with the entries, UPDATE reported_at, RELEASE; 1 the secretariat's addresses
    with django_assert_num_queries(2 + 2 * 4 + 1):
        assert linkcheck.report_broken_links() == 3
    assert len(mail.outbox) == 3


def test_broken_links_of_an_entry_take_one_query(
    server: _Server, people: dict[str, Any], django_assert_num_queries: Any
) -> None:
    entry = published(people, website=url(server, "/missing"), links=[url(server, "/ok")])
    now = timezone.now()
    broken = LinkCheck.objects.create(entry=entry, url=entry.website, checked_at=now, ok=False, consecutive_failures=3)
    LinkCheck.objects.create(entry=entry, url=url(server, "/ok"), checked_at=now, ok=True)
    with django_assert_num_queries(1):  # the entry's LinkCheck rows failing twice or more
        assert linkcheck.broken_links(entry=entry) == [broken]


def test_link_status_include(server: _Server, people: dict[str, Any]) -> None:
    entry = published(people, website=url(server, "/missing"), links=[url(server, "/ok")])
    broken = LinkCheck.objects.create(
        entry=entry, url=entry.website, checked_at=timezone.now(), ok=False, status_code=404, consecutive_failures=2
    )
    inline = render_to_string("stocktaking/_link_status.html", {"broken_links": [broken], "url": entry.website})
    assert "This link seems broken (last checked" in inline and 'title="HTTP 404"' in inline
    other = render_to_string("stocktaking/_link_status.html", {"broken_links": [broken], "url": url(server, "/ok")})
    assert other.strip() == ""
    summary = render_to_string("stocktaking/_link_status.html", {"broken_links": [broken]})
    assert entry.website in summary and "This link seems broken" in summary
    nothing: list[dict[str, Any]] = [{"broken_links": []}, {"broken_links": [], "url": entry.website}, {}]
    for context in nothing:
        assert render_to_string("stocktaking/_link_status.html", context).strip() == ""


def test_task_checks_then_reports_and_is_idempotent(server: _Server, people: dict[str, Any]) -> None:
    assert linkcheck_tasks.check_links.name == "stocktaking.check_links"
    entry = published(people, website=url(server, "/missing"), links=[])
    LinkCheck.objects.create(  # failed once, a week and a day ago
        entry=entry, url=entry.website, checked_at=timezone.now() - timedelta(days=8), ok=False, consecutive_failures=1
    )

    counts = linkcheck_tasks.check_links.apply().get()

    assert counts == {"checked": 1, "ok": 0, "broken": 1, "failed": 1, "removed": 0, "reported": 1}
    assert len(mail.outbox) == 2  # the owner and the secretariat
    again = linkcheck_tasks.check_links.apply().get()
    assert again["checked"] == 0 and again["reported"] == 0 and len(mail.outbox) == 2


def test_task_does_nothing_while_another_run_holds_the_lock(server: _Server, people: dict[str, Any]) -> None:
    published(people, website=url(server, "/ok"), links=[])
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [linkcheck_tasks.LOCK_KEY])
        assert linkcheck_tasks.check_links.apply().get() is None
        assert server.requests == []
    finally:
        with other.cursor() as cursor:  # the other run ends (closing its session would too, a bit later)
            cursor.execute("SELECT pg_advisory_unlock(%s)", [linkcheck_tasks.LOCK_KEY])
        other.close()
    assert linkcheck_tasks.check_links.apply().get()["checked"] == 1
