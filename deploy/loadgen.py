#!/usr/bin/env python3
"""Steady browser-like load on tally, for scripts/deploy-test. Standard library only.

Each client is a thread with its own cookies. It signs up once, then opens its own account
(--mode own) or, with --mode shared, client 0 opens one account and the others sign in as the
same user, so every expense goes to that one account. Then, until --duration is over (or
--max-requests are sent), it repeats: GET the dashboard, take the CSRF token and a fresh
expense_id from its add-expense form, and either POST an expense (--post-share of the rounds)
or view another page (home, the stylesheet nginx serves). Some clients keep their connection
to nginx alive, the others send `Connection: close`.

Every answer is counted. A failure is a connection error, a 5xx, or any status other than the
expected one (200 for pages, 303 to the dashboard for an expense). Every expense_id answered
with that 303 is recorded, with when it was acknowledged, and each kind of request's
latencies (p50, p99). The summary is JSON (--out, else stdout). "READY" is printed on stdout
once every client has finished signing up, so the caller can time the deploy.

With --source-addresses each client connects from its own loopback address (127.0.1.1,
127.0.1.2, …; all of 127.0.0.0/8 is local), as people behind their own addresses do, so
per-address limits (nginx's, tally's sign-up throttle) count each client apart.
"""

import argparse
import http.client
import http.cookies
import json
import random
import sys
import threading
import time
import urllib.parse
import uuid
from html.parser import HTMLParser

PASSWORD = "correct horse battery staple"


