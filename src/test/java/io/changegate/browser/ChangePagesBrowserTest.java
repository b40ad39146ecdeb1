package io.changegate.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.changegate.support.Browser;
import io.changegate.support.ChangegateIntegrationTest;
import io.changegate.support.Changes;
import io.changegate.support.MailServer;
import io.changegate.support.Reviews;
import io.changegate.support.TasklistPage;
import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Changegate's pages in headless Debian Chromium, as a requester and an approver would use them: the requester logs in
 * with the keyboard, submits a normal change on the page (every field labelled), sees "waiting for" the FMEA
 * worksheet; the approver gets an e-mail with the link, decides in Tasklist (whose form links back to the change page);
 * the requester sees COMPLETED and the timeline. Screenshots of a failure under {@code target/browser/}.
 */
@ChangegateIntegrationTest
class ChangePagesBrowserTest {

  @RegisterExtension static final Browser browser = new Browser();
  @RegisterExtension static final GreenMailExtension mail = MailServer.extension();

  @LocalServerPort int port;
  @Autowired TaskService tasks;

  @Test
  void aRequesterSubmitsOnThePageAndFollowsTheChangeToCompletedWhileTheApproverDecidesInTasklist() {
    WebDriver driver = browser.driver();
    String base = "http://localhost:" + port;
    driver.get(base + "/changes/new");
    await(driver, "the login page", d -> d.getCurrentUrl().endsWith("/login"));
    assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Log in to Changegate");
    logInWithTheKeyboard(driver, "requester");
    await(driver, "the page asked for, after the login", d -> d.getCurrentUrl().contains("/changes/new"));
    driver.findElement(By.linkText("Home")).click();
    await(driver, "the home page", d -> d.findElement(By.tagName("h1")).getText().equals("Hello, requester"));
    driver.findElement(By.linkText("Submit a change")).click();
    await(driver, "the submit form", d -> d.findElement(By.tagName("h1")).getText().equals("Submit a change"));
    List<WebElement> fields = driver.findElements(By.cssSelector("form.change-form input, form.change-form select,"
        + " form.change-form textarea"));
    assertThat(fields).isNotEmpty();
    for (WebElement field : fields) {
      if ("hidden".equals(field.getDomAttribute("type"))) {
        continue;
      }
      String id = field.getDomAttribute("id");
      assertThat(driver.findElements(By.cssSelector("label[for='" + id + "']"))).as("a label for #" + id).hasSize(1);
    }
    assertThat(driver.findElements(By.cssSelector("main h1"))).hasSize(1);
    assertThat(driver.findElements(By.cssSelector("fieldset legend"))).extracting(WebElement::getText)
        .contains("What", "Risk and timing");

    String title = "Browser page change " + System.nanoTime() % 100000;
    type(driver, "title", title);
    type(driver, "service", "payments-api");
    type(driver, "environment", "staging");
    type(driver, "artifactName", "payments-api");
    type(driver, "artifactVersion", "3.1.0");
    type(driver, "artifactDigest", Changes.newDigest());
    new Select(driver.findElement(By.id("impact"))).selectByVisibleText("MEDIUM");
    driver.findElement(By.id("securityRelevant")).sendKeys(Keys.SPACE); // security signs off besides staging's owner
    type(driver, "rollbackPlan", "Redeploy 3.0.9");
    driver.findElement(By.cssSelector("form.change-form button[type=submit]")).click();

    await(driver, "the change page", d -> d.getCurrentUrl().matches(".*/changes/CHG-\\d+"));
    String id = driver.getCurrentUrl().replaceAll(".*/changes/", "");
    assertThat(driver.findElement(By.tagName("h1")).getText()).startsWith(id).contains(title);
    await(driver, "waiting for the FMEA worksheet", d -> {
      d.navigate().refresh();
      return d.findElement(By.id("waiting-for")).getText().contains("Fill in the FMEA worksheet");
    });
    WebElement taskLink = driver.findElement(By.partialLinkText("Fill in the FMEA worksheet"));
    assertThat(taskLink.getDomAttribute("href")).startsWith("/camunda/app/tasklist/default/#/?task=");

    Reviews reviews = new Reviews(port, tasks);
    reviews.passFmea(id, "requester", Reviews.lowRiskWorksheet());
    // security (asked for on the form) and operations (the owner of staging in the environment catalog) sign off;
    // operations signs over REST, security in Tasklist
    java.util.List<Task> round = io.changegate.support.Await.until(java.time.Duration.ofSeconds(30),
        () -> tasks.createTaskQuery().processInstanceBusinessKey(id).taskDefinitionKey(Reviews.SIGN_OFF).list(),
        l -> l.size() == 2, "the sign-offs of " + id);
    Task signOff = round.stream().filter(t -> t.getName().equals("Sign off (security)")).findFirst().orElseThrow();
    Task owner = round.stream().filter(t -> t.getName().equals("Sign off (operations)")).findFirst().orElseThrow();
    assertThat(reviews.complete("ops-engineer", owner.getId(), Reviews.decision("APPROVE", null)).status())
        .isEqualTo(204);
    MailServer.Mail asked = MailServer.await(mail, "security-officer@changegate.local", id);
    assertThat(asked.text()).contains("/changes/" + id).contains("task=" + signOff.getId());

    TasklistPage tasklist = TasklistPage.open(driver, port).logIn("security-officer").selectFilter("My group's tasks");
    assertThat(tasklist.openTask("Sign off (security)", id)).isEqualTo(signOff.getId());
    assertThat(tasklist.formText()).contains("Open the change page of " + id);
    assertThat(driver.findElement(By.linkText("Open the change page of " + id)).getDomAttribute("href"))
        .isEqualTo("/changes/" + id);
    tasklist.claim().chooseOption("Your decision", "Approve").fill("Comment", "Looks safe").complete();

    // the approver's Tasklist login took this browser's session: the requester logs in again
    driver.get(base + "/changes/" + id);
    await(driver, "the login page", d -> d.getCurrentUrl().endsWith("/login"));
    logInWithTheKeyboard(driver, "requester");
    await(driver, "the change page after the login", d -> d.getCurrentUrl().contains("/changes/" + id));
    await(driver, id + " COMPLETED on its page", d -> {
      d.navigate().refresh();
      return d.findElement(By.id("status")).getText().equals("COMPLETED");
    });
    String timeline = driver.findElement(By.id("timeline")).getText();
    assertThat(timeline).contains("SUBMITTED", "FMEA_ASSESSED", "DECISION", "APPROVED", "DEPLOYED", "COMPLETED");
    assertThat(driver.findElement(By.id("waiting-for")).getText()).contains("Nothing: the change is COMPLETED");
    browser.saveEvidence("change-page-completed");
  }

