package io.changegate.engine.modelcheck;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The model check: what a BPMN, DMN or Camunda Form deployed to Changegate may contain (docs/model-rules.md).
 * Reads the resource itself — every element, attribute and text, not a list of known places — with a parser
 * that refuses DOCTYPEs and entities, and reports every problem with its element.
 */
public final class ModelChecker {

  static final String BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL";
  static final String CAMUNDA_BPMN_NS = "http://camunda.org/schema/1.0/bpmn";
  static final String CAMUNDA_DMN_NS = "http://camunda.org/schema/1.0/dmn";
  /** Camunda still reads its old Activiti namespace as its own: {@code activiti:class} would be a class. */
  static final String ACTIVITI_NS = "http://activiti.org/bpmn";

  /** BPMN/DMN/DI namespaces of the OMG, Camunda's extensions and bpmn.io's (colours, DMN layout). */
  private static final List<String> ELEMENT_NAMESPACE_PREFIXES = List.of("http://www.omg.org/spec/",
      "https://www.omg.org/spec/", "http://bpmn.io/schema/", "http://camunda.org/schema/1.0/");

  private static final Set<String> FEEL_LANGUAGES = Set.of("http://www.omg.org/spec/FEEL/20140401",
      "http://www.omg.org/spec/DMN/20180521/FEEL/", "https://www.omg.org/spec/DMN/20191111/FEEL/",
      "https://www.omg.org/spec/DMN/20211108/FEEL/", "https://www.omg.org/spec/DMN/20230324/FEEL/");
  /** The DMN elements whose text the DMN engine evaluates, in their expression language. */
  private static final Set<String> DMN_EVALUATED = Set.of("inputExpression", "inputEntry", "outputEntry",
      "literalExpression");
  private static final Set<String> GENERATED_FORMS = Set.of("formData", "formField", "formProperty");
  private static final Pattern FEEL_EXTERNAL = Pattern.compile("\\bexternal\\b");
  private static final Pattern FEEL_STRINGS_AND_COMMENTS =
      Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|//[^\\n]*|/\\*.*?\\*/", Pattern.DOTALL);

  enum Kind { BPMN, DMN, FORM, OTHER }

  private final CallableBeans beans;
  private final ExpressionRules expressions;
  private final FormRules forms = new FormRules();

  public ModelChecker(CallableBeans beans) {
    this.beans = beans;
    this.expressions = new ExpressionRules(beans);
  }

  /** Every problem of one deployment resource; empty when it may be deployed. */
  public List<ModelProblem> check(String resource, byte[] content) {
    return switch (kind(resource)) {
      case BPMN, DMN -> checkXml(resource, kind(resource), content);
      case FORM -> forms.check(resource, content);
      case OTHER -> List.of(ModelProblem.ofResource(resource, "is not a BPMN (.bpmn), DMN (.dmn) or Camunda Form"
          + " (.form) file; nothing else may be deployed (scripts, HTML forms and CMMN cases are code or"
          + " markup the engine or the browser would run)"));
    };
  }

  static Kind kind(String resource) {
    String name = resource.toLowerCase(Locale.ROOT);
    if (name.endsWith(".bpmn") || name.endsWith(".bpmn20.xml")) {
      return Kind.BPMN;
    }
    if (name.endsWith(".dmn") || name.endsWith(".dmn11.xml")) {
      return Kind.DMN;
    }
    return name.endsWith(".form") ? Kind.FORM : Kind.OTHER;
  }

  private List<ModelProblem> checkXml(String resource, Kind kind, byte[] content) {
    XmlRules rules = new XmlRules(resource, kind);
    try {
      SAXParser parser = secureParserFactory().newSAXParser();
      parser.getXMLReader().setProperty("http://xml.org/sax/properties/lexical-handler", rules);
      parser.parse(new ByteArrayInputStream(content), rules);
    } catch (SAXParseException e) {
      String message = String.valueOf(e.getMessage());
      String reason = message.contains("DOCTYPE")
          ? "declares a DOCTYPE: document type definitions and entities are not allowed in a model"
          : "is not well-formed XML: " + message;
      rules.problems.add(new ModelProblem(resource, e.getLineNumber(), e.getColumnNumber(), null, null, null,
          null, reason));
    } catch (SAXException | IOException | ParserConfigurationException e) {
      rules.problems.add(ModelProblem.ofResource(resource, "cannot be read as XML: " + e.getMessage()));
    }
    return rules.problems;
  }

  private static SAXParserFactory secureParserFactory() throws ParserConfigurationException, SAXException {
    SAXParserFactory factory = SAXParserFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setXIncludeAware(false);
    factory.setValidating(false);
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
    factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    return factory;
  }

  /** An open element: its names, id and name (for messages), its text so far. */
  private record Open(String namespace, String localName, String qName, String id, String name, int line,
      int column, String expressionLanguage, StringBuilder text) {}

  /** The SAX walk over one BPMN or DMN document. */
  private final class XmlRules extends DefaultHandler implements org.xml.sax.ext.LexicalHandler {

