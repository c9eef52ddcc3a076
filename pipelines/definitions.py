"""The Dagster code location: every definition under `assets/`, plus the settings resource."""

from __future__ import annotations

import dagster as dg
from dagster.components import load_defs

from .settings import NewsclaimsSettings


def build_defs(settings: NewsclaimsSettings | None = None) -> dg.Definitions:
    import assets

    return dg.Definitions.merge(
        load_defs(assets),
        dg.Definitions(resources={"settings": settings or NewsclaimsSettings.from_env()}),
    )


@dg.definitions
def defs() -> dg.Definitions:
    return build_defs()
