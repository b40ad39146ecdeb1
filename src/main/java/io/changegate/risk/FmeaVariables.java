package io.changegate.risk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.stereotype.Component;

/** The worksheet as the process variable {@code fmea}: a Spin Json list the Tasklist forms read. */
@Component
public class FmeaVariables {

  private final ObjectMapper json;

  public FmeaVariables(ObjectMapper json) {
    this.json = json;
  }

  /** Rows with their RPN, keyed like {@link FmeaColumn#key()} (plus {@code rpn}). */
  public TypedValue worksheet(List<FmeaRow> rows) {
    try {
      return SpinValues.jsonValue(json.writeValueAsString(rows)).create();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the FMEA worksheet as JSON", e);
    }
  }
}
