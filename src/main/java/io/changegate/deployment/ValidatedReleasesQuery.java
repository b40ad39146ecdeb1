package io.changegate.deployment;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@link ValidatedReleases} from {@code changegate_change}. */
@Repository
class ValidatedReleasesQuery implements ValidatedReleases {

  private final JdbcClient jdbc;

  ValidatedReleasesQuery(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Optional<String> validatedIn(String environment, String service, String digest) {
    return jdbc.sql("""
            SELECT id FROM changegate_change
            WHERE environment = ? AND service = ? AND artifact_digest = ? AND status = 'COMPLETED' AND dry_run = FALSE
            ORDER BY updated_at DESC""")
        .params(environment, service, digest).query(String.class).list().stream().findFirst();
  }
}
