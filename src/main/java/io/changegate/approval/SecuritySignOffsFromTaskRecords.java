package io.changegate.approval;

import io.changegate.security.Groups;
import io.changegate.supplychain.SecuritySignOffs;
import java.util.List;
import org.springframework.stereotype.Component;

/** Security's sign-off of a change, from the task records: its latest decision on a task for group security. */
@Component
class SecuritySignOffsFromTaskRecords implements SecuritySignOffs {

  private final TaskRecords records;

  SecuritySignOffsFromTaskRecords(TaskRecords records) {
    this.records = records;
  }

  @Override
  public boolean signedOff(String changeId) {
    List<TaskRecords.TaskRecord> bySecurity = records.decisionsOf(changeId).stream()
        .filter(r -> r.candidateGroups().contains(Groups.SECURITY)).toList();
    return !bySecurity.isEmpty() && bySecurity.get(bySecurity.size() - 1).decision() == Decision.APPROVE;
  }
}
