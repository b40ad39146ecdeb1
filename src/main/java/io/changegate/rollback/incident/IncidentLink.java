package io.changegate.rollback.incident;

/** The incident as the ITSM tool knows it: its reference and where to open it. */
public record IncidentLink(String system, String reference, String url) {}
