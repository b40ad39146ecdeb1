package io.changegate.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.changegate.change.ChangeRepository;
import io.changegate.support.ChangegateIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.support.PersistenceExceptionTranslator;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The repositories get no exception-translation proxy ({@code spring.dao.exceptiontranslation.enabled: false}) because
 * they need none: JdbcClient already throws Spring's {@link DataAccessException}, and nothing in the application
 * translates persistence exceptions. Should a translator appear (JPA, say), this fails and the setting must go.
 */
@ChangegateIntegrationTest
class RepositoryExceptionsTest {

  @Autowired ApplicationContext context;
  @Autowired JdbcClient jdbc;

  @Test
  void nothingTranslatesPersistenceExceptionsAndJdbcClientThrowsSpringsOwn() {
    assertThat(context.getBeanNamesForType(PersistenceExceptionTranslator.class)).isEmpty();
    assertThatThrownBy(() -> jdbc.sql("INSERT INTO changegate_change (id) VALUES (NULL)").update())
        .isInstanceOf(DataAccessException.class);
  }

  @Test
  void aRepositoryWithoutTransactionsIsTheBeanItself() {
    assertThat(context.getBeansWithAnnotation(Repository.class)).isNotEmpty();
    assertThat(AopUtils.isAopProxy(context.getBean(ChangeRepository.class))).isFalse();
  }
}
