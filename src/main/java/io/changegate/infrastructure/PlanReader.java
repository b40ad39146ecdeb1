package io.changegate.infrastructure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.changegate.web.FieldError;
import io.changegate.web.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Reads a plan into its {@link PlanSummary}. Terraform: the JSON output format of {@code terraform show -json}
 * (documented as "JSON Output Format": {@code format_version}, {@code resource_changes[]} with {@code address} and
 * {@code change.actions}: {@code ["create"]}, {@code ["update"]}, {@code ["delete"]}, {@code ["delete","create"]} or
 * {@code ["create","delete"]} (a replace), {@code ["no-op"]}, {@code ["read"]}). Helm: the {@code helm diff} plugin's
 * headers ({@code <namespace>, <name>, <kind> has changed:} / {@code has been added:} / {@code has been removed:}).
 * Anything else is refused: a plan approvers cannot read is no plan.
 */
@Component
class PlanReader {

  private static final Pattern HELM_HEADER =
      Pattern.compile("^(\\S[^,]*), (\\S+), (.+?) (has changed|has been added|has been removed):$");
  static final int MAX_LISTED = 50;

  private final ObjectMapper json;

  PlanReader(ObjectMapper json) {
    this.json = json;
  }

  PlanSummary read(PlanFormat format, String content) {
    return format == PlanFormat.TERRAFORM ? terraform(content) : helm(content);
  }

  private PlanSummary terraform(String content) {
    JsonNode plan;
    try {
      plan = json.readTree(content);
    } catch (JsonProcessingException e) {
      throw invalid("is not JSON: " + e.getOriginalMessage());
    }
    if (plan == null || !plan.isObject() || !plan.path("format_version").isTextual()) {
      throw invalid("is not the output of 'terraform show -json' (no format_version)");
    }
    JsonNode changes = plan.path("resource_changes");
    if (!changes.isMissingNode() && !changes.isArray()) {
      throw invalid("resource_changes must be an array");
    }
    int creates = 0;
    int updates = 0;
    int deletes = 0;
    int replaces = 0;
    List<String> destroyed = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    for (JsonNode change : changes) {
      String address = change.path("address").asText("");
      JsonNode actions = change.path("change").path("actions");
      if (address.isEmpty() || !actions.isArray()) {
        throw invalid("every resource change needs an address and change.actions");
      }
      List<String> list = new ArrayList<>();
      actions.forEach(a -> list.add(a.asText()));
      String kind;
      if (list.contains("delete") && list.contains("create")) {
        replaces++;
        destroyed.add(address + " (replace)");
        kind = "replace";
      } else if (list.equals(List.of("delete"))) {
        deletes++;
        destroyed.add(address);
        kind = "delete";
      } else if (list.equals(List.of("create"))) {
        creates++;
        kind = "create";
      } else if (list.equals(List.of("update"))) {
        updates++;
        kind = "update";
      } else if (list.equals(List.of("no-op")) || list.equals(List.of("read"))) {
        continue;
      } else {
        throw invalid("unknown actions " + list + " for " + address);
      }
      if (changed.size() < MAX_LISTED && !kind.equals("delete") && !kind.equals("replace")) {
        changed.add(kind + " " + address);
      }
    }
    return new PlanSummary(creates, updates, deletes, replaces, destroyed, changed);
  }

  private PlanSummary helm(String content) {
    int creates = 0;
    int updates = 0;
    int deletes = 0;
    List<String> destroyed = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    for (String line : content.split("\\R")) {
      Matcher header = HELM_HEADER.matcher(line);
      if (!header.matches()) {
        continue;
      }
      String resource = header.group(1) + "/" + header.group(2) + " " + header.group(3);
      switch (header.group(4)) {
        case "has been added" -> {
          creates++;
          add(changed, "create " + resource);
        }
        case "has changed" -> {
          updates++;
          add(changed, "update " + resource);
        }
        default -> {
          deletes++;
          destroyed.add(resource);
        }
      }
    }
    if (creates + updates + deletes == 0 && !content.isBlank()) {
      throw invalid("is not the output of 'helm diff' (no '<namespace>, <name>, <kind> has changed:' header)");
    }
    return new PlanSummary(creates, updates, deletes, 0, destroyed, changed);
  }

  private static void add(List<String> lines, String line) {
    if (lines.size() < MAX_LISTED) {
      lines.add(line);
    }
  }

  private static InvalidRequestException invalid(String message) {
    return new InvalidRequestException("The infrastructure plan cannot be read", List.of(new FieldError("plan",
        message)));
  }
}
