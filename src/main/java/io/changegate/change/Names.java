package io.changegate.change;

/**
 * Names of services, environments and targets travel to deployment tools (URLs, command arguments), so
 * they are restricted to a safe alphabet: lower-case letters, digits, '.', '_' and '-'.
 */
public final class Names {

  public static final String PATTERN = "[a-z0-9][a-z0-9._-]{0,62}";
  public static final String MESSAGE =
      "must be 1-63 characters: lower-case letters, digits, '.', '_' or '-', starting with a letter or digit";

  private Names() {}
}
