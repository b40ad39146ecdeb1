package io.changegate.engine;

import java.util.List;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.variable.serializer.TypedValueSerializer;
import org.camunda.bpm.engine.impl.variable.serializer.VariableSerializerFactory;
import org.camunda.bpm.engine.impl.variable.serializer.VariableSerializers;
import org.camunda.bpm.engine.variable.Variables.SerializationDataFormats;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;

/**
 * Object variables are JSON of allowed types ({@link ObjectVariableTypes}), checked twice: the engine's
 * deserialization type validation refuses to read any other type, and a variable written in serialized form
 * (what every client of {@code /engine-rest}, Tasklist and Cockpit sends: {@code "type": "Object"} with
 * {@code objectTypeName} and {@code serializationDataFormat}) is refused before it is stored unless it is JSON
 * and names only allowed types. The refusal is a {@link BadUserRequestException}, which the engine APIs answer
 * with 400; the transaction rolls back, so nothing is stored. Java serialization stays prohibited
 * ({@code javaSerializationFormatEnabled: false}).
 */
@Component
public class ObjectVariablePolicy extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setDeserializationTypeValidationEnabled(true);
    configuration.setDeserializationTypeValidator(new ObjectVariableTypes());
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setVariableTypes(new Checked(configuration.getVariableSerializers(),
        (ObjectVariableTypes) configuration.getDeserializationTypeValidator()));
  }

  /** Why a value may not be stored, or null. */
  static String refusal(TypedValue value, ObjectVariableTypes types) {
    if (!(value instanceof ObjectValue object) || object.isDeserialized()) {
      return null;
    }
    String format = object.getSerializationDataFormat();
    if (format != null && !SerializationDataFormats.JSON.getName().equals(format)) {
      return "Object variables must be serialized as " + SerializationDataFormats.JSON.getName() + ", not '"
          + format + "'";
    }
    if (!types.validateTypeName(object.getObjectTypeName())) {
      return "Object variables of type '" + object.getObjectTypeName() + "' are refused: only text, numbers, "
          + "booleans, dates and plain collections of them may be stored (docs/hardening.md)";
    }
    return null;
  }

  /** The engine's serializers, refusing a serialized object value that {@link #refusal} refuses. */
  static final class Checked implements VariableSerializers {

    private final VariableSerializers serializers;
    private final ObjectVariableTypes types;

    Checked(VariableSerializers serializers, ObjectVariableTypes types) {
      this.serializers = serializers;
      this.types = types;
    }

    private void check(TypedValue value) {
      String refusal = refusal(value, types);
      if (refusal != null) {
        throw new BadUserRequestException(refusal);
      }
    }

    @Override
    @SuppressWarnings("rawtypes")
    public TypedValueSerializer findSerializerForValue(TypedValue value, VariableSerializerFactory fallback) {
      check(value);
      return serializers.findSerializerForValue(value, fallback);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public TypedValueSerializer findSerializerForValue(TypedValue value) {
      check(value);
      return serializers.findSerializerForValue(value);
    }

    @Override
    public TypedValueSerializer<?> getSerializerByName(String serializerName) {
      return serializers.getSerializerByName(serializerName);
    }

    @Override
    public VariableSerializers addSerializer(TypedValueSerializer<?> serializer) {
      serializers.addSerializer(serializer);
      return this;
    }

    @Override
    public VariableSerializers addSerializer(TypedValueSerializer<?> serializer, int index) {
      serializers.addSerializer(serializer, index);
      return this;
    }

    @Override
    public VariableSerializers removeSerializer(TypedValueSerializer<?> serializer) {
      serializers.removeSerializer(serializer);
      return this;
    }

    @Override
    public int getSerializerIndex(TypedValueSerializer<?> serializer) {
      return serializers.getSerializerIndex(serializer);
    }

    @Override
    public int getSerializerIndexByName(String serializerName) {
      return serializers.getSerializerIndexByName(serializerName);
    }

    @Override
    public VariableSerializers join(VariableSerializers other) {
      return new Checked(serializers.join(other), types);
    }

    @Override
    public List<TypedValueSerializer<?>> getSerializers() {
      return serializers.getSerializers();
    }
  }
}
