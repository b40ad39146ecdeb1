package io.changegate.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document of {@code /api} at {@code /v3/api-docs} (Swagger UI at {@code /swagger-ui.html}), generated
 * from the controllers by springdoc so it cannot drift from the code; {@code docs/api.md} says what it does not
 * (statuses, timeline events, metrics).
 */
@Configuration
class ApiReferenceConfiguration {

  @Bean
  OpenAPI changegateApi() {
    return new OpenAPI()
        .info(new Info().title("Changegate API").version("1")
            .description("Release and change governance: submit and follow changes, keep the change calendar, "
                + "upload FMEA worksheets, receive Alertmanager webhooks. Errors are application/problem+json with "
                + "field details. See docs/api.md in the repository for statuses and timeline events.")
            .license(new License().name("Apache-2.0")))
        .components(new Components()
            .addSecuritySchemes("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                .description("A Changegate user (the same identities as Tasklist and Cockpit)"))
            .addSecuritySchemes("webhook", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .description("POST /api/alerts only: the Alertmanager webhook's own secret")))
        .addSecurityItem(new SecurityRequirement().addList("basic"));
  }
}
