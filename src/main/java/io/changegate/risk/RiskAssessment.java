package io.changegate.risk;

import io.changegate.change.Level;

/** What {@code fmea-risk-level} decided from a worksheet's figures, and why. */
public record RiskAssessment(Level riskLevel, String reason, Figures figures) {}
