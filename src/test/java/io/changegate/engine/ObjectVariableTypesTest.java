package io.changegate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ObjectVariableTypesTest {

  private final ObjectVariableTypes types = new ObjectVariableTypes();

  @Test
  void textNumbersDatesAndPlainCollectionsAreAllowedWithTheirTypeParameters() {
    assertThat(types.validateTypeName("java.util.ArrayList<java.lang.String>")).isTrue();
    assertThat(types.validateTypeName("java.util.HashMap<java.lang.String, java.util.List<java.lang.Long>>")).isTrue();
    assertThat(types.validateTypeName("java.util.Date")).isTrue();
    assertThat(types.validateTypeName("[Ljava.lang.String;")).isTrue();
    assertThat(types.validateTypeName("java.lang.Integer[]")).isTrue();
    assertThat(types.validateTypeName("[I")).isTrue();
  }

  @Test
  void everythingElseIsRefusedIncludingTheRestOfJavaLangAndTypeParameters() {
    assertThat(types.validateTypeName("java.lang.ProcessBuilder")).isFalse();
    assertThat(types.validateTypeName("java.lang.Runtime")).isFalse();
    assertThat(types.validateTypeName("java.lang.reflect.Method")).isFalse();
    assertThat(types.validateTypeName("java.util.ArrayList<java.net.URL>")).isFalse();
    assertThat(types.validateTypeName("java.util.HashMap<java.lang.String,javax.naming.InitialContext>")).isFalse();
    assertThat(types.validateTypeName("[Lcom.sun.rowset.JdbcRowSetImpl;")).isFalse();
    assertThat(types.validateTypeName("java.util.Properties")).isFalse();
    assertThat(types.validateTypeName("io.changegate.change.Change")).isFalse();
    assertThat(types.validateTypeName(null)).as("a serialized value must name its type").isFalse();
    assertThat(types.validateTypeName(" ")).isFalse();
  }

  @Test
  void operatorsAddClassesAndPackagesThroughTheEngineProperties() {
    types.setAllowedClasses("com.example.Order, com.example.Line");
    types.setAllowedPackages("org.acme.model");

    assertThat(types.validateTypeName("java.util.ArrayList<com.example.Line>")).isTrue();
    assertThat(types.validateTypeName("org.acme.model.Invoice")).isTrue();
    assertThat(types.validateTypeName("org.acme.modelling.Trap")).as("a package, not a prefix").isFalse();
    assertThat(types.validateTypeName("com.example.Other")).isFalse();
  }
}
