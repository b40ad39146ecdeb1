package io.changegate.emergency;

import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code changegate.emergency}: how long the ECAB has to decide, how many business days the CAB has for
 * the post-implementation review, and the time zone whose weekends do not count.
 */
@ConfigurationProperties("changegate.emergency")
public record EmergencyProperties(
    @DefaultValue("PT30M") Duration ecabDue,
    @DefaultValue("2") int pirBusinessDays,
    @DefaultValue("UTC") ZoneId businessTimeZone) {}
