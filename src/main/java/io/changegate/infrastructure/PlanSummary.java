package io.changegate.infrastructure;

import java.util.List;

/**
 * What a plan does: how many resources it creates, updates, deletes and replaces (a replace destroys the resource
 * first), and the addresses of every resource it destroys (deleted or replaced) — what approvers must not miss.
 */
public record PlanSummary(int creates, int updates, int deletes, int replaces, List<String> destroyed,
    List<String> changed) {

  public PlanSummary {
    destroyed = List.copyOf(destroyed);
    changed = List.copyOf(changed);
  }

  /** One line per fact, destroys first and marked. */
  public String describe(PlanFormat format, String sha256) {
    StringBuilder text = new StringBuilder();
    text.append(format == PlanFormat.TERRAFORM ? "Terraform plan" : "Helm diff").append(", SHA-256 ").append(sha256)
        .append('\n').append(creates).append(" to create, ").append(updates).append(" to update, ").append(deletes)
        .append(" to delete, ").append(replaces).append(" to replace");
    if (!destroyed.isEmpty()) {
      text.append("\n⚠ DESTROYS ").append(destroyed.size()).append(':');
      destroyed.forEach(address -> text.append("\n⚠ ").append(address));
    }
    changed.forEach(line -> text.append("\n").append(line));
    return text.toString();
  }
}
