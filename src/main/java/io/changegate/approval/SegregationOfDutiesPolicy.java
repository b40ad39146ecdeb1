package io.changegate.approval;

import io.changegate.approval.TaskRecords.TaskRecord;
import io.changegate.change.ChangeService;
import io.changegate.security.ServiceAccountOwners;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * The segregation-of-duties policy of reviews, approvals and sign-offs. Every fact comes from Changegate's tables:
 * who requested the change and who wrote its runbook (the change store), who owns the service account that
 * requested it (the service-account table: the owner counts as the requester), which group a task is for and who decided
 * what before (the task records) — never from a process variable or an identity link a person could have edited.
 */
@Service
public class SegregationOfDutiesPolicy {

  /** What kind of decision a task asks for, and so which rules hold. */
  public enum Duty {
    /** Any review or approval of a change: not by its requester. */
    REVIEW,
    /** The runbook peer review: also not by the runbook's author, and only by a member of the reviewing group. */
    RUNBOOK_REVIEW,
    /** A sign-off: also only by a member of the group it is for, and one sign-off per person per change. */
    SIGN_OFF
  }

  private final ChangeService changes;
  private final TaskRecords records;
  private final ServiceAccountOwners owners;

  public SegregationOfDutiesPolicy(ChangeService changes, TaskRecords records, ServiceAccountOwners owners) {
    this.changes = changes;
    this.records = records;
    this.owners = owners;
  }

  /**
   * Why {@code person} (a member of {@code groupsOfPerson}) may not take or decide {@code task}, or empty when
   * they may. Deciding a sign-off locks the change row first, so that two sign-offs of one person completed at the
   * same moment queue and the second sees the first.
   */
  public Optional<String> refusal(Duty duty, TaskRecord task, String person, Collection<String> groupsOfPerson) {
    String changeId = task.changeId();
    String requester = duty == Duty.SIGN_OFF ? changes.lock(changeId).requester() : changes.get(changeId).requester();
    if (person.equals(requester)) {
      return Optional.of(person + " requested " + changeId);
    }
    if (owners.actsAs(person, requester)) {
      return Optional.of(person + " owns " + requester + ", which requested " + changeId);
    }
    if (duty == Duty.RUNBOOK_REVIEW && person.equals(changes.runbook(changeId).author())) {
      return Optional.of(person + " wrote the runbook of " + changeId + " and cannot review it");
    }
    if (duty != Duty.REVIEW && !task.candidateGroups().isEmpty()
        && groupsOfPerson.stream().noneMatch(task.candidateGroups()::contains)) {
      return Optional.of(person + " is not a member of " + task.groupLabel());
    }
    if (duty == Duty.SIGN_OFF) {
      for (TaskRecord other : records.ofChange(changeId, task.step())) {
        if (person.equals(other.completedBy()) && other.decision() != null
            && !other.candidateGroups().equals(task.candidateGroups())) {
          return Optional.of(person + " already signed off " + changeId + " for " + other.groupLabel()
              + "; one person gives one sign-off per change");
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The people who may never take {@code task}, whichever groups they belong to: the requester (and the owner of a
   * requesting service account), the runbook's
   * author for its review, and for a sign-off whoever already signed another group's sign-off of the change. They
   * are not offered the task.
   */
  public Set<String> excluded(Duty duty, TaskRecord task) {
    Set<String> excluded = new LinkedHashSet<>();
    excluded.addAll(owners.actingAs(changes.get(task.changeId()).requester()));
    if (duty == Duty.RUNBOOK_REVIEW) {
      excluded.add(changes.runbook(task.changeId()).author());
    }
    if (duty == Duty.SIGN_OFF) {
      for (TaskRecord other : records.ofChange(task.changeId(), task.step())) {
        if (other.completedBy() != null && other.decision() != null
            && !other.candidateGroups().equals(task.candidateGroups())) {
          excluded.add(other.completedBy());
        }
      }
    }
    return excluded;
  }
}
