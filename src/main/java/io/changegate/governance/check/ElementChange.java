package io.changegate.governance.check;

/**
 * One element of a model added, removed or changed against the approved version.
 *
 * @param model  the model key (process, decision or form id)
 * @param type   the element's type ({@code userTask}, {@code sequenceFlow}, {@code rule}, a form component type)
 * @param detail for a change: what differs, {@code - before} and {@code + after} per property
 */
public record ElementChange(String model, String element, String type, String name, Change change, String detail) {

  public enum Change { ADDED, REMOVED, CHANGED }
}
