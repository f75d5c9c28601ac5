"""The Charter's action-plan deadline rule, in one place.

Part II of the Charter: a signatory adopts its action plan within a reasonable
time, no later than two years after signing. equalocal counts from the
council's decision to sign when it is known (that is when the commitment is
made), else from the signature.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

PLAN_DEADLINE_YEARS = 2
REMINDER_DAYS = (180, 90, 30)


def add_years(day: date, years: int) -> date:
    """The same calendar day ``years`` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def action_plan_deadline(*, decided_on: date | None, signed_on: date | None) -> date | None:
    """Two years after the decision, or after the signature where no decision date is known."""
    start = decided_on or signed_on
    if start is None:
        return None
    return add_years(start, PLAN_DEADLINE_YEARS)


def provisional_deadline(*, recommended_on: date | None) -> date | None:
    """Two years after a recommendation to sign: the deadline if the council decides as proposed."""
    return add_years(recommended_on, PLAN_DEADLINE_YEARS) if recommended_on else None


@dataclass(frozen=True)
class DeadlineState:
    """Where a commitment stands against its deadline on a given day."""

    deadline: date | None
    plan_adopted_on: date | None
    today: date

    @property
    def known(self) -> bool:
        return self.deadline is not None

    @property
    def met(self) -> bool:
        return self.plan_adopted_on is not None

    @property
    def met_in_time(self) -> bool:
        return self.met and self.known and self.plan_adopted_on <= self.deadline

    @property
    def days_left(self) -> int | None:
        """Days until the deadline (negative when overdue); None once a plan is adopted."""
        if not self.known or self.met:
            return None
        return (self.deadline - self.today).days

    @property
    def overdue(self) -> bool:
        return self.days_left is not None and self.days_left < 0
