"""E-mail delivery of a reminder: subject, text and HTML from templates, in the default language."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from reminders.models import Reminder


def send_reminder_email(reminder: Reminder) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "reminder": reminder,
            "message": reminder.message,
            "link": f"{settings.SITE_URL.rstrip('/')}{reminder.url or '/reminders/'}",
        }
        subject = " ".join(render_to_string("reminders/email/subject.txt", context).split())
        text = render_to_string("reminders/email/body.txt", context)
        html = render_to_string("reminders/email/body.html", context)
    email = EmailMultiAlternatives(subject, text, to=[reminder.recipient.email])
    email.attach_alternative(html, "text/html")
    email.send()
