"""Fault injection for the crash tests: `NEWSCLAIMS_KILL_AT=<stage>` makes the process group
kill itself with SIGKILL when it reaches `checkpoint(<stage>)`.

The stages sit where a real crash does most harm (a table half written, the checks running,
news.duckdb being rebuilt, a release being written); `tests/pipelines/test_crash.py` kills a
run at each one and checks the next run gives the tables of an uninterrupted one. Unset, a
checkpoint costs one dictionary look-up.
"""

from __future__ import annotations

import os
import signal

KILL_AT = "NEWSCLAIMS_KILL_AT"


def checkpoint(stage: str) -> None:
    """SIGKILL this process group if `NEWSCLAIMS_KILL_AT` names `stage`."""
    if os.environ.get(KILL_AT) == stage:
        os.killpg(os.getpgid(0), signal.SIGKILL)