    final List<ModelProblem> problems = new ArrayList<>();
    private final String resource;
    private final Kind kind;
    private final Deque<Open> open = new ArrayDeque<>();
    private Locator locator;
    private String globalDmnLanguage;

    XmlRules(String resource, Kind kind) {
      this.resource = resource;
      this.kind = kind;
    }

    @Override
    public void setDocumentLocator(Locator locator) {
      this.locator = locator;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) {
      String id = attributes.getValue("", "id");
      String name = attributes.getValue("", "name");
      if (name == null) {
        name = attributes.getValue("", "label");
      }
      String language = attributes.getValue("", "expressionLanguage");
      if (kind == Kind.DMN && open.isEmpty() && language != null && !FEEL_LANGUAGES.contains(language)) {
        globalDmnLanguage = language;
      }
      Open element = new Open(uri, localName, qName, id, name, locator.getLineNumber(),
          locator.getColumnNumber(), language, new StringBuilder());
      open.push(element);

      elementRules(element);
      for (int i = 0; i < attributes.getLength(); i++) {
        attributeRules(element, attributes.getURI(i), attributes.getLocalName(i), attributes.getQName(i),
            attributes.getValue(i));
      }
    }

    @Override
    public void characters(char[] ch, int start, int length) {
      if (!open.isEmpty()) {
        open.peek().text().append(ch, start, length);
      }
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
      Open element = open.pop();
      String text = element.text().toString();
      if (kind == Kind.DMN && isDmnNamespace(uri) && "text".equals(localName) && !open.isEmpty()
          && DMN_EVALUATED.contains(open.peek().localName())) {
        dmnExpression(open.peek(), text.strip());
      } else if (hasExpression(text)) {
        expression(element, at(element, "text"), text);
      }
    }

    @Override
    public void processingInstruction(String target, String data) {
      problem(current(), null, "has the processing instruction <?" + target + "?>: processing instructions"
          + " (such as xml-stylesheet, which a browser would run) are not allowed in a model");
    }

    private void elementRules(Open element) {
      String ns = element.namespace();
      String where = at(element, null);
      if (!allowedNamespace(ns)) {
        problem(element, where, "is an element of the namespace '" + ns + "'; a model has only BPMN/DMN"
            + " elements, their diagram layout and Camunda's extensions");
        return;
      }
      String local = element.localName();
      boolean bpmnOrCamunda = BPMN_NS.equals(ns) || CAMUNDA_BPMN_NS.equals(ns) || CAMUNDA_DMN_NS.equals(ns);
      if (BPMN_NS.equals(ns) && "scriptTask".equals(local)) {
        problem(element, where, "is a script task: scripts are code and never run in Changegate; call a bean"
            + " callable from models instead");
      } else if (bpmnOrCamunda && "script".equals(local)) {
        problem(element, where, "is a script: scripts (listeners, input/output mappings, conditions) are code"
            + " and never run in Changegate");
      } else if (CAMUNDA_BPMN_NS.equals(ns) && "connector".equals(local)) {
        problem(element, where, "is a connector: models may not call out by themselves; Changegate's beans do,"
            + " with retries and audit");
      } else if (CAMUNDA_BPMN_NS.equals(ns) && GENERATED_FORMS.contains(local)) {
        problem(element, where, "is a generated form: use a Camunda Form (camunda:formRef) from forms/");
      }
    }

    private void attributeRules(Open element, String ns, String local, String qName, String value) {
      String where = at(element, qName + "=\"" + value + "\"");
      if (ACTIVITI_NS.equals(ns)) {
        problem(element, where, "uses the old Activiti namespace, which the engine reads as Camunda's");
        return;
      }
      // Camunda's attributes: qualified on BPMN elements (camunda:class), unqualified on its own elements
      // (<camunda:taskListener class="...">)
      boolean camunda = CAMUNDA_BPMN_NS.equals(ns) || ns.isEmpty() && CAMUNDA_BPMN_NS.equals(element.namespace());
      if (camunda) {
        switch (local) {
          case "class", "variableMappingClass" -> {
            problem(element, where, "names a Java class for the engine to instantiate; Changegate's steps are beans:"
                + " call one callable from models instead, such as delegateExpression=\"${loadTarget}\"");
            return;
          }
          case "delegateExpression", "variableMappingDelegateExpression" -> {
            String bean = ExpressionRules.delegateBeanName(value);
            if (bean == null || !beans.isBean(bean)) {
              problem(element, where, "must name a bean callable from models, such as ${loadTarget}"
                  + " (docs/model-rules.md lists them)");
            }
            return;
          }
          case "formKey" -> {
            problem(element, where, "is an embedded or generated HTML form: use a Camunda Form (camunda:formRef)"
                + " from forms/");
            return;
          }
          case "type" -> {
            if (!CAMUNDA_BPMN_NS.equals(element.namespace()) && "external".equals(value.strip())) {
              problem(element, where, "is an external task: Changegate runs no external workers, and whoever"
                  + " could fetch and lock it would complete the step instead of Changegate");
              return;
            }
          }
          case "topic" -> {
            problem(element, where, "is an external task topic: external tasks are not allowed");
            return;
          }
          case "resource" -> {
            problem(element, where, "loads an external script resource: scripts are not allowed");
            return;
          }
          default -> { }
        }
      }
      boolean scriptAttribute = "language".equals(local) || "scriptFormat".equals(local);
      if (ns.isEmpty() && scriptAttribute && BPMN_NS.equals(element.namespace()) && !value.isBlank()) {
        problem(element, where, "makes this a script (" + value + "): scripts are not allowed; write a JUEL"
            + " expression without a language");
        return;
      }
      if (kind == Kind.DMN && ns.isEmpty() && "expressionLanguage".equals(local) && !dmnLanguageAllowed(value)) {
        problem(element, where, "is not FEEL or JUEL: other expression languages are scripts, which are not"
            + " allowed");
        return;
      }
      if (hasExpression(value)) {
        expression(element, at(element, qName), value);
      }
    }

