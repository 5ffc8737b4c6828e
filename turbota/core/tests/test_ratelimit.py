"""The public rate limit: a visitor is refused after the limit, others are not."""

from __future__ import annotations

from django.test import RequestFactory

from turbota.core.ratelimit import allow, client_fingerprint


def _request(address: str, forwarded: str = ""):
    request = RequestFactory().post("/", REMOTE_ADDR=address)
    if forwarded:
        request.META["HTTP_X_FORWARDED_FOR"] = forwarded
    return request


def test_a_visitor_is_refused_after_the_limit_and_another_is_not() -> None:
    first, second = _request("10.0.0.1"), _request("10.0.0.2")
    answers = [allow(first, scope="survey", limit=3, per_seconds=60) for _ in range(4)]
    assert answers == [True, True, True, False]
    assert allow(second, scope="survey", limit=3, per_seconds=60)


def test_scopes_are_counted_apart() -> None:
    visitor = _request("10.0.0.3")
    assert allow(visitor, scope="a", limit=1, per_seconds=60)
    assert not allow(visitor, scope="a", limit=1, per_seconds=60)
    assert allow(visitor, scope="b", limit=1, per_seconds=60)


def test_the_address_is_kept_only_as_a_keyed_hash() -> None:
    fingerprint = client_fingerprint(_request("192.168.7.7"))
    assert "192.168" not in fingerprint
    assert fingerprint == client_fingerprint(_request("192.168.7.7"))
    assert fingerprint != client_fingerprint(_request("192.168.7.8"))


def test_the_forwarded_address_counts_only_behind_a_trusted_proxy(settings) -> None:
    behind = _request("127.0.0.1", forwarded="203.0.113.9")
    direct = _request("127.0.0.1")
    assert client_fingerprint(behind) == client_fingerprint(direct)
    settings.TURBOTA_TRUSTED_PROXY = True
    assert client_fingerprint(behind) != client_fingerprint(direct)
