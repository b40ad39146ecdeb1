package io.changegate.dossier.api;

import jakarta.validation.constraints.Size;

/** Optional body of {@code POST /api/changes/{id}/cancel}. */
public record CancelRequest(@Size(max = 2000) String reason) {}
