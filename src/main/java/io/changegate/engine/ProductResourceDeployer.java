package io.changegate.engine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys the product's BPMN, DMN and Camunda Forms ({@code processes/} and {@code forms/}, packaged on
 * the classpath) under stable relative names such as {@code processes/change-request.bpmn}.
 *
 * <p>Duplicate filtering with "changed only": starting again deploys nothing, and changing one file
 * creates exactly one new version of that file's definition, whether the app runs from the jar, from
 * {@code spring-boot:run} or in tests.
 */
@Component
public class ProductResourceDeployer extends AbstractProcessEnginePlugin {

  public static final String DEPLOYMENT_NAME = "changegate";
  static final List<String> PATTERNS =
      List.of("processes/*.bpmn", "processes/*.dmn", "forms/*.form");

  private static final Logger LOG = LoggerFactory.getLogger(ProductResourceDeployer.class);

  private final PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
  private final SystemDeployments system;

  public ProductResourceDeployer(SystemDeployments system) {
    this.system = system;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    List<ProductResource> resources = findResources();
    DeploymentWithDefinitions deployment = deploy(processEngine.getRepositoryService(), resources);
    LOG.info("Product resources: {} found, {} new process definition version(s), {} new decision version(s)",
        resources.size(), size(deployment.getDeployedProcessDefinitions()),
        size(deployment.getDeployedDecisionDefinitions()));
  }

  /**
   * Deploys what changed among {@code resources}; the rest keeps its current version. The release's models are the
   * approved baseline: a system deployment, not a proposal (io.changegate.governance).
   */
  DeploymentWithDefinitions deploy(RepositoryService repository, List<ProductResource> resources) {
    DeploymentBuilder builder = repository.createDeployment()
        .name(DEPLOYMENT_NAME)
        .source(DEPLOYMENT_NAME)
        .enableDuplicateFiltering(true);
    for (ProductResource resource : resources) {
      builder.addInputStream(resource.name(), new ByteArrayInputStream(resource.content()));
    }
    return system.run("product resources of the release", builder::deployWithResult);
  }

  private static int size(List<?> list) {
    return list == null ? 0 : list.size();
  }

  List<ProductResource> findResources() {
    List<ProductResource> found = new ArrayList<>();
    for (String pattern : PATTERNS) {
      String folder = pattern.substring(0, pattern.indexOf('/') + 1);
      try {
        for (Resource resource : resolver.getResources("classpath*:" + pattern)) {
          try (InputStream in = resource.getInputStream()) {
            found.add(new ProductResource(folder + resource.getFilename(), in.readAllBytes()));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read product resources " + pattern, e);
      }
    }
    found.sort(Comparator.comparing(ProductResource::name));
    return found;
  }

  record ProductResource(String name, byte[] content) {}
}
