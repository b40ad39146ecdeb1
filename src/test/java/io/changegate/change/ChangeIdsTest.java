package io.changegate.change;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one shape of a change id that intake, bookings, problems and deployment commands check input against. */
class ChangeIdsTest {

  @Test
  void theSequencesIdsAreChangeIdsAndNothingElseIs() {
    assertThat(ChangeIds.isChangeId("CHG-000042")).isTrue();
    assertThat(ChangeIds.isChangeId("CHG-" + Long.MAX_VALUE)).as("the largest id the sequence can give").isTrue();
    assertThat(ChangeIds.isChangeId("CHG-" + Long.MAX_VALUE + "0")).as("twenty digits").isFalse();
    assertThat(ChangeIds.isChangeId(null)).isFalse();
    assertThat(ChangeIds.isChangeId("CHG-")).isFalse();
    assertThat(ChangeIds.isChangeId("chg-000042")).isFalse();
    assertThat(ChangeIds.isChangeId("CHG-000042 ")).isFalse();
    assertThat(ChangeIds.isChangeId("CHG-000042;rm -rf /")).isFalse();
    assertThat(ChangeIds.isChangeId("CHG-٤٢")).as("digits of another script").isFalse();
  }
}
