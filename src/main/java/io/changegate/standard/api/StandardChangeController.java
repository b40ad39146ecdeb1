package io.changegate.standard.api;

import io.changegate.standard.StandardChangeCatalog;
import io.changegate.standard.StandardChangeTemplate;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/standard-changes}: the pre-approved templates a pipeline may name. */
@RestController
class StandardChangeController {

  private final StandardChangeCatalog catalog;

  StandardChangeController(StandardChangeCatalog catalog) {
    this.catalog = catalog;
  }

  @GetMapping("/api/standard-changes")
  List<StandardChangeTemplate> templates() {
    return catalog.all();
  }
}
