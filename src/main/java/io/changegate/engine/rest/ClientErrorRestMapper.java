package io.changegate.engine.rest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;

/**
 * The engine APIs' answer to a {@link RestException} (task completion, form submission, variables...): the
 * client's error as {@link EngineErrors} finds it, else exactly what Camunda answers.
 */
@Provider
@Priority(1)
public class ClientErrorRestMapper implements ExceptionMapper<RestException> {

  private final RestExceptionHandler camunda = new RestExceptionHandler();

  @Override
  public Response toResponse(RestException exception) {
    Response clientError = EngineErrors.clientError(exception);
    return clientError != null ? clientError : camunda.toResponse(exception);
  }
}
