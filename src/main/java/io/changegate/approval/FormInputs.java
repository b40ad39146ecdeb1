package io.changegate.approval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.TreeSet;

/**
 * The variables a Camunda Form (form-js schema) lets a person enter: the keys of its input fields, the paths of its
 * dynamic lists and of its groups with a path. Display-only components (text, html, table, image, ...) and fields
 * marked {@code readonly} or {@code disabled} are no inputs. A nested key ({@code a.b}) enters variable {@code a}.
 */
public final class FormInputs {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> DISPLAY_ONLY = Set.of("text", "html", "image", "button", "spacer", "separator",
      "table", "iframe", "documentPreview");

  private FormInputs() {}

  /** The input variables of the form; an unreadable form has none. */
  public static Set<String> of(InputStream form) {
    Set<String> inputs = new TreeSet<>();
    if (form == null) {
      return inputs;
    }
    try (form) {
      collect(JSON.readTree(form).path("components"), inputs);
    } catch (IOException unreadable) {
      return new TreeSet<>();
    }
    return inputs;
  }

  private static void collect(JsonNode components, Set<String> inputs) {
    for (JsonNode component : components) {
      String type = component.path("type").asText("");
      if (DISPLAY_ONLY.contains(type) || component.path("readonly").asBoolean(false)
          || component.path("disabled").asBoolean(false)) {
        continue;
      }
      String path = component.path("path").asText("");
      String key = component.path("key").asText("");
      if (!path.isBlank()) {
        // dynamic lists and groups with a path submit one variable: the whole list or object
        inputs.add(firstSegment(path));
      } else if (!key.isBlank()) {
        inputs.add(firstSegment(key));
      } else if (component.has("components")) {
        collect(component.path("components"), inputs);
      }
    }
  }

  private static String firstSegment(String key) {
    int dot = key.indexOf('.');
    return dot < 0 ? key : key.substring(0, dot);
  }
}
