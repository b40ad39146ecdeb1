package io.changegate.change;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How the change is carried out, step by step: what is checked before, the steps, what is checked after,
 * and how it is undone, and the stateful components (databases, message queues, caches) a rollback restores by hand
 * from their checkpoints ({@link StatefulStep}), in order. A peer reviews it when the FMEA rates the change HIGH risk.
 */
public record Runbook(
    @Size(max = MAX_ITEMS) List<@NotBlank @Size(max = MAX_ITEM) String> preChecks,
    @Size(max = MAX_ITEMS) List<@NotBlank @Size(max = MAX_ITEM) String> steps,
    @Size(max = MAX_ITEMS) List<@NotBlank @Size(max = MAX_ITEM) String> postChecks,
    @Size(max = MAX_ITEMS) List<@NotBlank @Size(max = MAX_ITEM) String> rollbackSteps,
    @Size(max = MAX_STATEFUL) List<@NotNull @Valid StatefulStep> stateful) {

  public static final int MAX_ITEMS = 50;
  public static final int MAX_ITEM = 500;
  public static final int MAX_STATEFUL = 20;

  public Runbook {
    preChecks = clean(preChecks);
    steps = clean(steps);
    postChecks = clean(postChecks);
    rollbackSteps = clean(rollbackSteps);
    stateful = stateful == null ? List.of() : List.copyOf(stateful.stream().filter(java.util.Objects::nonNull).toList());
  }

  /** A runbook without stateful sections. */
  public Runbook(List<String> preChecks, List<String> steps, List<String> postChecks, List<String> rollbackSteps) {
    this(preChecks, steps, postChecks, rollbackSteps, List.of());
  }

  /** The same runbook with these stateful sections. */
  public Runbook withStateful(List<StatefulStep> sections) {
    return new Runbook(preChecks, steps, postChecks, rollbackSteps, sections);
  }

  public static Runbook empty() {
    return new Runbook(List.of(), List.of(), List.of(), List.of());
  }

  @JsonIgnore
  public boolean isEmpty() {
    return preChecks.isEmpty() && steps.isEmpty() && postChecks.isEmpty() && rollbackSteps.isEmpty()
        && stateful.isEmpty();
  }

  /** A runbook from text areas, one item per line; list numbering ("1.", "-", "*") is dropped. */
  public static Runbook fromLines(String preChecks, String steps, String postChecks, String rollbackSteps) {
    return new Runbook(lines(preChecks), lines(steps), lines(postChecks), lines(rollbackSteps));
  }

  /** One item per line, numbered, as the review forms show them. */
  public static String toLines(List<String> items) {
    List<String> numbered = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      numbered.add((i + 1) + ". " + items.get(i));
    }
    return String.join("\n", numbered);
  }

  static List<String> lines(String text) {
    if (text == null) {
      return List.of();
    }
    return text.lines()
        .map(line -> line.strip().replaceFirst("^(\\d+[.)]|[-*•])\\s*", "").strip())
        .filter(line -> !line.isEmpty())
        .collect(Collectors.toList());
  }

  private static List<String> clean(List<String> items) {
    return items == null ? List.of() : items.stream().map(s -> s == null ? null : s.strip()).toList();
  }
}
