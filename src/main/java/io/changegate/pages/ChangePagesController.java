package io.changegate.pages;

import io.changegate.change.Change;
import io.changegate.change.ChangeQuery;
import io.changegate.change.ChangeService;
import io.changegate.change.ChangeStatus;
import io.changegate.dossier.ChangeDossiers;
import io.changegate.dossier.ChangeView;
import io.changegate.engine.GovernanceRefusal;
import io.changegate.risk.FmeaService;
import io.changegate.rollback.EvidenceService;
import io.changegate.rollback.RollbackRequestService;
import io.changegate.web.FieldError;
import io.changegate.web.InvalidRequestException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The pages of changes: one change ({@code /changes/{id}}: where it is, what it waits for, its whole dossier), the
 * search ({@code /changes?q=}), submitting a change ({@code /changes/new}) and the actions on one change (cancel,
 * request a rollback) for the roles allowed. Each action calls the service the API calls, with the same rules.
 */
@Controller
class ChangePagesController {

  private static final int PAGE = 200;

  private final ChangeService changes;
  private final ChangeDossiers dossiers;
  private final FmeaService fmea;
  private final EvidenceService evidence;
  private final RollbackRequestService rollbacks;
  private final Worklists worklists;
  private final AmendTasks amendTasks;

  ChangePagesController(ChangeService changes, ChangeDossiers dossiers, FmeaService fmea, EvidenceService evidence,
      RollbackRequestService rollbacks, Worklists worklists, AmendTasks amendTasks) {
    this.amendTasks = amendTasks;
    this.changes = changes;
    this.dossiers = dossiers;
    this.fmea = fmea;
    this.evidence = evidence;
    this.rollbacks = rollbacks;
    this.worklists = worklists;
  }

  @GetMapping("/changes/{id}")
  String change(@PathVariable String id, @ModelAttribute("viewer") Viewer viewer, Model model) {
    ChangeView change = dossiers.of(id);
    model.addAttribute("change", change);
    model.addAttribute("fmea", fmea.worksheet(id));
    model.addAttribute("evidence", viewer.maySeeEvidence() ? evidence.evidenceOf(id) : List.of());
    model.addAttribute("mayCancel", !change.status().isFinal()
        && (viewer.id().equals(change.requester()) || viewer.in("operations", "cab", "camunda-admin")));
    model.addAttribute("mayRollBack", viewer.mayOperate()
        && List.of(ChangeStatus.DEPLOYING, ChangeStatus.VALIDATING, ChangeStatus.COMPLETED).contains(change.status()));
    model.addAttribute("links", new LinkHelper());
    if (!model.containsAttribute("amendForm")) {
      boolean mayAmend = amendTasks.openFor(id, change.requester(), viewer).isPresent();
      model.addAttribute("amendForm", mayAmend ? AmendForm.of(change.description(), change.rollbackPlan(),
          change.runbook()) : null);
      model.addAttribute("amendErrors", Map.of());
    }
    return "pages/change";
  }

  /**
   * The requester (or the service account's owner) amends a change sent back to them on its page: validated as
   * Tasklist's completion is, every error next to its field and nothing stored; then its rework task is completed
   * through the engine as they would in Tasklist. Anyone else is refused (403) and nothing changes.
   */
  @PostMapping("/changes/{id}/amend")
  String amend(@PathVariable String id, @ModelAttribute("amendForm") AmendForm form,
      @ModelAttribute("viewer") Viewer viewer, Model model, RedirectAttributes flash) {
    Change change = changes.get(id);
    var task = amendTasks.openFor(id, change.requester(), viewer).orElseThrow(() -> new AccessDeniedException(
        "Only " + change.requester() + ", who requested " + id + ", amends it, and only when it was sent back"));
    List<FieldError> errors = new ArrayList<>();
    try {
      changes.validateAmendment(form.getDescription(), form.getRollbackPlan(), form.runbook());
      amendTasks.complete(task, viewer, form);
    } catch (InvalidRequestException invalid) {
      errors.addAll(invalid.errors());
    } catch (GovernanceRefusal refused) {
      errors.add(new FieldError(null, refused.getMessage()));
    }
    if (!errors.isEmpty()) {
      model.addAttribute("amendErrors", AmendForm.byField(errors));
      return change(id, viewer, model);
    }
    flash.addFlashAttribute("message", id + " is amended and goes back to its review.");
    return "redirect:/changes/" + id;
  }

