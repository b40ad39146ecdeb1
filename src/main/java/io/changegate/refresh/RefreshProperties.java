package io.changegate.refresh;

import io.changegate.environment.DataClassification;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code changegate.refresh}: the standard change {@code environment-refresh} copies an environment's data from
 * production, anonymizes it and proves it with a verification query on the target.
 *
 * @param template the standard-change template that means a refresh
 * @param adapter {@code command} (programs: pg_dump, pg_restore, psql…) or {@code sandbox} (simulated: demo profile
 *     only). Unset: no refresh can be submitted (400)
 * @param source the environment copied from (the catalog's production environment)
 * @param copy the copy program with its arguments (placeholders {source}, {target}, {changeId}; also passed as
 *     CHANGEGATE_SOURCE, CHANGEGATE_TARGET, CHANGEGATE_CHANGE_ID), unless the target names its own
 * @param anonymize the anonymization job, alike
 * @param verificationQuery the query that counts unmasked records on the target, unless the target names its own
 * @param expected what the query must answer (first column of the first row, as text): {@code 0}
 * @param refusedClassifications production-grade data classifications: an environment of such a classification,
 *     or of kind production, is never a target
 * @param timeout longest run of one program (a job runs two of them: keep it under the job lock time, 50 s)
 * @param passEnvironment names of the server's environment variables passed on to the programs
 * @param environments per target environment: its own programs and its read-only verification data source
 */
@ConfigurationProperties("changegate.refresh")
public record RefreshProperties(
    @DefaultValue("environment-refresh") String template,
    String adapter,
    @DefaultValue("production") String source,
    List<String> copy,
    List<String> anonymize,
    String verificationQuery,
    @DefaultValue("0") String expected,
    @DefaultValue("RESTRICTED") List<DataClassification> refusedClassifications,
    @DefaultValue("PT40S") Duration timeout,
    @DefaultValue("PATH") List<String> passEnvironment,
    Map<String, Target> environments) {

  public RefreshProperties {
    copy = copy == null ? List.of() : List.copyOf(copy);
    anonymize = anonymize == null ? List.of() : List.copyOf(anonymize);
    refusedClassifications = refusedClassifications == null ? List.of() : List.copyOf(refusedClassifications);
    passEnvironment = passEnvironment == null ? List.of() : List.copyOf(passEnvironment);
    environments = environments == null ? Map.of() : Map.copyOf(environments);
  }

  /** The programs of one target and its verification data source; what is left out comes from above. */
  public record Target(List<String> copy, List<String> anonymize, Verification verification) {}

  /**
   * The target's read-only JDBC data source and the query that counts unmasked records there.
   *
   * @param url JDBC URL of the target's database (a read-only connection is opened)
   * @param username its user (a read-only role is best)
   * @param passwordProperty where the password is read from (an environment variable or property), never the value
   * @param query overrides {@code verification-query}
   * @param expected overrides {@code expected}
   */
  public record Verification(String url, String username, String passwordProperty, String query, String expected) {}

  public Target target(String environment) {
    return environments.getOrDefault(environment, new Target(null, null, null));
  }

  public List<String> copyFor(String environment) {
    Target t = target(environment);
    return t.copy() == null || t.copy().isEmpty() ? copy : t.copy();
  }

  public List<String> anonymizeFor(String environment) {
    Target t = target(environment);
    return t.anonymize() == null || t.anonymize().isEmpty() ? anonymize : t.anonymize();
  }

  public String queryFor(String environment) {
    Verification v = target(environment).verification();
    return v != null && v.query() != null && !v.query().isBlank() ? v.query() : verificationQuery;
  }

  public String expectedFor(String environment) {
    Verification v = target(environment).verification();
    return v != null && v.expected() != null ? v.expected() : expected;
  }
}
