package io.changegate.security;

import java.util.List;

/** The engine identity behind an authenticated request: the user, its groups and tenants. */
public record CamundaPrincipal(String userId, List<String> groupIds, List<String> tenantIds) {}
