package io.changegate.engine.rest;

import io.changegate.engine.GovernanceRefusal;
import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;

/**
 * The engine REST API wraps whatever a task listener throws into a 500 ("Cannot complete task ...").
 * This mapper handles the {@link RestException} of task completion and form submission;
 * {@link GovernanceRefusalEngineMapper} the plain engine exceptions of claim and the like.
 * When the cause is a {@link GovernanceRefusal}, the user asked for something the rules forbid: answer
 * 400 with the rule's own message, in the engine REST API's error format. Everything else is answered
 * exactly as Camunda would.
 */
@Provider
@Priority(1)
public class GovernanceRefusalMapper implements ExceptionMapper<RestException> {

  private final RestExceptionHandler camunda = new RestExceptionHandler();

  @Override
  public Response toResponse(RestException exception) {
    Response refusal = refusal(exception);
    return refusal != null ? refusal : camunda.toResponse(exception);
  }

  /** 400 with the rule's message when a {@link GovernanceRefusal} is among the causes, else null. */
  static Response refusal(Throwable exception) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (cause instanceof GovernanceRefusal refusal) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "GovernanceRefusal");
        body.put("message", refusal.getMessage());
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE).entity(body)
            .build();
      }
    }
    return null;
  }
}
