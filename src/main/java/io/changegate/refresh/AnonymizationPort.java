package io.changegate.refresh;

/** Runs the anonymization job on the target after the copy; the same adapter as {@link CopyPort}. */
public interface AnonymizationPort {

  StepOutcome anonymize(RefreshOrder order);
}
