"""Filters of the logging configuration in settings."""

import logging


class RefusalWithoutTraceback(logging.Filter):
    """A refused or malformed request (4xx) is the client's doing, not a fault of the code:
    its one line says what happened, and the traceback of the exception that produced the
    answer (PermissionDenied, say) is left out."""

    def filter(self, record: logging.LogRecord) -> bool:
        if 400 <= getattr(record, "status_code", 0) < 500:
            record.exc_info = None
            record.exc_text = None
        return True
