package io.changegate.approval;

import io.changegate.audit.AuditAction;
import io.changegate.audit.AuditTrail;
import io.changegate.calendar.ServiceDependencyService;
import io.changegate.change.ChangeService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * A round of sign-offs ({@code sign-off}): which groups the decision table required, how the groups' decisions make
 * the round's outcome, and how it ended, on the change's timeline. No group required means nothing to sign: the
 * round passes.
 */
@Service
public class SignOffRounds {


  private final AuditTrail audit;
  private final ServiceDependencyService dependencies;

  public SignOffRounds(AuditTrail audit, ServiceDependencyService dependencies) {
    this.audit = audit;
    this.dependencies = dependencies;
  }

  /**
   * How a round stands: APPROVE until a group decides otherwise; then that group's decision, its comment and the
   * group that asked ({@code askedBy}).
   */
  public record Outcome(String decision, String comment, String askedBy) {

    public boolean passed() {
      return Decision.APPROVE.name().equals(decision);
    }
  }

  /** A round starts as passing. */
  public Outcome opened() {
    return new Outcome(Decision.APPROVE.name(), "", "");
  }

  /**
   * The groups the decision table required, on the change's timeline: each group once (two rules may name the same
   * group, such as operations for production and as the owner of the environment), in the table's order; then the
   * owner groups of the services that depend on the changed service (release planning:
   * {@code /api/services/{service}/dependencies}), which the table cannot know.
   */
  public List<String> required(String changeId, List<String> groups) {
    java.util.Set<String> signing = new java.util.LinkedHashSet<>(groups);
    List<String> dependentOwners = dependencies.dependentOwners(changeId);
    signing.addAll(dependentOwners);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("groups", List.copyOf(signing));
    details.put("decision", ReviewProcess.REQUIRED_SIGN_OFFS_DECISION);
    if (!dependentOwners.isEmpty()) {
      details.put("dependentOwners", dependentOwners);
    }
    audit.record(ChangeService.SYSTEM_ACTOR, AuditAction.SIGN_OFFS_REQUIRED, changeId, details);
    return List.copyOf(signing);
  }

  /**
   * One group's decision: anything other than APPROVE becomes the round's outcome (the round then cancels the
   * sign-offs still open); an approval leaves the outcome as it is (empty).
   */
  public Optional<Outcome> afterGroupDecision(String decision, String comment, String group) {
    if (Decision.APPROVE.name().equals(decision)) {
      return Optional.empty();
    }
    return Optional.of(new Outcome(decision, comment == null ? "" : comment, group));
  }

  /**
   * How the round ended, on the change's timeline: every group approved, or who rejected or asked for changes, why,
   * and which sign-offs ({@code cancelled}, by name) were cancelled with it.
   */
  public void ended(String changeId, Outcome outcome, List<String> groups, List<String> cancelled) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("outcome", outcome.decision());
    details.put("groups", groups);
    if (!outcome.passed()) {
      details.put("decidedBy", outcome.askedBy());
      details.put("comment", outcome.comment());
      details.put("cancelled", cancelled.stream().sorted().toList());
    }
    audit.record(ChangeService.SYSTEM_ACTOR, AuditAction.SIGN_OFF_ROUND_ENDED, changeId, details);
  }
}
