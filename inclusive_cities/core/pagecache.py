"""A shared cache of anonymous public pages with exact invalidation.

What a page shows comes from the database, so a cached copy is keyed on a *content version*: a token in the shared
cache that changes whenever anything the site shows is written. Every write is seen at the one place all writes pass:
the database cursor. A wrapper on each connection (installed when it opens) notices INSERT, UPDATE and DELETE
statements (ORM saves, `bulk_create`, `QuerySet.update`, history rows, raw SQL in imports alike) and changes the
version at once and again when the transaction commits. So an edit, a publication or an import is visible on the
very next request, and a page rendered from data read before a commit can only ever be stored under a version that is
already stale. Model signals (post_save, post_delete, m2m_changed) bump it as well, for writes made through a raw
DB-API connection that bypasses Django's cursor but then records its result through a model.

Only what every anonymous visitor sees alike is cached in the shared copy: GET/HEAD, no session or messages cookie
on the request, a 200 answer that sets no cookie, did not use a CSRF token, and is not marked private. The key also
holds the language, the Accept header and the host, the things those pages vary on.

Signed-in people's pages are cached apart, each person's own (`SignedInPageCacheMiddleware`), under a key of what
the viewer may see: the content version and a *private version* (changed by writes to every table but sessions and
the cache table, so an import's run state or a prepared report are never stale), the day, the person, their session
(key and content: CSRF secret, language, the sign-in hash that changes with the password), the request's cookies and
the request as above. A request carrying messages is never served from or stored in it, nor is an answer that set a
cookie (other than Django renewing the CSRF cookie the request already holds), changed the session, queued or showed
a message, was not 200, or is marked private, no-store or no-cache. A permission change is a write (roles,
memberships, a deactivated account), so it is seen on the next request; signing out ends the session, so a copy made
for it can never be read again.

The Content-Security-Policy nonce (django-csp, `request.csp_nonce` in base.html) must differ per response, or a
nonce seen once would let injected script run on every later copy. A page is stored with its nonce replaced, in the
body and the CSP headers, by a placeholder drawn at random for that copy and never served; each response from the
cache (and the miss itself) carries a fresh nonce in the body and the matching header. The placeholder is drawn after
the page was rendered, so no content written into the page can hold it.

The backend is `CACHES["default"]`: a file-based cache in production (shared by every gunicorn worker, no server
to run); the test settings use local memory and switch the page cache off except in its own tests.
"""

import base64
import hashlib
import logging
import os
import re
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import connections, transaction
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import patch_vary_headers
from django.utils.crypto import get_random_string

from inclusive_cities.core.singleflight import one_at_a_time

log = logging.getLogger(__name__)

VERSION_KEY = "ic:content-version"
WRITE_SQL = re.compile(
    r"^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM|REPLACE\s+INTO|COPY)\s+\"?(\w+)", re.I
)
# Tables whose writes change nothing an anonymous visitor sees: sessions, the task queue, the cache table, sign-in
# throttling, and the PDFs prepared in the background (copies of what the site shows, which record the version they
# were made at: writing them must not make them out of date). Everything else (history tables included) changes the
# version.
IGNORED_TABLE_PREFIXES = ("django_session", "django_tasks", "django_cache", "axes_", "network_reportfile")
VARY_KEYED = {"cookie", "accept-language", "accept", "accept-encoding"}
# Signed-in pages may show what anonymous pages never do (an import's run state from the task queue, a prepared
# report, lockouts): their version changes on a write to any table but these (the session is in their key).
PRIVATE_IGNORED_TABLE_PREFIXES = ("django_session", "django_cache")
PRIVATE_VERSION_KEY = "ic:private-version"


def _cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def enabled() -> bool:
    return getattr(settings, "PAGE_CACHE", True)


def content_version() -> str:
    version = _cache().get(VERSION_KEY)
    if version is None:
        version = bump()
    return version


def bump() -> str:
    version = uuid.uuid4().hex
    try:
        _cache().set(VERSION_KEY, version, None)
    except Exception:  # a cache that cannot be written must never break a write to the database
        log.exception("could not change the content version")
    return version