class FormParser(HTMLParser):
    """Collects the fields a browser would submit for each form, and any csrf_token."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []  # (attrs, [(name, value)])
        self.csrf = None
        self._form = None
        self._select = None  # (name, first value, selected value)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = (a, [])
            self.forms.append(self._form)
        elif tag == "input":
            name = a.get("name")
            if name == "csrf_token" and self.csrf is None:
                self.csrf = a.get("value", "")
            if self._form is None or not name:
                return
            kind = (a.get("type") or "text").lower()
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind in ("submit", "button", "image", "file", "reset"):
                return
            self._form[1].append((name, a.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select" and self._form is not None and a.get("name"):
            self._select = [a["name"], None, None]
        elif tag == "option" and self._select is not None:
            value = a.get("value", "")
            if self._select[1] is None:
                self._select[1] = value
            if "selected" in a:
                self._select[2] = value

    def handle_endtag(self, tag):
        if tag == "select" and self._select is not None and self._form is not None:
            name, first, chosen = self._select
            value = chosen if chosen is not None else first
            if value is not None:
                self._form[1].append((name, value))
            self._select = None
        elif tag == "form":
            self._form = None

    def form_with_class(self, cls):
        for attrs, fields in self.forms:
            if cls in (attrs.get("class") or "").split():
                return attrs, fields
        return None


class Failure(Exception):
    pass


class Client:
    def __init__(self, index, args, stats):
        self.index = index
        self.host, self.port = args.host, args.port
        self.keepalive = index < args.keepalive_clients
        self.source = (f"127.0.{1 + index // 250}.{1 + index % 250}", 0) if args.source_addresses else None
        self.timeout = args.timeout
        self.stats = stats
        self.cookies = {}
        self.conn = None
        self.account = None  # "/accounts/<id>"

    # --- HTTP -----------------------------------------------------------------------------

    def _connection(self):
        if not self.keepalive:
            return http.client.HTTPConnection(self.host, self.port, timeout=self.timeout,
                                              source_address=self.source)
        if self.conn is None:
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout,
                                                   source_address=self.source)
        return self.conn

    def _drop(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def request(self, method, path, fields=None, expect=200, expect_location=None, kind=None):
        """One request; returns (status, headers, body). Records the outcome."""
        headers = {"User-Agent": "tally-loadgen", "Accept": "text/html"}
        if not self.keepalive:
            headers["Connection"] = "close"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if fields is not None:
            body = urllib.parse.urlencode(fields)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        kind = kind or f"{method} {path.split('/')[1] if path != '/' else '/'}"
        conn = self._connection()
        began = time.monotonic()
        try:
            conn.request(method, path, body=body, headers=headers)
            resp = conn.getresponse()
            data = resp.read()
            status = resp.status
            location = resp.getheader("Location")
            for header in resp.msg.get_all("Set-Cookie") or []:
                self._set_cookie(header)
            if resp.will_close or not self.keepalive:
                conn.close()
                if self.keepalive:
                    self.conn = None
        except (OSError, http.client.HTTPException) as e:
            self._drop()
            if not self.keepalive:
                conn.close()
            self.stats.record(kind, False, f"{method} {path}: connection error: {e!r}")
            raise Failure(str(e)) from None
        ok = status == expect and (expect_location is None or location == expect_location)
        if not ok:
            what = "5xx" if status >= 500 else "unexpected status"
            excerpt = data[:200].decode("utf-8", "replace").replace("\n", " ")
            self.stats.record(
                kind,
                False,
                f"{method} {path}: {what} {status} (expected {expect}"
                f"{' to ' + expect_location if expect_location else ''}; "
                f"location {location!r}) {excerpt}",
            )
            raise Failure(f"{method} {path}: {status}")
        self.stats.record(kind, True, elapsed=time.monotonic() - began)
        return status, location, data.decode("utf-8", "replace")

    def _set_cookie(self, header):
        jar = http.cookies.SimpleCookie()
        try:
            jar.load(header)
        except http.cookies.CookieError:
            return
        for name, morsel in jar.items():
            if morsel["max-age"] == "0" or morsel.value == "":
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = morsel.value

    # --- the app ------------------------------------------------------------------------------

    def csrf(self, path):
        _, _, html = self.request("GET", path, kind="GET page")
        p = FormParser()
        p.feed(html)
        if not p.csrf:
            raise Failure(f"no csrf_token on {path}")
        return p.csrf, p

    def sign_up(self, run_id):
        token, _ = self.csrf("/signup")
        self.email = f"load-{run_id}-{self.index}@example.org"
        self.request(
            "POST",
            "/signup",
            [("csrf_token", token), ("email", self.email),
             ("display_name", f"Client {self.index}"), ("password", PASSWORD)],
            expect=303,
            kind="POST signup",
        )

    def sign_in(self, email):
        token, _ = self.csrf("/signin")
        self.request(
            "POST",
            "/signin",
            [("csrf_token", token), ("email", email), ("password", PASSWORD)],
            expect=303,
            kind="POST signin",
        )

    def open_account(self, name):
        token, _ = self.csrf("/")
        _, location, _ = self.request(
            "POST",
            "/accounts",
            [("csrf_token", token), ("name", name), ("currency", "EUR"),
             ("member_name", f"Client {self.index}")],
            expect=303,
            kind="POST accounts",
        )
        if not location or not location.startswith("/accounts/"):
            raise Failure(f"opening an account redirected to {location!r}")
        self.account = location

    def post_expense(self):
        _, p = self.csrf(self.account)
        found = p.form_with_class("expense-form")
        if found is None:
            raise Failure("no expense form on the dashboard")
        attrs, fields = found
        fields = [(k, v) for k, v in fields if k not in ("amount", "description")]
        expense_id = dict(fields).get("expense_id")
        if not expense_id:
            raise Failure("no expense_id in the expense form")
        cents = random.randint(100, 9999)
        fields += [("amount", f"{cents // 100}.{cents % 100:02d}"),
                   ("description", f"load {self.index} {expense_id[:8]}")]
        action = attrs.get("action") or f"{self.account}/expenses"
        self.stats.posted(expense_id)
        self.request("POST", action, fields, expect=303, expect_location=self.account,
                     kind="POST expense")
        self.stats.acknowledged(expense_id)

    def browse(self):
        r = random.random()
        if r < 0.5:
            self.request("GET", self.account, kind="GET dashboard")
        elif r < 0.8:
            self.request("GET", "/", kind="GET home")
        else:
            self.request("GET", "/static/style.css", kind="GET static")


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.total = 0
        self.failed = 0
        self.kinds = {}
        self.failures = []
        self.acked = []
        self.acked_at = []
        self.sent = []
        self.latencies = {}
        self.first_failure_at = None
        self.last_failure_at = None
        self.started = time.monotonic()

    def record(self, kind, ok, detail=None, elapsed=None):
        with self.lock:
            self.total += 1
            k = self.kinds.setdefault(kind, {"ok": 0, "failed": 0})
            if ok:
                k["ok"] += 1
                if elapsed is not None:
                    self.latencies.setdefault(kind, []).append(elapsed)
                return
            k["failed"] += 1
            self.failed += 1
            t = round(time.monotonic() - self.started, 3)
            self.first_failure_at = self.first_failure_at if self.first_failure_at is not None else t
            self.last_failure_at = t
            if len(self.failures) < 200:
                self.failures.append(f"t={t}s {detail}")

    def posted(self, expense_id):
        with self.lock:
            self.sent.append(expense_id)

    def acknowledged(self, expense_id):
        with self.lock:
            self.acked.append(expense_id)
            self.acked_at.append(round(time.monotonic() - self.started, 3))

    def latency_summary(self):
        """Per kind of request: answers that succeeded, p50 and p99 in milliseconds."""
        out = {}
        with self.lock:
            for kind, values in self.latencies.items():
                v = sorted(values)
                pick = lambda q: round(1000 * v[min(len(v) - 1, int(q * len(v)))], 1)
                out[kind] = {"n": len(v), "p50_ms": pick(0.50), "p99_ms": pick(0.99)}
        return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--url", required=True, help="e.g. http://127.0.0.1:8080")
    ap.add_argument("--clients", type=int, default=6)
    ap.add_argument("--keepalive-clients", type=int, default=3,
                    help="how many of the clients keep their connection alive")
    ap.add_argument("--duration", type=float, default=25.0, help="seconds of load after setup")
    ap.add_argument("--max-requests", type=int, default=200000, help="bound on requests")
    ap.add_argument("--post-share", type=float, default=0.4,
                    help="share of rounds that record an expense")
    ap.add_argument("--pause", type=float, default=0.01, help="think time between rounds (s)")
    ap.add_argument("--mode", choices=["own", "shared"], default="own")
    ap.add_argument("--one-session", action="store_true",
                    help="shared mode: the clients use client 0's session instead of signing "
                         "in (tabs of one browser; more clients than the sign-in limit allows)")
    ap.add_argument("--timeout", type=float, default=30.0, help="socket timeout (s)")
    ap.add_argument("--source-addresses", action="store_true",
                    help="each client connects from its own 127.0.x.y address")
    ap.add_argument("--out", help="write the JSON summary here")
    args = ap.parse_args()

    url = urllib.parse.urlsplit(args.url)
    if url.scheme != "http" or url.hostname not in ("127.0.0.1", "localhost"):
        sys.exit("loadgen: only http://127.0.0.1 targets")
    args.host, args.port = url.hostname, url.port or 80

    run_id = uuid.uuid4().hex[:10]
    stats = Stats()
    clients = [Client(i, args, stats) for i in range(args.clients)]

    # --- setup (before the clock starts) ---
    setup_errors = []

    def setup(c):
        try:
            if args.mode == "own" or c.index == 0:
                c.sign_up(run_id)
                c.open_account(f"Flat {c.index}")
        except Failure as e:
            setup_errors.append(f"client {c.index}: {e}")

    if args.mode == "shared":
        setup(clients[0])
        for c in clients[1:]:
            if setup_errors:
                break
            try:
                if args.one_session:
                    c.cookies = dict(clients[0].cookies)
                else:
                    c.sign_in(clients[0].email)
                c.account = clients[0].account
            except Failure as e:
                setup_errors.append(f"client {c.index}: {e}")
    else:
        threads = [threading.Thread(target=setup, args=(c,)) for c in clients]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    if setup_errors:
        print(json.dumps({"setup_errors": setup_errors, "failures": stats.failures}, indent=1),
              file=sys.stderr)
        sys.exit("loadgen: setup failed")
    setup_requests = stats.total

    # Latencies and acknowledgement times count from here, not from the setup.
    with stats.lock:
        stats.latencies = {}
        stats.started = time.monotonic()
    print("READY", flush=True)
    start = time.monotonic()
    deadline = start + args.duration
    budget = threading.Semaphore(args.max_requests)

    def run(c):
        while time.monotonic() < deadline and budget.acquire(blocking=False):
            try:
                if random.random() < args.post_share:
                    c.post_expense()
                else:
                    c.browse()
            except Failure:
                time.sleep(0.05)
            time.sleep(args.pause)

    threads = [threading.Thread(target=run, args=(c,)) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    summary = {
        "mode": args.mode,
        "clients": args.clients,
        "keepalive_clients": min(args.keepalive_clients, args.clients),
        "seconds": round(time.monotonic() - start, 2),
        "setup_requests": setup_requests,
        "requests": stats.total - setup_requests,
        "failed": stats.failed,
        "first_failure_at": stats.first_failure_at,
        "last_failure_at": stats.last_failure_at,
        "by_kind": stats.kinds,
        "failures": stats.failures,
        "accounts": sorted({c.account for c in clients if c.account}),
        "expenses_posted": len(stats.sent),
        "expenses_acknowledged": stats.acked,
        "acknowledged_at": stats.acked_at,
        "latency": stats.latency_summary(),
    }
    text = json.dumps(summary, indent=1)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        print(text)
    print(f"loadgen: {stats.total - setup_requests} requests, {stats.failed} failed, "
          f"{len(stats.acked)} expenses acknowledged", file=sys.stderr)


if __name__ == "__main__":
    main()
