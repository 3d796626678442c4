"""The plan as a calendar (iCalendar, RFC 5545, written with the `icalendar` library): one
all-day event on each open action's due date, with a reminder a week before. Each event's
UID comes from the practice and the item id, so a calendar that imports the file again
updates its events instead of adding copies. Imported only by `plan -o FILE.ics`."""

from __future__ import annotations

import datetime as dt
import hashlib

from privacycheck.analysis.plan import LABELS, Entry, Plan
from privacycheck.files import clock

REMINDER_DAYS = 7
PRODID = "-//privacycheck//plan//EN"


def uid(practice: str, item_id: str) -> str:
    """Stable for a practice's item, whatever else changes (due date, wording, file name)."""
    key = " ".join(practice.split()).casefold() + "\0" + item_id
    return f"{hashlib.sha256(key.encode()).hexdigest()[:32]}@privacycheck"


def _one_line(text: str) -> str:
    """A name for a one-line property (calendar name, title): its line breaks and other
    control characters made spaces, so a file's text can add no property of its own."""
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())


def _description(plan: Plan, e: Entry, notes: bool) -> str:
    """The action and what to do when it is done; with `notes`, also its status, owner and
    the practice's note on the weakness (which a calendar provider would then hold)."""
    r = e.result
    lines = [r.item.remediation, "", f"Severity {r.item.severity}, {r.item.effort} effort."]
    if notes:
        lines.append(f"Now: {LABELS[r.status]}.")
        if e.owner:
            lines.append(f"Owner: {e.owner}")
        if e.note:
            lines.append(f"Note: {e.note}")
    lines.append(f"Item {r.item.id}, from the review of {plan.result.assessment.date.isoformat()}.")
    lines.append(f"When done: privacycheck plan ANSWERS.toml --done {r.item.id}")
    return "\n".join(lines)


def render(plan: Plan, now: dt.datetime | None = None, notes: bool = False) -> str:
    """The calendar: by default each event carries the action and its due date, not the
    practice's notes (`notes` adds status, owner and note)."""
    import icalendar

    stamp = now or clock.now()
    practice = _one_line(plan.result.assessment.practice)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"{practice}: confidentiality plan")
    for e in plan.open:
        assert e.due is not None
        event = icalendar.Event()
        event.add("uid", uid(practice, e.item_id))
        event.add("dtstamp", stamp)
        event.add("dtstart", e.due)
        event.add("dtend", e.due + dt.timedelta(days=1))
        event.add("summary", _one_line(f"{e.result.item.title} ({practice})"))
        event.add("description", _description(plan, e, notes))
        event.add("categories", ["privacycheck", e.result.item.severity])
        event.add("transp", "TRANSPARENT")  # a due date, not a meeting: it does not block time
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", _one_line(f"Due in a week: {e.result.item.title}"))
        alarm.add("trigger", dt.timedelta(days=-REMINDER_DAYS))
        event.add_component(alarm)
        calendar.add_component(event)
    text: str = calendar.to_ical().decode("utf-8")
    return text
