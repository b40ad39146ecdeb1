package io.changegate.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.time.Instant;

/** One link of the audit chain. {@code hash} = SHA-256 over the fields and {@code prevHash}. */
public record AuditEntry(
    long seq,
    Instant occurredAt,
    String actor,
    String action,
    String changeId,
    String details,
    String prevHash,
    String hash) {

  private static final ObjectReader JSON = new ObjectMapper().reader();

  /** The details as the JSON object {@link AuditTrail#record} wrote. */
  public JsonNode detailsJson() {
    try {
      return JSON.readTree(details);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("audit details of entry " + seq + " are not JSON: " + details, e);
    }
  }
}
