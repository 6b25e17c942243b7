"""Facility pages: the facilities a user sees with their next bookings, a facility's week
of bookings, the booking form, cancelling, and the facility form of its owner's managers."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from config.forms import add_service_errors
from residents.forms.facilities import BookingForm, FacilityForm
from residents.selectors import facilities as selectors
from residents.services import facilities as services


def _detail_url(facility, week: datetime.date | None = None) -> str:
    url = reverse("residents:facility_detail", kwargs={"pk": facility.pk})
    return f"{url}?week={week.isoformat()}" if week else url


@login_required
def facility_list(request):
    facilities = selectors.facilities_with_next_bookings(request.user, timezone.now())
    may_add = selectors.booking_organizations_for(request.user).exists()
    return render(
        request,
        "residents/facilities/list.html",
        {"facilities": facilities, "may_add": may_add},
    )


def _week_of(request) -> datetime.date:
    try:
        day = datetime.date.fromisoformat(request.GET.get("week", ""))
    except ValueError:
        day = timezone.localdate()
    return day - datetime.timedelta(days=day.weekday())


@login_required
def facility_detail(request, pk: int):
    facility = selectors.get_facility_for_user(request.user, pk)
    monday = _week_of(request)
    days = [monday + datetime.timedelta(days=i) for i in range(7)]
    start = timezone.make_aware(datetime.datetime.combine(monday, datetime.time()))
    bookings = list(
        selectors.bookings_between(request.user, facility, start, start + datetime.timedelta(7))
    )
    rows = [
        {
            "day": day,
            "open": day.isoweekday() in facility.open_weekdays(),
            "bookings": [b for b in bookings if timezone.localtime(b.starts_at).date() == day],
        }
        for day in days
    ]
    for booking in bookings:
        booking.may_cancel = selectors.can_cancel_booking(request.user, booking)
    return render(
        request,
        "residents/facilities/detail.html",
        {
            "facility": facility,
            "hours": services.opening_hours_text(facility),
            "units": list(facility.shared_with.order_by("name")),
            "rows": rows,
            "previous": monday - datetime.timedelta(days=7),
            "next": monday + datetime.timedelta(days=7),
            "may_book": selectors.booking_organizations_for(request.user, facility).exists(),
            "may_edit": selectors.can_manage_facility(request.user, facility),
        },
    )


def _form_page(request, form, *, title, back):
    return render(
        request,
        "residents/facilities/form.html",
        {"form": form, "title": title, "back": back},
    )


def _try(form, save):
    try:
        return save()
    except ValidationError as error:
        add_service_errors(form, error)
        return None


def _facility_choices(user) -> dict:
    return {
        "communities": selectors.facility_communities_for(user),
        "cells": selectors.facility_cells_for(user),
        "units": selectors.shareable_units_for(user),
    }


@login_required
def facility_create(request):
    owners = selectors.booking_organizations_for(request.user)
    if not owners.exists():
        raise PermissionDenied
    form = FacilityForm(request.POST or None, owners=owners, **_facility_choices(request.user))
    if request.method == "POST" and form.is_valid():
        facility = _try(
            form, lambda: services.facility_create(user=request.user, **form.cleaned_data)
        )
        if facility is not None:
            messages.success(request, _("Facility recorded."))
            return redirect(_detail_url(facility))
    back = reverse("residents:facility_list")
    return _form_page(request, form, title=_("Record a facility"), back=back)


@login_required
def facility_edit(request, pk: int):
    facility = selectors.get_facility_for_user(request.user, pk)
    if not selectors.can_manage_facility(request.user, facility):
        raise PermissionDenied
    form = FacilityForm(request.POST or None, instance=facility, **_facility_choices(request.user))
    if request.method == "POST" and form.is_valid():
        saved = _try(
            form,
            lambda: services.facility_update(
                user=request.user, facility=facility, **form.cleaned_data
            ),
        )
        if saved is not None:
            messages.success(request, _("Facility saved."))
            return redirect(_detail_url(saved))
    title = _("Change %(facility)s") % {"facility": facility.name}
    return _form_page(request, form, title=title, back=_detail_url(facility))


def _aware(day, time) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, time))


@login_required
def booking_create(request, pk: int):
    facility = selectors.get_facility_for_user(request.user, pk)
    organizations = selectors.booking_organizations_for(request.user, facility)
    if not organizations.exists():
        raise PermissionDenied
    form = BookingForm(
        request.POST or None,
        organizations=organizations,
        activities=selectors.booking_activities_for(request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        booking = _try(
            form,
            lambda: services.booking_create(
                user=request.user,
                facility=facility,
                organization=data["organization"],
                starts_at=_aware(data["day"], data["starts_at"]),
                ends_at=_aware(data["day"], data["ends_at"]),
                purpose=data["purpose"],
                activity=data["activity"],
            ),
        )
        if booking is not None:
            messages.success(request, _("Booked."))
            return redirect(_detail_url(facility, data["day"]))
    title = _("Book %(facility)s") % {"facility": facility.name}
    return _form_page(request, form, title=title, back=_detail_url(facility))


@login_required
@require_POST
def booking_cancel(request, pk: int):
    booking = selectors.get_booking_for_user(request.user, pk)
    if not selectors.can_cancel_booking(request.user, booking):
        raise PermissionDenied
    services.booking_cancel(user=request.user, booking=booking)
    messages.success(request, _("Booking cancelled."))
    day = timezone.localtime(booking.starts_at).date()
    return redirect(_detail_url(booking.facility, day))
