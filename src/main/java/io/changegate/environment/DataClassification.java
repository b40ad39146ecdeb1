package io.changegate.environment;

/** How sensitive the data in an environment is (a refresh never copies into an environment of lower rank). */
public enum DataClassification {
  PUBLIC,
  INTERNAL,
  CONFIDENTIAL,
  RESTRICTED
}
