package io.changegate.change;

import java.time.Instant;

/**
 * A search over every change, completed ones included: {@code text} matches the id, the title or the service (case
 * does not matter); the other fields narrow it (null: any); {@code from}/{@code to}: created in [from, to).
 */
public record ChangeQuery(String text, String service, String environment, ChangeStatus status, String requester,
    Instant from, Instant to, int limit) {

  public static ChangeQuery ofRequester(String requester, int limit) {
    return new ChangeQuery(null, null, null, null, requester, null, null, limit);
  }
}
