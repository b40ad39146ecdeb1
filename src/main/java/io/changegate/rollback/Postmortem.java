package io.changegate.rollback;

/** What the postmortem form starts with: the change's timeline and a summary of the rollback; who writes it. */
public record Postmortem(String timeline, String summary, String requester) {}
