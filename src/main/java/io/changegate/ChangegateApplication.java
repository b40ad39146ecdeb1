package io.changegate;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Changegate: release and change governance on the Camunda 7 engine. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ChangegateApplication {

  public static void main(String[] args) {
    SpringApplication.run(ChangegateApplication.class, args);
  }
}
