package io.changegate.monitoring;

/**
 * Validates a deployed change against its success criteria (sandbox, Prometheus, synthetic HTTP
 * checks). No data or an unreachable monitoring system is never a pass: an adapter reports a failed
 * check, or throws so that the engine retries and raises an incident.
 */
public interface ValidationPort {

  ValidationReport validate(ValidationRequest request);
}
