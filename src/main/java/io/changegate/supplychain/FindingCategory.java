package io.changegate.supplychain;

/** Where a finding comes from: static analysis, a vulnerable component, a secret in the artifact. */
public enum FindingCategory { SAST, SCA, SECRET }
