package io.changegate.change;

/**
 * What an environment is, as the environment catalog records it. Only the catalog says whether an environment is
 * production; its name never does ({@code "prod"} is whatever the catalog says it is).
 */
public enum EnvironmentKind {
  PRODUCTION,
  PRE_PRODUCTION,
  TEST,
  DEVELOPMENT;

  public boolean isProduction() {
    return this == PRODUCTION;
  }
}
