package io.changegate.pages;

import io.changegate.change.Runbook;
import io.changegate.web.FieldError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The amend form on the change page: the input fields of the rework task's form ({@code forms/amend-change.form}),
 * one text area per runbook part (one item per line), and the note of what was changed.
 */
public class AmendForm {

  private String description;
  private String rollbackPlan;
  private String runbookPreChecks;
  private String runbookSteps;
  private String runbookPostChecks;
  private String runbookRollbackSteps;
  private String amendmentNote;

  /** The form pre-filled with the change's current values. */
  static AmendForm of(String description, String rollbackPlan, Runbook runbook) {
    AmendForm form = new AmendForm();
    form.description = description;
    form.rollbackPlan = rollbackPlan;
    form.runbookPreChecks = Runbook.toLines(runbook.preChecks());
    form.runbookSteps = Runbook.toLines(runbook.steps());
    form.runbookPostChecks = Runbook.toLines(runbook.postChecks());
    form.runbookRollbackSteps = Runbook.toLines(runbook.rollbackSteps());
    return form;
  }

  Runbook runbook() {
    return Runbook.fromLines(runbookPreChecks, runbookSteps, runbookPostChecks, runbookRollbackSteps);
  }

  /** Exactly the task form's input fields, as the task is completed with them (no other variable). */
  Map<String, Object> inputs() {
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("description", nullToEmpty(description));
    inputs.put("rollbackPlan", nullToEmpty(rollbackPlan));
    inputs.put("runbookPreChecks", nullToEmpty(runbookPreChecks));
    inputs.put("runbookSteps", nullToEmpty(runbookSteps));
    inputs.put("runbookPostChecks", nullToEmpty(runbookPostChecks));
    inputs.put("runbookRollbackSteps", nullToEmpty(runbookRollbackSteps));
    inputs.put("amendmentNote", nullToEmpty(amendmentNote));
    return inputs;
  }

  /** The validation's errors keyed by this form's field names ({@code runbook.steps[2]} → {@code runbookSteps}). */
  static Map<String, List<String>> byField(List<FieldError> errors) {
    Map<String, List<String>> fields = new LinkedHashMap<>();
    for (FieldError error : errors) {
      String field = error.field() == null ? "" : error.field();
      if (field.startsWith("runbook.")) {
        String part = field.substring("runbook.".length()).replaceAll("[\\[.].*", "");
        field = "runbook" + Character.toUpperCase(part.charAt(0)) + part.substring(1);
      }
      String message = error.message();
      if (error.field() != null && error.field().matches("runbook\\.\\w+\\[\\d+].*")) {
        int item = Integer.parseInt(error.field().replaceAll("runbook\\.\\w+\\[(\\d+)].*", "$1")) + 1;
        message = "item " + item + ": " + message;
      }
      fields.computeIfAbsent(field, k -> new java.util.ArrayList<>()).add(message);
    }
    return fields;
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }

  public String getDescription() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
  }

  public String getRollbackPlan() {
    return rollbackPlan;
  }

  public void setRollbackPlan(String rollbackPlan) {
    this.rollbackPlan = rollbackPlan;
  }

  public String getRunbookPreChecks() {
    return runbookPreChecks;
  }

  public void setRunbookPreChecks(String runbookPreChecks) {
    this.runbookPreChecks = runbookPreChecks;
  }

  public String getRunbookSteps() {
    return runbookSteps;
  }

  public void setRunbookSteps(String runbookSteps) {
    this.runbookSteps = runbookSteps;
  }

  public String getRunbookPostChecks() {
    return runbookPostChecks;
  }

  public void setRunbookPostChecks(String runbookPostChecks) {
    this.runbookPostChecks = runbookPostChecks;
  }

  public String getRunbookRollbackSteps() {
    return runbookRollbackSteps;
  }

  public void setRunbookRollbackSteps(String runbookRollbackSteps) {
    this.runbookRollbackSteps = runbookRollbackSteps;
  }

  public String getAmendmentNote() {
    return amendmentNote;
  }

  public void setAmendmentNote(String amendmentNote) {
    this.amendmentNote = amendmentNote;
  }
}
