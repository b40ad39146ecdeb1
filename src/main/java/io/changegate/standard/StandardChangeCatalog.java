package io.changegate.standard;

import io.changegate.change.Level;
import io.changegate.change.StandardTemplates;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** Looks up pre-approved templates and tells whether a change stays within one. */
@Service
public class StandardChangeCatalog implements StandardTemplates {

  private final List<StandardChangeTemplate> templates;

  public StandardChangeCatalog(StandardChangeProperties properties) {
    this.templates = properties.templates();
  }

  public List<StandardChangeTemplate> all() {
    return templates;
  }

  public Optional<StandardChangeTemplate> find(String id) {
    return templates.stream().filter(t -> t.id().equals(id)).findFirst();
  }

  @Override
  public List<String> ids() {
    return templates.stream().map(StandardChangeTemplate::id).toList();
  }

  @Override
  public Optional<String> mismatch(String id, String service, String environment, Level impact) {
    return find(id).map(template -> fit(template, service, environment, impact).mismatch());
  }

  /** Every way the change leaves the template's bounds, joined into one readable reason. */
  public TemplateFit fit(StandardChangeTemplate template, String service, String environment, Level impact) {
    List<String> mismatches = new ArrayList<>();
    if (!template.services().contains(service)) {
      mismatches.add("service '" + service + "' is not covered (covers " + String.join(", ", template.services()) + ")");
    }
    if (!template.environments().isEmpty() && !template.environments().contains(environment)) {
      mismatches.add("environment '" + environment + "' is not covered (covers "
          + String.join(", ", template.environments()) + ")");
    }
    if (!impact.atMost(template.maxImpact())) {
      mismatches.add("impact " + impact + " exceeds the template's maximum " + template.maxImpact());
    }
    return mismatches.isEmpty() ? TemplateFit.fitting() : TemplateFit.notFitting(String.join("; ", mismatches));
  }
}
