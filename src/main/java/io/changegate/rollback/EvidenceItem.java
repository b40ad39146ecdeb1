package io.changegate.rollback;

/** One preserved artifact: its name, its type, the SHA-256 of its content, and the content itself. */
public record EvidenceItem(String name, String mediaType, String sha256, int size, String content) {}
