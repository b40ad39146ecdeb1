package io.changegate.engine.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.changegate.support.ChangegateIntegrationTest;
import io.changegate.support.Http;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.ContextResolver;
import java.time.LocalDate;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.rest.dto.CountResultDto;
import org.camunda.bpm.engine.rest.hal.Hal;
import org.camunda.bpm.engine.rest.mapper.JacksonConfigurator;
import org.glassfish.jersey.servlet.ServletContainer;
import org.glassfish.jersey.spi.ContextResolvers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.ServletRegistrationBean;

@ChangegateIntegrationTest
class SharedObjectMapperTest {

  @LocalServerPort int port;
  @Autowired @Qualifier("jerseyServletRegistration") ServletRegistrationBean<ServletContainer> engineRest;

  @Test
  void writesAndReadsJsonExactlyAsCamundasConfiguratorDoes() throws Exception {
    ObjectMapper camunda = new JacksonConfigurator().getContext(Object.class);
    ObjectMapper shared = new SharedObjectMapper().getContext(Object.class);
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("date", new Date(1_765_000_000_123L));
    values.put("day", LocalDate.of(2026, 12, 6));
    values.put("text", "ä \u2028 <b>");

    assertThat(shared.writeValueAsString(values)).isEqualTo(camunda.writeValueAsString(values))
        .containsPattern("\"date\":\"2025-12-0[56]T\\d\\d:\\d\\d:40\\.123[+-]\\d{4}\"");
    String unknownProperty = "{\"count\": 3, \"notAField\": true}";
    assertThat(shared.readValue(unknownProperty, CountResultDto.class).getCount()).isEqualTo(3);
  }

  @Test
  void oneMapperServesEveryRequestOfTheEngineRestApi() {
    assertThat(Http.as(port, "admin").get("/engine-rest/version").status()).isEqualTo(200);
    ContextResolvers resolvers = engineRest.getServlet().getApplicationHandler().getInjectionManager()
        .getInstance(ContextResolvers.class);

    for (MediaType type : new MediaType[] {MediaType.APPLICATION_JSON_TYPE, Hal.APPLICATION_HAL_JSON_TYPE}) {
      ContextResolver<ObjectMapper> resolver = resolvers.resolve(ObjectMapper.class, type);
      ObjectMapper first = resolver.getContext(CountResultDto.class);
      assertThat(resolver.getContext(Object.class)).as(type.toString()).isSameAs(first);
    }
  }
}
