package io.changegate.refresh;

/**
 * What a copy or an anonymization did: whether it succeeded (a program's exit 0) and what it said.
 *
 * @param program what ran (the program and its arguments, or "sandbox")
 */
public record StepOutcome(boolean succeeded, String program, int exitCode, String output) {}
