"""The project's composition root: settings, URLs, the API router, the Celery app, WSGI/ASGI.

It owns no domain: config.forms (the Bootstrap and service-error helpers) is shared by every
app; config.urls, config.api, config.settings and config.celery import the apps and are
imported by none of them. Importing this package loads the Celery app, so that
``shared_task`` binds to it."""

from config.celery import app as celery_app

__all__ = ["celery_app"]
