package io.changegate.engine.history;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code changegate.history}: how the engine's history of a change is kept for its time to live after the change
 * ended, while the engine stamps each history row with its removal time when it writes it
 * ({@code historyRemovalTimeStrategy: start}, see {@link HistoryKeeper}).
 *
 * @param keeperEnabled whether the keeper runs on its own (tests call it)
 * @param keeperFirstRun how long after start-up the keeper first runs (soon: a node that was down for long may have
 *     running changes whose history's removal time came close meanwhile)
 * @param keeperInterval time between two runs of the keeper
 * @param margin a running process's history whose removal time is this close is kept (its removal time is cleared);
 *     also how far back the keeper looks for processes that ended
 * @param tolerance a process that ran longer than this gets the removal time of its end (end + time to live); a
 *     shorter one keeps that of its start, at most this much earlier
 */
@ConfigurationProperties("changegate.history")
public record HistoryRetentionProperties(
    @DefaultValue("true") boolean keeperEnabled,
    @DefaultValue("PT5M") Duration keeperFirstRun,
    @DefaultValue("PT6H") Duration keeperInterval,
    @DefaultValue("P30D") Duration margin,
    @DefaultValue("P1D") Duration tolerance) {}
