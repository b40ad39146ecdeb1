package io.changegate.engine.rest;

import io.changegate.engine.GovernanceRefusal;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;

/**
 * Which failures of Camunda's APIs ({@code /engine-rest} and the webapps' APIs under {@code /camunda/api}) are the
 * client's: Camunda answers every engine exception it does not know as a user error with 500, also when the
 * cause is a request for something that does not exist or may not be done. Looking through the causes:
 * <ul>
 *   <li>a {@link GovernanceRefusal} (a task listener refused a claim, a completion, a form): 400 with the
 *       rule's own words, {@code {"type": "GovernanceRefusal", "message": ...}};
 *   <li>an {@link AuthorizationException}: 403; a {@link BadUserRequestException} (also one a listener threw,
 *       which the engine wraps): 400, or 404 for {@link NotFoundException};
 *   <li>a {@link NullValueException} — the engine's "Cannot find task with id x: task is null", "execution x
 *       doesn't exist" for an unknown or ended instance: 404 when it says something is missing, else 400; the
 *       same words about an id ("No job found with id x") where the REST API kept only the message: 404;
 *   <li>{@link TaskAlreadyClaimedException}, {@link OptimisticLockingException}: 409;
 *   <li>engine messages known to mean bad input ({@link #CLIENT_CODES}, e.g. ENGINE-13053 "No job found",
 *       ENGINE-17007 "Java serialization format is prohibited"), the engine's argument checks ("retries is not
 *       greater than or equal to 0", "... is not a valid resource identifier"), "Cannot find serializer" (an
 *       object variable in a format the engine does not have) and a value longer than its database column:
 *       their status (400 unless the code says otherwise);
 *   <li>a NullPointerException on an engine entity the request's id did not find (Camunda 7.24 checks
 *       authorizations before existence in a few commands, e.g. the deployed form of an unknown task): 404;
 *   <li>Jersey's refusal of a form parameter in a body that is no form (the webapps' login): 415.
 * </ul>
 * Anything else is answered as Camunda does. 4xx bodies keep the engine REST API's error format
 * ({@code type}, {@code message}, {@code code}) of the cause that decided.
 */
final class EngineErrors {

  /** Engine message codes that name a client's mistake, with the status they mean. */
  static final Map<String, Status> CLIENT_CODES = Map.ofEntries(
      Map.entry("ENGINE-13036", Status.NOT_FOUND), // process instance cannot be modified: does not exist
      Map.entry("ENGINE-13037", Status.BAD_REQUEST), // modification names another process definition
      Map.entry("ENGINE-13039", Status.BAD_REQUEST), // historic instance of another process definition
      Map.entry("ENGINE-13040", Status.CONFLICT), // historic process instance still active
      Map.entry("ENGINE-13042", Status.BAD_REQUEST), // no conditional start event in the given definition
      Map.entry("ENGINE-13043", Status.BAD_REQUEST), // no conditional start event matched the variables
      Map.entry("ENGINE-13050", Status.BAD_REQUEST), // job retries: no jobs given
      Map.entry("ENGINE-13051", Status.BAD_REQUEST), // job retries: no process instances given
      Map.entry("ENGINE-13052", Status.BAD_REQUEST), // job retries: job ids given wrongly
      Map.entry("ENGINE-13053", Status.NOT_FOUND), // no job found with id
      Map.entry("ENGINE-13054", Status.BAD_REQUEST), // negative job retries
      Map.entry("ENGINE-17007", Status.BAD_REQUEST)); // Java serialization format is prohibited

