package io.changegate.outbound.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.changegate.outbound.HttpCalls;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.core.env.Environment;

/**
 * HashiCorp Vault's HTTP API, as documented: login ({@code auth/approle/login}, or a token as it is), reading a secret
 * ({@code GET /v1/<path>}: a dynamic secret with its lease, or KV version 1 or 2), renewing and revoking a lease
 * ({@code PUT /v1/sys/leases/renew|revoke}). The client token lives in memory only; no secret, token or secret id
 * is ever in a message.
 */
class VaultClient {

  /** A secret as read: its value, and its lease (empty id: a KV secret, nothing to renew or revoke). */
  record Leased(String value, String leaseId, Duration leaseDuration, boolean renewable) {}

  private final VaultProperties properties;
  private final Environment environment;
  private final HttpCalls http;
  private final Clock clock;
  private String clientToken;
  private Instant clientTokenExpires;

  VaultClient(VaultProperties properties, Environment environment, ObjectMapper json, Clock clock) {
    this.properties = properties;
    this.environment = environment;
    this.http = new HttpCalls(properties.timeout(), json);
    this.clock = clock;
  }

  Leased read(VaultProperties.Secret secret) {
    HttpCalls.Answer answer = http.send(request("/v1/" + secret.path()).GET().build());
    if (answer.status() == 404) {
      throw new IllegalStateException("Vault has no secret at " + secret.path());
    }
    if (!answer.ok()) {
      throw new IllegalStateException("Vault answered " + answer.status() + " for " + secret.path());
    }
    JsonNode body = http.parse(answer);
    JsonNode data = body.path("data");
    if (data.path("data").isObject() && data.path("metadata").isObject()) {
      data = data.path("data"); // KV version 2
    }
    JsonNode value = data.path(secret.field());
    if (!value.isTextual() || value.asText().isEmpty()) {
      throw new IllegalStateException("Vault's secret at " + secret.path() + " has no field " + secret.field());
    }
    return new Leased(value.asText(), body.path("lease_id").asText(""),
        Duration.ofSeconds(body.path("lease_duration").asLong(0)), body.path("renewable").asBoolean(false));
  }

  /** Renews a lease; the new duration Vault granted. */
  Duration renew(String leaseId, Duration increment) {
    HttpCalls.Answer answer = http.send(request("/v1/sys/leases/renew").PUT(http.jsonBody(Map.of("lease_id", leaseId,
        "increment", increment.toSeconds()))).header("Content-Type", "application/json").build());
    if (!answer.ok()) {
      throw new IllegalStateException("Vault did not renew lease " + leaseId + ": " + answer.status());
    }
    return Duration.ofSeconds(http.parse(answer).path("lease_duration").asLong(0));
  }

  void revoke(String leaseId) {
    HttpCalls.Answer answer = http.send(request("/v1/sys/leases/revoke").PUT(http.jsonBody(Map.of("lease_id",
        leaseId))).header("Content-Type", "application/json").build());
    if (!answer.ok()) {
      throw new IllegalStateException("Vault did not revoke lease " + leaseId + ": " + answer.status());
    }
  }

  private java.net.http.HttpRequest.Builder request(String path) {
    return http.request(URI.create(properties.url().toString().replaceAll("/+$", "") + path))
        .header("X-Vault-Token", token());
  }

  /** The client token: the configured one, or an AppRole login's while it is valid. */
  private synchronized String token() {
    if (properties.auth().equals("token")) {
      String token = environment.getProperty(properties.tokenProperty());
      if (token == null || token.isBlank()) {
        throw new IllegalStateException("the Vault token '" + properties.tokenProperty() + "' is not configured");
      }
      return token;
    }
    Instant now = clock.instant();
    if (clientToken == null || !now.isBefore(clientTokenExpires)) {
      String secretId = environment.getProperty(properties.secretIdProperty());
      if (secretId == null || secretId.isBlank()) {
        throw new IllegalStateException("the AppRole secret id '" + properties.secretIdProperty()
            + "' is not configured");
      }
      HttpCalls.Answer answer = http.send(http.request(URI.create(properties.url().toString().replaceAll("/+$", "")
              + "/v1/auth/" + properties.approleMount() + "/login"))
          .POST(http.jsonBody(Map.of("role_id", properties.roleId(), "secret_id", secretId)))
          .header("Content-Type", "application/json").build());
      if (!answer.ok()) {
        throw new IllegalStateException("Vault's AppRole login answered " + answer.status());
      }
      JsonNode auth = http.parse(answer).path("auth");
      clientToken = auth.path("client_token").asText(null);
      if (clientToken == null || clientToken.isBlank()) {
        throw new IllegalStateException("Vault's AppRole login returned no client token");
      }
      long seconds = auth.path("lease_duration").asLong(0);
      // log in again a little before the token expires (a token without a TTL is kept for a minute)
      clientTokenExpires = now.plusSeconds(seconds <= 0 ? 60 : Math.max(1, seconds - Math.min(30, seconds / 10)));
    }
    return clientToken;
  }
}
