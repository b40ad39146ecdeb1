package io.changegate.calendar;

/**
 * A blackout or maintenance window as a person or a program submits it ({@code POST /api/blackouts},
 * {@code POST /api/maintenance-windows}). {@code start} and {@code end} are ISO-8601 local date-times in
 * {@code timeZone} (an IANA id); {@code recurrence} an optional RRULE; no {@code service} or
 * {@code environment} means every one. Bound as text so that every invalid field is reported at once.
 */
public record WindowRequest(
    String title,
    String start,
    String end,
    String timeZone,
    String recurrence,
    String environment,
    String service,
    String reason) {}
