package io.changegate.engine.rest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler;

/**
 * The engine APIs' answer to an engine exception the REST API passes on as it is (claim, modification...): the
 * client's error as {@link EngineErrors} finds it, else exactly what Camunda answers.
 */
@Provider
@Priority(1)
public class ClientErrorEngineMapper implements ExceptionMapper<ProcessEngineException> {

  private final ProcessEngineExceptionHandler camunda = new ProcessEngineExceptionHandler();

  @Override
  public Response toResponse(ProcessEngineException exception) {
    Response clientError = EngineErrors.clientError(exception);
    return clientError != null ? clientError : camunda.toResponse(exception);
  }
}
