package io.changegate.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The real Camunda 7.24 Tasklist ({@code /camunda/app/tasklist/}) as a person uses it: log in, pick a filter,
 * open a task from the list, read its Camunda Form (form-js), claim it, fill it in and complete it.
 *
 * <p>Every step waits explicitly (WebDriverWait) for what the AngularJS app renders, with generous timeouts
 * for a loaded machine, and a timeout says what was on screen. Fields are found by their label as the form
 * shows it ({@code forms/*.form}), tasks by their name and, optionally, by the change id the seeded filters
 * show on each card.
 *
 * <p>Tasklist behaviour worth knowing: an unclaimed task's form is disabled ({@code .disabled-form}) and its
 * Complete button too, so {@link #claim()} first; the filter "My group's tasks" holds only unassigned tasks,
 * so a claimed task drops out of that list while it stays open on the right; a form-js validation error or an
 * engine refusal (a task listener's {@code GovernanceRefusal}) leaves the task open, the refusal as a red
 * notification that covers the Complete button until it is dismissed.
 */
public final class TasklistPage {

  /** A task as its card in the list shows it: id, name, and the filter's variables (label → value). */
  public record TaskCard(String id, String name, Map<String, String> variables) {}

  private static final Pattern TASK_ID = Pattern.compile("[?&]task=([^&]+)");

  private static final By USERNAME = By.cssSelector("form[name='signinForm'] input[ng-model='username']");
  private static final By PASSWORD = By.cssSelector("form[name='signinForm'] input[ng-model='password']");
  private static final By LOG_IN = By.cssSelector("form[name='signinForm'] button[type='submit']");
  private static final By LOGIN_ERROR = By.cssSelector("form[name='signinForm'] .alert-danger, .page-notifications .alert-danger");
  private static final By FILTERS = By.cssSelector(".task-filter");
  private static final By FILTER_NAME = By.cssSelector("h4.name a");
  private static final By TASK_CARDS = By.cssSelector("[cam-tasks] ol.tasks-list > li.task");
  private static final By CARD_LINK = By.cssSelector("h4.task a");
  private static final By CARD_VARIABLE = By.cssSelector(".variable-item");
  private static final By TASK_FORM = By.cssSelector("[cam-tasklist-form]");
  private static final By DISABLED_FORM = By.cssSelector("[cam-tasklist-form] .disabled-form");
  private static final By FORM_JS = By.cssSelector("[cam-tasklist-form] form.fjs-form");
  private static final By CLAIM = By.cssSelector("button.claim");
  private static final By COMPLETE = By.cssSelector("[cam-tasklist-form] .form-actions button[ng-click='complete()']");
  private static final By SAVE = By.cssSelector("[cam-tasklist-form] .form-actions button[ng-click^='save(']");
  private static final By FIELD_ERRORS = By.cssSelector("[cam-tasklist-form] .fjs-form-field-error");
  private static final By ERROR_NOTIFICATIONS = By.cssSelector(".page-notifications .alert-danger");
  private static final By NOTIFICATIONS = By.cssSelector(".page-notifications .alert");
  private static final By CLOSE_NOTIFICATION = By.cssSelector(".page-notifications button[ng-click^='removeNotification']");

  private final WebDriver driver;
  private final String baseUrl;
  private final WebDriverWait wait;
  private final Duration timeout;

  private TasklistPage(WebDriver driver, String baseUrl, Duration timeout) {
    this.driver = driver;
    this.baseUrl = baseUrl;
    this.timeout = timeout;
    this.wait = new WebDriverWait(driver, timeout, Duration.ofMillis(100));
    this.wait.ignoring(StaleElementReferenceException.class).ignoring(NoSuchElementException.class);
  }

  /** Opens Tasklist's login page on {@code http://localhost:port}, with 60 s per step. */
  public static TasklistPage open(WebDriver driver, int port) {
    return open(driver, "http://localhost:" + port, Duration.ofSeconds(60));
  }

  public static TasklistPage open(WebDriver driver, String baseUrl, Duration timeout) {
    TasklistPage page = new TasklistPage(driver, baseUrl, timeout);
    driver.get(baseUrl + "/camunda/app/tasklist/");
    page.await("the login form or the task list", d -> !d.findElements(USERNAME).isEmpty()
        || !d.findElements(FILTERS).isEmpty());
    return page;
  }

  /** Logs in as a demo user (password = user id). */
  public TasklistPage logIn(String demoUser) {
    return logIn(demoUser, demoUser);
  }

  /** Logs in with the webapp's form and waits for the filters; a refused login fails with its message. */
  public TasklistPage logIn(String user, String password) {
    // the login page may re-render (autofocus) while typing: type until both fields hold what was typed
    await("the login form to take " + user + "'s credentials", d -> {
      WebElement name = d.findElement(USERNAME);
      name.clear();
      name.sendKeys(user);
      WebElement secret = d.findElement(PASSWORD);
      secret.clear();
      secret.sendKeys(password);
      return user.equals(name.getDomProperty("value")) && password.equals(secret.getDomProperty("value"));
    });
    click(driver.findElement(LOG_IN));
    await("the task filters after logging in as " + user, d -> {
      List<WebElement> error = d.findElements(LOGIN_ERROR);
      if (!error.isEmpty() && error.get(0).isDisplayed()) {
        throw new AssertionError("Tasklist refused the login of " + user + ": " + error.get(0).getText());
      }
      return d.findElements(FILTERS).stream().anyMatch(WebElement::isDisplayed);
    });
    return this;
  }

  /** The names of the filters in the left column, in their order. */
  public List<String> filterNames() {
    return driver.findElements(FILTERS).stream().map(TasklistPage::filterName).toList();
  }

  /** Picks a filter by its name and waits until it is the active one. */
  public TasklistPage selectFilter(String name) {
    await("the filter \"" + name + "\"", d -> {
      WebElement filter = filter(name);
      if (filter != null && !isActive(filter)) {
        click(filter.findElement(FILTER_NAME));
      }
      return filter != null;
    }, () -> "filters: " + filterNames());
    await("the filter \"" + name + "\" to be active", d -> isActive(filter(name)));
    return this;
  }

  /** The cards of the list as rendered now (the first page of the selected filter). */
  public List<TaskCard> taskList() {
    return await("the task list", d -> {
      List<TaskCard> cards = new ArrayList<>();
      for (WebElement card : d.findElements(TASK_CARDS)) {
        cards.add(card(card));
      }
      return cards;
    });
  }

  /** Opens the first task of that name in the list; returns its task id. */
  public String openTask(String taskName) {
    return openTask(taskName, null);
  }

  /**
   * Opens the task of that name whose card shows this change id (the seeded filters show {@code changeId} as
   * "Change"), waits until its form is rendered; returns the task id.
   */
  public String openTask(String taskName, String changeId) {
    String what = "task \"" + taskName + "\"" + (changeId == null ? "" : " of " + changeId);
    String previousTaskId = currentTaskId();
    WebElement previousForm = driver.findElements(FORM_JS).stream().findFirst().orElse(null);
    String taskId = await(what + " in the list", d -> {
      for (WebElement card : d.findElements(TASK_CARDS)) {
        TaskCard seen = card(card);
        if (seen.name().equals(taskName) && (changeId == null || changeId.equals(seen.variables().get("changeId")))) {
          click(card.findElement(CARD_LINK));
          return seen.id();
        }
      }
      return null;
    }, () -> "cards: " + safeTaskList());
    await("the task " + taskId + " to open", d -> taskId.equals(currentTaskId()));
    if (previousForm != null && !taskId.equals(previousTaskId)) {
      await("the previous form to go", d -> isStale(previousForm));
    }
    await("the form of " + what, d -> d.findElement(FORM_JS).isDisplayed());
    return taskId;
  }

  /** The id of the task open on the right, from the address ({@code ?task=}), or null. */
  public String currentTaskId() {
    Matcher matcher = TASK_ID.matcher(driver.getCurrentUrl());
    return matcher.find() ? matcher.group(1) : null;
  }

  /** Claims the open task (if nobody has) and waits until its form is enabled. */
  public TasklistPage claim() {
    driver.findElements(CLAIM).stream().filter(WebElement::isDisplayed).findFirst().ifPresent(this::click);
    await("the claimed task's form to be enabled", d -> {
      failOnErrorNotification("claiming the task");
      return d.findElements(CLAIM).stream().noneMatch(WebElement::isDisplayed) && d.findElements(DISABLED_FORM).isEmpty()
          && !d.findElements(FORM_JS).isEmpty();
    });
    return this;
  }

  /** The form's visible text: headings, text blocks, labels and descriptions (not the values of inputs). */
  public String formText() {
    return await("the form", d -> d.findElement(FORM_JS).getText());
  }

  /** Every labelled input, textarea and select of the form with its current value (label → value). */
  @SuppressWarnings("unchecked")
  public Map<String, String> formValues() {
    Object values = ((JavascriptExecutor) driver).executeScript("""
        const values = {};
        document.querySelectorAll('[cam-tasklist-form] form.fjs-form label[for]').forEach(label => {
          const control = document.getElementById(label.getAttribute('for'));
          if (control && control.type !== 'radio' && control.type !== 'checkbox' && 'value' in control) {
            values[label.firstChild ? label.firstChild.textContent.trim() : label.textContent.trim()] = control.value;
          }
        });
        return values;""");
    return new LinkedHashMap<>((Map<String, String>) values);
  }

  /** The value of a text field, textarea or select by its label. */
  public String fieldValue(String label) {
    return await("the field \"" + label + "\"", d -> control(label).getDomProperty("value"));
  }

  /** Chooses a radio option by the field's label and the option's label; waits until it is checked. */
  public TasklistPage chooseOption(String fieldLabel, String optionLabel) {
    By option = By.xpath(field(fieldLabel) + "//label[normalize-space(text())=" + literal(optionLabel)
        + "]/input[@type='radio']");
    await("option \"" + optionLabel + "\" of \"" + fieldLabel + "\"", d -> {
      WebElement radio = d.findElement(option);
      if (!radio.isEnabled()) {
        throw new AssertionError("\"" + fieldLabel + "\" is disabled: claim the task first");
      }
      if (!radio.isSelected()) {
        click(radio);
      }
      return radio.isSelected();
    });
    return this;
  }

  /** Types into a text field or textarea found by its label (replacing what was there). */
  public TasklistPage fill(String fieldLabel, String text) {
    await("\"" + fieldLabel + "\" to take the text", d -> {
      WebElement control = control(fieldLabel);
      if (!control.isEnabled() || control.getDomAttribute("readonly") != null) {
        throw new AssertionError("\"" + fieldLabel + "\" is read-only or disabled (claim the task first?)");
      }
      scrollToCenter(control);
      control.clear();
      control.sendKeys(text);
      return text.equals(control.getDomProperty("value"));
    });
    return this;
  }

  /**
   * Clicks Save and waits until the form is no longer dirty. Needed after editing a dynamic list, where
   * Tasklist keeps Complete disabled until the form is saved; radios and text fields do not need it.
   */
  public TasklistPage save() {
    await("Save to be enabled", d -> d.findElement(SAVE).isEnabled());
    long[] lastClick = {0};
    // a click that lands while form-js re-renders the list is lost: click again until the form is saved
    await("the form to be saved", d -> {
      failOnErrorNotification("saving the form");
      WebElement save = d.findElement(SAVE);
      if (!save.isEnabled()) {
        return true;
      }
      if (System.currentTimeMillis() - lastClick[0] > 3000) {
        click(save);
        lastClick[0] = System.currentTimeMillis();
      }
      return false;
    });
    return this;
  }

  /**
   * Clicks Complete and waits until the task has left the list and the form has closed. A form-js validation
   * error or an engine refusal fails at once with its text.
   */
  public void complete() {
    String taskId = currentTaskId();
    failOnErrorNotification("completing the task");
    await("Complete to be enabled (claimed? a dynamic list edited without Save?)",
        d -> d.findElement(COMPLETE).isEnabled());
    click(driver.findElement(COMPLETE));
    await("task " + taskId + " to be completed", d -> {
      List<String> invalid = d.findElements(FIELD_ERRORS).stream().map(e -> e.getText().replaceAll("\\s+", " "))
          .filter(t -> !t.isBlank()).toList();
      if (!invalid.isEmpty()) {
        throw new AssertionError("The form refused to submit: " + invalid + " " + notifications());
      }
      failOnErrorNotification("completing task " + taskId);
      return !Objects.equals(taskId, currentTaskId()) && d.findElements(TASK_FORM).isEmpty();
    });
    waitUntilTaskLeftList(taskId);
  }

  /**
   * Clicks Complete once it is enabled and returns as soon as Tasklist has taken it (the button is busy or the
   * form closed); an engine refusal or form error shown within that time fails. For forms after which Tasklist
   * does not close the task view (seen with a dynamic list), read the completion from the engine.
   */
  public void submit() {
    failOnErrorNotification("completing the task");
    await("Complete to be enabled (claimed? a dynamic list edited without Save?)",
        d -> d.findElement(COMPLETE).isEnabled());
    click(driver.findElement(COMPLETE));
    await("Tasklist to take the completion", d -> {
      failOnErrorNotification("completing the task");
      List<WebElement> button = d.findElements(COMPLETE);
      return button.isEmpty() || !button.get(0).isEnabled();
    });
  }

  /** Waits until no card of the list is the task with this id. */
  public TasklistPage waitUntilTaskLeftList(String taskId) {
    await("task " + taskId + " to leave the list", d -> d.findElements(TASK_CARDS).stream()
        .noneMatch(card -> String.valueOf(card.findElement(CARD_LINK).getDomAttribute("href")).contains("task=" + taskId)),
        () -> "cards: " + safeTaskList());
    return this;
  }

  /** The notifications shown now (errors and others), as text. */
  public List<String> notifications() {
    return driver.findElements(NOTIFICATIONS).stream().map(n -> n.getText().replace("×", "").replace("Close", "")
        .replaceAll("\\s+", " ").trim()).toList();
  }

  /** Closes every notification (they cover the form's buttons). */
  public TasklistPage dismissNotifications() {
    await("the notifications to close", d -> {
      List<WebElement> close = d.findElements(CLOSE_NOTIFICATION);
      close.stream().filter(WebElement::isDisplayed).findFirst().ifPresent(WebElement::click);
      return d.findElements(NOTIFICATIONS).isEmpty();
    });
    return this;
  }

  // --- internals ------------------------------------------------------------------------------------------

  private WebElement filter(String name) {
    for (WebElement filter : driver.findElements(FILTERS)) {
      if (filterName(filter).equals(name)) {
        return filter;
      }
    }
    return null;
  }

  /** The filter's name without the task counter the active filter shows after it. */
  private static String filterName(WebElement filter) {
    String shown = filter.findElement(FILTER_NAME).getDomProperty("textContent").trim();
    for (WebElement counter : filter.findElements(By.cssSelector(".counter"))) {
      String count = counter.getDomProperty("textContent").trim();
      if (!count.isEmpty() && shown.endsWith(count)) {
        shown = shown.substring(0, shown.length() - count.length()).trim();
      }
    }
    return shown.replaceAll("\\s+", " ");
  }

  private static boolean isActive(WebElement filter) {
    return filter != null && filter.getDomAttribute("class").matches(".*\\bactive\\b.*");
  }

  private static TaskCard card(WebElement card) {
    WebElement link = card.findElement(CARD_LINK);
    Matcher id = TASK_ID.matcher(String.valueOf(link.getDomAttribute("href")));
    Map<String, String> variables = new LinkedHashMap<>();
    for (WebElement variable : card.findElements(CARD_VARIABLE)) {
      // the label shows the filter's label ("Change:"), its tooltip the variable's name ("changeId")
      String name = variable.findElement(By.cssSelector(".variable-label")).getDomAttribute("uib-tooltip");
      List<WebElement> value = variable.findElements(By.cssSelector(".variable-value"));
      variables.put(name, value.isEmpty() ? null : value.get(0).getDomProperty("textContent").trim());
    }
    return new TaskCard(id.find() ? id.group(1) : null, link.getDomProperty("textContent").trim(), variables);
  }

  /** XPath of the form-js field whose own label (the first, without the required asterisk) is this one. */
  private static String field(String label) {
    return "//*[@cam-tasklist-form]//form[contains(@class,'fjs-form')]//div[contains(@class,'fjs-form-field')]"
        + "[label[1][normalize-space(text())=" + literal(label) + "]]";
  }

  private WebElement control(String label) {
    WebElement labelElement = driver.findElement(By.xpath(field(label) + "/label[1]"));
    return driver.findElement(By.id(labelElement.getDomAttribute("for")));
  }

  /**
   * Clicks after scrolling the element to the middle of its scroll pane: WebDriver scrolls it only to the
   * pane's edge, where Tasklist's fixed footer covers it ("element click intercepted").
   */
  private void click(WebElement element) {
    scrollToCenter(element);
    element.click();
  }

  private void scrollToCenter(WebElement element) {
    ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center', inline: 'nearest'});",
        element);
  }

  private void failOnErrorNotification(String doing) {
    List<WebElement> errors = driver.findElements(ERROR_NOTIFICATIONS);
    if (!errors.isEmpty()) {
      throw new AssertionError("Tasklist showed an error while " + doing + ": " + notifications());
    }
  }

  private static boolean isStale(WebElement element) {
    try {
      element.isEnabled();
      return false;
    } catch (StaleElementReferenceException e) {
      return true;
    }
  }

  private static String literal(String text) {
    if (!text.contains("'")) {
      return "'" + text + "'";
    }
    return "concat('" + text.replace("'", "', \"'\", '") + "')";
  }

  private String safeTaskList() {
    try {
      List<TaskCard> cards = new ArrayList<>();
      for (WebElement card : driver.findElements(TASK_CARDS)) {
        cards.add(card(card));
      }
      return cards.toString();
    } catch (RuntimeException e) {
      return "?";
    }
  }

  private <T> T await(String what, java.util.function.Function<WebDriver, T> condition) {
    return await(what, condition, () -> "");
  }

  private <T> T await(String what, java.util.function.Function<WebDriver, T> condition,
      java.util.function.Supplier<String> seen) {
    try {
      return wait.withMessage(() -> "waiting " + timeout.toSeconds() + " s for " + what + " at " + driver.getCurrentUrl()
          + " " + seen.get() + " notifications: " + notifications()).until(condition);
    } catch (TimeoutException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }
}
