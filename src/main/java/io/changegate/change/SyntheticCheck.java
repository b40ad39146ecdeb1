package io.changegate.change;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * An HTTP check run after deployment (a synthetic transaction): the URL must answer with the expected status
 * (default 200), within {@code maxLatencyMs} and, when {@code bodyContains} is given, with a body containing it.
 */
public record SyntheticCheck(
    @NotBlank @Pattern(regexp = "https?://\\S+", message = "must be an http or https URL") String url,
    @Pattern(regexp = "GET|HEAD|POST|PUT|OPTIONS", message = "must be GET, HEAD, POST, PUT or OPTIONS")
    String method,
    @Min(100) @Max(599) Integer expectStatus,
    @Positive Integer maxLatencyMs,
    @Size(max = 500) String bodyContains) {}
