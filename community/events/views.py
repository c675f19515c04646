import csv

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from . import errors, selectors, services
from .calendar import build_calendar, google_calendar_url
from .errors import EventError
from .filters import EventFilters
from .models import RSVP, Event
from .permissions import can_see_attendees
from .structured_data import event_json_ld


def _listing(request, *, past: bool):
    groups = list(selectors.filter_groups(user=request.user))
    filters = EventFilters.from_query(request.GET, group_slugs={g.slug for g in groups})
    events = selectors.event_listing(user=request.user, filters=filters, past=past)
    page = Paginator(events, settings.EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "page_obj": page,
        "events": page.object_list,
        "past": past,
        "filters": filters,
        "chip_sections": filters.chips(groups=groups),
        "group_feed": next((g for g in groups if g.slug == filters.group), None),
    }
    return render(request, "events/event_list.html", context)


@require_GET
def event_list(request):
    return _listing(request, past=False)


@require_GET
def event_list_past(request):
    return _listing(request, past=True)


@require_GET
def event_detail(request, pk: int, slug: str = ""):
    event = selectors.event_for(user=request.user, pk=pk)
    if slug != event.slug:
        return redirect(event.get_absolute_url(), permanent=True)
    rsvp = selectors.rsvp_of(member=request.user, event=event)
    series_dates = (
        selectors.series_dates(series_id=event.series_id, member=request.user)
        if event.series_id
        else []
    )
    try:
        services.check_bookable(event)
        booking_closed = ""
    except EventError as refusal:
        booking_closed = refusal.message
    context = {
        "event": event,
        "rsvp": rsvp,
        "waitlist_rank": selectors.waitlist_rank(rsvp=rsvp) if rsvp else None,
        "has_place": rsvp is not None and rsvp.status == RSVP.Status.CONFIRMED,
        "booking_closed": booking_closed,
        "series_dates": series_dates,
        "series_has_unbooked": any(not date.member_rsvps for date in series_dates),
        "can_see_attendees": can_see_attendees(request.user, event),
        "google_calendar_url": google_calendar_url(event),
        "json_ld": event_json_ld(event),
    }
    return render(request, "events/event_detail.html", context)


@login_required
@require_POST
def rsvp_create(request, pk: int):
    event = selectors.event_for(user=request.user, pk=pk)
    try:
        rsvp = services.rsvp_create(event=event, member=request.user)
    except EventError as refusal:
        messages.error(request, refusal.message)
    else:
        if rsvp.status == RSVP.Status.CONFIRMED:
            messages.success(request, errors.BOOKED)
        else:
            rank = selectors.waitlist_rank(rsvp=rsvp)
            messages.info(request, errors.WAITLISTED.format(position=rank))
    return redirect(event.get_absolute_url())


@login_required
@require_POST
def series_rsvp_create(request, pk: int):
    event = selectors.event_for(user=request.user, pk=pk)
    if event.series is None:
        raise Http404("This event is not part of a series")
    try:
        rsvps = services.series_rsvp_create(series=event.series, member=request.user)
    except EventError as refusal:
        messages.error(request, refusal.message)
    else:
        confirmed = sum(rsvp.status == RSVP.Status.CONFIRMED for rsvp in rsvps)
        waitlisted = len(rsvps) - confirmed
        summary = errors.SERIES_BOOKED_WITH_WAITLIST if waitlisted else errors.SERIES_BOOKED
        messages.success(request, summary.format(confirmed=confirmed, waitlisted=waitlisted))
    return redirect(event.get_absolute_url())


@login_required
@require_POST
def rsvp_cancel(request, pk: int):
    rsvp = selectors.own_rsvp(member=request.user, pk=pk)
    try:
        services.rsvp_cancel(rsvp=rsvp, by=request.user)
    except EventError as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, errors.BOOKING_CANCELLED)
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        return redirect(back)
    return redirect(rsvp.event.get_absolute_url())


def _event_for_organiser(request, pk: int) -> Event:
    event = selectors.event_for(user=request.user, pk=pk)
    if not can_see_attendees(request.user, event):
        raise Http404("No such event")
    return event


@never_cache
@login_required
@require_GET
def attendees(request, pk: int):
    event = _event_for_organiser(request, pk)
    context = {"event": event, "attendees": selectors.attendees(event=event)}
    return render(request, "events/event_attendees.html", context)


def _csv_cell(value) -> str:
    """Text a spreadsheet could run as a formula is kept as text."""
    text = "" if value is None else str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@never_cache
@login_required
@require_GET
def attendees_csv(request, pk: int):
    """Display names only: organisers contact attendees through the site, not by email."""
    event = _event_for_organiser(request, pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-attendees.csv"'
    writer = csv.writer(response)
    writer.writerow(["Display name", "Status", "Waiting-list position", "Booked at"])
    for rsvp in selectors.attendees(event=event):
        profile = getattr(rsvp.member, "profile", None)
        writer.writerow(
            [
                _csv_cell(profile.display_name if profile else "Member"),
                rsvp.get_status_display(),
                rsvp.waitlist_position or "",
                f"{rsvp.created_at.astimezone(event.tzinfo):%Y-%m-%d %H:%M}",
            ]
        )
    return response


def _calendar_response(content: bytes, *, filename: str, download: bool) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if download else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


@require_GET
def event_ics(request, pk: int):
    event = selectors.event_for(user=request.user, pk=pk)
    return _calendar_response(build_calendar([event]), filename=f"{event.slug}.ics", download=True)


@require_GET
def group_feed(request, slug: str):
    group = selectors.feed_group(user=request.user, slug=slug)
    events = selectors.feed_events(group=group, user=request.user)
    content = build_calendar(events, name=f"{group.name}: events")
    return _calendar_response(content, filename=f"{group.slug}.ics", download=False)


@require_GET
def all_feed(request):
    content = build_calendar(selectors.feed_events(), name="Bone & Spine Health events")
    return _calendar_response(content, filename="events.ics", download=False)
