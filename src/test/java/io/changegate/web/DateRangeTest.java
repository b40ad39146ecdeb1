package io.changegate.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class DateRangeTest {

  @Test
  void acceptsTheYears1970To2999() {
    assertThat(DateRange.contains(Instant.parse("1970-01-01T00:00:00Z"))).isTrue();
    assertThat(DateRange.contains(Instant.parse("2999-12-31T23:59:59.999Z"))).isTrue();
    assertThat(DateRange.contains(Instant.parse("1969-12-31T23:59:59Z"))).isFalse();
    assertThat(DateRange.contains(Instant.parse("3000-01-01T00:00:00Z"))).isFalse();
    assertThat(DateRange.contains(Instant.MIN)).isFalse();
    assertThat(DateRange.contains(Instant.MAX)).isFalse();

    assertThat(DateRange.contains(LocalDateTime.parse("1970-01-01T00:00"))).isTrue();
    assertThat(DateRange.contains(LocalDateTime.parse("2999-12-31T23:59"))).isTrue();
    assertThat(DateRange.contains(LocalDate.parse("0000-01-01"))).isFalse();
    assertThat(DateRange.contains(LocalDateTime.MAX)).isFalse();
    assertThat(DateRange.contains(LocalDate.MIN)).isFalse();
  }
}
