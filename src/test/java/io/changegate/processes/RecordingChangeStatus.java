package io.changegate.processes;

import static io.changegate.change.ChangeProcess.CHANGE_ID;

import io.changegate.change.ChangeService;
import io.changegate.change.process.ChangeStatusListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.mockito.Mockito;

/**
 * The {@code changeStatus} bean of the diagrams ({@code ${changeStatus.set(execution, 'DEPLOYING')}}):
 * records every call, then hands it to the real {@link ChangeStatusListener} over a mocked
 * {@link ChangeService}, so an unknown status name or a missing {@code changeId} fails as in production.
 */
public final class RecordingChangeStatus {

  /** One status change: in which process, at which step, for which change. */
  public record Call(String processKey, String activityId, String businessKey, String changeId, String status) {}

  private final ChangeService changes = Mockito.mock(ChangeService.class);
  private final ChangeStatusListener listener = new ChangeStatusListener(changes);
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final List<String> reasons = new CopyOnWriteArrayList<>();

  public void set(DelegateExecution execution, String status) {
    calls.add(new Call(RecordingDelegate.processKey(execution), execution.getCurrentActivityId(),
        execution.getProcessBusinessKey(), CHANGE_ID.from(execution), status));
    listener.set(execution, status);
  }

  /** A rejection with its reason ({@code ${changeStatus.reject(execution, reason)}}), recorded as REJECTED. */
  public void reject(DelegateExecution execution, String reason) {
    calls.add(new Call(RecordingDelegate.processKey(execution), execution.getCurrentActivityId(),
        execution.getProcessBusinessKey(), CHANGE_ID.from(execution), "REJECTED"));
    reasons.add(reason);
    listener.reject(execution, reason);
  }

  /** The reasons given with rejections, in order. */
  public List<String> rejectionReasons() {
    return List.copyOf(reasons);
  }

  public List<Call> calls() {
    return List.copyOf(calls);
  }

  /** The statuses in the order the diagrams set them. */
  public List<String> statuses() {
    return calls.stream().map(Call::status).toList();
  }

  /** The change service the real listener talks to (to verify the transitions it asked for). */
  public ChangeService changeService() {
    return changes;
  }
}