  @GetMapping("/changes")
  String search(@RequestParam(required = false) String q, @RequestParam(required = false) String service,
      @RequestParam(required = false) String environment, @RequestParam(required = false) String status,
      @RequestParam(required = false) String requester, @RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @ModelAttribute("viewer") Viewer viewer, Model model) {
    List<FieldError> errors = new ArrayList<>();
    ChangeStatus wanted = null;
    if (present(status)) {
      try {
        wanted = ChangeStatus.valueOf(status);
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError("status", "unknown status"));
      }
    }
    ZoneId zone = viewer.zone();
    var fromInstant = day(from, "from", zone, errors, 0);
    var toInstant = day(to, "to", zone, errors, 1);
    model.addAttribute("q", q);
    model.addAttribute("service", service);
    model.addAttribute("environment", environment);
    model.addAttribute("status", status);
    model.addAttribute("requester", requester);
    model.addAttribute("from", from);
    model.addAttribute("to", to);
    model.addAttribute("statuses", ChangeStatus.values());
    model.addAttribute("errors", SubmitForm.byField(errors));
    List<Change> found = errors.isEmpty() ? changes.search(new ChangeQuery(trim(q), trim(service), trim(environment),
        wanted, trim(requester), fromInstant, toInstant, PAGE)) : List.of();
    model.addAttribute("found", found);
    model.addAttribute("limit", PAGE);
    return "pages/search";
  }

  @GetMapping("/changes/new")
  String newChange(Model model) {
    model.addAttribute("form", new SubmitForm());
    model.addAttribute("errors", Map.of());
    return "pages/submit";
  }

  @PostMapping("/changes/new")
  String submit(@ModelAttribute("form") SubmitForm form, Authentication user, @ModelAttribute("viewer") Viewer viewer,
      Model model) {
    var request = form.toRequest(viewer.zone());
    List<FieldError> errors = new ArrayList<>(form.parseErrors);
    try {
      if (!errors.isEmpty()) {
        changes.validate(request); // every other error too, at once
      } else {
        return "redirect:/changes/" + changes.submit(request, user.getName()).id();
      }
    } catch (InvalidRequestException invalid) {
      errors.addAll(invalid.errors());
    }
    model.addAttribute("errors", SubmitForm.byField(errors));
    return "pages/submit";
  }

  @PostMapping("/changes/{id}/cancel")
  String cancel(@PathVariable String id, @RequestParam(required = false) String reason, Authentication user,
      @ModelAttribute("viewer") Viewer viewer, RedirectAttributes flash) {
    changes.cancel(id, user.getName(), viewer.in("operations", "cab", "camunda-admin"), trim(reason));
    flash.addFlashAttribute("message", id + " is cancelled.");
    return "redirect:/changes/" + id;
  }

  @PostMapping("/changes/{id}/rollback")
  String rollback(@PathVariable String id, @RequestParam(required = false) String reason, Authentication user,
      @ModelAttribute("viewer") Viewer viewer, RedirectAttributes flash) {
    if (!viewer.mayOperate()) {
      throw new AccessDeniedException("Only operations or an administrator may request a rollback");
    }
    rollbacks.request(id, user.getName(), trim(reason));
    flash.addFlashAttribute("message", "Rollback of " + id + " requested.");
    return "redirect:/changes/" + id;
  }

  /** Links for the template. */
  public static final class LinkHelper {
    public String task(String taskId) {
      return Links.tasklistTask(taskId);
    }

    public String cockpit(String processInstanceId) {
      return Links.cockpitInstance(processInstanceId);
    }
  }

  private static java.time.Instant day(String value, String field, ZoneId zone, List<FieldError> errors, int plus) {
    if (!present(value)) {
      return null;
    }
    try {
      return LocalDate.parse(value.strip()).plusDays(plus).atStartOfDay(zone).toInstant();
    } catch (DateTimeException e) {
      errors.add(new FieldError(field, "must be a date (YYYY-MM-DD)"));
      return null;
    }
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }

  private static String trim(String value) {
    return present(value) ? value.strip() : null;
  }
}
