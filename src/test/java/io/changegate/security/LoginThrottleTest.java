package io.changegate.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The throttle's policy with a clock the test moves: limits per pair, client and user, and locks that end. */
class LoginThrottleTest {

  private final AtomicLong nanos = new AtomicLong();
  private final LoginThrottle throttle = new LoginThrottle(
      new LoginThrottleProperties(5, 30, 20, Duration.ofMinutes(15), 10_000), nanos::get);

  private void advance(Duration duration) {
    nanos.addAndGet(duration.toNanos());
  }

  private void fail(String client, String user, int times) {
    for (int i = 0; i < times; i++) {
      throttle.failed(client, user);
    }
  }

  @Test
  void aClientThatFailsFiveTimesForAUserWaitsUntilItsWindowEndsAndOthersDoNot() {
    fail("10.0.0.1", "alice", 4);
    assertThat(throttle.waitFor("10.0.0.1", "alice")).isEmpty();
    advance(Duration.ofMinutes(5));
    fail("10.0.0.1", "alice", 1);

    // the window started at the first failure: 10 minutes are left, whatever the attempts meanwhile
    assertThat(throttle.waitFor("10.0.0.1", "alice")).hasValue(Duration.ofMinutes(10));
    assertThat(throttle.waitFor("10.0.0.2", "alice")).as("another client").isEmpty();
    assertThat(throttle.waitFor("10.0.0.1", "bob")).as("another user").isEmpty();
    advance(Duration.ofMinutes(10));
    assertThat(throttle.waitFor("10.0.0.1", "alice")).as("the lock ends").isEmpty();
  }

  @Test
  void oneClientCannotLockAUserOutForOthers() {
    for (int window = 0; window < 4; window++) {
      fail("10.0.0.3", "carol", 5);
      assertThat(throttle.waitFor("10.0.0.4", "carol")).isEmpty();
      advance(Duration.ofMinutes(16));
    }
  }

  @Test
  void twentyFailuresForOneUserFromAnyClientsLockThatUserForEveryone() {
    for (int client = 1; client <= 4; client++) {
      fail("10.0.1." + client, "dave", 5);
    }

    assertThat(throttle.waitFor("192.168.7.7", "dave")).isPresent();
    assertThat(throttle.waitFor("192.168.7.7", "erin")).isEmpty();
    advance(Duration.ofMinutes(15));
    assertThat(throttle.waitFor("192.168.7.7", "dave")).isEmpty();
  }

  @Test
  void thirtyFailuresFromOneClientLockThatClientForEveryUser() {
    for (int user = 0; user < 30; user++) {
      throttle.failed("10.0.2.1", "user" + user);
    }

    assertThat(throttle.waitFor("10.0.2.1", "someone-else")).isPresent();
    assertThat(throttle.waitFor("10.0.2.1", null)).as("even without a user").isPresent();
    assertThat(throttle.waitFor("10.0.2.2", "someone-else")).isEmpty();
  }

  @Test
  void aSuccessForgetsOnlyThatClientsFailuresForThatUser() {
    fail("10.0.3.1", "frank", 4);
    fail("10.0.3.2", "frank", 4);
    throttle.succeeded("10.0.3.1", "frank");
    fail("10.0.3.1", "frank", 4);
    assertThat(throttle.waitFor("10.0.3.1", "frank")).isEmpty();
    fail("10.0.3.2", "frank", 1);
    assertThat(throttle.waitFor("10.0.3.2", "frank")).isPresent();
  }

  @Test
  void userIdsCountCaseInsensitivelyAndIpv6ClientsByTheirSlash64() {
    fail("2001:db8:1:2:aaaa::1", "Grace", 3);
    fail("2001:db8:1:2:bbbb::2", "GRACE", 2);

    assertThat(throttle.waitFor("2001:db8:1:2:cccc::3", "grace")).isPresent();
    assertThat(throttle.waitFor("2001:db8:1:3::1", "grace")).isEmpty();
    assertThat(LoginThrottle.network("2001:db8:1:2:aaaa::1")).isEqualTo("2001:db8:1:2::/64");
    assertThat(LoginThrottle.network("10.1.2.3")).isEqualTo("10.1.2.3");
  }
}