  @Test
  void anAuditorFiltersTheDeliveryPageAndSeesItsChartsDrawnWithoutAnyScript() {
    WebDriver driver = browser.driver();
    driver.manage().deleteAllCookies();
    String base = "http://localhost:" + port;
    driver.get(base + "/delivery");
    await(driver, "the login page", d -> d.getCurrentUrl().endsWith("/login"));
    logInWithTheKeyboard(driver, "auditor");
    await(driver, "the delivery page", d -> d.findElement(By.tagName("h1")).getText().equals("Delivery performance"));
    assertThat(driver.findElement(By.linkText("Delivery")).getDomAttribute("aria-current")).isEqualTo("page");
    type(driver, "service", "payments-api");
    type(driver, "environment", "staging");
    driver.findElement(By.id("environment")).sendKeys(Keys.ENTER);
    await(driver, "the filtered page", d -> d.getCurrentUrl().contains("service=payments-api")
        && d.getCurrentUrl().contains("environment=staging"));
    List<WebElement> charts = driver.findElements(By.cssSelector("svg[role=img]"));
    assertThat(charts).hasSize(6);
    for (WebElement chart : charts) {
      assertThat(chart.getSize().getWidth()).as("a chart is drawn").isGreaterThan(200);
      assertThat(chart.getDomAttribute("aria-labelledby")).isNotBlank();
    }
    assertThat(driver.findElement(By.partialLinkText("dora.xlsx")).getDomAttribute("href"))
        .contains("service=payments-api", "environment=staging");
    browser.saveEvidence("delivery-page");
  }

  /** The user id field has the focus; Tab leads to the password; Enter sends the form. */
  private static void logInWithTheKeyboard(WebDriver driver, String user) {
    await(driver, "the focus on the user id", d -> "username".equals(d.switchTo().activeElement().getDomAttribute("id")));
    driver.switchTo().activeElement().sendKeys(user, Keys.TAB);
    await(driver, "Tab to lead to the password", d -> "password".equals(d.switchTo().activeElement()
        .getDomAttribute("id")));
    driver.switchTo().activeElement().sendKeys(user);
    await(driver, "the password typed", d -> user.equals(d.findElement(By.id("password")).getDomProperty("value")));
    driver.switchTo().activeElement().sendKeys(Keys.ENTER);
  }

  private static void type(WebDriver driver, String id, String text) {
    WebElement field = driver.findElement(By.id(id));
    field.clear();
    field.sendKeys(text);
  }

  private static void await(WebDriver driver, String what, java.util.function.Function<WebDriver, Boolean> until) {
    new WebDriverWait(driver, Duration.ofSeconds(60)).withMessage(what).until(until::apply);
  }
}
