package io.changegate.itsm.api;

/** {@code POST /api/changes/{id}/incidents}: {@code reference}*, the incident's number in the ITSM tool. */
public record IncidentLinkRequest(String reference) {}
