package io.changegate.notification;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Every {@code poll-interval}: the feed queues the messages of what committed since, then the dispatcher sends what is
 * due. One thread; a failed round is logged and the next one tries again.
 */
@Component
class NotificationScheduler implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(NotificationScheduler.class);

  private final NotificationFeed feed;
  private final OutboxDispatcher dispatcher;
  private final NotificationProperties properties;
  private final Object rounds = new Object();
  private volatile ScheduledExecutorService executor;

  NotificationScheduler(NotificationFeed feed, OutboxDispatcher dispatcher, NotificationProperties properties) {
    this.feed = feed;
    this.dispatcher = dispatcher;
    this.properties = properties;
  }

  /** One round: queue, then send (also what tests call to not wait for the next round). */
  void round() {
    synchronized (rounds) {
      feed.poll();
      dispatcher.dispatch();
    }
  }

  @Override
  public synchronized void start() {
    executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "changegate-notifications");
      thread.setDaemon(true);
      return thread;
    });
    long every = properties.pollInterval().toMillis();
    executor.scheduleWithFixedDelay(() -> {
      try {
        round();
      } catch (RuntimeException e) {
        LOG.warn("Notification round failed; the next one tries again: {}", e.toString());
      }
    }, every, every, TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    if (executor != null) {
      executor.shutdownNow();
      executor = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return executor != null;
  }
}
