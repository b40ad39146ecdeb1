package io.changegate.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;

/**
 * How {@code /api} reads JSON bodies: strictly. A value must have the JSON type of its field — no number read
 * as text ({@code "title": 12}), no text or number read as a boolean, no fraction cut to an integer — a key
 * may appear once per object, and a date or instant must be ISO-8601 text ({@code "plannedStart": 12} is not
 * a second after 1970) within {@link DateRange}. Only the HTTP message converter of {@code /api} reads this
 * way: the application's own {@link ObjectMapper} (stored JSON, the answers of deployment systems) is
 * unchanged.
 */
@Configuration
public class StrictJson {

  @Bean
  MappingJackson2HttpMessageConverter mappingJackson2HttpMessageConverter(ObjectMapper json) {
    return new MappingJackson2HttpMessageConverter(strict(json.copy()));
  }

  /** Configures {@code mapper} to read strictly; returns it. */
  public static ObjectMapper strict(ObjectMapper mapper) {
    mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
    mapper.configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false);
    mapper.configure(JsonParser.Feature.STRICT_DUPLICATE_DETECTION, true);
    mapper.coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    SimpleModule dates = new SimpleModule("changegate-strict-dates");
    dates.setDeserializerModifier(new BeanDeserializerModifier() {
      @Override
      public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
          JsonDeserializer<?> deserializer) {
        return isDate(description.getBeanClass()) ? new TextualDate(deserializer) : deserializer;
      }
    });
    mapper.registerModule(dates);
    return mapper;
  }

  static boolean isDate(Class<?> type) {
    return type == OffsetDateTime.class || type == Instant.class || type == ZonedDateTime.class
        || type == LocalDateTime.class || type == LocalDate.class;
  }

  /** A java.time value read only from ISO-8601 text, and only within {@link DateRange}. */
  static final class TextualDate extends DelegatingDeserializer {

    TextualDate(JsonDeserializer<?> delegate) {
      super(delegate);
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
      return new TextualDate(delegate);
    }

    @Override
    public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      if (parser.currentToken() != JsonToken.VALUE_STRING) {
        throw JsonMappingException.from(parser, "must be ISO-8601 text such as \"2026-12-18T17:00:00Z\", not "
            + describe(parser.currentToken()));
      }
      Object value = super.deserialize(parser, context);
      if (!inRange(value)) {
        throw JsonMappingException.from(parser, DateRange.MESSAGE + ": '" + parser.getText() + "'");
      }
      return value;
    }

    private static boolean inRange(Object value) {
      if (value instanceof OffsetDateTime t) {
        return DateRange.contains(t.toInstant());
      } else if (value instanceof ZonedDateTime t) {
        return DateRange.contains(t.toInstant());
      } else if (value instanceof Instant t) {
        return DateRange.contains(t);
      } else if (value instanceof LocalDateTime t) {
        return DateRange.contains(t);
      } else if (value instanceof LocalDate t) {
        return DateRange.contains(t);
      }
      return true;
    }

    private static String describe(JsonToken token) {
      return switch (token) {
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
        case VALUE_TRUE, VALUE_FALSE -> "a boolean";
        case START_ARRAY -> "an array";
        case START_OBJECT -> "an object";
        default -> String.valueOf(token);
      };
    }
  }
}
