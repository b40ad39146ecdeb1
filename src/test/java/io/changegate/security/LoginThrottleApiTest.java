package io.changegate.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.changegate.support.ChangegateIntegrationTest;
import io.changegate.support.Http;
import io.changegate.support.LoopbackClient;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The login throttle on every login route, over real HTTP from clients at addresses of their own
 * ({@link LoopbackClient}: 127.0.1x.y, never 127.0.0.1 where the other tests run). Default limits: 5 failures
 * of one client for one user, 30 of one client, 20 for one user, in 15 minutes. Each test has its own users
 * and addresses, as the shared application keeps its counters.
 */
@ChangegateIntegrationTest
class LoginThrottleApiTest {

  private static final String PASSWORD = "Correct-horse-1";

  @LocalServerPort int port;
  @Autowired IdentityService identity;
  @Autowired ProcessEngine engine;

  private String user(String id) {
    if (identity.createUserQuery().userId(id).count() == 0) {
      User user = identity.newUser(id);
      user.setPassword(PASSWORD);
      identity.saveUser(user);
    }
    return id;
  }

  private LoopbackClient from(String address) {
    return new LoopbackClient(address, port);
  }

  private static Map<String, String> basic(String user, String password) {
    return Map.of("Authorization", Http.basic(user, password));
  }

  @Test
  void fiveFailuresOfOneClientForOneUserThrottleThatClientForThatUserOnApiAndEngineRest() {
    String victim = user("throttle-pair");
    LoopbackClient attacker = from("127.0.11.1");
    for (int i = 0; i < 5; i++) {
      assertThat(attacker.get("/api/changes", basic(victim, "guess-" + i)).status()).isEqualTo(401);
    }

    LoopbackClient.Answer throttled = attacker.get("/api/changes", basic(victim, PASSWORD));

    assertThat(throttled.status()).as("even with the right password: " + throttled).isEqualTo(429);
    assertThat(Integer.parseInt(throttled.header("Retry-After"))).isBetween(800, 900);
    assertThat(throttled.header("Content-Type")).startsWith("application/problem+json");
    assertThat(throttled.body()).contains("Too many failed logins");
    assertThat(attacker.get("/engine-rest/task", basic(victim, PASSWORD)).status()).isEqualTo(429);
    // the user, from anywhere else, is not locked out
    assertThat(from("127.0.11.2").get("/api/changes", basic(victim, PASSWORD)).status()).isEqualTo(200);
    assertThat(from("127.0.11.2").get("/engine-rest/task", basic(victim, PASSWORD)).status()).isEqualTo(200);
  }

  @Test
  void thirtyFailuresOfOneClientThrottleThatClientForEveryUser() {
    String bystander = user("throttle-bystander");
    LoopbackClient sprayer = from("127.0.12.1");
    for (int i = 0; i < 30; i++) {
      assertThat(sprayer.get("/engine-rest/task", basic("sprayed-" + i, "password")).status()).isEqualTo(401);
    }

    assertThat(sprayer.get("/api/changes", basic(bystander, PASSWORD)).status()).isEqualTo(429);
    assertThat(from("127.0.12.2").get("/api/changes", basic(bystander, PASSWORD)).status()).isEqualTo(200);
  }

  @Test
  void twentyFailuresForOneUserFromSeveralClientsThrottleThatUserEverywhereUntilTheWindowEnds() {
    String victim = user("throttle-user");
    String other = user("throttle-other");
    for (int client = 1; client <= 4; client++) {
      LoopbackClient attacker = from("127.0.13." + client);
      for (int i = 0; i < 5; i++) {
        assertThat(attacker.get("/api/changes", basic(victim, "guess")).status()).isEqualTo(401);
      }
    }

    LoopbackClient elsewhere = from("127.0.13.9");
    LoopbackClient.Answer locked = elsewhere.get("/api/changes", basic(victim, PASSWORD));
    assertThat(locked.status()).isEqualTo(429);
    assertThat(Integer.parseInt(locked.header("Retry-After"))).isPositive().isLessThanOrEqualTo(900);
    assertThat(elsewhere.get("/api/changes", basic(other, PASSWORD)).status()).isEqualTo(200);
  }

