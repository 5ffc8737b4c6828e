"""Funding sources shipped as defaults (decision 0008): created when missing, never
overwritten, so an administrator's corrections and additions survive."""

from __future__ import annotations

from django.db import transaction

from turbota.strategy.models import FundingSource

# code, name, words documents use for it (lowercase)
DEFAULT_SOURCES = (
    ("local_budget", "місцевий бюджет", ("бюджет громади", "міський бюджет", "сільський бюджет")),
    ("state_budget", "державний бюджет", ("держбюджет", "державний фонд регіонального розвитку")),
    ("oblast_budget", "обласний бюджет", ()),
    (
        "international_aid",
        "міжнародна технічна допомога",
        ("мтд", "кошти міжнародної технічної допомоги", "міжнародні проєкти"),
    ),
    ("grants", "гранти", ("грантові кошти", "грант")),
    ("private_partners", "приватні партнери", ("кошти приватних партнерів", "інвестори")),
    ("other", "інші джерела, не заборонені законодавством", ("інші джерела",)),
)


def funding_sources() -> list[FundingSource]:
    """All funding sources, the defaults created first if the table is empty of them."""
    with transaction.atomic():
        known = set(FundingSource.objects.values_list("code", flat=True))
        FundingSource.objects.bulk_create(
            FundingSource(code=code, name=name, aliases="\n".join(aliases), position=position)
            for position, (code, name, aliases) in enumerate(DEFAULT_SOURCES, start=1)
            if code not in known
        )
    return list(FundingSource.objects.all())
