package io.changegate.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StorableTextTest {

  @Test
  void nulAndLoneSurrogatesCannotBeStoredEverythingElseCan() {
    assertThat(StorableText.problem("a\u0000b")).contains("NUL");
    assertThat(StorableText.problem("\ud800")).contains("lone UTF-16 surrogate (U+D800)");
    assertThat(StorableText.problem("a\udc00")).contains("U+DC00");
    assertThat(StorableText.problem("\ud83d\ude00\ud83d")).as("a pair, then a lone high surrogate").contains("U+D83D");
    assertThat(StorableText.problem("\udc00\ud800")).as("a pair in the wrong order").isNotNull();

    assertThat(StorableText.problem("Grüße, 日本, \ud83d\ude00, \u0001, \uffff")).isNull();
    assertThat(StorableText.problem("")).isNull();
    assertThat(StorableText.problem(null)).isNull();
  }
}
