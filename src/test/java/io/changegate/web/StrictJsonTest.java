package io.changegate.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** How {@code /api} reads JSON: each value with the JSON type of its field, dates as ISO text within range. */
class StrictJsonTest {

  record Body(String title, Boolean flag, Integer count, OffsetDateTime at, LocalDateTime local) {}

  private final ObjectMapper json = StrictJson.strict(new ObjectMapper().registerModule(new JavaTimeModule()));

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"at\": 12}                              | must be ISO-8601 text such as \"2026-12-18T17:00:00Z\", not a number",
      "{\"at\": 12.5}                            | not a number",
      "{\"at\": true}                            | not a boolean",
      "{\"at\": [2026, 12, 18]}                  | not an array",
      "{\"at\": {\"epochSecond\": 1}}            | not an object",
      "{\"at\": \"0000-01-01T00:00:00Z\"}        | must lie between 1970-01-01 and 2999-12-31 (UTC)",
      "{\"at\": \"+999999999-12-31T23:59:59Z\"}  | must lie between",
      "{\"at\": \"1969-12-31T23:59:59Z\"}        | must lie between",
      "{\"local\": \"3000-01-01T00:00\"}         | must lie between",
      "{\"local\": 1700000000}                   | not a number",
      "{\"title\": 12}                           | Cannot coerce Integer value (12) to `java.lang.String`",
      "{\"title\": false}                        | Cannot coerce Boolean value",
      "{\"flag\": \"true\"}                      | Cannot coerce String value",
      "{\"flag\": 1}                             | Cannot coerce Integer value",
      "{\"count\": \"5\"}                        | Cannot coerce String value",
      "{\"count\": 5.5}                          | Cannot coerce Floating-point value",
      "{\"title\": \"a\", \"title\": \"b\"}      | Duplicate field 'title'"})
  void valuesOfTheWrongJsonTypeOrOutOfRangeAreRefused(String body, String reason) {
    assertThatThrownBy(() -> json.readValue(body, Body.class))
        .isInstanceOf(JsonProcessingException.class)
        .hasMessageContaining(reason);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"title\": \"a\", \"flag\": true, \"count\": 5, \"at\": \"2026-12-18T17:00:00+01:00\","
          + " \"local\": \"2026-12-18T17:00\"}",
      "{\"at\": \"1970-01-01T00:00:00Z\", \"local\": \"2999-12-31T23:59\"}",
      "{\"at\": null, \"title\": null}"})
  void wellTypedValuesAreRead(String body) throws Exception {
    assertThat(json.readValue(body, Body.class)).isNotNull();
  }
}
