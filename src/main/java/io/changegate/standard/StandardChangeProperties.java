package io.changegate.standard;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The catalog of pre-approved templates, from configuration ({@code changegate.standard-changes}). */
@ConfigurationProperties("changegate.standard-changes")
public record StandardChangeProperties(List<StandardChangeTemplate> templates) {

  public StandardChangeProperties {
    templates = templates == null ? List.of() : List.copyOf(templates);
  }
}
