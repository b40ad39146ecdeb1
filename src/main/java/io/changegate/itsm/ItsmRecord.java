package io.changegate.itsm;

import java.time.Instant;

/**
 * An incident or problem as the ITSM tool holds it: the tool ({@code system}), its number ({@code reference}: INC…,
 * PRB…, a Jira issue key), where to open it, its title and state, and when it was opened there.
 */
public record ItsmRecord(String system, String reference, String url, String title, String state, Instant openedAt) {}
