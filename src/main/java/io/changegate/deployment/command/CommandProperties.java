package io.changegate.deployment.command;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code changegate.deployment.command}: programs run with an argument list (helm, kubectl, ansible…), never
 * through a shell. The adapter is configured when {@code deploy} is set. Arguments may hold placeholders
 * ({target}, {service}, {environment}, {version}, {digest}, {changeId}, {idempotencyKey}; for rollbacks also
 * {previousVersion}, {previousDigest}, {previousRef}); the program (first element) may not. The same values
 * are passed as CHANGEGATE_* environment variables; of the server's own environment only
 * {@code pass-environment} is passed on.
 *
 * @param deploy deploys a target; exit 0 = accepted, another exit code = refused (output kept)
 * @param rollback puts the previous version back
 * @param status optional: prints HEALTHY, IN_PROGRESS, DEGRADED or FAILED; without it a deploy that exited 0 is healthy
 * @param current optional: prints "version [digest]" of what runs, or nothing
 * @param migrate runs a target's database migration; {@code migrateRollback} undoes it
 * @param retryExitCodes exit codes that mean "try again later" (technical failure: retried, then an incident)
 * @param timeout longest run of one program. A job runs up to three of them (current, deploy, status) and must end
 *     within the job executor's lock time (50 s), or another node takes the job over while it still runs: a deploy
 *     that takes longer belongs in the background, reported by {@code status}
 */
@ConfigurationProperties("changegate.deployment.command")
public record CommandProperties(
    List<String> deploy,
    List<String> rollback,
    List<String> status,
    List<String> current,
    List<String> migrate,
    List<String> migrateRollback,
    @DefaultValue("PT15S") Duration timeout,
    Path workingDirectory,
    List<String> passEnvironment,
    @DefaultValue("75") List<Integer> retryExitCodes,
    @DefaultValue("65536") int maxOutputChars) {

  public CommandProperties {
    deploy = deploy == null ? List.of() : List.copyOf(deploy);
    rollback = rollback == null ? List.of() : List.copyOf(rollback);
    status = status == null ? List.of() : List.copyOf(status);
    current = current == null ? List.of() : List.copyOf(current);
    migrate = migrate == null ? List.of() : List.copyOf(migrate);
    migrateRollback = migrateRollback == null ? List.of() : List.copyOf(migrateRollback);
    passEnvironment = passEnvironment == null ? List.of("PATH") : List.copyOf(passEnvironment);
    retryExitCodes = retryExitCodes == null ? List.of() : List.copyOf(retryExitCodes);
  }
}
