package io.changegate.infrastructure;

/** The formats of an infrastructure plan, by the content type it is sent with. */
public enum PlanFormat {
  /** {@code terraform show -json <planfile>} output ({@code application/json}). */
  TERRAFORM,
  /** The output of the {@code helm diff upgrade} plugin ({@code text/plain}). */
  HELM_DIFF
}
