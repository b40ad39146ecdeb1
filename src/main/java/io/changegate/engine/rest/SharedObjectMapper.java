package io.changegate.engine.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;
import org.camunda.bpm.engine.rest.hal.Hal;
import org.camunda.bpm.engine.rest.mapper.JacksonConfigurator;

/**
 * The JSON mapper of Camunda's JAX-RS applications, made once per application instead of once per use.
 *
 * <p>Camunda's {@link JacksonConfigurator} answers every {@code getContext} with a new {@link ObjectMapper}, and the
 * JSON provider and the REST resources ask for one on every request (Tasklist's filter request asks three times: to
 * read the filter's stored query, to count and to write the answer). A new mapper has none of the serializers a
 * mapper caches after first use, so Jackson inspected the same DTO classes again on every request: 13 % of the CPU
 * of Tasklist's "My group's tasks" request (a JFR profile of {@code SignOffTaskListBenchmark}). This resolver
 * answers first ({@link Priority} 1, before the configurator's default, for the same media types) with one mapper
 * configured by the configurator's own {@link JacksonConfigurator#configureObjectMapper}, so the JSON is the same:
 * Camunda's date format, unknown properties ignored, {@code java.time} types. Jersey makes its providers when its
 * servlet starts, after the servlet context listeners, among them the one that may set the date format. A Jackson
 * {@link ObjectMapper} is safe to share once configured; nothing in Camunda's REST code reconfigures the one it is
 * given.
 */
@Provider
@Produces({MediaType.APPLICATION_JSON, Hal.APPLICATION_HAL_JSON})
@Priority(1)
public class SharedObjectMapper implements ContextResolver<ObjectMapper> {

  private final ObjectMapper mapper = JacksonConfigurator.configureObjectMapper(new ObjectMapper());

  @Override
  public ObjectMapper getContext(Class<?> type) {
    return mapper;
  }
}
