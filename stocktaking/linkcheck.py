"""The link checker of the stocktaking database: is each published entry's website and other link
still answering? Results live in LinkCheck (one row per entry and address); owners hear about a link
once it failed twice in a row, so a blip of the remote site is never reported.

Network safety: only http and https, a timeout per request, at most 5 redirects, a few KB read at
most, and (unless settings.LINKCHECK_ALLOW_PRIVATE) no connection to a private, loopback, link-local
or otherwise non-public address. The address is checked when the socket connects, after DNS, on every
hop of a redirect chain, so neither a redirect nor a DNS answer can point the checker inside the
network it runs in.
"""

from __future__ import annotations

import functools
import http.client
import ipaddress
import logging
import socket
import ssl
import urllib.error
import urllib.request
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import iri_to_uri
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from stocktaking.models import Entry, LinkCheck

logger = logging.getLogger(__name__)

BROKEN_AFTER_FAILURES = 2  # a link is shown and reported as broken from its second failure in a row
MAX_REDIRECTS = 5
READ_AT_MOST = 4096  # bytes of a GET body: enough to know the server answers, not to download a file
ALLOWED_SCHEMES = ("http", "https")
URL_MAX_LENGTH = LinkCheck._meta.get_field("url").max_length or 500


class LinkRefused(OSError):
    """A target the checker must not contact (scheme or address); nothing is sent to it."""


@dataclass(frozen=True)
class Result:
    url: str
    ok: bool
    status_code: int | None
    error: str


# --- The HTTP side (runs in worker threads: no database access here) -------------------------------


def address_allowed(address: str) -> bool:
    """True for a public (globally routable, unicast) IP address; private ones only when allowed."""
    if getattr(settings, "LINKCHECK_ALLOW_PRIVATE", False):
        return True
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone id ("fe80::1%eth0")
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def _guarded_create_connection(
    address: tuple[str, int], timeout: Any = None, source_address: Any = None
) -> socket.socket:
    """socket.create_connection that refuses non-public addresses, checked after DNS resolution and
    then connected to exactly (so a second DNS answer cannot differ from the one checked)."""
    host, port = address
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    if not infos:
        raise OSError(f"{host} does not resolve")
    refused = [str(info[4][0]) for info in infos if not address_allowed(str(info[4][0]))]
    if refused:
        # Refuse the host as a whole: a name resolving to both public and private addresses is a trick.
        raise LinkRefused(f"{host} resolves to a private or local address ({refused[0]})")
    last_error: OSError | None = None
    for family, kind, proto, _canonname, sockaddr in infos:
        sock = socket.socket(family, kind, proto)
        try:
            if isinstance(timeout, int | float):  # else http.client's "no timeout given" marker
                sock.settimeout(timeout)
            if source_address:
                sock.bind(source_address)
            sock.connect(sockaddr)
            return sock
        except OSError as error:
            last_error = error
            sock.close()
    assert last_error is not None
    raise last_error


class _GuardedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # http.client's own hook for opening the socket (used by connect(), HTTPS included).
        self._create_connection = _guarded_create_connection


class _GuardedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._create_connection = _guarded_create_connection


class _GuardedHTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_GuardedHTTPConnection, req)


@functools.cache
def _tls_context() -> ssl.SSLContext:
    return ssl.create_default_context()  # certificates verified; loaded once, shared by the threads


class _GuardedHTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_GuardedHTTPSConnection, req, context=_tls_context())


