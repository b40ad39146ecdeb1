package io.changegate.drift.api;

import io.changegate.drift.DriftFinding;
import io.changegate.drift.DriftService;
import io.changegate.web.FieldError;
import io.changegate.web.InvalidRequestException;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Drift (docs/api.md): {@code GET /api/drift} the unauthorized changes found, newest first (any user);
 * {@code POST /api/drift/checks} runs a check now (operations, administrators) and answers what it found new.
 */
@RestController
class DriftController {

  private final DriftService drift;

  DriftController(DriftService drift) {
    this.drift = drift;
  }

  @GetMapping("/api/drift")
  List<DriftFinding> list(@RequestParam(required = false) String environment,
      @RequestParam(defaultValue = "100") int limit) {
    if (limit < 1 || limit > 500) {
      throw new InvalidRequestException("Invalid query", List.of(new FieldError("limit", "must be 1-500")));
    }
    return drift.list(environment, limit);
  }

  @PostMapping("/api/drift/checks")
  List<DriftFinding> check() {
    return drift.check();
  }
}
