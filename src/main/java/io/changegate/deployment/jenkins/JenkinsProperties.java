package io.changegate.deployment.jenkins;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code changegate.deployment.jenkins}: a Jenkins controller. The adapter is configured when {@code url} is
 * set. Jenkins' API token (HTTP Basic with {@code user}) is read at each call from the property or
 * environment variable named by {@code token-property}.
 *
 * @param job job that deploys a target: placeholders {target}, {environment}, {service}
 * @param rollbackJob job that puts a previous version back (receives PREVIOUS_VERSION, PREVIOUS_DIGEST)
 * @param migrationJob job that runs a target's database migration
 * @param migrationRollbackJob job that rolls a migration back
 */
@ConfigurationProperties("changegate.deployment.jenkins")
public record JenkinsProperties(
    URI url,
    String user,
    @DefaultValue("CHANGEGATE_JENKINS_TOKEN") String tokenProperty,
    @DefaultValue("deploy-{target}") String job,
    @DefaultValue("rollback-{target}") String rollbackJob,
    @DefaultValue("migrate-{target}") String migrationJob,
    @DefaultValue("migrate-rollback-{target}") String migrationRollbackJob,
    @DefaultValue("PT10S") Duration timeout) {}
