package io.changegate.refresh;

/** One refresh: the change that asks for it, the environment copied from, the environment refreshed. */
public record RefreshOrder(String changeId, String source, String target) {}
