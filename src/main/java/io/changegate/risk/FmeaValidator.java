package io.changegate.risk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.changegate.web.StorableText;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * The one set of rules of an FMEA worksheet, whichever way it comes in (the Tasklist form's dynamic list,
 * {@code /engine-rest}, an Excel upload): at least one failure mode and at most {@value #MAX_ROWS}; every row
 * names its step or component, failure mode, effect and cause; severity, occurrence and detection are whole
 * numbers from 1 to 10; texts have a maximum length. Every error is reported, each where it is, not only the
 * first.
 */
@Component
public class FmeaValidator {

  public static final int MAX_ROWS = 200;

  private final ObjectMapper json;

  public FmeaValidator(ObjectMapper json) {
    this.json = json;
  }

  /** A value an entry path could not read as a value at all (an Excel formula or error cell). */
  public record Unreadable(String reason) {}

  /**
   * A row as an entry path read it: its raw values by column (strings, numbers, {@link Unreadable} or
   * {@code null}), and how to name a cell of it in an error.
   */
  public record RawRow(Map<FmeaColumn, Object> values, BiFunction<FmeaColumn, String, WorksheetError> errorAt) {}

  /** The valid rows, or the errors. */
  public record Validated(List<FmeaRow> rows, List<WorksheetError> errors) {

    public boolean valid() {
      return errors.isEmpty();
    }
  }

  /**
   * Checks the rows; {@code errorOfWorksheet} names an error of the worksheet as a whole (no rows, too many).
   * {@code earlier} are errors the entry path already found (a missing column, an unreadable file).
   */
  public Validated validate(List<RawRow> raw, Function<String, WorksheetError> errorOfWorksheet,
      List<WorksheetError> earlier) {
    List<WorksheetError> errors = new ArrayList<>(earlier);
    List<FmeaRow> rows = new ArrayList<>();
    if (raw.isEmpty() && earlier.isEmpty()) {
      errors.add(errorOfWorksheet.apply(
          "the worksheet needs at least one failure mode: no row is filled in (an empty FMEA is not LOW risk)"));
    }
    if (raw.size() > MAX_ROWS) {
      errors.add(errorOfWorksheet.apply("has " + raw.size() + " rows; at most " + MAX_ROWS + " are accepted"));
      return new Validated(List.of(), errors);
    }
    for (RawRow row : raw) {
      int before = errors.size();
      Map<FmeaColumn, String> texts = new EnumMap<>(FmeaColumn.class);
      Map<FmeaColumn, Integer> scores = new EnumMap<>(FmeaColumn.class);
      for (FmeaColumn column : FmeaColumn.values()) {
        Object value = row.values().get(column);
        String problem;
        if (column.isScore()) {
          Object score = score(value);
          if (score instanceof Integer s) {
            scores.put(column, s);
            continue;
          }
          problem = (String) score;
        } else {
          problem = text(column, value, texts);
        }
        if (problem != null) {
          errors.add(row.errorAt().apply(column, problem));
        }
      }
      if (errors.size() == before) {
        rows.add(new FmeaRow(texts.get(FmeaColumn.STEP), texts.get(FmeaColumn.FAILURE_MODE),
            texts.get(FmeaColumn.EFFECT), texts.get(FmeaColumn.CAUSE), scores.get(FmeaColumn.SEVERITY),
            scores.get(FmeaColumn.OCCURRENCE), scores.get(FmeaColumn.DETECTION),
            texts.get(FmeaColumn.CURRENT_CONTROLS), texts.get(FmeaColumn.RECOMMENDED_ACTION),
            texts.get(FmeaColumn.OWNER)));
      }
    }
    return errors.isEmpty() ? new Validated(List.copyOf(rows), List.of()) : new Validated(List.of(), errors);
  }

  /**
   * The worksheet as the Tasklist form submits it (variable {@code fmea}): a Json list of objects keyed like
   * {@link FmeaColumn#key()}. Accepts a Spin Json value, a JSON string or a list of maps; an {@code rpn} in the
   * input is ignored (it is computed).
   */
  public Validated fromVariable(Object value) {
    String field = FmeaProcess.FMEA.name();
    JsonNode list;
    try {
      list = value == null ? null
          : value instanceof String text ? json.readTree(text)
          : value instanceof Map<?, ?> || value instanceof List<?> ? json.valueToTree(value)
          : json.readTree(value.toString());
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return new Validated(List.of(), List.of(WorksheetError.ofList(field, null, null,
          "must be a JSON list of failure modes")));
    }
    Function<String, WorksheetError> whole = message -> WorksheetError.ofList(field, null, null, message);
    if (list == null || list.isNull() || list.isMissingNode()) {
      return validate(List.of(), whole, List.of());
    }
    if (!list.isArray()) {
      return new Validated(List.of(), List.of(whole.apply("must be a JSON list of failure modes")));
    }
    List<RawRow> raw = new ArrayList<>();
    int index = 0;
    for (Iterator<JsonNode> it = list.elements(); it.hasNext(); index++) {
      JsonNode item = it.next();
      int position = index;
      BiFunction<FmeaColumn, String, WorksheetError> at = (column, message) -> WorksheetError.ofList(
          field + "[" + position + "]." + column.key(), position + 1, column.key(), message);
      Map<FmeaColumn, Object> values = new EnumMap<>(FmeaColumn.class);
      if (item.isObject()) {
        for (FmeaColumn column : FmeaColumn.values()) {
          values.put(column, plain(item.get(column.key())));
        }
      } else if (!item.isNull()) {
        values.put(FmeaColumn.STEP, new Unreadable("a row must be an object with the worksheet's columns"));
      }
      if (!blank(values)) {
        raw.add(new RawRow(values, at));
      }
    }
    return validate(raw, whole, List.of());
  }

  /** True when a row has no value in any column: left out, like an empty spreadsheet row. */
  public static boolean blank(Map<FmeaColumn, Object> values) {
    return values.values().stream().allMatch(v -> v == null || v instanceof String s && s.isBlank());
  }

  private static Object plain(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isNumber()) {
      return node.decimalValue();
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    return new Unreadable("must be a single value, not " + node.getNodeType().name().toLowerCase());
  }

  private static String text(FmeaColumn column, Object value, Map<FmeaColumn, String> texts) {
    if (value instanceof Unreadable unreadable) {
      return unreadable.reason();
    }
    String text = value == null ? "" : value instanceof BigDecimal number
        ? number.stripTrailingZeros().toPlainString() : value.toString().strip();
    if (text.isEmpty()) {
      if (column.required()) {
        return "is required";
      }
      texts.put(column, null);
      return null;
    }
    if (text.length() > column.maxLength()) {
      return "is " + text.length() + " characters long; at most " + column.maxLength() + " are accepted";
    }
    String unstorable = StorableText.problem(text);
    if (unstorable != null) {
      return unstorable;
    }
    texts.put(column, text);
    return null;
  }

  /** The score as an Integer, or the problem as a String. */
  private static Object score(Object value) {
    String range = "a whole number from " + FmeaColumn.MIN_SCORE + " to " + FmeaColumn.MAX_SCORE;
    if (value instanceof Unreadable unreadable) {
      return unreadable.reason();
    }
    if (value == null || value instanceof String s && s.isBlank()) {
      return "is required: " + range;
    }
    BigDecimal number;
    if (value instanceof BigDecimal d) {
      number = d;
    } else if (value instanceof Number n) {
      number = new BigDecimal(n.toString());
    } else if (value instanceof String s && s.strip().matches("[+-]?\\d{1,9}(\\.\\d{1,9})?")) {
      number = new BigDecimal(s.strip());
    } else if (value instanceof String s) {
      return "must be " + range + ", not the text '" + abbreviated(s.strip()) + "'";
    } else {
      return "must be " + range + ", not " + value;
    }
    String shown = number.stripTrailingZeros().toPlainString();
    if (number.stripTrailingZeros().scale() > 0) {
      return "must be " + range + ", not " + shown;
    }
    if (number.compareTo(BigDecimal.valueOf(FmeaColumn.MIN_SCORE)) < 0
        || number.compareTo(BigDecimal.valueOf(FmeaColumn.MAX_SCORE)) > 0) {
      return "must be " + range + ", not " + shown;
    }
    return number.intValueExact();
  }

  private static String abbreviated(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }
}
