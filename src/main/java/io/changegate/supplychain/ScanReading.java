package io.changegate.supplychain;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.changegate.web.FieldError;
import java.io.IOException;
import java.util.List;

/** The JSON reading both scan readers share: a document, or a 400 with the line and column where it broke. */
final class ScanReading {

  static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private ScanReading() {}

  static JsonNode read(byte[] body, String what) {
    if (body == null || body.length == 0) {
      throw new ScanFormatException("The " + what + " is empty", List.of(new FieldError("body", "is empty")));
    }
    try {
      JsonNode root = JSON.readTree(body);
      if (root == null || !root.isObject()) {
        throw new ScanFormatException("The " + what + " is not a JSON object",
            List.of(new FieldError("$", "must be a JSON object")));
      }
      return root;
    } catch (JsonParseException e) {
      throw new ScanFormatException("The " + what + " is not valid JSON", List.of(new FieldError(
          "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr(),
          e.getOriginalMessage())));
    } catch (JsonProcessingException e) {
      var location = e.getLocation();
      throw new ScanFormatException("The " + what + " is not valid JSON", List.of(new FieldError(
          location == null ? "body" : "line " + location.getLineNr() + ", column " + location.getColumnNr(),
          e.getOriginalMessage())));
    } catch (IOException e) {
      throw new ScanFormatException("The " + what + " could not be read", List.of(new FieldError("body",
          e.getMessage())));
    }
  }

  static String text(JsonNode node, int max) {
    String value = node == null || node.isNull() || node.isMissingNode() ? "" : node.asText("");
    return value.length() <= max ? value : value.substring(0, max - 1) + "…";
  }
}
