package io.changegate.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Reading a change's timeline as {@code GET /api/changes/{id}} answers it. */
public final class Timelines {

  private Timelines() {}

  /** The timeline's event names, oldest first. */
  public static List<String> events(JsonNode change) {
    List<String> events = new ArrayList<>();
    change.path("timeline").forEach(e -> events.add(e.path("event").asText()));
    return events;
  }
}
