"""The submission token of a web form: issued, signed, with the page; kept on the response
it brought, so the same questionnaire sent twice is stored once. The signature carries
the time the form was opened (the ``start`` of the questionnaire)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core import signing
from django.utils import timezone

from turbota.surveys.actions import new_token

SALT = "turbota.surveys.submission"
MAX_AGE = datetime.timedelta(days=30)


@dataclass(frozen=True)
class Token:
    nonce: str
    opened_at: datetime.datetime


def issue(survey_pk: int) -> str:
    return signing.TimestampSigner(salt=SALT).sign(f"{survey_pk}:{new_token()}")


def read(signed: str, survey_pk: int) -> Token | None:
    """The token, if it is genuine, for this survey and not too old."""
    signer = signing.TimestampSigner(salt=SALT)
    try:
        value = signer.unsign(signed, max_age=MAX_AGE)
        stamp = signing.b62_decode(signed.rsplit(":", 2)[-2])
    except (signing.BadSignature, ValueError, IndexError):
        return None
    survey, _sep, nonce = value.partition(":")
    if survey != str(survey_pk) or len(nonce) != 32:
        return None
    opened = datetime.datetime.fromtimestamp(stamp, tz=datetime.UTC)
    return Token(nonce, timezone.localtime(opened))
