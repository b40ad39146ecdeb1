package io.changegate.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextRulesTest {

  @Test
  void nulAndLoneSurrogatesCannotBeStoredEverythingElseCan() {
    assertThat(TextRules.problem("a\u0000b")).contains("NUL");
    assertThat(TextRules.problem("\ud800")).contains("lone UTF-16 surrogate (U+D800)");
    assertThat(TextRules.problem("a\udc00")).contains("U+DC00");
    assertThat(TextRules.problem("\ud83d\ude00\ud83d")).as("a pair, then a lone high surrogate").contains("U+D83D");
    assertThat(TextRules.problem("\udc00\ud800")).as("a pair in the wrong order").isNotNull();

    assertThat(TextRules.problem("Grüße, 日本, \ud83d\ude00, \u0001, \uffff")).isNull();
    assertThat(TextRules.problem("")).isNull();
    assertThat(TextRules.problem(null)).isNull();
  }
}
