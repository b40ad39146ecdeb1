package io.changegate.calendar;

import static io.changegate.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.changegate.support.ChangegateIntegrationTest;
import io.changegate.support.Changes;
import io.changegate.support.Http;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A service's release train over real HTTP: who declares it, and the calendar check that enforces it. */
@ChangegateIntegrationTest
class ReleasePolicyApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  private final String service = "train-" + UUID.randomUUID().toString().substring(0, 8);

  private Http.Response put(String user, Object body) throws Exception {
    Http http = Http.as(port, user);
    return http.send(http.request("/api/services/" + service + "/release-policy")
        .header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
  }

  private JsonNode submit(String impact, String plannedStart) {
    Map<String, Object> change = Changes.normal("Release " + impact + " at " + plannedStart);
    change.put("service", service);
    change.put("environment", "staging");
    change.put("impact", impact);
    change.put("plannedStart", plannedStart);
    change.put("plannedEnd", plannedStart.replace(":00:00Z", ":30:00Z"));
    Http.Response created = Http.as(port, "requester").post("/api/changes", change);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json();
  }

  @Test
  void aChangeOfAGovernedRiskClassOutsideTheWeeklyTrainIsBlockedUntilTheNextTrain() throws Exception {
    Map<String, Object> weekly = map("cadence", "WEEKLY", "dayOfWeek", "TUESDAY", "from", "10:00", "to", "12:00",
        "timeZone", "UTC", "riskClasses", List.of("MEDIUM", "HIGH"));
    assertThat(put("requester", weekly).status()).isEqualTo(403);
    Http.Response invalid = put("cab-chair", map("cadence", "SOMETIMES", "from", "25:00"));
    assertThat(invalid.status()).isEqualTo(400);
    Http.Response bad = put("cab-chair", map("cadence", "WEEKLY", "from", "25:00", "to", "09:00", "timeZone",
        "Mars/Olympus", "riskClasses", List.of("EXTREME")));
    List<String> fields = new ArrayList<>();
    bad.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
    assertThat(fields).contains("dayOfWeek", "from", "timeZone", "riskClasses");
    assertThat(Http.as(port, "auditor").get("/api/services/" + service + "/release-policy").json()
        .path("cadence").asText()).isEqualTo("CONTINUOUS");
    Http.Response declared = put("cab-chair", weekly);
    assertThat(declared.status()).as(declared.toString()).isEqualTo(200);

    // 2031-01-08 is a Wednesday: outside the train, blocked until Tuesday 2031-01-14 10:00 UTC
    JsonNode wednesday = submit("MEDIUM", "2031-01-08T10:00:00Z");
    JsonNode conflict = wednesday.path("conflicts").get(0);
    assertThat(conflict.path("type").asText()).isEqualTo("OUTSIDE_RELEASE_TRAIN");
    assertThat(conflict.path("blocking").asBoolean()).isTrue();
    assertThat(conflict.path("end").asText()).isEqualTo("2031-01-14T10:00:00Z");
    // on the train: clear; a LOW-risk change does not ride it
    assertThat(submit("MEDIUM", "2031-01-07T10:00:00Z").path("conflicts").findValuesAsText("type"))
        .doesNotContain("OUTSIDE_RELEASE_TRAIN");
    assertThat(submit("LOW", "2031-01-08T10:00:00Z").path("conflicts").findValuesAsText("type"))
        .doesNotContain("OUTSIDE_RELEASE_TRAIN");
  }
}