class _RedirectHandler(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS
    max_repeats = 1  # coming back to an address already visited is a loop

    def http_error_302(self, req: urllib.request.Request, fp: Any, code: int, msg: str, headers: Any) -> Any:
        # Checked before urllib's own test, which lets ftp: through and reports others as an HTTPError.
        target = headers.get("location") or headers.get("uri")
        if target and urlsplit(urljoin(req.full_url, target)).scheme.lower() not in ALLOWED_SCHEMES:
            fp.close()
            raise LinkRefused(f"redirected to a non-web address ({target[:100]})")
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302

    def redirect_request(
        self, req: urllib.request.Request, fp: Any, code: int, msg: str, headers: Any, newurl: str
    ) -> urllib.request.Request | None:
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None:
            new.method = req.get_method()  # urllib turns a redirected HEAD into a GET; keep HEAD
        return new


def _opener() -> urllib.request.OpenerDirector:
    """An opener with only what the checker needs: no proxies (the address guard must see the real
    target), no file:, ftp: or data: handlers."""
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.UnknownHandler(),
        _GuardedHTTPHandler(),
        _GuardedHTTPSHandler(),
        _RedirectHandler(),
        urllib.request.HTTPDefaultErrorHandler(),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


def user_agent() -> str:
    return f"WSIS-portal-linkcheck/1.0 (+{settings.SITE_URL})"


def as_uri(url: str) -> str:
    """The address as sent on the wire: an internationalised host in IDNA, other non-ASCII characters
    percent-encoded (people paste addresses as their browser shows them), no fragment."""
    parts = urlsplit(url)
    netloc = parts.netloc
    if not netloc.isascii():
        host = (parts.hostname or "").encode("idna").decode("ascii")
        netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, iri_to_uri(parts.path), iri_to_uri(parts.query), ""))


def _request(url: str, method: str, timeout: float) -> int:
    """The final status of `url` after redirects; reads at most READ_AT_MOST bytes of a body."""
    url = as_uri(url)
    # Only http and https reach here (check_url), and the opener has no other handler.
    request = urllib.request.Request(url, method=method, headers={"User-Agent": user_agent(), "Accept": "*/*"})  # noqa: S310
    try:
        with _opener().open(request, timeout=timeout) as response:
            if method == "GET":
                response.read(READ_AT_MOST)
            return int(response.status)
    except urllib.error.HTTPError as error:
        error.close()
        if 300 <= error.code < 400 and str(error.reason).startswith(_RedirectHandler.inf_msg):
            raise urllib.error.URLError(f"more than {MAX_REDIRECTS} redirects") from None
        return error.code


def check_url(url: str, *, timeout: float) -> Result:
    """Check one address: HEAD, then GET when the server refuses HEAD (405, 501). Never raises."""
    if urlsplit(url).scheme.lower() not in ALLOWED_SCHEMES:
        return Result(url, False, None, "only http and https addresses are checked")
    try:
        status = _request(url, "HEAD", timeout)
        if status in (405, 501):
            status = _request(url, "GET", timeout)
    except (LinkRefused, TimeoutError, urllib.error.URLError) as error:
        # urllib wraps what happens while connecting (our refusal included) in a URLError.
        reason = error.reason if isinstance(error, urllib.error.URLError) else error
        if isinstance(reason, LinkRefused):
            return Result(url, False, None, f"refused: {reason}"[:300])
        if isinstance(reason, TimeoutError):
            return Result(url, False, None, f"no answer within {timeout:g} s")
        if isinstance(reason, str):  # urllib's own verdict, such as too many redirects
            return Result(url, False, None, reason[:300])
        return Result(url, False, None, f"could not connect: {reason}"[:300])
    except (OSError, http.client.HTTPException, ValueError) as error:
        # A reset connection, a malformed answer or address: the link does not work for people either.
        return Result(url, False, None, f"{type(error).__name__}: {error}"[:300])
    if 200 <= status < 400:
        return Result(url, True, status, "")
    return Result(url, False, status, f"HTTP {status}")


# --- The database side (main thread) ----------------------------------------------------------------


def entry_urls(website: str, links: Any) -> list[str]:
    """The addresses of an entry to check: its website, then its other links; each once, in order."""
    candidates: list[Any] = [website, *(links if isinstance(links, list) else [])]
    urls: list[str] = []
    for item in candidates:
        url = item.get("url", "") if isinstance(item, dict) else item
        url = url.strip() if isinstance(url, str) else ""
        # Longer than the column: it cannot be recorded (the entry form keeps URLs within 500).
        if url and len(url) <= URL_MAX_LENGTH and url not in urls:
            urls.append(url)
    return urls