# Each app's tables also have a version of their own ("plans" for plans_*, history and link tables included), so a
# value derived from a few apps' tables (`memoized_on`) survives writes elsewhere.
APP_VERSION_KEY = "ic:content-version:"


def bump_app(label: str) -> str:
    version = uuid.uuid4().hex
    try:
        _cache().set(APP_VERSION_KEY + label, version, None)
    except Exception:  # as for bump(): never break a write to the database
        log.exception("could not change the content version of %s", label)
    return version


def app_versions(labels) -> tuple[str, ...]:
    """The current version of each app's tables, in the order given (one cache read for all)."""
    keys = [APP_VERSION_KEY + label for label in labels]
    found = _cache().get_many(keys)
    return tuple(found.get(key) or bump_app(label) for label, key in zip(labels, keys, strict=True))


def private_version() -> str:
    version = _cache().get(PRIVATE_VERSION_KEY)
    if version is None:
        version = bump_private()
    return version


def bump_private() -> str:
    version = uuid.uuid4().hex
    try:
        _cache().set(PRIVATE_VERSION_KEY, version, None)
    except Exception:  # as for bump(): never break a write to the database
        log.exception("could not change the private version")
    return version


def _bump_private_now_and_on_commit(using: str) -> None:
    bump_private()
    conn = connections[using]
    if conn.in_atomic_block and conn.atomic_blocks:
        outermost = conn.atomic_blocks[0]
        if getattr(conn, "_ic_private_block", None) is not outermost:
            conn._ic_private_block = outermost

            def after_commit():
                if getattr(conn, "_ic_private_block", None) is outermost:
                    conn._ic_private_block = None
                bump_private()

            transaction.on_commit(after_commit, using=using)


def _private_write(sql) -> bool:
    if not isinstance(sql, str):
        sql = str(sql)
    match = WRITE_SQL.match(sql)
    return bool(match) and not match.group(1).lower().startswith(PRIVATE_IGNORED_TABLE_PREFIXES)


def _table_label(table: str) -> str:
    return table.split("_", 1)[0].lower()


def _bump_now_and_on_commit(using: str, label: str | None = None) -> None:
    bump()
    if label:
        bump_app(label)
    conn = connections[using]
    if conn.in_atomic_block and conn.atomic_blocks:
        # One bump after commit per transaction, whatever its number of writes. The transaction is told apart by
        # its outermost atomic block (kept by reference, so a rolled-back transaction never blocks the next one's).
        outermost = conn.atomic_blocks[0]
        if getattr(conn, "_ic_bump_block", None) is not outermost:
            conn._ic_bump_block = outermost
            conn._ic_bump_labels = set()
            labels = conn._ic_bump_labels

            def after_commit():
                if getattr(conn, "_ic_bump_block", None) is outermost:
                    conn._ic_bump_block = None
                bump()
                for name in sorted(labels):
                    bump_app(name)

            transaction.on_commit(after_commit, using=using)
        if label:
            conn._ic_bump_labels.add(label)


def _written_table(sql) -> str | None:
    """The table a content write goes to (None: not a write, or a write to an ignored table)."""
    if not isinstance(sql, str):
        sql = str(sql)
    match = WRITE_SQL.match(sql)
    if not match or match.group(1).lower().startswith(IGNORED_TABLE_PREFIXES):
        return None
    return match.group(1).lower()


