package io.changegate.calendar;

import java.util.List;

/**
 * A release policy as the CAB or operations declare it ({@code PUT /api/services/{service}/release-policy}):
 * {@code cadence} CONTINUOUS, WEEKLY (with {@code dayOfWeek}) or MONTHLY (with {@code dayOfMonth} 1-28), the local
 * window {@code from}-{@code to} ("HH:mm") in {@code timeZone}, and the {@code riskClasses} that ride the train.
 */
public record ReleasePolicyRequest(String cadence, String dayOfWeek, Integer dayOfMonth, String from, String to,
    String timeZone, List<String> riskClasses) {}
