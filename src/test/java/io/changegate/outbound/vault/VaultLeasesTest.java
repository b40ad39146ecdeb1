package io.changegate.outbound.vault;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.changegate.audit.AuditAction;
import io.changegate.audit.AuditTrail;
import io.changegate.outbound.Credentials;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mockito;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Credentials from HashiCorp Vault, against its documented HTTP API played by WireMock (no Vault server here): token
 * and AppRole login, a dynamic secret leased for a transaction, renewed while it runs and revoked when it ends
 * (committed or rolled back), KV version 2, and nothing but lease ids recorded.
 */
@ExtendWith(OutputCaptureExtension.class)
class VaultLeasesTest {

  static final String TOKEN = "hvs.test-root-token";
  static final String PASSWORD = "A1a-dynamic-db-password-7f3e";
  static final String LEASE = "database/creds/deployer/2f6a6c1e";
  static final String DYNAMIC = """
      {"request_id": "r1", "lease_id": "%s", "lease_duration": 2, "renewable": true,
       "data": {"username": "v-deployer-x1", "password": "%s"}}""".formatted(LEASE, PASSWORD);

  WireMockServer vault;
  final List<String> audited = new CopyOnWriteArrayList<>();
  final AuditTrail audit = Mockito.mock(AuditTrail.class);
  final TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(
      new DriverManagerDataSource("jdbc:h2:mem:vault-test;DB_CLOSE_DELAY=-1")));
  VaultLeases leases;

  @BeforeEach
  void start() {
    vault = new WireMockServer(options().dynamicPort());
    vault.start();
    Mockito.doAnswer(call -> audited.add(call.getArgument(1) + " " + call.getArgument(3))).when(audit)
        .record(Mockito.anyString(), Mockito.any(AuditAction.class), Mockito.isNull(), Mockito.anyMap());
    vault.stubFor(get(urlEqualTo("/v1/database/creds/deployer")).withHeader("X-Vault-Token", equalTo(TOKEN))
        .willReturn(okJson(DYNAMIC)));
    vault.stubFor(put(urlEqualTo("/v1/sys/leases/renew")).withHeader("X-Vault-Token", equalTo(TOKEN))
        .withRequestBody(matchingJsonPath("$.lease_id", equalTo(LEASE)))
        .willReturn(okJson("{\"lease_id\": \"" + LEASE + "\", \"lease_duration\": 60, \"renewable\": true}")));
    vault.stubFor(put(urlEqualTo("/v1/sys/leases/revoke")).withHeader("X-Vault-Token", equalTo(TOKEN))
        .willReturn(aResponse().withStatus(204)));
  }

  @AfterEach
  void stop() {
    if (leases != null) {
      leases.revokeAll();
    }
    vault.stop();
  }

  private VaultProperties properties(String auth, String roleId, Map<String, VaultProperties.Secret> secrets) {
    return new VaultProperties(URI.create(vault.baseUrl()), auth, "VAULT_TOKEN", roleId, "VAULT_SECRET_ID", "approle",
        Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofMinutes(1), Duration.ofMinutes(5), secrets);
  }

  private Credentials credentials(VaultProperties properties, MockEnvironment environment) {
    leases = new VaultLeases(properties, environment, new ObjectMapper(), audit, Clock.systemUTC());
    return new Credentials(environment, leases);
  }

  private void awaitRequests(int count, com.github.tomakehurst.wiremock.matching.RequestPatternBuilder request) {
    long deadline = System.currentTimeMillis() + 10_000;
    while (vault.findAll(request).size() < count && System.currentTimeMillis() < deadline) {
      sleep(50);
    }
    assertThat(vault.findAll(request)).hasSizeGreaterThanOrEqualTo(count);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void aDynamicSecretIsLeasedForTheJobRenewedWhileItRunsAndRevokedAfter(CapturedOutput output) {
    Credentials credentials = credentials(properties("token", null, Map.of("DB_PASSWORD",
        new VaultProperties.Secret("database/creds/deployer", "password"))),
        new MockEnvironment().withProperty("VAULT_TOKEN", TOKEN));

    String used = transactions.execute(status -> {
      String first = credentials.secret("DB_PASSWORD");
      assertThat(credentials.secret("DB_PASSWORD")).as("one lease per job").isSameAs(first);
      assertThat(leases.isOpen(LEASE)).isTrue();
      // the job runs past half the lease's 2 s: the lease is renewed meanwhile
      awaitRequests(1, putRequestedFor(urlEqualTo("/v1/sys/leases/renew")));
      assertThat(vault.findAll(putRequestedFor(urlEqualTo("/v1/sys/leases/revoke")))).isEmpty();
      return first;
    });

    assertThat(used).isEqualTo(PASSWORD);
    awaitRequests(1, putRequestedFor(urlEqualTo("/v1/sys/leases/revoke"))
        .withRequestBody(equalToJson("{\"lease_id\": \"" + LEASE + "\"}")));
    assertThat(vault.findAll(getRequestedFor(urlEqualTo("/v1/database/creds/deployer")))).hasSize(1);
    assertThat(leases.isOpen(LEASE)).isFalse();
    long deadline = System.currentTimeMillis() + 5_000;
    while (audited.size() < 3 && System.currentTimeMillis() < deadline) {
      sleep(50);
    }
    assertThat(audited).anySatisfy(a -> assertThat(a).startsWith("CREDENTIAL_LEASED").contains(LEASE,
        "database/creds/deployer", "DB_PASSWORD"));
    assertThat(audited).anySatisfy(a -> assertThat(a).startsWith("CREDENTIAL_LEASE_RENEWED").contains(LEASE));
    assertThat(audited).anySatisfy(a -> assertThat(a).startsWith("CREDENTIAL_LEASE_REVOKED").contains(LEASE));
    assertThat(audited).noneSatisfy(a -> assertThat(a).contains(PASSWORD));
    assertThat(audited).noneSatisfy(a -> assertThat(a).contains(TOKEN));
    assertThat(output.getAll()).doesNotContain(PASSWORD).doesNotContain(TOKEN);
  }

  @Test
  void aJobThatRollsBackStillRevokesItsLease() {
    Credentials credentials = credentials(properties("token", null, Map.of("DB_PASSWORD",
        new VaultProperties.Secret("database/creds/deployer", "password"))),
        new MockEnvironment().withProperty("VAULT_TOKEN", TOKEN));

    assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
      credentials.secret("DB_PASSWORD");
      throw new IllegalStateException("the deployment system timed out");
    })).hasMessageContaining("timed out");

    awaitRequests(1, putRequestedFor(urlEqualTo("/v1/sys/leases/revoke")));
    assertThat(leases.isOpen(LEASE)).isFalse();
  }

  @Test
  void appRoleLoginAndAKvSecretWithoutALease() {
    vault.stubFor(post(urlEqualTo("/v1/auth/approle/login"))
        .withRequestBody(equalToJson("{\"role_id\": \"changegate-role\", \"secret_id\": \"sid-0b9d\"}"))
        .willReturn(okJson("{\"auth\": {\"client_token\": \"hvs.approle-token\", \"lease_duration\": 3600,"
            + " \"renewable\": true}}")));
    vault.stubFor(get(urlEqualTo("/v1/secret/data/changegate/argocd")).withHeader("X-Vault-Token",
        equalTo("hvs.approle-token")).willReturn(okJson("{\"lease_id\": \"\", \"lease_duration\": 0, \"data\": "
        + "{\"data\": {\"token\": \"argo-token-from-kv\"}, \"metadata\": {\"version\": 3}}}")));
    Credentials credentials = credentials(properties("approle", "changegate-role", Map.of("CHANGEGATE_ARGOCD_TOKEN",
        new VaultProperties.Secret("secret/data/changegate/argocd", "token"))),
        new MockEnvironment().withProperty("VAULT_SECRET_ID", "sid-0b9d").withProperty("JENKINS_TOKEN", "from-env"));

    assertThat((String) transactions.execute(status -> credentials.secret("CHANGEGATE_ARGOCD_TOKEN")))
        .isEqualTo("argo-token-from-kv");
    assertThat((String) transactions.execute(status -> credentials.secret("CHANGEGATE_ARGOCD_TOKEN")))
        .isEqualTo("argo-token-from-kv");
    assertThat(vault.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
        urlEqualTo("/v1/auth/approle/login")))).as("one login while its token is valid").hasSize(1);
    assertThat(credentials.secret("JENKINS_TOKEN")).as("not in Vault: the environment").isEqualTo("from-env");
    sleep(300);
    assertThat(vault.findAll(putRequestedFor(urlEqualTo("/v1/sys/leases/revoke")))).as("a KV secret has no lease")
        .isEmpty();
    assertThat(audited).isEmpty();
  }

  @Test
  void vaultRefusingTheTokenIsATechnicalFailureThatNamesNoSecret() {
    vault.stubFor(get(urlEqualTo("/v1/database/creds/deployer")).willReturn(aResponse().withStatus(403)
        .withBody("{\"errors\": [\"permission denied\"]}")));
    Credentials credentials = credentials(properties("token", null, Map.of("DB_PASSWORD",
        new VaultProperties.Secret("database/creds/deployer", "password"))),
        new MockEnvironment().withProperty("VAULT_TOKEN", "hvs.wrong"));

    assertThatThrownBy(() -> credentials.secret("DB_PASSWORD")).hasMessageContaining("403")
        .hasMessageNotContaining("hvs.wrong");
  }
}
