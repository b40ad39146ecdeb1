package io.changegate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.changegate.engine.ProductResourceDeployer.ProductResource;
import io.changegate.support.ChangegateIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Product resources deploy under stable names; a restart deploys nothing, an edit one new version. */
@ChangegateIntegrationTest
class ProductResourceDeployerTest {

  @Autowired ProductResourceDeployer deployer;
  @Autowired ProcessEngine engine;
  @Autowired RepositoryService repository;

  @Test
  void resourcesHaveStableRelativeNames() {
    List<String> names = deployer.findResources().stream().map(ProductResource::name).toList();

    assertThat(names).contains("processes/change-request.bpmn", "processes/standard-change.bpmn",
        "processes/change-classification.dmn", "forms/sign-off.form");
    assertThat(names).allMatch(n -> n.matches("(processes|forms)/[a-z0-9-]+\\.(bpmn|dmn|form)"));
  }

  @Test
  void startingAgainTwiceCreatesNoNewVersion() {
    Map<String, Integer> before = latestVersions();

    deployer.postProcessEngineBuild(engine);
    deployer.postProcessEngineBuild(engine);

    assertThat(latestVersions()).isEqualTo(before);
  }

  @Test
  void changingOneFileCreatesExactlyOneNewVersionOfIt() {
    Map<String, Integer> before = latestVersions();
    List<ProductResource> edited = new ArrayList<>();
    for (ProductResource resource : deployer.findResources()) {
      if (resource.name().equals("processes/standard-change.bpmn")) {
        String xml = new String(resource.content(), StandardCharsets.UTF_8)
            .replace("</bpmn:definitions>", "<!-- edited by a process owner --></bpmn:definitions>");
        edited.add(new ProductResource(resource.name(), xml.getBytes(StandardCharsets.UTF_8)));
      } else {
        edited.add(resource);
      }
    }

    var deployment = deployer.deploy(repository, edited);

    assertThat(deployment.getDeployedProcessDefinitions()).extracting(ProcessDefinition::getKey)
        .containsExactly("standard-change");
    Map<String, Integer> expected = new TreeMap<>(before);
    expected.put("standard-change", before.get("standard-change") + 1);
    assertThat(latestVersions()).isEqualTo(expected);
    assertThat(repository.createDeploymentQuery().deploymentId(deployment.getId()).singleResult().getName())
        .isEqualTo(ProductResourceDeployer.DEPLOYMENT_NAME);

    // the process owner reverts the edit: the shipped file is the latest version again
    deployer.postProcessEngineBuild(engine);
    assertThat(latestVersions().get("standard-change")).isEqualTo(before.get("standard-change") + 2);
  }

  private Map<String, Integer> latestVersions() {
    Map<String, Integer> versions = new TreeMap<>();
    repository.createProcessDefinitionQuery().latestVersion().list()
        .forEach(d -> versions.put(d.getKey(), d.getVersion()));
    repository.createDecisionDefinitionQuery().latestVersion().list()
        .forEach(d -> versions.put("decision:" + d.getKey(), d.getVersion()));
    return versions;
  }
}
