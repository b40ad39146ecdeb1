package io.changegate.governance.check;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * What an automatic check of a model change found. An {@code ERROR} ends the model change before anyone is asked;
 * warnings and notes are shown to the reviewers.
 *
 * @param check   which check: {@code lint}, {@code approval-path}, {@code sign-off-coverage}, {@code model}
 * @param model   the model key (or file) it concerns
 * @param element the element id, when there is one
 * @param rule    the rule's name (for lint, the bpmnlint rule it implements)
 */
public record Finding(Severity severity, String check, String model, String element, String rule, String message) {

  public enum Severity { ERROR, WARNING, INFO }

  public static Finding error(String check, String model, String element, String rule, String message) {
    return new Finding(Severity.ERROR, check, model, element, rule, message);
  }

  public static Finding warning(String check, String model, String element, String rule, String message) {
    return new Finding(Severity.WARNING, check, model, element, rule, message);
  }

  public static Finding info(String check, String model, String element, String rule, String message) {
    return new Finding(Severity.INFO, check, model, element, rule, message);
  }

  @JsonIgnore
  public boolean isError() {
    return severity == Severity.ERROR;
  }
}
