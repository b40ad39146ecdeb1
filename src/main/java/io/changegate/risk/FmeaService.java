package io.changegate.risk;

import io.changegate.audit.AuditAction;
import io.changegate.audit.AuditTrail;
import io.changegate.change.Change;
import io.changegate.change.ChangeConflictException;
import io.changegate.change.ChangeRepository;
import io.changegate.change.ChangeService;
import io.changegate.change.Level;
import io.changegate.security.ServiceAccountOwners;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The FMEA worksheet of a change: stored as a whole on each save (Tasklist form or Excel upload), its risk
 * level decided by {@code fmea-risk-level} and recorded on the change. Each method runs in the caller's
 * transaction or its own, with the audit trail.
 */
@Service
public class FmeaService {


  public static final String SOURCE_TASKLIST = "tasklist";
  public static final String SOURCE_EXCEL = "excel";

  private final FmeaRepository repository;
  private final FmeaWorkbookWriter writer;
  private final FmeaWorkbookReader reader;
  private final ChangeService changes;
  private final ChangeRepository changeRecords;
  private final AuditTrail audit;
  private final DecisionService decisions;
  private final TaskService tasks;
  private final FmeaVariables variables;
  private final Clock clock;
  private final ServiceAccountOwners owners;

  FmeaService(FmeaRepository repository, FmeaWorkbookWriter writer, FmeaWorkbookReader reader, ChangeService changes,
      ChangeRepository changeRecords, AuditTrail audit, DecisionService decisions, TaskService tasks,
      FmeaVariables variables, Clock clock, ServiceAccountOwners owners) {
    this.owners = owners;
    this.repository = repository;
    this.writer = writer;
    this.reader = reader;
    this.changes = changes;
    this.changeRecords = changeRecords;
    this.audit = audit;
    this.decisions = decisions;
    this.tasks = tasks;
    this.variables = variables;
    this.clock = clock;
  }

  public Change change(String changeId) {
    return changes.get(changeId);
  }

  public List<FmeaRow> worksheet(String changeId) {
    return repository.rowsOf(changeId);
  }

  /** The worksheet as an Excel workbook; an empty template when none was saved. */
  public byte[] workbook(String changeId) {
    Change change = changes.get(changeId);
    return writer.write(change, repository.rowsOf(change.id()));
  }

  /** Stores valid rows as the change's worksheet (replacing what was there) and records it. */
  @Transactional
  public void save(String changeId, List<FmeaRow> rows, String actor, String source) {
    repository.replace(changeId, rows, actor, source, clock.instant());
    Figures figures = Figures.of(rows);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("source", source);
    details.put("failureModes", figures.failureModes());
    details.put("maxSeverity", figures.maxSeverity());
    details.put("maxRpn", figures.maxRpn());
    audit.record(actor, AuditAction.FMEA_SAVED, changeId, details);
  }

  /** Records the risk level the decision table gave on the change and on its timeline. */
  @Transactional
  public void recordRiskLevel(String changeId, RiskAssessment assessment) {
    changeRecords.updateRiskLevel(changeId, assessment.riskLevel(), clock.instant());
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("riskLevel", assessment.riskLevel().name());
    details.put("reason", assessment.reason());
    details.put("maxRpn", assessment.figures().maxRpn());
    details.put("maxSeverity", assessment.figures().maxSeverity());
    details.put("failureModes", assessment.figures().failureModes());
    audit.record(ChangeService.SYSTEM_ACTOR, AuditAction.FMEA_ASSESSED, changeId, details);
  }

  /** What {@code fmea-risk-level} decides for these figures (the thresholds live in the table only). */
  public RiskAssessment assess(Figures figures) {
    DmnDecisionResultEntries result = decisions.evaluateDecisionByKey(FmeaProcess.RISK_LEVEL_DECISION)
        .variables(Variables.createVariables()
            .putValue(FmeaProcess.FAILURE_MODES.name(), figures.failureModes())
            .putValue(FmeaProcess.MAX_SEVERITY.name(), figures.maxSeverity())
            .putValue(FmeaProcess.MAX_RPN.name(), figures.maxRpn()))
        .evaluate()
        .getSingleResult();
    return new RiskAssessment(Level.valueOf(result.getEntry(FmeaProcess.RISK_LEVEL.name())),
        result.getEntry(FmeaProcess.RISK_REASON.name()), figures);
  }

  /**
   * Refuses an upload unless {@code actor} requested the change or owns the service account that did (403) and its FMEA is open for editing, that is
   * the task "Fill in the FMEA worksheet" is open (409).
   */
  public Task editableWorksheetTask(String changeId, String actor) {
    Change change = changes.get(changeId);
    if (!owners.actsAs(actor, change.requester())) {
      throw new AccessDeniedException("Only " + change.requester() + ", who requested " + changeId
          + owners.ownerOf(change.requester()).map(owner -> " (or " + owner + ", who owns it)").orElse("")
          + ", may upload its FMEA worksheet");
    }
    Task task = tasks.createTaskQuery().processInstanceBusinessKey(changeId)
        .taskDefinitionKey(FmeaProcess.TASK_FILL_WORKSHEET).active().list().stream().findFirst().orElse(null);
    if (task == null) {
      throw new ChangeConflictException("The FMEA of " + changeId + " is not open for editing (" + change.status()
          + "): a worksheet is accepted while the task 'Fill in the FMEA worksheet' is open");
    }
    return task;
  }

  /**
   * An Excel upload by the requester: parsed, validated (every error, with sheet, row and column), stored, and
   * put in the open Tasklist task so its form shows it. Nothing is stored when anything is wrong.
   */
  @Transactional
  public FmeaPreview upload(String changeId, byte[] xlsx, String actor) {
    Task task = editableWorksheetTask(changeId, actor);
    FmeaValidator.Validated read = reader.read(xlsx);
    if (!read.valid()) {
      throw new InvalidWorksheetException("The FMEA workbook has " + read.errors().size()
          + (read.errors().size() == 1 ? " error" : " errors") + "; nothing was stored", read.errors());
    }
    save(changeId, read.rows(), actor, SOURCE_EXCEL);
    tasks.setVariable(task.getId(), FmeaProcess.FMEA.name(), variables.worksheet(read.rows()));
    RiskAssessment preview = assess(Figures.of(read.rows()));
    return FmeaPreview.of(changeId, read.rows(), preview);
  }
}
