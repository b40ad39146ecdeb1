package io.changegate.governance;

import java.util.Locale;

/** The kinds of governance model a deployment can carry, told by the resource name as the engine does. */
public enum ModelKind {
  BPMN, DMN, FORM, CMMN;

  /** The kind of a deployment resource, or {@code null} when the engine deploys no definition from it. */
  public static ModelKind of(String resourceName) {
    String name = resourceName.toLowerCase(Locale.ROOT);
    if (name.endsWith(".bpmn") || name.endsWith(".bpmn20.xml")) {
      return BPMN;
    }
    if (name.endsWith(".dmn") || name.endsWith(".dmn11.xml")) {
      return DMN;
    }
    if (name.endsWith(".form")) {
      return FORM;
    }
    if (name.endsWith(".cmmn") || name.endsWith(".cmmn10.xml") || name.endsWith(".cmmn11.xml")) {
      return CMMN;
    }
    return null;
  }
}
