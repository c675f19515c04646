"""Messages members and organisers see when the events app refuses something. Tests import them."""

EVENT_PAST = "This event has already started or taken place, so bookings are closed."
EVENT_CANCELLED = "This event has been cancelled, so it cannot take bookings."
DEADLINE_PASSED = "Booking for this event closed on {deadline:%d %B %Y at %H:%M %Z}."
ALREADY_BOOKED = "You already have a place or a waiting-list spot for this event."
NOT_YOUR_BOOKING = "You can only cancel your own booking."
ALREADY_CANCELLED = "This booking was already cancelled."
END_BEFORE_START = "The event must end after it starts."
NEGATIVE_CAPACITY = "Capacity cannot be negative. Leave it empty for no limit."
UNKNOWN_TIME_ZONE = "Please choose a time zone from the list, such as Europe/London."
GROUP_NOT_YOURS = "You can only add events to groups you organise."
GROUP_REQUIRED = "Please choose one of the groups you organise."
ORDINAL_REQUIRED = "A monthly series needs to say which week of the month, such as “first”."
SERIES_ENDS_BEFORE_START = "The series cannot end before it starts."
NOT_ALLOWED = "You are not allowed to do that."

BOOKED = "You have a place. We have emailed you the details."
WAITLISTED = "The event is full, so you are number {position} on the waiting list."
BOOKING_CANCELLED = "Your booking has been cancelled."
SERIES_NOTHING_TO_BOOK = (
    "There are no more dates in this series you can book: you already hold them, "
    "or booking has closed."
)
SERIES_BOOKED = (
    "You have a place on {confirmed} date(s) of this series. We have emailed you the list."
)
SERIES_BOOKED_WITH_WAITLIST = (
    "You have a place on {confirmed} date(s) of this series and are on the waiting list for "
    "{waitlisted} full date(s). We have emailed you the list."
)


class EventError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message
