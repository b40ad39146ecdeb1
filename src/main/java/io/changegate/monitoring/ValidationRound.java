package io.changegate.monitoring;

import io.changegate.monitoring.synthetic.SyntheticTransactions;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@link ValidationPort}: one validation round. Resolves the success criteria (the change's, the service's,
 * the defaults), measures through the active monitoring adapter ({@link MetricsPort}) and runs the change's
 * synthetic transactions. The round passes only when every check passed.
 */
@Component
public class ValidationRound implements ValidationPort {

  private final SuccessCriteriaResolver criteria;
  private final MetricsPort metrics;
  private final SyntheticTransactions synthetic;

  public ValidationRound(SuccessCriteriaResolver criteria, MetricsPort metrics, SyntheticTransactions synthetic) {
    this.criteria = criteria;
    this.metrics = metrics;
    this.synthetic = synthetic;
  }

  @Override
  public ValidationReport validate(ValidationRequest request) {
    SuccessCriteria resolved = criteria.of(request.service(), request.criteria());
    List<CheckResult> checks = new ArrayList<>(metrics.measure(request, resolved));
    checks.addAll(synthetic.run(resolved.syntheticChecks()));
    return new ValidationReport(checks);
  }
}
