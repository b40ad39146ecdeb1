package io.changegate.environment;

import java.util.List;
import java.util.Map;

/**
 * An environment as an administrator or its owner writes it ({@code POST /api/environments},
 * {@code PUT /api/environments/{name}}). Enumerations are bound as text, so that every invalid field is reported at
 * once. On a PUT, {@code name} may be left out; when given it must be the path's.
 */
public record EnvironmentRequest(
    String name,
    String kind,
    String ownerGroup,
    List<String> allowedAdapters,
    Integer promotionOrder,
    String dataClassification,
    String infrastructureTemplate,
    Map<String, String> templateParameters,
    Integer capacity) {}
