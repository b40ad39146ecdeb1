package io.changegate.delivery.feedback;

import io.changegate.engine.ProcessVariable;

/** The names of {@code change-feedback}: its key, its elements and the form's fields. */
public final class FeedbackProcess {

  public static final String CHANGE_FEEDBACK = "change-feedback";
  public static final String TASK_ANSWER_SURVEY = "Task_AnswerFeedbackSurvey";
  public static final String EVENT_SURVEY_EXPIRED = "BoundaryEvent_SurveyExpired";
  public static final String EVENT_WINDOW_OVER = "Event_FeedbackWindowOver";
  public static final String TASK_MEASURE_USAGE = "Task_MeasureUsage";

  /** The form's fields: a rating 1–5, a comment, actions (one per line). */
  public static final ProcessVariable<String> RATING = ProcessVariable.of("rating", String.class);
  public static final ProcessVariable<String> COMMENT = ProcessVariable.of("comment", String.class);
  public static final ProcessVariable<String> ACTIONS = ProcessVariable.of("actions", String.class);

  private FeedbackProcess() {}
}
