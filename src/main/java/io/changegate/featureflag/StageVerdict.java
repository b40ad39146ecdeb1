package io.changegate.featureflag;

/**
 * A validation round of a flag stage: passed or not; whether the stage's validation window is over (then
 * {@code nextIn} is its hold, else the time to the next round), when the window ends, and whether a stage follows.
 */
public record StageVerdict(boolean passed, boolean validated, String endsAt, String nextIn, boolean moreStages) {}
