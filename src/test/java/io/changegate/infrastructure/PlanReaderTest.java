package io.changegate.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.changegate.web.InvalidRequestException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Plans of the real formats read into their summary; what is no plan is refused. */
class PlanReaderTest {

  private final PlanReader reader = new PlanReader(new ObjectMapper());

  static String resource(String name) {
    try (InputStream in = PlanReaderTest.class.getResourceAsStream("/plans/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aTerraformPlanCountsCreatesUpdatesDeletesAndReplacesAndListsWhatItDestroys() {
    PlanSummary summary = reader.read(PlanFormat.TERRAFORM, resource("terraform-plan.json"));

    assertThat(summary.creates()).isEqualTo(1);
    assertThat(summary.updates()).isEqualTo(1);
    assertThat(summary.deletes()).isEqualTo(1);
    assertThat(summary.replaces()).isEqualTo(1);
    assertThat(summary.destroyed()).containsExactly("aws_db_instance.legacy",
        "module.queue.aws_sqs_queue.jobs (replace)");
    assertThat(summary.changed()).containsExactly("create aws_s3_bucket.assets", "update aws_instance.web");
    assertThat(summary.describe(PlanFormat.TERRAFORM, "ab12")).startsWith("Terraform plan, SHA-256 ab12\n"
        + "1 to create, 1 to update, 1 to delete, 1 to replace\n⚠ DESTROYS 2:\n⚠ aws_db_instance.legacy");
  }

  @Test
  void aHelmDiffCountsAddedChangedAndRemovedResources() {
    PlanSummary summary = reader.read(PlanFormat.HELM_DIFF, resource("helm-diff.txt"));

    assertThat(summary.creates()).isEqualTo(1);
    assertThat(summary.updates()).isEqualTo(1);
    assertThat(summary.deletes()).isEqualTo(1);
    assertThat(summary.destroyed()).containsExactly("default/payments-api-legacy Service (v1)");
  }

  @Test
  void whatIsNoPlanIsRefused() {
    assertThatThrownBy(() -> reader.read(PlanFormat.TERRAFORM, "{\"resource_changes\": []}"))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("cannot be read");
    assertThatThrownBy(() -> reader.read(PlanFormat.TERRAFORM, "not json")).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> reader.read(PlanFormat.TERRAFORM, "{\"format_version\": \"1.2\", \"resource_changes\":"
        + " [{\"address\": \"a.b\", \"change\": {\"actions\": [\"obliterate\"]}}]}"))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> reader.read(PlanFormat.HELM_DIFF, "everything is fine, trust me"))
        .isInstanceOf(InvalidRequestException.class);
    assertThat(reader.read(PlanFormat.TERRAFORM, "{\"format_version\": \"1.2\"}").creates()).isZero();
  }
}
