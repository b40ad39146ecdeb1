package io.changegate.change;

/**
 * Who a change is delivered by and from what: the {@code team} (the request's {@code team} field, else the
 * requester's group at intake; null when neither is known) and the pipeline's {@link Commit} (null when none was
 * sent). Delivery metrics group by the team and count lead time from the commit.
 */
public record ChangeOrigin(String team, Commit commit) {

  public static final ChangeOrigin UNKNOWN = new ChangeOrigin(null, null);
}
