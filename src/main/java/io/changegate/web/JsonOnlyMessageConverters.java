package io.changegate.web;

import com.fasterxml.jackson.core.JsonFactory;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.AbstractJackson2HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The API speaks JSON only. Libraries bring Jackson's XML and YAML formats onto the classpath (CycloneDX, the JSON
 * schema validator), and Spring MVC would then read and write those formats too: a change could be submitted as XML
 * or YAML, past every check that {@code security.InputGuard} and {@link StrictJson} make on a JSON body (its size,
 * its text, its types, duplicate keys). Every Jackson converter of another format is removed: such a body answers
 * {@code 415}, such an {@code Accept} {@code 406}, both {@code application/problem+json}.
 */
@Configuration
class JsonOnlyMessageConverters implements WebMvcConfigurer {

  @Override
  public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
    converters.removeIf(JsonOnlyMessageConverters::readsAnotherFormat);
  }

  static boolean readsAnotherFormat(HttpMessageConverter<?> converter) {
    return converter instanceof AbstractJackson2HttpMessageConverter jackson
        && !JsonFactory.FORMAT_NAME_JSON.equals(jackson.getObjectMapper().getFactory().getFormatName());
  }
}
