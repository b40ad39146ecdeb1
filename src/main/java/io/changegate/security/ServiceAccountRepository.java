package io.changegate.security;

import io.changegate.jdbc.Columns;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code changegate_service_account}: the accounts, the SHA-256 of each token, never the token. */
@Repository
class ServiceAccountRepository {

  private final JdbcClient jdbc;

  ServiceAccountRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(ServiceAccount account, String tokenHash) {
    jdbc.sql("""
            INSERT INTO changegate_service_account (name, description, owner, token_hash, token_prefix, services,
              environments, actions, created_by, created_at, expires_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(account.name(), account.description(), account.owner(), tokenHash, account.tokenPrefix(),
            String.join(",", account.services()), String.join(",", account.environments()),
            account.actions().stream().map(ServiceAccountAction::wire).sorted().collect(Collectors.joining(",")),
            account.createdBy(), utc(account.createdAt()), utc(account.expiresAt()))
        .update();
  }

  boolean exists(String name) {
    return jdbc.sql("SELECT COUNT(*) FROM changegate_service_account WHERE name = ?").param(name)
        .query(Integer.class).single() > 0;
  }

  Optional<ServiceAccount> find(String name) {
    return jdbc.sql("SELECT * FROM changegate_service_account WHERE name = ?").param(name)
        .query(ServiceAccountRepository::map).optional();
  }

  /** The account whose token has this SHA-256, with the stored hash for a constant-time comparison. */
  Optional<Stored> findByTokenHash(String tokenHash) {
    return jdbc.sql("SELECT * FROM changegate_service_account WHERE token_hash = ?").param(tokenHash)
        .query((rs, n) -> new Stored(map(rs, n), rs.getString("token_hash"))).optional();
  }

  List<ServiceAccount> list() {
    return jdbc.sql("SELECT * FROM changegate_service_account ORDER BY name").query(ServiceAccountRepository::map)
        .list();
  }

  boolean revoke(String name, String by, Instant at) {
    return jdbc.sql("UPDATE changegate_service_account SET revoked_by = ?, revoked_at = ? WHERE name = ?"
            + " AND revoked_at IS NULL")
        .params(by, utc(at), name).update() == 1;
  }

  void used(String name, Instant at) {
    jdbc.sql("UPDATE changegate_service_account SET last_used_at = ? WHERE name = ?").params(utc(at), name).update();
  }

  record Stored(ServiceAccount account, String tokenHash) {}

  private static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private static List<String> split(String value) {
    return value == null || value.isEmpty() ? List.of() : List.of(value.split(","));
  }

  private static ServiceAccount map(ResultSet rs, int n) throws SQLException {
    Set<ServiceAccountAction> actions = EnumSet.noneOf(ServiceAccountAction.class);
    Arrays.stream(rs.getString("actions").split(",")).map(ServiceAccountAction::of).flatMap(Optional::stream)
        .forEach(actions::add);
    return new ServiceAccount(rs.getString("name"), rs.getString("description"), rs.getString("owner"),
        rs.getString("token_prefix"),
        split(rs.getString("services")), split(rs.getString("environments")), actions, rs.getString("created_by"),
        Columns.instant(rs, "created_at"), Columns.instant(rs, "expires_at"), rs.getString("revoked_by"), Columns.instant(rs, "revoked_at"),
        Columns.instant(rs, "last_used_at"));
  }
}
