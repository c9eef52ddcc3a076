"""The `--profile` option of the commands that extract: it sets `NEWSCLAIMS_PROFILE`, which the
pipeline, its worker processes and the runs they start all read (`assets/core/environment.py`)."""

from __future__ import annotations

import argparse
import os

from assets.core.environment import PROFILES


class _SetProfile(argparse.Action):
    def __call__(self, parser, namespace, value, option_string=None) -> None:
        os.environ["NEWSCLAIMS_PROFILE"] = value
        setattr(namespace, self.dest, value)


def add_profile_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--profile",
        choices=PROFILES,
        action=_SetProfile,
        default=None,
        help="accurate: the attribution models with a fine-tuned word-piece tagger's features"
        " (slower; needs the [accurate] extra). Default: NEWSCLAIMS_PROFILE, else default",
    )
