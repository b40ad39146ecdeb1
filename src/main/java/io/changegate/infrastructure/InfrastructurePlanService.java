package io.changegate.infrastructure;

import io.changegate.audit.AuditAction;
import io.changegate.audit.AuditEntry;
import io.changegate.audit.AuditTrail;
import io.changegate.change.Change;
import io.changegate.change.ChangeService;
import io.changegate.change.ChangeStatus;
import io.changegate.change.InfrastructurePlans;
import io.changegate.web.ConflictException;
import io.changegate.web.FieldError;
import io.changegate.web.InvalidRequestException;
import io.changegate.web.NotFoundException;
import io.changegate.web.StorableText;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The infrastructure plan of a change: attached by its requester (or operations) before it is approved — not while a
 * round of sign-offs has it on their forms —, summarised for the approvers, and checked again before the deployment:
 * the stored plan must still have the SHA-256 the audit chain recorded when it was attached, and a plan presented for
 * applying ({@link #verify}) must be that plan. Each step is on the change's timeline.
 */
@Service
public class InfrastructurePlanService implements InfrastructurePlans {

  public static final int MAX_CHARS = 1_000_000;
  private static final Set<ChangeStatus> OPEN_FOR_PLANS = Set.of(ChangeStatus.SUBMITTED, ChangeStatus.IN_REVIEW);

  private final PlanRepository plans;
  private final PlanReader reader;
  private final ChangeService changes;
  private final AuditTrail audit;
  private final Clock clock;

  InfrastructurePlanService(PlanRepository plans, PlanReader reader, ChangeService changes, AuditTrail audit,
      Clock clock) {
    this.plans = plans;
    this.reader = reader;
    this.changes = changes;
    this.audit = audit;
    this.clock = clock;
  }

  /** The outcome of {@link #verify}: whether the plan presented is the approved one, and both SHA-256s. */
  public record Verification(boolean matches, String approvedSha256, String presentedSha256) {}

  public InfrastructurePlan get(String changeId) {
    changes.get(changeId);
    return plans.find(changeId).orElseThrow(() -> new NotFoundException("No infrastructure plan",
        changeId + " carries no infrastructure plan"));
  }

  /** Attaches (or, before any sign-off round has it, replaces) the change's plan. */
  @Transactional
  public InfrastructurePlan attach(String changeId, PlanFormat format, byte[] body, String actor,
      boolean privileged) {
    Change change = changes.lock(changeId);
    if (!privileged && !change.requester().equals(actor)) {
      throw new AccessDeniedException("Only the requester of " + changeId + ", operations or an administrator may"
          + " attach its infrastructure plan");
    }
    if (!OPEN_FOR_PLANS.contains(change.status())) {
      throw new ConflictException("Plan is fixed", changeId + " is " + change.status() + ": a plan is attached before"
          + " the change is approved, and the approved plan is the one deployed");
    }
    if (signOffRoundOpen(changeId)) {
      throw new ConflictException("Plan under review", "A round of sign-offs of " + changeId + " has its plan on their"
          + " forms; it can be replaced once the round has ended with a request for changes");
    }
    String content = text(body);
    PlanSummary summary = reader.read(format, content);
    InfrastructurePlan plan = new InfrastructurePlan(changeId, format, sha256(body), content, summary, actor,
        clock.instant());
    plans.save(plan);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("format", format.name());
    details.put("sha256", plan.sha256());
    details.put("creates", summary.creates());
    details.put("updates", summary.updates());
    details.put("deletes", summary.deletes());
    details.put("replaces", summary.replaces());
    details.put("destroyed", summary.destroyed());
    audit.record(actor, AuditAction.INFRASTRUCTURE_PLAN_ATTACHED, changeId, details);
    return plan;
  }

  /**
   * Compares a plan about to be applied with the approved one: a match is recorded, and so is a mismatch, which
   * stops the change's deployment ({@link #refusal}).
   */
  @Transactional
  public Verification verify(String changeId, byte[] body, String actor) {
    InfrastructurePlan approved = get(changeId);
    String presented = sha256(body);
    boolean matches = approved.sha256().equals(presented);
    audit.record(actor, matches ? AuditAction.INFRASTRUCTURE_PLAN_VERIFIED : AuditAction.INFRASTRUCTURE_PLAN_MISMATCH,
        changeId, Map.of("approvedSha256", approved.sha256(), "presentedSha256", presented));
    return new Verification(matches, approved.sha256(), presented);
  }

  @Override
  public String describe(String changeId) {
    return plans.find(changeId).map(p -> p.summary().describe(p.format(), p.sha256()))
        .orElse("No infrastructure plan attached.");
  }

  @Override
  public Optional<String> refusal(String changeId) {
    Optional<InfrastructurePlan> stored = plans.find(changeId);
    List<AuditEntry> timeline = audit.entriesOf(changeId);
    String approved = null;
    String mismatch = null;
    for (AuditEntry entry : timeline) {
      if (AuditAction.INFRASTRUCTURE_PLAN_ATTACHED.name().equals(entry.action())) {
        approved = entry.detailsJson().path("sha256").asText();
        mismatch = null;
      } else if (AuditAction.INFRASTRUCTURE_PLAN_MISMATCH.name().equals(entry.action())) {
        mismatch = entry.detailsJson().path("presentedSha256").asText();
      }
    }
    if (stored.isEmpty()) {
      return approved == null ? Optional.empty()
          : Optional.of("The infrastructure plan approved for " + changeId + " (SHA-256 " + approved + ") is gone");
    }
    String now = sha256(stored.get().content().getBytes(StandardCharsets.UTF_8));
    if (approved == null || !approved.equals(now) || !approved.equals(stored.get().sha256())) {
      return Optional.of("The infrastructure plan of " + changeId + " differs from the one approved (approved SHA-256 "
          + approved + ", stored now " + now + "): nothing is deployed");
    }
    if (mismatch != null) {
      return Optional.of("The plan presented for applying to " + changeId + " (SHA-256 " + mismatch + ") differs from"
          + " the one approved (" + approved + "): nothing is deployed");
    }
    return Optional.empty();
  }

  private boolean signOffRoundOpen(String changeId) {
    boolean open = false;
    for (AuditEntry entry : audit.entriesOf(changeId)) {
      if (AuditAction.SIGN_OFFS_REQUIRED.name().equals(entry.action())) {
        open = !entry.detailsJson().path("groups").isEmpty();
      } else if (AuditAction.SIGN_OFF_ROUND_ENDED.name().equals(entry.action())) {
        open = false;
      }
    }
    return open;
  }

  private static String text(byte[] body) {
    if (body == null || body.length == 0) {
      throw invalid("is empty");
    }
    if (body.length > MAX_CHARS) {
      throw invalid("is larger than " + MAX_CHARS + " bytes");
    }
    String content;
    try {
      content = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
    } catch (CharacterCodingException e) {
      throw invalid("is not UTF-8 text");
    }
    String problem = StorableText.problem(content);
    if (problem != null) {
      throw invalid(problem);
    }
    return content;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static InvalidRequestException invalid(String message) {
    return new InvalidRequestException("The infrastructure plan cannot be read", List.of(new FieldError("plan",
        message)));
  }
}
