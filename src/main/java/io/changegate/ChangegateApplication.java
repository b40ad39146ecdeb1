package io.changegate;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** Changegate: release and change governance on the Camunda 7 engine. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ChangegateApplication {

  public static void main(String[] args) {
    SpringApplication.run(ChangegateApplication.class, args);
  }

  /** The time every service reads (tests set their own). */
  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
