package io.changegate.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Outside the demo profile there is no default administrator password. */
class IdentitySeederTest {

  @Test
  void refusesToStartWithoutAnAdministratorPasswordOutsideTheDemo() {
    for (String blank : new String[] {null, "", "   "}) {
      assertThatThrownBy(() -> new IdentitySeeder(new SecurityProperties(new SecurityProperties.Admin("admin", blank),
          false), java.util.List.of()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("CHANGEGATE_ADMIN_PASSWORD");
    }
  }

  @Test
  void acceptsAConfiguredPassword() {
    assertThat(new IdentitySeeder(new SecurityProperties(new SecurityProperties.Admin("admin", "s3cret"), false), java.util.List.of()))
        .isNotNull();
  }
}
