package bare;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The start-up yardstick: Spring Boot with the same Camunda starters as Changegate (engine, REST API, webapps),
 * actuator and H2, and nothing of Changegate's: outside the {@code io.changegate} packages, so that neither the
 * application's component scan nor the test contexts find it. {@code StartupComparison} starts it with no
 * configuration file, no Flyway and no auto-deployment.
 */
@SpringBootApplication
public class BareCamundaApp {

  public static void main(String[] args) {
    SpringApplication.run(BareCamundaApp.class, args);
  }
}
