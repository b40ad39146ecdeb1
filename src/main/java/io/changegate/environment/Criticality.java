package io.changegate.environment;

/**
 * How urgent a booking is, in the order bookings (and deployment slots) are served: emergency first, then HIGH-risk
 * releases, then the rest. A booking's criticality is backed by its change: EMERGENCY needs an emergency change, HIGH
 * a change its FMEA rated HIGH risk.
 */
public enum Criticality {
  EMERGENCY,
  HIGH,
  NORMAL
}
