package io.changegate.notification;

import java.util.List;

/** A message to the members of some groups about a change. */
public record Notification(String changeId, List<String> groups, String subject, String body) {}
