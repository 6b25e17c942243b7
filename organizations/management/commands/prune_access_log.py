"""Delete the access log entries older than the retention (ACCESS_LOG_RETENTION_DAYS, at
least 183 days); newer entries and the change history are kept."""

from django.core.management.base import BaseCommand

from organizations.services import access_log_prune, retention_days


class Command(BaseCommand):
    help = "Delete access log entries older than ACCESS_LOG_RETENTION_DAYS (at least 183 days)."

    def handle(self, *args, **options):
        deleted = access_log_prune()
        self.stdout.write(
            f"{deleted} access log entries older than {retention_days()} days deleted."
        )