    private void dmnExpression(Open owner, String text) {
      if (text.isEmpty()) {
        return;
      }
      String language = owner.expressionLanguage() != null ? owner.expressionLanguage() : globalDmnLanguage;
      String where = at(owner, "text");
      if (language == null || isFeel(language)) {
        String code = FEEL_STRINGS_AND_COMMENTS.matcher(text).replaceAll(" ");
        if (FEEL_EXTERNAL.matcher(code).find()) {
          problem(owner, where, "defines a FEEL 'external' function: FEEL may not call Java");
        } else if (hasExpression(text)) {
          expression(owner, where, text);
        }
      } else if ("juel".equalsIgnoreCase(language)) {
        // the DMN engine evaluates a JUEL text as an expression even without ${...}
        boolean wrapped = text.startsWith("${") || text.startsWith("#{");
        expression(owner, where, wrapped ? text : "${" + text + "}");
      }
      // other languages are refused with their expressionLanguage attribute
    }

    private void expression(Open element, String where, String expression) {
      List<String> reasons = expressions.check(expression);
      if (!reasons.isEmpty()) {
        problem(element, where + " " + quote(expression), String.join("; ", reasons));
      }
    }

    private void problem(Open element, String where, String reason) {
      Open named = nearestWithId(element);
      int line = element != null ? element.line() : locator == null ? -1 : locator.getLineNumber();
      int column = element != null ? element.column() : locator == null ? -1 : locator.getColumnNumber();
      problems.add(new ModelProblem(resource, line, column, named == null ? null : named.id(),
          named == null ? null : named.name(), named == null ? null : "<" + named.qName() + ">", where, reason));
    }

    /** {@code detail} prefixed with the element when the message names another one (its nearest with an id). */
    private String at(Open element, String detail) {
      if (element.id() != null) {
        return detail;
      }
      return detail == null ? tag(element) : tag(element) + " " + detail;
    }

    /** The element itself when it has an id, else the nearest open element that has one. */
    private Open nearestWithId(Open element) {
      if (element != null && element.id() != null) {
        return element;
      }
      for (Open candidate : open) {
        if (candidate.id() != null) {
          return candidate;
        }
      }
      return null;
    }

    private String tag(Open element) {
      return "<" + element.qName() + (element.name() != null ? " name=\"" + element.name() + "\"" : "") + ">";
    }

    private Open current() {
      return open.peek();
    }

    // LexicalHandler: a DOCTYPE never gets here (the parser refuses it); entities are the five of XML itself

    @Override
    public void startDTD(String name, String publicId, String systemId) {
      problem(current(), null, "declares a DOCTYPE: document type definitions and entities are not allowed");
    }

    @Override
    public void endDTD() { }

    @Override
    public void startEntity(String name) { }

    @Override
    public void endEntity(String name) { }

    @Override
    public void startCDATA() { }

    @Override
    public void endCDATA() { }

    @Override
    public void comment(char[] ch, int start, int length) { }
  }

  private static boolean isDmnNamespace(String uri) {
    return uri.startsWith("http://www.omg.org/spec/DMN/") || uri.startsWith("https://www.omg.org/spec/DMN/");
  }

  private static boolean allowedNamespace(String ns) {
    return ns != null && !ns.isEmpty() && ELEMENT_NAMESPACE_PREFIXES.stream().anyMatch(ns::startsWith)
        && !ACTIVITI_NS.equals(ns);
  }

  private static boolean isFeel(String language) {
    return FEEL_LANGUAGES.contains(language) || "feel".equals(language.toLowerCase(Locale.ROOT));
  }

  private static boolean dmnLanguageAllowed(String language) {
    return isFeel(language) || "juel".equalsIgnoreCase(language);
  }

  static boolean hasExpression(String text) {
    return text.contains("${") || text.contains("#{");
  }

  private static String quote(String expression) {
    String oneLine = expression.strip().replaceAll("\\s+", " ");
    return "\"" + (oneLine.length() > 120 ? oneLine.substring(0, 117) + "..." : oneLine) + "\"";
  }
}
