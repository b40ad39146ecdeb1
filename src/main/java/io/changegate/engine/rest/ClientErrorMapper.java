package io.changegate.engine.rest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.camunda.bpm.engine.rest.exception.ExceptionHandler;

/**
 * The engine APIs' answer to any other failure (a NullPointerException inside the engine, a JAX-RS error...):
 * the client's error as {@link EngineErrors} finds it, else exactly what Camunda answers.
 */
@Provider
@Priority(1)
public class ClientErrorMapper implements ExceptionMapper<Throwable> {

  private final ExceptionHandler camunda = new ExceptionHandler();

  @Override
  public Response toResponse(Throwable failure) {
    Response clientError = EngineErrors.clientError(failure);
    return clientError != null ? clientError : camunda.toResponse(failure);
  }
}
