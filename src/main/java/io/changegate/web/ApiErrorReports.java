package io.changegate.web;

import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Puts {@link ApiErrorReportValve} in the place of Tomcat's error report valve. Runs after Spring Boot's own
 * customizer, which adds a plain one (without report or server version): that one is replaced, so exactly one
 * valve reports, and Tomcat does not add its default when the host starts.
 */
@Configuration
class ApiErrorReports {

  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> apiErrorReportValve() {
    return new Customizer();
  }

  static final class Customizer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
      factory.addContextCustomizers(context -> {
        if (!(context.getParent() instanceof StandardHost host)) {
          return;
        }
        for (Valve valve : host.getPipeline().getValves()) {
          if (valve instanceof ErrorReportValve) {
            host.getPipeline().removeValve(valve);
          }
        }
        host.setErrorReportValveClass(ApiErrorReportValve.class.getName());
        host.getPipeline().addValve(new ApiErrorReportValve());
      });
    }

    @Override
    public int getOrder() {
      return Ordered.LOWEST_PRECEDENCE;
    }
  }
}
