package io.changegate.engine.rest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler;

/** {@link GovernanceRefusalMapper} for engine exceptions the REST API passes on as they are (claim, ...). */
@Provider
@Priority(1)
public class GovernanceRefusalEngineMapper implements ExceptionMapper<ProcessEngineException> {

  private final ProcessEngineExceptionHandler camunda = new ProcessEngineExceptionHandler();

  @Override
  public Response toResponse(ProcessEngineException exception) {
    Response refusal = GovernanceRefusalMapper.refusal(exception);
    return refusal != null ? refusal : camunda.toResponse(exception);
  }
}
