package io.changegate.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RestController;

/**
 * The package dependency rules of {@code docs/architecture.md}, on the compiled main classes: no cycles between
 * capabilities, base packages free of capabilities, the change core free of other capabilities, nothing depending on
 * the change dossier (the read model) but the pages, nothing on the pages, the engine's delegate types only where
 * the engine calls in, controllers in
 * {@code api} packages.
 */
class DependencyRulesTest {

  static final String ROOT = "io.changegate";
  /** Packages everything may use and that use no capability. */
  static final String[] BASE = {"..changegate.engine..", "..changegate.audit..", "..changegate.web..",
      "..changegate.security..", "..changegate.outbound..", "..changegate.jdbc.."};
  /** Capability packages. */
  static final String[] CAPABILITIES = {"..changegate.change..", "..changegate.standard..", "..changegate.calendar..",
      "..changegate.risk..", "..changegate.approval..", "..changegate.deployment..", "..changegate.monitoring..",
      "..changegate.rollback..", "..changegate.emergency..", "..changegate.notification..",
      "..changegate.governance..", "..changegate.oversight..", "..changegate.supplychain..", "..changegate.dossier..",
      "..changegate.pages..", "..changegate.delivery..", "..changegate.environment..", "..changegate.infrastructure..",
      "..changegate.drift..", "..changegate.refresh..", "..changegate.featureflag..", "..changegate.itsm.."};

  static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);
  }

  @Test
  void noPackageCycles() {
    slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void basePackagesUseNoCapability() {
    noClasses().that().resideInAnyPackage(BASE).should().dependOnClassesThat().resideInAnyPackage(CAPABILITIES)
        .check(classes);
  }

  @Test
  void theChangeCoreUsesNoOtherCapability() {
    noClasses().that().resideInAPackage("..changegate.change..").should().dependOnClassesThat()
        .resideInAnyPackage(java.util.Arrays.stream(CAPABILITIES).filter(p -> !p.contains(".change."))
            .toArray(String[]::new))
        .check(classes);
  }

  @Test
  void nothingDependsOnTheChangeDossier() {
    noClasses().that().resideOutsideOfPackages("..changegate.dossier..", "..changegate.pages..").should()
        .dependOnClassesThat().resideInAPackage("..changegate.dossier..").check(classes);
  }

  /** The pages read the dossier and call the capabilities' services; nothing calls the pages. */
  @Test
  void nothingDependsOnThePages() {
    noClasses().that().resideOutsideOfPackage("..changegate.pages..").should().dependOnClassesThat()
        .resideInAPackage("..changegate.pages..").check(classes);
  }

  @Test
  void onlyProcessAdaptersTouchTheEnginesDelegateTypes() {
    noClasses().that().resideOutsideOfPackages("..process..", "..changegate.engine..")
        .should().dependOnClassesThat().resideInAPackage("org.camunda.bpm.engine.delegate..")
        .check(classes);
  }

  @Test
  void controllersLiveInApiPackages() {
    classes().that().areAnnotatedWith(RestController.class).should().resideInAPackage("..api..").check(classes);
  }
}
