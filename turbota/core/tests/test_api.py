"""The API as a whole: its OpenAPI schema is valid and names every endpoint."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_the_openapi_schema_validates_without_warnings_and_lists_every_endpoint(
    tmp_path: Path,
) -> None:
    out = tmp_path / "schema.yml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    paths = set(yaml.safe_load(out.read_text(encoding="utf-8"))["paths"])
    assert {
        "/api/v1/territories/",
        "/api/v1/territories/{code}/",
        "/api/v1/services/",
        "/api/v1/vulnerable-groups/",
        "/api/v1/hromadas/",
        "/api/v1/hromadas/{code}/profile/",
        "/api/v1/providers/",
        "/api/v1/providers/{id}/",
    } <= paths
