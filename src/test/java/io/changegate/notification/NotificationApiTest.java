package io.changegate.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.changegate.support.Await;
import io.changegate.support.ChangegateIntegrationTest;
import io.changegate.support.Changes;
import io.changegate.support.Http;
import io.changegate.support.MailServer;
import io.changegate.support.PageSession;
import io.changegate.support.Reviews;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Notifications reach real servers: e-mail through a real SMTP server in the test (GreenMail), chat posts to a
 * webhook stub (WireMock). A task's groups are told when it is created, the requester at the outcome with the reason;
 * each message once, a failed chat post retried; a user who opted out gets no e-mail.
 */
@ChangegateIntegrationTest
class NotificationApiTest {

  static final int CHAT_PORT = 29526;
  static final String HOOK = "/hooks/changegate";
  static final String FLAKY = "flaky-" + System.nanoTime();

  @RegisterExtension static final GreenMailExtension mail = MailServer.extension();
  static WireMockServer chat;

  @LocalServerPort int port;
  @Autowired TaskService tasks;
  @Autowired NotificationOutbox outbox;
  @Autowired Notifier notifier;

  @BeforeAll
  static void startChat() {
    chat = new WireMockServer(options().port(CHAT_PORT).bindAddress("127.0.0.1"));
    chat.start();
    chat.stubFor(post(urlEqualTo(HOOK)).willReturn(aResponse().withStatus(200).withBody("ok")));
    // a message marked "flaky" is refused once (500), then accepted: the dispatcher tries again
    chat.stubFor(post(urlEqualTo(HOOK)).withRequestBody(containing(FLAKY)).atPriority(1).inScenario("flaky")
        .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(500)).willSetStateTo("up"));
  }

  @AfterAll
  static void stopChat() {
    chat.stop();
  }

  @Test
  void theGroupsOfATaskAndTheRequesterAtTheOutcomeAreToldOnceByMailAndChat() {
    String title = "Notified change " + System.nanoTime() % 100000;
    Map<String, Object> request = new LinkedHashMap<>(Changes.normal(title));
    request.put("environment", "staging");
    request.put("securityRelevant", true); // the security group alone signs off
    Http.Response created = Http.as(port, "requester").post("/api/changes", request);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String id = created.json().path("id").asText();

    MailServer.Mail fmea = MailServer.await(mail, "requester@changegate.local", "Fill in the FMEA worksheet: " + id);
    assertThat(fmea.text()).contains("http://changegate.test/changes/" + id)
        .contains("http://changegate.test/camunda/app/tasklist/default/#/?task=");

    Reviews reviews = new Reviews(port, tasks);
    reviews.passFmea(id, "requester", Reviews.lowRiskWorksheet());
    // security (asked for) and operations (staging's owner in the environment catalog) are asked to sign off
    Task signOff = Await.until(Duration.ofSeconds(30), () -> tasks.createTaskQuery().processInstanceBusinessKey(id)
        .taskDefinitionKey(Reviews.SIGN_OFF).list(), l -> l.size() == 2, "the sign-offs of " + id).stream()
        .filter(t -> t.getName().equals("Sign off (security)")).findFirst().orElseThrow();
    MailServer.Mail asked = MailServer.await(mail, "security-officer@changegate.local", id);
    assertThat(asked.subject()).contains("Sign off");
    assertThat(asked.text()).contains("http://changegate.test/changes/" + id).contains("task=" + signOff.getId());
    Await.until(Duration.ofSeconds(30), () -> chat.findAll(postRequestedFor(urlEqualTo(HOOK))
        .withRequestBody(containing(id)).withRequestBody(containing("(for security)"))).size(), n -> n == 1,
        "the chat post of the sign-off to the security group");

    Http.Response rejected = reviews.complete("security-officer", signOff.getId(),
        Reviews.decision("REJECT", "No threat model for the new endpoint"));
    assertThat(rejected.status()).as(rejected.toString()).isEqualTo(204);
    MailServer.Mail outcome = MailServer.await(mail, "requester@changegate.local", id + " " + title + " was rejected");
    assertThat(outcome.text()).contains("No threat model for the new endpoint").contains("/changes/" + id);

    Await.until(Duration.ofSeconds(5), () -> outbox.ofChange(id).stream()
        .filter(m -> m.channel().equals(Channel.CHAT)).count(), n -> n >= 1, "the chat messages queued");
    new NotificationAwait(outbox).allSent(id);
    long chatMessages = outbox.ofChange(id).stream().filter(m -> m.channel().equals(Channel.CHAT)).count();
    assertThat(chat.findAll(postRequestedFor(urlEqualTo(HOOK)).withRequestBody(containing(id))))
        .as("each chat message posted once").hasSize((int) chatMessages);
    assertThat(MailServer.count(mail, "requester@changegate.local", id + " " + title + " was rejected"))
        .as("told once").isEqualTo(1);
    assertThat(MailServer.count(mail, "requester@changegate.local", "Sign off"))
        .as("the requester is not asked to sign off").isZero();
  }

  @Test
  void aChatPostTheChatRefusedIsSentAgainAndThenNeverTwice() throws InterruptedException {
    notifier.toGroups("test:" + FLAKY, null, java.util.List.of("operations"), "Escalation " + FLAKY, "body");
    Await.until(Duration.ofSeconds(30), () -> chat.findAll(postRequestedFor(urlEqualTo(HOOK))
        .withRequestBody(containing(FLAKY))).size(), n -> n == 2, "the refused post, then its retry");
    Thread.sleep(2_000); // rounds run every 0.5 s: a sent message is not posted again
    assertThat(chat.findAll(postRequestedFor(urlEqualTo(HOOK)).withRequestBody(containing(FLAKY)))).hasSize(2);
  }

  @Test
  void aUserWhoOptedOutGetsNoMail() {
    PageSession requester = new PageSession(port).logIn("requester");
    assertThat(requester.get("/me/notifications").body()).contains("<label for=\"email\">Send me e-mail</label>");
    requester.post("/me/notifications", Map.of());
    try {
      String id = Http.as(port, "requester").post("/api/changes", Changes.normal("Quiet " + System.nanoTime() % 1000))
          .json().path("id").asText();
      new NotificationAwait(outbox).allSent(id);
      assertThat(outbox.ofChange(id)).extracting(NotificationOutbox.Queued::channel).contains(Channel.LOG)
          .doesNotContain(Channel.EMAIL);
      assertThat(MailServer.received(mail)).noneMatch(m -> m.subject().contains(id));
    } finally {
      requester.post("/me/notifications", Map.of("email", "true"));
    }
  }

  /** Waits until the outbox has messages for the change and has sent all of them. */
  record NotificationAwait(NotificationOutbox outbox) {
    void allSent(String changeId) {
      Await.until(Duration.ofSeconds(60), () -> outbox.pending(changeId), n -> n == 0,
          "every notification of " + changeId + " sent");
    }
  }
}
