package io.changegate.itsm;

import java.time.Instant;

/** An incident of the ITSM tool linked to a change: whether it was linked now ({@code created}) or already was. */
public record LinkedIncident(String changeId, String system, String reference, String url, String title,
    String state, Instant openedAt, boolean created) {}
