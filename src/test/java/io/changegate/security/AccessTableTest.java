package io.changegate.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.changegate.support.ChangegateIntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.util.ResourceTypeUtil;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The access table in {@code docs/security.md} is what the engine enforces: after start, the grants the engine holds
 * for every group of docs/names.md (the administrator aside) are exactly the rows of that table, and no per-task rows
 * exist. When it fails, the message carries the table as the engine has it.
 */
@ChangegateIntegrationTest
class AccessTableTest {

  static final Path DOC = Path.of("docs/security.md");
  static final String BEGIN = "<!-- access-table:begin -->";
  static final String END = "<!-- access-table:end -->";

  @Autowired AuthorizationService authorizations;

  @Test
  void theDocumentedAccessTableIsWhatTheEngineHolds() throws IOException {
    List<String> engine = new ArrayList<>();
    for (String group : Groups.ALL) {
      if (Groups.CAMUNDA_ADMIN.equals(group)) {
        continue;
      }
      for (Authorization grant : authorizations.createAuthorizationQuery().groupIdIn(group).list()) {
        assertThat(grant.getAuthorizationType()).as("only grants").isEqualTo(Authorization.AUTH_TYPE_GRANT);
        engine.add(row(group, grant));
      }
    }
    engine.sort(null);

    String doc = Files.readString(DOC);
    List<String> documented = doc.substring(doc.indexOf(BEGIN) + BEGIN.length(), doc.indexOf(END)).lines()
        .map(String::strip).filter(line -> line.startsWith("| ") && !line.startsWith("| group") )
        .filter(line -> !line.startsWith("|---")).map(line -> line.replaceAll("\\s*\\|\\s*", " | ").strip())
        .sorted().toList();

    assertThat(documented).as("docs/security.md access table; the engine holds:\n"
        + "| group | resource | id | permissions |\n|---|---|---|---|\n" + String.join("\n", engine))
        .isEqualTo(engine);
    assertThat(authorizations.createAuthorizationQuery().resourceType(Resources.TASK).list())
        .as("no per-task rows").allMatch(row -> Authorization.ANY.equals(row.getResourceId()));
  }

  private static String row(String group, Authorization grant) {
    Resource resource = Arrays.stream(Resources.values()).filter(r -> r.resourceType() == grant.getResourceType())
        .findFirst().orElseThrow();
    Permission[] all = ResourceTypeUtil.getPermissionsByResourceType(grant.getResourceType());
    String permissions = Arrays.stream(grant.getPermissions(all)).map(Permission::getName)
        .filter(name -> !"NONE".equals(name) && !"ALL".equals(name))
        .collect(Collectors.toCollection(TreeSet::new)).stream().collect(Collectors.joining(", "));
    return "| " + group + " | " + resource.resourceName() + " | " + grant.getResourceId() + " | " + permissions + " |";
  }
}
