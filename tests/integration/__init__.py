"""Integration tests against real services (a Celery worker and Redis)."""
