package io.changegate.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code changegate.security}: the administrator (its password has no default outside the demo profile)
 * and whether the demo users of docs/names.md are seeded.
 */
@ConfigurationProperties("changegate.security")
public record SecurityProperties(Admin admin, @DefaultValue("false") boolean demoUsers) {

  public SecurityProperties {
    admin = admin == null ? new Admin("admin", null) : admin;
  }

  public record Admin(@DefaultValue("admin") String id, String password) {}
}
