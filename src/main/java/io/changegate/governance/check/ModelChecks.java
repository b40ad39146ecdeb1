package io.changegate.governance.check;

import io.changegate.governance.ModelChange;
import io.changegate.governance.ModelKind;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.springframework.stereotype.Component;

/**
 * Runs the automatic checks of a model change on the files as deployed: the element changes against the approved
 * versions ({@link ModelDiff}), lint ({@link BpmnLint}, {@link ModelLint}), the approval paths of
 * {@code normal-change} ({@link ApprovalPathCheck}) and the sign-off coverage of {@code required-sign-offs}
 * ({@link SignOffCoverageCheck}).
 */
@Component
public class ModelChecks {

  public static final String NORMAL_CHANGE = "normal-change";

  private volatile SignOffCoverageCheck signOffs;

  /**
   * The sign-off check, built on first use: a DMN engine of its own, FEEL only, so evaluating a proposed table
   * touches neither the process engine's history nor its beans (and the application starts without it).
   */
  private SignOffCoverageCheck signOffs() {
    SignOffCoverageCheck check = signOffs;
    if (check == null) {
      synchronized (this) {
        if (signOffs == null) {
          DmnEngine engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
          signOffs = new SignOffCoverageCheck(engine);
        }
        check = signOffs;
      }
    }
    return check;
  }

  public CheckReport check(List<ModelChange.Resource> files, ApprovedModels approved) {
    List<ElementChange> changes = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    Map<String, Map<String, Integer>> baseVersions = new LinkedHashMap<>();
    Set<String> proposedForms = files.stream().filter(f -> f.kind() == ModelKind.FORM)
        .flatMap(f -> f.keys().stream()).collect(Collectors.toSet());
    boolean unchanged = true;
    for (ModelChange.Resource file : files) {
      byte[] content = file.file().content();
      String model = file.keys().isEmpty() ? file.name() : String.join(", ", file.keys());
      Map<String, Integer> versions = new LinkedHashMap<>();
      ApprovedModels.Approved base = null;
      for (String key : file.keys()) {
        Optional<ApprovedModels.Approved> latest = approved.latest(file.kind(), key);
        versions.put(key, latest.map(ApprovedModels.Approved::version).orElse(null));
        if (base == null && latest.isPresent()) {
          base = latest.get();
        }
        unchanged &= latest.isPresent() && latest.get().sha256().equals(file.sha256());
      }
      baseVersions.put(file.name(), versions);
      if (file.keys().isEmpty()) {
        findings.add(Finding.error("model", file.name(), null, "keys", file.name() + " defines no executable "
            + "process, decision or form"));
        unchanged = false;
        continue;
      }
      try {
        changes.addAll(ModelDiff.diff(model, file.kind(), base == null ? null : base.content(), content));
        switch (file.kind()) {
          case BPMN -> {
            BpmnModelInstance bpmn = Bpmn.readModelFromStream(new ByteArrayInputStream(content));
            findings.addAll(BpmnLint.lint(model, bpmn,
                form -> proposedForms.contains(form) || approved.latest(ModelKind.FORM, form).isPresent()));
            if (file.keys().contains(NORMAL_CHANGE)) {
              findings.addAll(ApprovalPathCheck.check(NORMAL_CHANGE, bpmn, NORMAL_CHANGE));
            }
          }
          case DMN -> {
            findings.addAll(ModelLint.decisions(model, content));
            if (file.keys().contains(SignOffCoverageCheck.DECISION)) {
              Optional<ApprovedModels.Approved> table =
                  approved.latest(ModelKind.DMN, SignOffCoverageCheck.DECISION);
              findings.addAll(signOffs().check(SignOffCoverageCheck.DECISION,
                  table.map(ApprovedModels.Approved::content).orElse(null), content));
            }
          }
          case FORM -> findings.addAll(ModelLint.form(model, content));
          case CMMN -> findings.add(Finding.error("model", model, null, "kind", "CMMN is not a governance model"));
        }
      } catch (RuntimeException e) {
        findings.add(Finding.error("model", model, null, "readable", file.name() + " cannot be checked: "
            + e.getMessage()));
      }
    }
    return new CheckReport(changes, findings, baseVersions, unchanged && !files.isEmpty());
  }
}
