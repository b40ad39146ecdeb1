package io.changegate.itsm;

import java.util.List;

/**
 * {@code POST /api/problems}: {@code title} (required unless {@code reference} names the problem in the ITSM tool,
 * whose title it then takes), {@code reference} (the tool's problem number, optional), {@code incidents}* (1–50
 * incident references of the tool) and {@code changes}* (1–50 change ids that caused them).
 */
public record ProblemRequest(String title, String reference, List<String> incidents, List<String> changes) {}
