"""Today's date and the present moment, read in one place: the system clock, or the day named
by PRIVACYCHECK_TODAY (YYYY-MM-DD), so that a test, or a consultant re-issuing a plan as of a
given day, gets the same output whatever the calendar says."""

from __future__ import annotations

import datetime as dt
import os

from privacycheck.errors import PrivacycheckError

ENV = "PRIVACYCHECK_TODAY"


def _set_day() -> dt.date | None:
    value = os.environ.get(ENV, "")
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value) if len(value) == 10 else dt.date.fromisoformat("")
    except ValueError:
        raise PrivacycheckError(f"{ENV}={value[:40]!r}: not a date written as YYYY-MM-DD") from None


def today() -> dt.date:
    """The day the review, plan or report is made on (local calendar date)."""
    return _set_day() or dt.date.today()


def now() -> dt.datetime:
    """The present moment in UTC, to the second; on the day PRIVACYCHECK_TODAY names, if set."""
    moment = dt.datetime.now(dt.UTC).replace(microsecond=0)
    day = _set_day()
    return moment if day is None else dt.datetime.combine(day, moment.time(), dt.UTC)
