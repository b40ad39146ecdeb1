package io.changegate.refresh.api;

import io.changegate.refresh.RefreshResult;
import io.changegate.refresh.RefreshService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The evidence of an environment refresh ({@code GET /api/changes/{id}/refresh}): the steps, their outputs and
 * hashes, the verification query, what it answered and what was expected.
 */
@RestController
class RefreshController {

  private final RefreshService refreshes;

  RefreshController(RefreshService refreshes) {
    this.refreshes = refreshes;
  }

  @GetMapping("/api/changes/{id}/refresh")
  RefreshResult refresh(@PathVariable String id) {
    return refreshes.get(id);
  }
}
