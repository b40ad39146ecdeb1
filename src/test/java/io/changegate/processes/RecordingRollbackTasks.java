package io.changegate.processes;

import io.changegate.rollback.PostmortemService;
import io.changegate.rollback.process.RollbackTasks;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.mockito.Mockito;

/**
 * The {@code rollbackTasks} bean of rollback.bpmn: records every completed task, then runs the real
 * {@link RollbackTasks} over a mocked {@link PostmortemService}, so a postmortem without its required
 * fields is refused as in production.
 */
public final class RecordingRollbackTasks {

  private final PostmortemService service = Mockito.mock(PostmortemService.class);
  private final RollbackTasks tasks = new RollbackTasks(service);
  private final List<String> completed = new CopyOnWriteArrayList<>();

  public void postmortem(DelegateTask task) {
    tasks.postmortem(task);
    completed.add(task.getTaskDefinitionKey());
  }

  public void checkpointRestored(DelegateTask task) {
    tasks.checkpointRestored(task);
    completed.add(task.getTaskDefinitionKey());
  }

  public void failureHandled(DelegateTask task) {
    tasks.failureHandled(task);
    completed.add(task.getTaskDefinitionKey());
  }

  public List<String> completed() {
    return List.copyOf(completed);
  }

  public PostmortemService service() {
    return service;
  }
}
