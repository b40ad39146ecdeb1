package io.changegate.governance.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.changegate.governance.ModelKind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * What a proposed model changes against its approved version, element by element: every element with an id (BPMN
 * and DMN elements, form components) is added, removed, or changed when one of its properties differs — its
 * attributes and everything below it that has no id of its own (conditions, listeners, input entries' text,
 * documentation). The diagram layout (DI) is not a change of behaviour and is left out, as are BPMN's derived
 * {@code incoming}/{@code outgoing} references and the exporter stamp.
 */
public final class ModelDiff {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/";
  private static final String BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL";
  private static final Set<String> LAYOUT_ELEMENTS = Set.of("BPMNDiagram", "DMNDI", "DMNDiagram");
  private static final Set<String> DERIVED = Set.of("incoming", "outgoing");
  private static final Set<String> STAMPS = Set.of("exporter", "exporterVersion", "$schema", "schemaVersion");
  private static final int MAX_DETAIL_LINES = 12;
  private static final int MAX_VALUE = 160;

  private ModelDiff() {}

  /** An element as compared: its type, a display name and its properties in document order. */
  record Entry(String id, String type, String name, List<String> properties) {}

  /** The changes of {@code after} against {@code before} ({@code null}: a new model, everything added). */
  public static List<ElementChange> diff(String model, ModelKind kind, byte[] before, byte[] after) {
    Map<String, Entry> old = before == null ? Map.of() : index(kind, before);
    Map<String, Entry> now = index(kind, after);
    List<ElementChange> changes = new ArrayList<>();
    for (Entry entry : now.values()) {
      Entry was = old.get(entry.id());
      if (was == null) {
        changes.add(new ElementChange(model, entry.id(), entry.type(), entry.name(), ElementChange.Change.ADDED,
            null));
      } else if (!was.properties().equals(entry.properties()) || !was.type().equals(entry.type())) {
        changes.add(new ElementChange(model, entry.id(), entry.type(), entry.name(), ElementChange.Change.CHANGED,
            detail(was, entry)));
      }
    }
    for (Entry entry : old.values()) {
      if (!now.containsKey(entry.id())) {
        changes.add(new ElementChange(model, entry.id(), entry.type(), entry.name(), ElementChange.Change.REMOVED,
            null));
      }
    }
    return changes;
  }

  static Map<String, Entry> index(ModelKind kind, byte[] content) {
    Map<String, Entry> entries = new LinkedHashMap<>();
    if (kind == ModelKind.FORM) {
      try {
        JsonNode form = JSON.readTree(content);
        indexComponent(form, "form", entries);
      } catch (IOException e) {
        throw new IllegalArgumentException("not a Camunda Form (JSON): " + e.getMessage(), e);
      }
    } else {
      walk(Xml.parse(content).getDocumentElement(), entries);
    }
    return entries;
  }

  // --- XML (BPMN, DMN) ---