  @Test
  void theWebappsLoginIsThrottledToo() {
    String victim = user("throttle-webapp");
    LoopbackClient browser = from("127.0.14.1");
    String csrf = browser.get("/camunda/app/tasklist/default/", Map.of("X-XSRF-TOKEN", "Fetch")).header("X-XSRF-TOKEN");
    Map<String, String> form = Map.of("Content-Type", "application/x-www-form-urlencoded", "X-XSRF-TOKEN", csrf);
    String login = "/camunda/api/admin/auth/user/default/login/tasklist";
    for (int i = 0; i < 5; i++) {
      LoopbackClient.Answer failed = browser.post(login, form, "username=" + victim + "&password=guess" + i);
      assertThat(failed.status()).as(failed.toString()).isEqualTo(401);
    }

    LoopbackClient.Answer throttled = browser.post(login, form, "username=" + victim + "&password=" + PASSWORD);

    assertThat(throttled.status()).as(throttled.toString()).isEqualTo(429);
    assertThat(throttled.header("Retry-After")).isNotNull();
    assertThat(throttled.body()).contains("\"type\":\"LoginThrottled\"");
    // HTTP Basic of the same client for the same user is the same pair
    assertThat(browser.get("/api/changes", basic(victim, PASSWORD)).status()).isEqualTo(429);
    LoopbackClient other = from("127.0.14.2");
    String otherCsrf = other.get("/camunda/app/tasklist/default/", Map.of("X-XSRF-TOKEN", "Fetch"))
        .header("X-XSRF-TOKEN");
    LoopbackClient.Answer elsewhere = other.post(login, Map.of("Content-Type", "application/x-www-form-urlencoded",
        "X-XSRF-TOKEN", otherCsrf), "username=" + victim + "&password=" + PASSWORD);
    assertThat(elsewhere.status()).as("the right password from elsewhere: " + elsewhere).isIn(200, 403);
  }

  @Test
  void thePasswordCheckOfTheEngineApiIsThrottledToo() {
    String victim = user("throttle-verify");
    LoopbackClient insider = from("127.0.15.1");
    Map<String, String> asAdmin = Map.of("Authorization", Http.basic("admin", "admin"),
        "Content-Type", "application/json");
    String guess = "{\"username\":\"" + victim + "\",\"password\":\"guess\"}";
    for (int i = 0; i < 5; i++) {
      LoopbackClient.Answer answer = insider.post("/engine-rest/identity/verify", asAdmin, guess);
      assertThat(answer.body()).as(answer.toString()).contains("\"authenticated\":false");
    }

    LoopbackClient.Answer throttled = insider.post("/engine-rest/identity/verify", asAdmin,
        "{\"username\":\"" + victim + "\",\"password\":\"" + PASSWORD + "\"}");

    assertThat(throttled.status()).as(throttled.toString()).isEqualTo(429);
    assertThat(throttled.header("Retry-After")).isNotNull();
  }

  @Test
  void aUserIdNoDatabaseCouldHoldIsAFailedLoginNotAServerError() {
    LoopbackClient client = from("127.0.16.1");
    assertThat(client.get("/api/changes", basic("nul\u0000user", "x")).status()).isEqualTo(401);
    assertThat(client.get("/engine-rest/task", basic("x".repeat(5000), "x")).status()).isEqualTo(401);
  }

  @Test
  void theEngineNeverLocksAUserForGood() {
    String user = user("throttle-engine");
    for (int i = 0; i < 12; i++) {
      assertThat(identity.checkPassword(user, "wrong-" + i)).isFalse();
    }

    assertThat(identity.checkPassword(user, PASSWORD)).as("after 12 failures, no lock").isTrue();
    var configuration = (org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl)
        engine.getProcessEngineConfiguration();
    assertThat(configuration.getLoginMaxAttempts()).isEqualTo(Integer.MAX_VALUE);
    assertThat(configuration.getLoginDelayBase()).isZero();
  }
}