def install_write_watch(sender, connection, **kwargs) -> None:
    """`connection_created` receiver: watch this connection's statements for writes.

    The wrapper list belongs to the DatabaseWrapper, which outlives each reconnection: install once per wrapper.
    """
    if getattr(connection, "_ic_write_watch", False):
        return
    connection._ic_write_watch = True
    alias = connection.alias

    def watch(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        table = _written_table(sql)
        if table:
            _bump_now_and_on_commit(alias, _table_label(table))
        if table or _private_write(sql):
            _bump_private_now_and_on_commit(alias)
        return result

    connection.execute_wrappers.append(watch)


def model_changed(sender, **kwargs) -> None:
    if sender._meta.db_table.startswith(PRIVATE_IGNORED_TABLE_PREFIXES) or sender._meta.app_label in {"sessions"}:
        return
    _bump_private_now_and_on_commit(kwargs.get("using") or "default")
    if sender._meta.db_table.startswith(IGNORED_TABLE_PREFIXES):
        return
    _bump_now_and_on_commit(kwargs.get("using") or "default", _table_label(sender._meta.db_table))


def _cacheable_request(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or getattr(settings, "MESSAGES_COOKIE_NAME", "messages") in cookies:
        return False
    return "messages" not in cookies


def _key(request, version: str) -> str:
    parts = "\n".join(
        [
            version,
            request.get_host(),
            request.get_full_path(),
            getattr(request, "LANGUAGE_CODE", ""),
            request.headers.get("Accept", ""),
            request.headers.get("Accept-Encoding", ""),
        ]
    )
    return "ic:page:v2:" + hashlib.sha256(parts.encode()).hexdigest()


CSP_HEADERS = ("Content-Security-Policy", "Content-Security-Policy-Report-Only")
# A masked CSRF token as Django writes it (CSRF_TOKEN_LENGTH letters and digits).
CSRF_TOKEN_SHAPE = re.compile(rb"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")


def _new_nonce() -> str:
    """A nonce as django-csp makes one (16 random bytes, base64): the placeholder has the same form and length."""
    return base64.b64encode(os.urandom(16)).decode("ascii")


def _swap(response, old: str, new: str) -> None:
    """Replace `old` by `new` in the body and the CSP headers (same length: Content-Length stays right)."""
    response.content = response.content.replace(old.encode("ascii"), new.encode("ascii"))
    for header in CSP_HEADERS:
        if header in response:
            response[header] = response[header].replace(old, new)
    if "Content-Length" in response:
        response["Content-Length"] = str(len(response.content))


def _store(cache, key: str, request, response, *, csrf: bool = False) -> None:
    """Store the page with its CSP nonce (when it used one) replaced by a placeholder of its own, and (`csrf`, for a
    person's own copy) each masked CSRF token of theirs in it by another: a hit gets a fresh nonce and freshly masked
    tokens, as a rendered page does (a token repeated on every copy would undo Django's per-response masking)."""
    nonce = getattr(request, "_csp_nonce", None)
    placeholder = _new_nonce() if isinstance(nonce, str) else None
    tokens = {token: get_random_string(len(token)) for token in _csrf_tokens(request, response)} if csrf else {}
    swaps = ([(nonce, placeholder)] if placeholder else []) + list(tokens.items())
    for old, new in swaps:
        _swap(response, old, new)
    try:
        entry = {"response": _plain(response), "placeholder": placeholder, "csrf_placeholders": list(tokens.values())}
        cache.set(key, entry, getattr(settings, "PAGE_CACHE_SECONDS", 600))
    finally:
        for old, new in swaps:
            _swap(response, new, old)


def _plain(response) -> HttpResponse:
    """The answer as its bytes and headers only. A DRF `Response` pickles with its `data` (every row of an API page
    as Python objects), which a hit would rebuild only to throw away."""
    return HttpResponse(response.content, status=response.status_code, headers=dict(response.headers.items()))


def _csrf_tokens(request, response) -> set[str]:
    """The masked CSRF tokens in the page that carry this request's secret (forms, meta tags, headers in markup)."""
    from django.middleware.csrf import _unmask_cipher_token

    secret = request.META.get("CSRF_COOKIE")
    if not secret:
        return set()
    found = {m.decode("ascii") for m in CSRF_TOKEN_SHAPE.findall(response.content)}
    return {token for token in found if _unmask_cipher_token(token) == secret}


def _serve(entry, request=None):
    """A stored page with a fresh nonce in place of its placeholder (and, for a person's copy, fresh CSRF tokens)."""
    response = entry["response"]
    if entry.get("placeholder"):
        _swap(response, entry["placeholder"], _new_nonce())
    for placeholder in entry.get("csrf_placeholders", ()):
        _swap(response, placeholder, get_token(request))
    return response


def _cacheable_response(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_USED") or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if "private" in cache_control or "no-store" in cache_control or "no-cache" in cache_control:
        return False
    user = getattr(request, "user", None)
    if user is not None and getattr(user, "is_authenticated", False):
        return False
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    return vary <= VARY_KEYED


class AnonymousPageCacheMiddleware:
    """Serve and store anonymous public pages by content version (see the module's docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not enabled() or not _cacheable_request(request):
            return self.get_response(request)
        try:
            key = _key(request, content_version())
        except Exception:
            log.exception("page cache unreadable")
            return self.get_response(request)
        return _through_cache(request, key, self.get_response, _cacheable_response, csrf=False)


# Stored under a page's key when its answer could not be kept (a form's CSRF token, a cookie, not 200), so the next
# requests for it render at once instead of waiting their turn behind each other for nothing.
NOT_KEPT = "not kept"


def _through_cache(request, key: str, get_response, cacheable, *, csrf: bool):
    """The stored copy under `key`, or the page rendered and stored. Requests that miss together render it once:
    the first holds the key's lock (`singleflight`) while it renders and stores; the others then read its copy."""
    cache = _cache()
    try:
        cached = cache.get(key)
    except Exception:
        log.exception("page cache unreadable")
        return get_response(request)
    if _is_copy(cached):
        return _hit(cached, request)
    if cached != NOT_KEPT:
        with one_at_a_time(cache, key, getattr(settings, "PAGE_CACHE_WAIT_SECONDS", 10)) as held:
            cached = _read(cache, key) if held else None
            if _is_copy(cached):
                return _hit(cached, request)
            if cached != NOT_KEPT:
                response = _render_and_store(cache, request, key, get_response, cacheable, csrf=csrf)
                if held and response.get("X-Page-Cache") != "miss":
                    _write(cache, key, NOT_KEPT)
                return response
    # The page cannot be kept (found by the request before this one): render it without holding up the others.
    return _render_and_store(cache, request, key, get_response, cacheable, csrf=csrf)


def _is_copy(cached) -> bool:
    return isinstance(cached, dict) and "response" in cached


def _read(cache, key: str):
    try:
        return cache.get(key)
    except Exception:
        log.exception("page cache unreadable")
        return None


def _write(cache, key: str, value) -> None:
    try:
        cache.set(key, value, getattr(settings, "PAGE_CACHE_SECONDS", 600))
    except Exception:
        log.exception("page cache unwritable")


def _hit(cached, request):
    response = _serve(cached, request)
    # A rendered page varies on the session cookie (the session middleware adds it once the view looked); a copy
    # served without looking says the same, so no shared cache downstream hands it to someone signed in.
    patch_vary_headers(response, ("Cookie",))
    response["X-Page-Cache"] = "hit"
    return response


def _render_and_store(cache, request, key: str, get_response, cacheable, *, csrf: bool):
    response = get_response(request)
    if cacheable(request, response):
        if hasattr(response, "render") and not getattr(response, "is_rendered", True):
            response.render()
        try:
            _store(cache, key, request, response, csrf=csrf)
        except Exception:
            log.exception("page cache unwritable")
        response["X-Page-Cache"] = "miss"
    return response


def _signed_in_key(request, user) -> str:
    """Everything a signed-in page may depend on: both content versions, the day (overdue, due soon), the person and
    their session (its cookie, the session's whole content: their CSRF secret, language, sign-in hash), the
    request's cookies, method, scheme, host, path and query, language, Accept and Accept-Encoding."""
    from django.utils import timezone

    session = request.session
    parts = "\n".join(
        [
            content_version(),
            private_version(),
            timezone.localdate().isoformat(),
            str(user.pk),
            session.session_key or "",
            repr(sorted((k, repr(v)) for k, v in session.items())),
            request.headers.get("Cookie", ""),
            request.method,
            request.scheme,
            request.get_host(),
            request.get_full_path(),
            getattr(request, "LANGUAGE_CODE", ""),
            request.headers.get("Accept", ""),
            request.headers.get("Accept-Encoding", ""),
        ]
    )
    return "ic:private-page:v1:" + hashlib.sha256(parts.encode()).hexdigest()


def _pending_messages(request) -> bool:
    from django.contrib import messages

    if request.COOKIES.get(getattr(settings, "MESSAGES_COOKIE_NAME", "messages")) or request.COOKIES.get("messages"):
        return True
    storage = messages.get_messages(request)
    return bool(len(storage))  # counts stored and queued messages without marking them shown


def _signed_in_user(request):
    if request.method not in ("GET", "HEAD") or not hasattr(request, "session"):
        return None
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    return user


def _cacheable_signed_in_response(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        # Django sends the CSRF cookie again whenever a page uses a token, to renew its expiry: a page is stored only
        # when that cookie holds the secret the request came with (in the key), never a new one.
        sent = request.COOKIES.get(settings.CSRF_COOKIE_NAME)
        if not sent or sent != request.META.get("CSRF_COOKIE"):
            return False
    if request.session.modified or _pending_messages(request):
        return False
    storage = getattr(request, "_messages", None)
    if storage is not None and getattr(storage, "used", False):  # messages were shown: that page is once only
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if "private" in cache_control or "no-store" in cache_control or "no-cache" in cache_control:
        return False
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    return vary <= VARY_KEYED


class SignedInPageCacheMiddleware:
    """Serve and store signed-in people's GET pages, each person's apart (placed after the messages middleware and
    before the CSP one).

    A copy is keyed on `_signed_in_key`: the content versions (any write but to sessions changes them, so an edit by
    anyone, a role removed or a membership ended is seen on the next request), the person, their session and
    cookies (so nobody gets another's copy, and signing out then in as someone else never finds the first person's),
    the day, path and query, language and Accept headers. A request carrying messages is rendered and never stored;
    neither is an answer that set a cookie, changed the session, queued or showed a message, was not 200, or is
    marked private, no-store or no-cache. The CSP nonce is swapped per copy as for the anonymous cache.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not enabled():
            return self.get_response(request)
        user = _signed_in_user(request)
        if user is None or _pending_messages(request):
            return self.get_response(request)
        try:
            key = _signed_in_key(request, user)
        except Exception:
            log.exception("page cache unreadable")
            return self.get_response(request)
        return _through_cache(request, key, self.get_response, _cacheable_signed_in_response, csrf=True)


def memoized_on_input(name: str, data: bytes, compute):
    """`compute()`'s result, kept while `data` (everything it is made from) is the same, byte for byte: for a costly
    pure function of one input, such as a PDF of a page's HTML. The key is the input's hash, so a change of any
    kind is a new entry and one input's result can only ever be served for that same input."""
    return _memo(hashlib.sha256(data).hexdigest(), name, (), compute)


def _memo(version: str, name: str, args, compute):
    """`compute()`'s result under (version, name, args) in the shared cache; computed afresh if the cache fails."""
    try:
        key = "ic:memo:" + hashlib.sha256(f"{version}\n{name}\n{args!r}".encode()).hexdigest()
        value = _cache().get(key)
    except Exception:
        log.exception("memo cache unreadable")
        return compute()
    if value is None:
        value = compute()
        try:
            _cache().set(key, value, getattr(settings, "PAGE_CACHE_SECONDS", 600))
        except Exception:
            log.exception("memo cache unwritable")
    return value


def memoized_on(labels, name: str, args, compute):
    """As `memoized`, but kept until a write to one of the apps named in `labels` (their tables' versions), not to
    anything: for a value that reads only those apps' tables (say which in `labels`, or it will go stale)."""
    try:
        version = repr(app_versions(labels))
    except Exception:
        log.exception("memo cache unreadable")
        return compute()
    return _memo(version, name, args, compute)


def memoized(name: str, args, compute):
    """`compute()`'s result, kept in the shared cache until anything in the database changes (the content version).

    For costly derived values shown to many viewers alike (recommendations, aggregates): `args` must hold everything
    the result depends on besides the database. The result must be picklable.
    """
    try:
        version = content_version()
    except Exception:
        log.exception("memo cache unreadable")
        return compute()
    return _memo(version, name, args, compute)
