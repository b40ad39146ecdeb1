package io.changegate.refresh;

import java.time.Instant;
import java.util.Map;

/**
 * The evidence of one refresh, kept on the change ({@code changegate_refresh}, and the audit trail).
 *
 * @param verified whether the verification query answered what was expected (no unmasked record)
 * @param simulated whether the sandbox ran it (nothing was copied, anonymized or verified)
 * @param observed what the verification query answered (the count of unmasked records)
 * @param evidence the steps, their programs, exit codes, outputs and output hashes, the query and its hash
 * @param evidenceSha256 SHA-256 of the evidence as stored (canonical JSON)
 */
public record RefreshResult(String changeId, String source, String target, String adapter, boolean simulated,
    boolean verified, String query, String expected, String observed, Map<String, Object> evidence,
    String evidenceSha256, Instant finishedAt) {}
