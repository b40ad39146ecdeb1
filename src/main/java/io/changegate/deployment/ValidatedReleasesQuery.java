package io.changegate.deployment;

import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@link ValidatedReleases} from {@code changegate_change} and its deployment calls. A change whose validation a
 * simulated monitoring adapter passed outside the demo profile ({@code validation_simulated}) counts as not validated.
 * A change rolled back by a passed rollback rehearsal ({@code changegate_rollback_rehearsal}, written by the rollback
 * capability) still counts.
 */
@Repository
class ValidatedReleasesQuery implements ValidatedReleases {

  private final JdbcClient jdbc;

  ValidatedReleasesQuery(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Optional<String> validatedIn(String environment, String service, String digest, Set<String> notThrough) {
    if (notThrough.isEmpty()) {
      return jdbc.sql("""
              SELECT id FROM changegate_change
              WHERE environment = ? AND service = ? AND artifact_digest = ? AND dry_run = FALSE
                AND validation_simulated = FALSE
                AND (status = 'COMPLETED' OR (status = 'ROLLED_BACK' AND EXISTS (SELECT 1 FROM
                  changegate_rollback_rehearsal r WHERE r.change_id = changegate_change.id AND r.outcome = 'PASSED')))
              ORDER BY updated_at DESC""")
          .params(environment, service, digest).query(String.class).list().stream().findFirst();
    }
    return jdbc.sql("""
            SELECT c.id FROM changegate_change c
            WHERE c.environment = :environment AND c.service = :service AND c.artifact_digest = :digest
              AND c.dry_run = FALSE AND c.validation_simulated = FALSE
              AND (c.status = 'COMPLETED' OR (c.status = 'ROLLED_BACK' AND EXISTS (SELECT 1 FROM
                changegate_rollback_rehearsal r WHERE r.change_id = c.id AND r.outcome = 'PASSED')))
              AND EXISTS (SELECT 1 FROM changegate_deployment d WHERE d.change_id = c.id)
              AND NOT EXISTS (SELECT 1 FROM changegate_deployment d WHERE d.change_id = c.id
                              AND d.adapter IN (:simulators))
            ORDER BY c.updated_at DESC""")
        .param("environment", environment).param("service", service).param("digest", digest)
        .param("simulators", notThrough)
        .query(String.class).list().stream().findFirst();
  }
}
