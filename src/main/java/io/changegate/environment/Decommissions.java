package io.changegate.environment;

import io.changegate.audit.AuditAction;
import io.changegate.audit.AuditTrail;
import io.changegate.engine.GovernanceRefusal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Idle clean-up: a non-production environment without a deployment or a booking for
 * {@code changegate.environments.idle-days}, with no open change and no booking ahead, gives its owner group one
 * Tasklist task proposing to decommission it ({@code environment-decommission}). Once per idle period: the proposal
 * is keyed by the environment and the instant it became idle, so later checks propose nothing new until the
 * environment is used and falls idle again. The owner decides DECOMMISSION (APPROVE) or KEEP (REJECT, with a
 * comment); both are recorded and audited.
 */
@Service
public class Decommissions {

  private static final Logger LOG = LoggerFactory.getLogger(Decommissions.class);

  private final EnvironmentService environments;
  private final UtilizationService utilization;
  private final EnvironmentRepository catalog;
  private final BookingRepository repository;
  private final OwnerTasks ownerTasks;
  private final AuditTrail audit;
  private final TransactionTemplate transactions;
  private final Clock clock;

  Decommissions(EnvironmentService environments, UtilizationService utilization, EnvironmentRepository catalog, BookingRepository repository,
      OwnerTasks ownerTasks, AuditTrail audit, PlatformTransactionManager transactionManager, Clock clock) {
    this.environments = environments;
    this.utilization = utilization;
    this.catalog = catalog;
    this.repository = repository;
    this.ownerTasks = ownerTasks;
    this.audit = audit;
    this.transactions = new TransactionTemplate(transactionManager);
    this.clock = clock;
  }

  /** Looks at every environment, each in its own transaction; returns the ids of the proposals made now. */
  public List<String> proposeForIdle() {
    List<String> proposed = new ArrayList<>();
    for (Environment environment : environments.list()) {
      try {
        String id = transactions.execute(status -> proposeIfIdle(environment.name()));
        if (id != null) {
          proposed.add(id);
        }
      } catch (RuntimeException failed) {
        LOG.warn("Idle check of environment {} failed; the next check tries again", environment.name(), failed);
      }
    }
    return proposed;
  }

  private String proposeIfIdle(String name) {
    Environment environment = catalog.findForUpdate(name).orElse(null);
    if (environment == null) {
      return null;
    }
    Utilization use = utilization.utilization(name);
    if (!use.idle() || !use.openChanges().isEmpty() || use.bookingsActive() + use.bookingsUpcoming() > 0) {
      return null;
    }
    Instant now = clock.instant();
    BookingRepository.Proposal proposal = new BookingRepository.Proposal(BookingService.newId("DEC-"), name,
        use.idleSince(), (int) use.idleDays(), environment.ownerGroup(), "PROPOSED", null, now, null, null);
    if (!repository.insertProposal(proposal)) {
      return null; // proposed already for this idle period
    }
    repository.attachProposalProcess(proposal.id(), ownerTasks.proposeDecommission(proposal.id(), name,
        environment.ownerGroup(), use.idleDays()));
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("environment", name);
    details.put("proposal", proposal.id());
    details.put("ownerGroup", environment.ownerGroup());
    details.put("idleSince", use.idleSince().toString());
    details.put("idleDays", use.idleDays());
    audit.record(io.changegate.engine.Actor.SYSTEM, AuditAction.ENVIRONMENT_DECOMMISSION_PROPOSED, null, details);
    return proposal.id();
  }

  /** The owner group's decision on a proposal (from its Tasklist task); refused for anyone outside it. */
  @org.springframework.transaction.annotation.Transactional
  public void decide(String proposalId, String user, List<String> groups, String decision, String comment) {
    BookingRepository.Proposal proposal = repository.proposal(proposalId)
        .orElseThrow(() -> new GovernanceRefusal("No decommission proposal " + proposalId));
    Environment environment = catalog.findForUpdate(proposal.environment())
        .orElseThrow(() -> new GovernanceRefusal("No environment " + proposal.environment()));
    if (!"PROPOSED".equals(proposal.state())) {
      throw new GovernanceRefusal("The proposal " + proposalId + " is decided already");
    }
    if (!groups.contains(environment.ownerGroup())) {
      throw new GovernanceRefusal(user + " is not in " + environment.ownerGroup() + ", the owner group of "
          + environment.name() + ": only the owner decides whether it is decommissioned");
    }
    String verdict = decision == null ? "" : decision.strip().toUpperCase(Locale.ROOT);
    String state = switch (verdict) {
      case "APPROVE" -> "DECOMMISSION";
      case "REJECT" -> "KEEP";
      default -> throw new GovernanceRefusal("decision must be APPROVE (decommission) or REJECT (keep it), not '"
          + decision + "'");
    };
    if (state.equals("KEEP") && (comment == null || comment.isBlank())) {
      throw new GovernanceRefusal("Keeping an idle environment needs a comment: why it is still needed");
    }
    if (comment != null && comment.strip().length() > BookingRepository.MAX_DECISION_TEXT) {
      throw new GovernanceRefusal("The comment must be at most " + BookingRepository.MAX_DECISION_TEXT
          + " characters");
    }
    String note = comment == null || comment.isBlank() ? null : comment.strip();
    repository.decideProposal(proposalId, state, user, clock.instant(), note);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("environment", environment.name());
    details.put("proposal", proposalId);
    details.put("decision", state);
    if (note != null) {
      details.put("comment", note);
    }
    audit.record(user, AuditAction.ENVIRONMENT_DECOMMISSION_DECIDED, null, details);
  }
}
