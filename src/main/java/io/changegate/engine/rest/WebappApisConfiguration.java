package io.changegate.engine.rest;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.ws.rs.core.Application;
import org.camunda.bpm.admin.impl.web.AdminApplication;
import org.camunda.bpm.cockpit.impl.web.CockpitApplication;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.camunda.bpm.tasklist.impl.web.TasklistApplication;
import org.camunda.bpm.webapp.impl.engine.EngineRestApplication;
import org.camunda.bpm.welcome.impl.web.WelcomeApplication;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The webapps' APIs under {@code /camunda/api} — the engine API Tasklist and Cockpit call, and the Cockpit,
 * Admin, Tasklist and Welcome APIs — with Changegate's providers ({@link CamundaApiProviders}), so that they
 * answer like {@code /engine-rest}: a refused claim or completion in Tasklist is a 400 with the rule's words, an
 * unknown id a 404, not a 500. The starter's CamundaBpmWebappInitializer registers each of these servlets unless
 * one of its name exists; {@link WebappApis} registers them first, under the same names, paths and JAX-RS
 * applications, plus the providers.
 */
@Configuration
@ConditionalOnProperty(prefix = "camunda.bpm.webapp", name = "enabled", matchIfMissing = true)
public class WebappApisConfiguration {

  @Bean
  WebappApis webappApis(CamundaBpmProperties camunda) {
    return new WebappApis(camunda.getWebapp().getApplicationPath());
  }

  /** Registers the webapps' JAX-RS servlets before the starter does (highest precedence). */
  static final class WebappApis implements ServletContextInitializer, Ordered {

    private final String applicationPath;

    WebappApis(String applicationPath) {
      this.applicationPath = applicationPath;
    }

    @Override
    public void onStartup(ServletContext servletContext) {
      register(servletContext, "Cockpit Api", CockpitApplication.class, "/api/cockpit/*");
      register(servletContext, "Admin Api", AdminApplication.class, "/api/admin/*");
      register(servletContext, "Tasklist Api", TasklistApplication.class, "/api/tasklist/*");
      register(servletContext, "Engine Api", EngineRestApplication.class, "/api/engine/*");
      register(servletContext, "Welcome Api", WelcomeApplication.class, "/api/welcome/*");
    }

    private void register(ServletContext servletContext, String name, Class<? extends Application> application,
        String mapping) {
      // the application is instantiated when the servlet starts, after the webapps' bootstrap listeners ran
      ResourceConfig api = ResourceConfig.forApplicationClass(application).registerClasses(CamundaApiProviders.CLASSES);
      ServletRegistration.Dynamic servlet = servletContext.addServlet(name, new ServletContainer(api));
      servlet.addMapping(applicationPath + mapping);
      // as Spring Boot registers servlets: the engine API's fetchAndLock suspends its request
      servlet.setAsyncSupported(true);
    }

    @Override
    public int getOrder() {
      return Ordered.HIGHEST_PRECEDENCE;
    }
  }
}