def _published_batches(entry_ids: Iterable[int] | None, batch_size: int) -> Iterator[list[Mapping[str, Any]]]:
    """Published entries in primary-key order, batch_size at a time (1 query per batch; a last
    query finds nothing only when the count is a multiple of batch_size)."""
    entries = Entry.objects.filter(state=Entry.State.PUBLISHED).order_by("pk")
    if entry_ids is not None:
        entries = entries.filter(pk__in=list(entry_ids))
    last = 0
    while True:
        batch: list[Mapping[str, Any]] = list(entries.filter(pk__gt=last).values("pk", "website", "links")[:batch_size])
        if batch:
            yield batch
        if len(batch) < batch_size:
            return
        last = batch[-1]["pk"]


def _record(entry_id: int, result: Result, now: Any) -> None:
    """Store one result: update_or_create on (entry, url); failures counted in SQL, so two
    overlapping runs cannot lose an increment."""
    if result.ok:
        defaults: dict[str, Any] = {"consecutive_failures": 0, "reported_at": None}
        create_defaults: dict[str, Any] = {"consecutive_failures": 0}
    else:
        defaults = {"consecutive_failures": F("consecutive_failures") + 1}
        create_defaults = {"consecutive_failures": 1}
    common = {"checked_at": now, "status_code": result.status_code, "ok": result.ok, "error": result.error}
    LinkCheck.objects.update_or_create(
        entry_id=entry_id,
        url=result.url,
        defaults={**common, **defaults},
        create_defaults={**common, **create_defaults},
    )


def check_links(
    *,
    entry_ids: Iterable[int] | None = None,
    batch_size: int = 500,
    concurrency: int = 8,
    timeout: float = 10.0,
    older_than_hours: float = 24 * 7,
) -> dict[str, int]:
    """Check the links of published entries not checked for `older_than_hours` (or never), at most
    `concurrency` requests at a time; forget the rows of links an entry no longer has.

    Queries per batch of entries: 1 for the entries, 1 for their LinkCheck rows, 1 delete when links
    were removed, then per checked link the update_or_create (SELECT ... FOR UPDATE and one INSERT or
    UPDATE, in a savepoint). Returns {checked, ok, broken, failed, removed}: `broken` counts links
    that failed at least BROKEN_AFTER_FAILURES times in a row, `failed` every failure of this run."""
    if batch_size < 1 or concurrency < 1:
        raise ValueError("batch_size and concurrency must be at least 1.")
    if timeout <= 0:
        raise ValueError("timeout must be a positive number of seconds.")
    if older_than_hours < 0:
        raise ValueError("older_than_hours cannot be negative.")
    counts = {"checked": 0, "ok": 0, "broken": 0, "failed": 0, "removed": 0}
    threshold = timezone.now() - timedelta(hours=older_than_hours)
    with ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="linkcheck") as pool:
        for batch in _published_batches(entry_ids, batch_size):
            existing: dict[int, dict[str, LinkCheck]] = defaultdict(dict)
            for row in LinkCheck.objects.filter(entry_id__in=[e["pk"] for e in batch]).only(
                "pk", "entry_id", "url", "checked_at", "consecutive_failures"
            ):
                existing[row.entry_id][row.url] = row
            due: dict[str, list[int]] = defaultdict(list)  # one request per address, shared by entries
            stale: list[int] = []
            for entry in batch:
                urls = entry_urls(entry["website"], entry["links"])
                rows = existing.get(entry["pk"], {})
                stale.extend(row.pk for url, row in rows.items() if url not in urls)
                for url in urls:
                    check = rows.get(url)
                    if check is None or check.checked_at <= threshold:
                        due[url].append(entry["pk"])
            if stale:
                counts["removed"] += LinkCheck.objects.filter(pk__in=stale).delete()[0]
            futures = [pool.submit(check_url, url, timeout=timeout) for url in due]
            for future in as_completed(futures):
                result = future.result()
                now = timezone.now()
                for entry_id in due[result.url]:
                    previous = existing.get(entry_id, {}).get(result.url)
                    _record(entry_id, result, now)
                    counts["checked"] += 1
                    if result.ok:
                        counts["ok"] += 1
                        continue
                    counts["failed"] += 1
                    failures = (previous.consecutive_failures if previous else 0) + 1
                    if failures >= BROKEN_AFTER_FAILURES:
                        counts["broken"] += 1
    logger.info("Link check: %s", counts)
    return counts


