package io.changegate.change;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Set;

/**
 * A section of the runbook for a stateful component the rollback cannot put back by redeploying: a database, a
 * message queue or a cache, the checkpoint taken before the change and how operations restore it. On a rollback
 * operations get one task per section, in the runbook's order, after the targets are rolled back and before the
 * recovery is verified.
 *
 * @param kind {@code DATABASE}, {@code MESSAGE_QUEUE} or {@code CACHE}
 * @param name the component (e.g. {@code orders-db}, {@code orders-events}, {@code session-cache})
 * @param checkpoint the checkpoint type: {@code SNAPSHOT} or {@code POINT_IN_TIME} for a database, {@code OFFSET} or
 *     {@code SNAPSHOT} for a queue, {@code FLUSH} or {@code SNAPSHOT} for a cache
 * @param restore what operations do to go back to the checkpoint
 */
public record StatefulStep(
    @NotNull Kind kind,
    @NotBlank @Size(max = 100) @Pattern(regexp = "[^\\p{Cntrl}]*", message = "must be one line") String name,
    @NotNull Checkpoint checkpoint,
    @NotBlank @Size(max = Runbook.MAX_ITEM) String restore) {

  /** What kind of stateful component. */
  public enum Kind { DATABASE, MESSAGE_QUEUE, CACHE }

  /** How its state before the change is kept. */
  public enum Checkpoint { SNAPSHOT, POINT_IN_TIME, OFFSET, FLUSH }

  public StatefulStep {
    name = name == null ? null : name.strip();
    restore = restore == null ? null : restore.strip();
  }

  /** The checkpoint types each kind takes. */
  @AssertTrue(message = "the checkpoint does not fit the kind: DATABASE takes SNAPSHOT or POINT_IN_TIME, MESSAGE_QUEUE"
      + " OFFSET or SNAPSHOT, CACHE FLUSH or SNAPSHOT")
  @JsonIgnore
  public boolean isCheckpointOfItsKind() {
    if (kind == null || checkpoint == null) {
      return true;
    }
    return switch (kind) {
      case DATABASE -> Set.of(Checkpoint.SNAPSHOT, Checkpoint.POINT_IN_TIME).contains(checkpoint);
      case MESSAGE_QUEUE -> Set.of(Checkpoint.OFFSET, Checkpoint.SNAPSHOT).contains(checkpoint);
      case CACHE -> Set.of(Checkpoint.FLUSH, Checkpoint.SNAPSHOT).contains(checkpoint);
    };
  }

  /** One line, as the forms show it: "DATABASE orders-db — checkpoint SNAPSHOT". */
  public String describe() {
    return kind + " " + name + " — checkpoint " + checkpoint;
  }
}
