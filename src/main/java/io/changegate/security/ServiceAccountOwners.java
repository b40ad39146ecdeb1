package io.changegate.security;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who acts for a requester: the requester, and for a service account ({@code svc:<name>}) also its owner, as the
 * service-account table records it. The requester's own steps of a change a pipeline submitted (the FMEA worksheet,
 * amendments) are offered to the owner, and segregation of duties treats the owner as the requester. Read from
 * Changegate's table, never from a process variable. Needs nothing but the database, so the engine's plugins can use
 * it while the engine is being built.
 */
@Component
public class ServiceAccountOwners {

  private final JdbcClient jdbc;

  public ServiceAccountOwners(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The owner of the service account {@code actor} names, or empty for a person (or an account without owner). */
  public Optional<String> ownerOf(String actor) {
    if (actor == null || !actor.startsWith(ServiceAccount.ACTOR_PREFIX)) {
      return Optional.empty();
    }
    return jdbc.sql("SELECT owner FROM changegate_service_account WHERE name = ?")
        .param(actor.substring(ServiceAccount.ACTOR_PREFIX.length())).query((rs, n) -> rs.getString(1)).list().stream()
        .filter(java.util.Objects::nonNull).findFirst();
  }

  /** The people who act as {@code requester}: the requester and, for a service account, its owner. */
  public Set<String> actingAs(String requester) {
    Set<String> people = new LinkedHashSet<>();
    people.add(requester);
    ownerOf(requester).ifPresent(people::add);
    return people;
  }

  /** Whether {@code person} acts as {@code requester}: is the requester, or owns the service account that is. */
  public boolean actsAs(String person, String requester) {
    return person != null && actingAs(requester).contains(person);
  }
}
