package io.changegate.environment;

/**
 * A booking as a team asks for it ({@code POST /api/environments/{name}/bookings}); enumerations and instants are
 * bound as text, so that every invalid field is reported at once.
 *
 * @param start ISO-8601 instant
 * @param end ISO-8601 instant, after {@code start}
 * @param team the team that uses the environment (lower-case letters, digits, '-')
 * @param release the release it is for (up to 200 characters); required without {@code changeId}
 * @param changeId the change it is for ({@code CHG-…}, to this environment)
 * @param criticality EMERGENCY, HIGH or NORMAL (default); EMERGENCY and HIGH need a change that is one
 */
public record BookingRequest(String start, String end, String team, String release, String changeId,
    String criticality) {}
