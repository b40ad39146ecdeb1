package io.changegate.environment;

import io.changegate.approval.ReviewProcess;
import io.changegate.change.EnvironmentKind;
import io.changegate.change.Names;
import io.changegate.change.TargetAdapters;
import io.changegate.security.ProcessAccess;
import io.changegate.web.FieldError;
import io.changegate.web.InvalidRequestException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * Everything wrong with an environment as written, in one list: the name (the safe alphabet of {@code change.Names},
 * so {@code "Production"}, {@code " production "} or look-alike letters are no names at all), the kind and
 * classification, an owner group that exists and works sign-offs (it signs off every change to the environment), adapters that are configured — and no simulator (the sandbox) outside
 * the demo profile —, a production environment's place in the promotion order, the template and its parameters, the
 * capacity.
 */
@Component
class EnvironmentValidator {

  static final String DEMO_PROFILE = "demo";
  static final int MAX_PARAMETERS = 50;
  private static final Pattern GROUP = Pattern.compile("[a-z][a-z0-9-]{0,63}");
  private static final Pattern TEMPLATE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/:@+-]{0,199}");
  private static final Pattern PARAMETER = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,62}");

  private final TargetAdapters adapters;
  private final IdentityService identity;
  private final Environment spring;
  private final List<String> signers;

  EnvironmentValidator(TargetAdapters adapters, IdentityService identity, Environment spring,
      List<ProcessAccess> access) {
    this.adapters = adapters;
    this.identity = identity;
    this.spring = spring;
    this.signers = access.stream().filter(a -> a.key().equals(ReviewProcess.SIGN_OFF))
        .flatMap(a -> a.taskGroups().stream()).distinct().toList();
  }

  /** A valid request, ready to be stored; refused with every error otherwise. */
  record Valid(String name, EnvironmentKind kind, String ownerGroup, List<String> allowedAdapters,
      Integer promotionOrder, DataClassification dataClassification, String infrastructureTemplate,
      Map<String, String> templateParameters, int capacity) {}

  /** Whether simulated deployment adapters may be allowed: in the demo profile only. */
  boolean simulatorsAllowed() {
    return spring.acceptsProfiles(Profiles.of(DEMO_PROFILE));
  }

  Valid check(EnvironmentRequest request, String name) {
    List<FieldError> errors = new ArrayList<>();
    if (name == null || !name.matches(Names.PATTERN)) {
      errors.add(new FieldError("name", Names.MESSAGE));
    }
    EnvironmentKind kind = oneOf("kind", request.kind(), EnvironmentKind.class, errors);
    DataClassification classification = oneOf("dataClassification", request.dataClassification(),
        DataClassification.class, errors);
    String owner = request.ownerGroup();
    if (owner == null || !GROUP.matcher(owner).matches()) {
      errors.add(new FieldError("ownerGroup", "must be a group id (lower-case letters, digits and '-')"));
    } else if (identity.createGroupQuery().groupId(owner).count() == 0) {
      errors.add(new FieldError("ownerGroup", "no group '" + owner + "' exists"));
    } else if (!signers.contains(owner)) {
      errors.add(new FieldError("ownerGroup", "'" + owner + "' does not work sign-offs, and the owner group signs off"
          + " every change to its environment (sign-offs are worked by: " + String.join(", ", signers) + ")"));
    }
    List<String> allowed = adapters(request.allowedAdapters(), errors);
    Integer position = request.promotionOrder();
    if (position != null && (position < 1 || position > 1000)) {
      errors.add(new FieldError("promotionOrder", "must be between 1 and 1000"));
    }
    if (kind == EnvironmentKind.PRODUCTION && position == null) {
      errors.add(new FieldError("promotionOrder", "is required for a production environment: a digest reaches"
          + " production only through the environments before it"));
    }
    String template = request.infrastructureTemplate();
    if (template != null && !TEMPLATE.matcher(template).matches()) {
      errors.add(new FieldError("infrastructureTemplate", "must be a reference of up to 200 characters (letters,"
          + " digits and . _ / : @ + -)"));
    }
    Map<String, String> parameters = request.templateParameters() == null ? Map.of() : request.templateParameters();
    if (parameters.size() > MAX_PARAMETERS) {
      errors.add(new FieldError("templateParameters", "at most " + MAX_PARAMETERS + " parameters"));
    }
    parameters.forEach((key, value) -> {
      if (!PARAMETER.matcher(key).matches()) {
        errors.add(new FieldError("templateParameters", "'" + key + "' is not a parameter name"));
      } else if (value == null || value.length() > 500) {
        errors.add(new FieldError("templateParameters." + key, "must be a text of up to 500 characters"));
      }
    });
    if (template == null && !parameters.isEmpty()) {
      errors.add(new FieldError("templateParameters", "overrides need an infrastructureTemplate"));
    }
    Integer capacity = request.capacity();
    if (capacity == null || capacity < 1 || capacity > 100) {
      errors.add(new FieldError("capacity", "must be between 1 and 100 deployments at once"));
    }
    if (!errors.isEmpty()) {
      errors.sort(Comparator.comparing(FieldError::field).thenComparing(FieldError::message));
      throw new InvalidRequestException("The environment has " + errors.size() + " invalid field"
          + (errors.size() == 1 ? "" : "s"), errors);
    }
    return new Valid(name, kind, owner, allowed, position, classification, template, parameters, capacity);
  }

  private List<String> adapters(List<String> requested, List<FieldError> errors) {
    if (requested == null || requested.isEmpty()) {
      errors.add(new FieldError("allowedAdapters", "name at least one deployment adapter (configured: "
          + String.join(", ", adapters.names()) + ")"));
      return List.of();
    }
    Set<String> allowed = new LinkedHashSet<>();
    for (int i = 0; i < requested.size(); i++) {
      String adapter = requested.get(i);
      String field = "allowedAdapters[" + i + "]";
      if (adapter == null || !adapters.names().contains(adapter)) {
        errors.add(new FieldError(field, "unknown adapter '" + adapter + "' (configured: "
            + String.join(", ", adapters.names()) + ")"));
      } else if (adapters.simulators().contains(adapter) && !simulatorsAllowed()) {
        errors.add(new FieldError(field, "'" + adapter + "' only simulates deployments: it may be allowed in the demo"
            + " profile only"));
      } else if (!allowed.add(adapter)) {
        errors.add(new FieldError(field, "'" + adapter + "' is named twice"));
      }
    }
    return List.copyOf(allowed);
  }

  private static <E extends Enum<E>> E oneOf(String field, String value, Class<E> type, List<FieldError> errors) {
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(value)) {
        return constant;
      }
    }
    errors.add(new FieldError(field, "must be one of " + String.join(", ",
        Arrays.stream(type.getEnumConstants()).map(Enum::name).toList())));
    return null;
  }
}
