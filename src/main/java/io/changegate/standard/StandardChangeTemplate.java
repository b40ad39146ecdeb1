package io.changegate.standard;

import io.changegate.change.Level;
import java.util.List;

/** A pre-approved change template: the services and environments it covers and its maximum impact. */
public record StandardChangeTemplate(
    String id,
    String name,
    String description,
    List<String> services,
    List<String> environments,
    Level maxImpact) {}
