package io.changegate.deployment;

/** What a target runs: a version and, where known, the content digest. */
public record Release(String version, String digest) {}