  private static final Pattern CODE = Pattern.compile("ENGINE-\\d{5}");
  /** A NullValueException that says something is missing (not a parameter left out). */
  private static final Pattern MISSING =
      Pattern.compile("(?i)cannot find|doesn't exist|does not exist|not found|no .* found");
  /** The engine's checks of arguments (EnsureUtil): "retries is not greater than or equal to 0"... */
  private static final Pattern ARGUMENT_CHECK = Pattern.compile("(?i)\\b(is empty|is not empty|contains null value"
      + "|contains empty string|is not greater than( or equal to)? ?-?\\d+|is not less than ?-?\\d+"
      + "|does not have \\d+ elements|value differs from expected|has class \\S+ and not \\S+"
      + "|is not a valid resource identifier\\.?)$|^Object values cannot be used to query");
  /** What PostgreSQL says of a NUL character in text (refused on the way in; this catches any other way). */
  static final String POSTGRES_NUL = "invalid byte sequence for encoding \"UTF8\": 0x00";
  /** A value longer than its column (H2: "Value too long for column", PostgreSQL: "value too long for type"). */
  private static final Pattern TOO_LONG = Pattern.compile("(?i)value too long for");
  /**
   * The JDK's message of a NullPointerException on an engine entity that a command looked up by the id in the
   * request and did not find (Camunda 7.24 checks authorizations on it before checking it exists).
   */
  private static final Pattern ENTITY_IS_NULL = Pattern.compile("^Cannot invoke \"org\\.camunda\\.bpm\\.engine\\."
      + "impl\\.[\\w.$]+Entity\\.[\\w$]+\\(\\)\" because \"\\w+\" is null$");
  /** What the engine APIs say, also without the engine's exception, when the id in the request names nothing. */
  private static final Pattern ID_NAMES_NOTHING =
      Pattern.compile("(?i)(no \\w[\\w ]* found with id|cannot find \\w[\\w ]* with id)");

  private EngineErrors() {}

  /** The 4xx answer when the failure is the client's, else null (answer as Camunda does). */
  static Response clientError(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof GovernanceRefusal refusal) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "GovernanceRefusal");
        body.put("message", refusal.getMessage());
        return Response.status(Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
      }
    }
    ExceptionHandlerHelper camunda = ExceptionHandlerHelper.getInstance();
    if (camunda.getStatus(failure).getStatusCode() < 500) {
      return null;
    }
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      String message = cause.getMessage() == null ? "" : cause.getMessage();
      if (message.contains(POSTGRES_NUL)) {
        return answer(Status.BAD_REQUEST, "InvalidRequestException",
            "Text with the NUL character (U+0000) cannot be stored");
      }
      if (TOO_LONG.matcher(message).find()) {
        return answer(Status.BAD_REQUEST, "InvalidRequestException", "A value in the request is longer than the "
            + "database stores for it (an id: 64 characters, a name: 255, a text variable: 4,000)");
      }
      if (cause instanceof IllegalStateException && message.contains("@FormParam is utilized when the content type")) {
        return answer(Status.UNSUPPORTED_MEDIA_TYPE, "InvalidRequestException",
            "This request takes a form (application/x-www-form-urlencoded)");
      }
      if (cause instanceof NullPointerException) {
        return ENTITY_IS_NULL.matcher(message).matches() ? answer(Status.NOT_FOUND, "InvalidRequestException",
            "The id in the request names nothing that exists") : null;
      }
      Status status = statusOf(cause, message);
      if (status != null) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(camunda.fromException(cause))
            .build();
      }
    }
    return null;
  }

  /** An answer in the engine REST API's error format; used where the cause's own words would quote SQL. */
  private static Response answer(Status status, String type, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type);
    body.put("message", message);
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
  }

  private static Status statusOf(Throwable cause, String message) {
    if (cause instanceof AuthorizationException) {
      return Status.FORBIDDEN;
    } else if (cause instanceof NotFoundException) {
      return Status.NOT_FOUND;
    } else if (cause instanceof BadUserRequestException) {
      return Status.BAD_REQUEST;
    } else if (cause instanceof NullValueException) {
      return MISSING.matcher(message).find() ? Status.NOT_FOUND : Status.BAD_REQUEST;
    } else if (cause instanceof TaskAlreadyClaimedException || cause instanceof OptimisticLockingException) {
      return Status.CONFLICT;
    } else if (!(cause instanceof ProcessEngineException) && !(cause instanceof RestException)) {
      return null;
    } else if (message.startsWith("Cannot find serializer for value") || ARGUMENT_CHECK.matcher(message).find()) {
      return Status.BAD_REQUEST;
    } else if (ID_NAMES_NOTHING.matcher(message).find()) {
      return Status.NOT_FOUND;
    }
    Matcher code = CODE.matcher(message);
    return code.find() ? CLIENT_CODES.get(code.group()) : null;
  }
}
