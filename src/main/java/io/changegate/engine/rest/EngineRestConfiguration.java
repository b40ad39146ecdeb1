package io.changegate.engine.rest;

import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The engine REST API of the starter, plus Changegate's providers ({@link CamundaApiProviders}). */
@Configuration
public class EngineRestConfiguration {

  @Bean
  CamundaJerseyResourceConfig camundaJerseyResourceConfig() {
    return new CamundaJerseyResourceConfig() {
      @Override
      protected void registerAdditionalResources() {
        super.registerAdditionalResources();
        registerClasses(CamundaApiProviders.CLASSES);
      }
    };
  }
}
