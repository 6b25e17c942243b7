"""Reminder rules of activities, a module per topic, registered with the reminder engine."""

from activities.reminders import compliance, reports


def register_rules() -> None:
    """Register every reminder rule of activities (called once, by the app's ready())."""
    compliance.register_rules()
    reports.register_rules()