  private static void walk(Element element, Map<String, Entry> entries) {
    if (isLayout(element)) {
      return;
    }
    String id = element.getAttribute("id");
    if (!id.isEmpty()) {
      List<String> properties = new ArrayList<>(attributes(element));
      describe(element, "", properties);
      entries.put(id, new Entry(id, element.getLocalName(), displayName(element), properties));
    }
    for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element e) {
        walk(e, entries);
      }
    }
  }

  /** Properties of the descendants without an id of their own, as {@code path[attributes] text}. */
  private static void describe(Element element, String path, List<String> properties) {
    for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (!(child instanceof Element e) || isLayout(e) || !e.getAttribute("id").isEmpty() || isDerived(e)) {
        continue;
      }
      String here = path + e.getLocalName();
      List<String> attributes = attributes(e);
      String text = directText(e);
      properties.add(here + (attributes.isEmpty() ? "" : attributes.toString()) + (text.isEmpty() ? "" : " " + text));
      describe(e, here + "/", properties);
    }
  }

  private static List<String> attributes(Element element) {
    Map<String, String> sorted = new TreeMap<>();
    NamedNodeMap attributes = element.getAttributes();
    for (int i = 0; i < attributes.getLength(); i++) {
      Attr attribute = (Attr) attributes.item(i);
      String name = attribute.getLocalName() == null ? attribute.getName() : attribute.getLocalName();
      String namespace = attribute.getNamespaceURI();
      if ("id".equals(name) && namespace == null || STAMPS.contains(name)
          || "http://www.w3.org/2000/xmlns/".equals(namespace)) {
        continue;
      }
      String qualified = namespace == null ? name
          : namespace.startsWith(CAMUNDA_NS) ? "camunda:" + name
          : attribute.getPrefix() == null ? name : attribute.getPrefix() + ":" + name;
      sorted.put(qualified, attribute.getValue());
    }
    List<String> list = new ArrayList<>();
    sorted.forEach((name, value) -> list.add("@" + name + "=" + value));
    return list;
  }

  private static String directText(Element element) {
    StringBuilder text = new StringBuilder();
    for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
        text.append(child.getNodeValue());
      }
    }
    return text.toString().strip();
  }

  private static String displayName(Element element) {
    String name = element.getAttribute("name");
    if (!name.isBlank()) {
      return name;
    }
    for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element e && ("description".equals(e.getLocalName()) || "text".equals(e.getLocalName()))) {
        return cut(directText(e), 80);
      }
    }
    String label = element.getAttribute("label");
    return label.isBlank() ? null : label;
  }

  private static boolean isLayout(Element element) {
    String namespace = element.getNamespaceURI();
    return LAYOUT_ELEMENTS.contains(element.getLocalName())
        || namespace != null && (namespace.contains("/DI") || namespace.contains("/DC") || namespace.endsWith("DMNDI/"));
  }

  private static boolean isDerived(Element element) {
    return BPMN_NS.equals(element.getNamespaceURI()) && DERIVED.contains(element.getLocalName());
  }

  // --- Camunda Forms (JSON) ---

  private static void indexComponent(JsonNode component, String fallbackType, Map<String, Entry> entries) {
    List<String> properties = new ArrayList<>();
    List<JsonNode> children = new ArrayList<>();
    flatten(component, "", properties, children);
    String id = component.path("id").asText("");
    String type = component.path("type").asText(fallbackType);
    if ("form".equals(fallbackType)) {
      type = "form";
    }
    String name = firstText(component, "label", "key", "text");
    entries.put(id, new Entry(id, type, name == null ? null : cut(name, 80), properties));
    for (JsonNode child : children) {
      indexComponent(child, "component", entries);
    }
  }

  /** Fields of a component, sorted by name; nested components with an id are indexed on their own. */
  private static void flatten(JsonNode node, String path, List<String> properties, List<JsonNode> components) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    Collections.sort(names);
    for (String name : names) {
      JsonNode value = node.get(name);
      if (path.isEmpty() && ("id".equals(name) || STAMPS.contains(name))) {
        continue;
      }
      if (path.isEmpty() && "components".equals(name) && value.isArray()) {
        int i = 0;
        for (JsonNode child : value) {
          if (child.hasNonNull("id")) {
            components.add(child);
          } else {
            flatten(child, "components[" + i + "].", properties, components);
          }
          i++;
        }
        continue;
      }
      flattenValue(value, path + name, properties);
    }
  }

  private static void flattenValue(JsonNode value, String path, List<String> properties) {
    if (value.isObject()) {
      Iterator<String> names = value.fieldNames();
      List<String> sorted = new ArrayList<>();
      names.forEachRemaining(sorted::add);
      Collections.sort(sorted);
      for (String name : sorted) {
        flattenValue(value.get(name), path + "." + name, properties);
      }
    } else if (value.isArray()) {
      int i = 0;
      for (JsonNode item : value) {
        flattenValue(item, path + "[" + i++ + "]", properties);
      }
    } else {
      properties.add(path + "=" + value.asText());
    }
  }

  private static String firstText(JsonNode node, String... fields) {
    for (String field : fields) {
      if (node.hasNonNull(field) && !node.get(field).asText().isBlank()) {
        return node.get(field).asText();
      }
    }
    return null;
  }

  // --- detail ---

  private static String detail(Entry before, Entry after) {
    List<String> removed = new ArrayList<>(before.properties());
    after.properties().forEach(removed::remove);
    List<String> added = new ArrayList<>(after.properties());
    before.properties().forEach(added::remove);
    List<String> lines = new ArrayList<>();
    if (!before.type().equals(after.type())) {
      lines.add("type: " + before.type() + " → " + after.type());
    }
    removed.forEach(p -> lines.add("- " + cut(p, MAX_VALUE)));
    added.forEach(p -> lines.add("+ " + cut(p, MAX_VALUE)));
    if (lines.isEmpty()) {
      lines.add("order of its properties");
    }
    if (lines.size() > MAX_DETAIL_LINES) {
      int more = lines.size() - MAX_DETAIL_LINES;
      lines.subList(MAX_DETAIL_LINES, lines.size()).clear();
      lines.add("… " + more + " more");
    }
    return String.join("\n", lines);
  }

  private static String cut(String value, int max) {
    String flat = value.replaceAll("\\s+", " ").strip();
    return flat.length() <= max ? flat : flat.substring(0, max - 1) + "…";
  }
}
