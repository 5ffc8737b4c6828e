"""Keeping bots off the public forms (a proposal, a registration for a meeting) without a
CAPTCHA, which shuts out people using screen readers:

1. a honeypot — a text field hidden from people by the stylesheet; a bot filling every
   field fills it too. Such a submission is answered as if it were accepted (so the bot
   learns nothing) and nothing is saved;
2. a minimum time to fill the form — the page carries a signed timestamp; a submission
   sooner than ``TURBOTA_PUBLIC_FORM_MIN_SECONDS`` (default 5) after the page was served,
   or with a missing, forged or day-old stamp, is shown again with a plain message;
3. a rate limit per visitor (``turbota.core.ratelimit``: a keyed hash of the address, for an
   hour) on every submission, valid or not — answered with 429.

Whatever passes goes to the moderation queue; nothing is public until staff approve it.
"""

from __future__ import annotations

import time
from typing import Any

from django import forms
from django.conf import settings
from django.core import signing
from django.http import HttpRequest

from turbota.core.ratelimit import allow

HONEYPOT = "website"
STARTED = "started"
_SALT = "turbota.consultations.public-form"
MAX_AGE_SECONDS = 24 * 3600
DEFAULT_MIN_SECONDS = 5
SUBMISSIONS_PER_HOUR = 10


def min_seconds() -> float:
    return float(getattr(settings, "TURBOTA_PUBLIC_FORM_MIN_SECONDS", DEFAULT_MIN_SECONDS))


def issue_stamp(now: float | None = None) -> str:
    return signing.dumps(now if now is not None else time.time(), salt=_SALT)


def seconds_taken(stamp: str, now: float | None = None) -> float | None:
    """Seconds since the stamp was issued; None when it is missing, forged or too old."""
    try:
        issued = signing.loads(stamp, salt=_SALT, max_age=MAX_AGE_SECONDS)
    except signing.BadSignature:
        return None
    if not isinstance(issued, int | float):
        return None
    taken = (now if now is not None else time.time()) - issued
    return taken if 0 <= taken <= MAX_AGE_SECONDS else None


def within_rate_limit(request: HttpRequest, scope: str) -> bool:
    """Count this submission; False once the visitor made too many this hour."""
    return allow(
        request, scope=f"consultations:{scope}", limit=SUBMISSIONS_PER_HOUR, per_seconds=3600
    )


class HumanCheckForm(forms.Form):
    """A form with the honeypot field and the signed timestamp (rendered by the template
    from ``stamp``, a fresh one each time the form is shown). ``is_bot`` tells a filled
    honeypot; the timestamp is checked in ``clean``."""

    website = forms.CharField(
        label="Не заповнюйте це поле",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    @property
    def stamp(self) -> str:
        return issue_stamp()

    @property
    def is_bot(self) -> bool:
        return bool(self.cleaned_data.get(HONEYPOT))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        taken = seconds_taken(str(self.data.get(STARTED, "")))
        if taken is None:
            self.add_error(
                None, "Сторінка застаріла: перевірте, що ви написали, і надішліть ще раз."
            )
        elif taken < min_seconds():
            self.add_error(
                None,
                "Форму надіслано надто швидко, як це роблять програми-боти. Перевірте, що ви "
                "написали, і надішліть ще раз.",
            )
        return cleaned
