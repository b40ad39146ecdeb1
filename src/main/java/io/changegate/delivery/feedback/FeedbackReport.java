package io.changegate.delivery.feedback;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/metrics/feedback}: the feedback of the changes that completed in the period — how many surveys were
 * answered, expired or are still open, the answer rate over the closed ones, the average rating, the improvement
 * actions they recorded, the usage measured over each change's window, and every change's feedback.
 */
public record FeedbackReport(Instant from, Instant to, String service, String environment, int surveys, int answered,
    int expired, int open, Double answerRatePercent, Double averageRating, int actions, int usageMeasured,
    List<Feedback> changes) {

  public static FeedbackReport of(Instant from, Instant to, String service, String environment,
      List<Feedback> feedback) {
    int answered = 0;
    int expired = 0;
    int open = 0;
    int actions = 0;
    int measured = 0;
    double ratings = 0;
    for (Feedback f : feedback) {
      switch (Feedback.Status.valueOf(f.status())) {
        case ANSWERED -> {
          answered++;
          ratings += f.rating() == null ? 0 : f.rating();
        }
        case EXPIRED -> expired++;
        case OPEN -> open++;
      }
      actions += f.actions().size();
      if (f.usage() != null && f.usage().measuredAt() != null) {
        measured++;
      }
    }
    Double rate = answered + expired == 0 ? null : Math.round(1000.0 * answered / (answered + expired)) / 10.0;
    Double average = answered == 0 ? null : Math.round(100.0 * ratings / answered) / 100.0;
    return new FeedbackReport(from, to, service, environment, feedback.size(), answered, expired, open, rate, average,
        actions, measured, feedback);
  }
}
