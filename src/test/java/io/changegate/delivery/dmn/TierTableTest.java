package io.changegate.delivery.dmn;

import static org.assertj.core.api.Assertions.assertThat;

import io.changegate.delivery.DoraKey;
import io.changegate.delivery.Tier;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.junit.jupiter.api.Test;

/** The compiled {@code dora-tiers} table rates every value as the DMN engine does; a table it cannot read is left to the engine. */
class TierTableTest {

  static final double[] VALUES = {0, 0.1, 0.22, 0.23, 0.5, 0.99, 1, 4.99, 5, 5.01, 6.99, 7, 10, 19.99, 20, 23.99, 24,
      24.01, 39.99, 40, 100, 167.9, 168, 168.5, 500, 720, 721, 5000};

  @Test
  void theCompiledTableAgreesWithTheDmnEngineOnEveryBoundary() throws Exception {
    DmnModelInstance model;
    try (InputStream in = Files.newInputStream(Path.of("processes/dora-tiers.dmn"))) {
      model = Dmn.readModelFromStream(in);
    }
    DmnEngine engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    DmnDecision decision = engine.parseDecision("dora-tiers", model);
    TierTable table = TierTable.compile(model, "dora-tiers").orElseThrow();

    for (DoraKey key : DoraKey.values()) {
      for (double value : VALUES) {
        DmnDecisionResult result = engine.evaluateDecision(decision,
            Variables.createVariables().putValue("key", key.id()).putValue("value", value));
        Tier compiled = table.tier(key, value);
        String what = key.id() + " " + value;
        if (result.isEmpty()) {
          assertThat(compiled.rated()).as(what).isFalse();
          continue;
        }
        var entries = result.getFirstResult();
        assertThat(compiled.tier()).as(what).isEqualTo(entries.get("tier"));
        assertThat(compiled.nextTier()).as(what).isEqualTo(entries.get("nextTier"));
        Number bound = (Number) entries.get("nextTierBound");
        assertThat(compiled.nextTierBound()).as(what).isEqualTo(bound == null ? null : bound.doubleValue());
        assertThat(compiled.rank()).as(what).isEqualTo(((Number) entries.get("rank")).intValue());
      }
    }
  }

  @Test
  void aTableWithOtherFeelIsLeftToTheEngine() throws Exception {
    String xml = Files.readString(Path.of("processes/dora-tiers.dmn")).replace("&gt;= 7", "&gt;= 7 and &lt; 100");
    DmnModelInstance model = Dmn.readModelFromStream(new java.io.ByteArrayInputStream(xml.getBytes()));

    assertThat(TierTable.compile(model, "dora-tiers")).isEmpty();
  }
}
