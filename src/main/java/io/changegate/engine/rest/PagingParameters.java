package io.changegate.engine.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import org.camunda.bpm.engine.rest.exception.InvalidRequestException;

/**
 * {@code firstResult} and {@code maxResults} of the engine APIs' queries must be whole numbers from 0: the
 * engine passes a negative {@code firstResult} on to the database, which fails (a server error).
 */
@Provider
public class PagingParameters implements ContainerRequestFilter {

  static final List<String> NAMES = List.of("firstResult", "maxResults");

  @Override
  public void filter(ContainerRequestContext request) {
    MultivaluedMap<String, String> query = request.getUriInfo().getQueryParameters();
    for (String name : NAMES) {
      List<String> values = query.get(name);
      if (values == null) {
        continue;
      }
      for (String value : values) {
        if (!value.matches("[0-9]{1,9}")) {
          throw new InvalidRequestException(Status.BAD_REQUEST,
              "Query parameter '" + name + "' must be a whole number from 0 to 999999999, not '" + value + "'");
        }
      }
    }
  }
}
