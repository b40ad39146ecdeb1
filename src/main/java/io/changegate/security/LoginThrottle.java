package io.changegate.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Counts failed logins per client, per user and per client and user ({@link LoginThrottleProperties}), each in
 * a fixed window from its first failure that Caffeine expires. In memory, per node: with several nodes each
 * counts on its own (docs/hardening.md).
 */
@Component
public class LoginThrottle {

  private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);

  private final LoginThrottleProperties limits;
  private final Cache<String, Integer> failures;

  @Autowired
  public LoginThrottle(LoginThrottleProperties limits) {
    this(limits, Ticker.systemTicker());
  }

  LoginThrottle(LoginThrottleProperties limits, Ticker ticker) {
    this.limits = limits;
    long window = limits.window().toNanos();
    this.failures = Caffeine.newBuilder()
        .maximumSize(limits.maxTracked())
        .ticker(ticker)
        .expireAfter(new Expiry<String, Integer>() {
          @Override
          public long expireAfterCreate(String key, Integer count, long now) {
            return window;
          }

          @Override
          public long expireAfterUpdate(String key, Integer count, long now, long remaining) {
            return remaining;
          }

          @Override
          public long expireAfterRead(String key, Integer count, long now, long remaining) {
            return remaining;
          }
        })
        .build();
  }

  /** How long a login attempt of {@code user} from {@code client} must wait, or empty when it may go ahead. */
  public Optional<Duration> waitFor(String client, String user) {
    Duration wait = Duration.ZERO;
    boolean named = user != null && !user.isEmpty();
    if (client != null) {
      wait = longest(wait, client(client), limits.clientFailures());
    }
    if (named) {
      wait = longest(wait, user(user), limits.userFailures());
    }
    if (client != null && named) {
      wait = longest(wait, pair(client, user), limits.pairFailures());
    }
    return wait.isZero() ? Optional.empty() : Optional.of(wait);
  }

  /** A failed login of {@code user} (null: none named) from {@code client} (null: unknown). */
  public void failed(String client, String user) {
    boolean named = user != null && !user.isEmpty();
    if (client != null) {
      increment(client(client), limits.clientFailures());
    }
    if (named) {
      increment(user(user), limits.userFailures());
    }
    if (client != null && named) {
      increment(pair(client, user), limits.pairFailures());
    }
  }

  /** The client knows the password: its own failures for this user are forgotten (not those of others). */
  public void succeeded(String client, String user) {
    if (client != null && user != null && !user.isEmpty()) {
      failures.invalidate(pair(client, user));
    }
  }

  private Duration longest(Duration wait, String key, int limit) {
    Integer count = failures.getIfPresent(key);
    if (count == null || count < limit) {
      return wait;
    }
    Duration remaining = failures.policy().expireVariably().orElseThrow().getExpiresAfter(key)
        .orElse(Duration.ZERO);
    return remaining.compareTo(wait) > 0 ? remaining : wait;
  }

  private void increment(String key, int limit) {
    int count = failures.asMap().merge(key, 1, Integer::sum);
    if (count == limit) {
      LOG.warn("Login throttled after {} failed logins: {} for {}", count, key,
          failures.policy().expireVariably().orElseThrow().getExpiresAfter(key).orElse(Duration.ZERO));
    }
  }

  private static String client(String client) {
    return "client:" + network(client);
  }

  private static String user(String user) {
    return "user:" + name(user);
  }

  private static String pair(String client, String user) {
    return "pair:" + network(client) + "|" + name(user);
  }

  /** A user id as counted: case-insensitive, and no longer than any user id can be. */
  private static String name(String user) {
    String name = user.toLowerCase(Locale.ROOT);
    return name.length() > 256 ? name.substring(0, 256) : name;
  }

  /** An IPv4 address as it is; an IPv6 address by its /64 network, which one host can rotate addresses within. */
  static String network(String address) {
    if (address == null || address.indexOf(':') < 0) {
      return String.valueOf(address);
    }
    try {
      byte[] bytes = InetAddress.getByName(address.replaceAll("^\\[|\\]$|%.*$", "")).getAddress();
      if (bytes.length != 16) {
        return address;
      }
      StringBuilder prefix = new StringBuilder();
      for (int i = 0; i < 8; i += 2) {
        prefix.append(String.format("%x:", ((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff)));
      }
      return prefix.append(":/64").toString();
    } catch (UnknownHostException e) {
      return address;
    }
  }
}
