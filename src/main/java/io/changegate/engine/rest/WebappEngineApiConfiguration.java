package io.changegate.engine.rest;

import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.camunda.bpm.webapp.impl.engine.EngineRestApplication;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The webapps' engine API ({@code /camunda/api/engine}, what Tasklist and Cockpit call) with Changegate's
 * providers ({@link EngineApiProviders}), so that it answers like {@code /engine-rest}: a refused claim or
 * completion is a 400 with the rule's words, not a 500. The starter registers the servlet "Engine Api" unless
 * one of that name exists; this registers it first, with the same resources ({@link EngineRestApplication})
 * and path, plus the providers.
 */
@Configuration
@ConditionalOnProperty(prefix = "camunda.bpm.webapp", name = "enabled", matchIfMissing = true)
public class WebappEngineApiConfiguration {

  /** The servlet name the starter's CamundaBpmWebappInitializer uses. */
  static final String SERVLET_NAME = "Engine Api";

  @Bean
  ServletRegistrationBean<ServletContainer> webappEngineApi(CamundaBpmProperties camunda) {
    ResourceConfig api = new ResourceConfig(new EngineRestApplication().getClasses());
    api.registerClasses(EngineApiProviders.CLASSES);
    var registration = new ServletRegistrationBean<>(new ServletContainer(api),
        camunda.getWebapp().getApplicationPath() + "/api/engine/*");
    registration.setName(SERVLET_NAME);
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }
}
