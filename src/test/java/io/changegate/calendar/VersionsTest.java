package io.changegate.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Versions as people read them: numbers by number, missing parts as 0, a pre-release below its release. */
class VersionsTest {

  @Test
  void numericPartsCompareByNumber() {
    assertThat(Versions.atLeast("2.10", "2.9")).isTrue();
    assertThat(Versions.atLeast("2.3", "2.3.0")).isTrue();
    assertThat(Versions.atLeast("2.2.9", "2.3")).isFalse();
    assertThat(Versions.atLeast("v3.0.1", "2.3")).isTrue();
  }

  @Test
  void aPreReleaseIsBelowItsReleaseAndBuildMetadataIsIgnored() {
    assertThat(Versions.atLeast("2.3.0-rc1", "2.3")).isFalse();
    assertThat(Versions.atLeast("2.3.0+build.7", "2.3")).isTrue();
    assertThat(Versions.atLeast("2.4.0-rc1", "2.3")).isTrue();
  }
}