def broken_links(*, entry: Entry) -> list[LinkCheck]:
    """The entry's links that failed at least twice in a row, for its page (1 query)."""
    return list(
        LinkCheck.objects.filter(entry=entry, ok=False, consecutive_failures__gte=BROKEN_AFTER_FAILURES).order_by("url")
    )


def _unreported() -> Any:
    return LinkCheck.objects.filter(
        ok=False,
        consecutive_failures__gte=BROKEN_AFTER_FAILURES,
        reported_at__isnull=True,
        entry__state=Entry.State.PUBLISHED,
    )


def _grouped(checks: list[LinkCheck]) -> list[dict[str, Any]]:
    """[{entry, link, checks}] in entry order, for the e-mail template (links resolved in the
    active language)."""
    groups: dict[int, dict[str, Any]] = {}
    for check in checks:
        group = groups.setdefault(
            check.entry_id,
            {"entry": check.entry, "link": settings.SITE_URL + check.entry.get_absolute_url(), "checks": []},
        )
        group["checks"].append(check)
    return list(groups.values())


def _mail_owner(owner: User, checks: list[LinkCheck]) -> None:
    with translation.override(owner.preferred_language):
        body = render_to_string(
            "stocktaking/email/broken_links.txt",
            {
                "recipient": owner,
                "groups": _grouped(checks),
                "for_secretariat": False,
                "link": settings.SITE_URL + reverse("stocktaking:mine"),
            },
        )
        send_mail(_("Broken links in your WSIS stocktaking entries"), body, None, [owner.email])


def report_broken_links() -> int:
    """E-mail each owner, in their language, their entries' newly broken links (one e-mail per owner),
    and the secretariat one summary; mark them reported. Returns the number of links reported.

    Each owner's links are locked, mailed and marked in one transaction, so a failed e-mail leaves
    them for the next run and two runs never report the same link twice. Queries: 1 for the owners'
    ids, 1 for the owners, then per owner a transaction with 1 SELECT ... FOR UPDATE and 1 UPDATE,
    then 1 for the secretariat's addresses."""
    owner_ids = list(_unreported().order_by().values_list("entry__owner_id", flat=True).distinct())
    owners = User.objects.in_bulk(owner_ids)
    reported: list[LinkCheck] = []
    for owner_id in sorted(owner_ids):
        owner = owners[owner_id]
        with transaction.atomic():
            checks = list(
                _unreported()
                .filter(entry__owner_id=owner_id)
                .select_related("entry")
                .select_for_update(of=("self",))
                .order_by("entry__title", "entry_id", "url")
            )
            if not checks:
                continue  # another run reported them in between
            if owner.is_active:  # a departed owner's links still go to the secretariat's summary
                _mail_owner(owner, checks)
            LinkCheck.objects.filter(pk__in=[c.pk for c in checks]).update(reported_at=timezone.now())
        for check in checks:
            check.entry.owner = owner
        reported.extend(checks)
    if reported:
        reviewers = list(
            User.objects.filter(role__in=[User.Role.SECRETARIAT, User.Role.ADMINISTRATOR], is_active=True).values_list(
                "email", flat=True
            )
        )
        if reviewers:
            # One e-mail to the whole secretariat, in the portal's default language.
            with translation.override(settings.LANGUAGE_CODE):
                body = render_to_string(
                    "stocktaking/email/broken_links.txt",
                    {"groups": _grouped(reported), "for_secretariat": True, "count": len(reported)},
                )
                subject = ngettext(
                    "Stocktaking link check: %(n)d newly broken link",
                    "Stocktaking link check: %(n)d newly broken links",
                    len(reported),
                ) % {"n": len(reported)}
                send_mail(subject, body, None, reviewers)
    return len(reported)
