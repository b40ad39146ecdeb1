package io.changegate.engine.modelcheck;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a Camunda Form ({@code .form}) may be: a form-js schema (JSON object, {@code "type": "default"}, an
 * {@code id}, {@code components} of known form-js types). The engine evaluates nothing in a form: it stores the
 * JSON and reads its {@code id}. Tasklist renders it with form-js in the user's browser, where its
 * {@code =} FEEL expressions and {@code {{ }}} templates run in form-js's own interpreter and HTML is sanitized.
 * Refused: whatever is not such a schema, and {@code iframe} components, which embed any page (same-origin ones
 * included, with the sandbox the form chooses) into Tasklist.
 */
final class FormRules {

  /** The form-js component types of the form-js bundled with Camunda 7.24's Tasklist, except iframe. */
  static final Set<String> COMPONENT_TYPES = Set.of("textfield", "textarea", "number", "checkbox", "checklist",
      "radio", "select", "taglist", "datetime", "button", "text", "html", "image", "group", "dynamiclist", "table",
      "separator", "spacer", "expression");

  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

  List<ModelProblem> check(String resource, byte[] content) {
    List<ModelProblem> problems = new ArrayList<>();
    JsonNode form;
    try {
      form = JSON.readTree(content);
    } catch (JacksonException e) {
      problems.add(new ModelProblem(resource, e.getLocation() == null ? -1 : e.getLocation().getLineNr(),
          e.getLocation() == null ? -1 : e.getLocation().getColumnNr(), null, null, null, null,
          "is not valid JSON: " + e.getOriginalMessage()));
      return problems;
    } catch (IOException e) {
      problems.add(ModelProblem.ofResource(resource, "cannot be read: " + e.getMessage()));
      return problems;
    }
    if (form == null || !form.isObject()) {
      problems.add(ModelProblem.ofResource(resource, "is not a form-js schema (a JSON object)"));
      return problems;
    }
    String id = form.path("id").isTextual() ? form.path("id").asText() : null;
    if (id == null || id.isBlank()) {
      problems.add(ModelProblem.ofResource(resource, "has no \"id\": the form's id is what camunda:formRef names"));
    }
    if (!"default".equals(form.path("type").asText(null))) {
      problems.add(new ModelProblem(resource, -1, -1, id, null, "form", "\"type\"",
          "must be \"default\" (a form-js schema)"));
    }
    if (!form.path("components").isArray()) {
      problems.add(new ModelProblem(resource, -1, -1, id, null, "form", "\"components\"",
          "must be a list of form-js components"));
      return problems;
    }
    components(resource, form.path("components"), problems);
    return problems;
  }

  private void components(String resource, JsonNode components, List<ModelProblem> problems) {
    for (JsonNode component : components) {
      String id = component.path("id").asText(component.path("key").asText(null));
      String label = component.path("label").asText(null);
      String type = component.path("type").asText(null);
      if (!component.isObject() || type == null) {
        problems.add(new ModelProblem(resource, -1, -1, id, label, "component", "\"type\"",
            "every component is an object with a form-js \"type\""));
      } else if ("iframe".equals(type)) {
        problems.add(new ModelProblem(resource, -1, -1, id, label, "iframe", null, "embeds a web page into"
            + " Tasklist: iframe components are not allowed (link to the page in a text component instead)"));
      } else if (!COMPONENT_TYPES.contains(type)) {
        problems.add(new ModelProblem(resource, -1, -1, id, label, type, "\"type\"", "is not a form-js component"
            + " type Tasklist knows; one of " + new TreeSet<>(COMPONENT_TYPES)));
      }
      if (component.has("components")) {
        if (component.path("components").isArray()) {
          components(resource, component.path("components"), problems);
        } else {
          problems.add(new ModelProblem(resource, -1, -1, id, label, type, "\"components\"",
              "must be a list of form-js components"));
        }
      }
    }
  }
}
