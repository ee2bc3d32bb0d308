package io.serverlessstack.fake.internal.stepfunctions;

import io.serverlessstack.fake.internal.clock.StackClock;
import io.serverlessstack.fake.internal.server.Scope;
import io.serverlessstack.fake.internal.server.ScopedResources;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Activities: the tasks Task states schedule on them, and the workers' GetActivityTask polls that
 * take them. A poll with no task waits up to 60 seconds on the stack's clock as a future, so no
 * thread waits for it. Thread-safe; each activity's queues are guarded by its monitor.
 */
final class Activities {

  /** How long GetActivityTask waits for a task, as AWS's does. */
  static final int POLL_SECONDS = 60;

  /** One activity and the tasks and polls waiting on it. */
  static final class Activity {
    final Scope scope;
    final String name;
    final String arn;
    final Instant created;
    final Map<String, String> tags = new LinkedHashMap<>();
    private final Deque<Task> tasks = new ArrayDeque<>();
    private final Deque<Poll> polls = new ArrayDeque<>();

    Activity(Scope scope, String name, String arn, Instant created) {
      this.scope = scope;
      this.name = name;
      this.arn = arn;
      this.created = created;
    }
  }

  /**
   * One scheduled task: what a worker gets, and what to tell the execution when a worker takes it
   * (the worker's name, or {@code null}).
   */
  record Task(String token, String input, Consumer<String> started) {}

  /** One worker's waiting poll. */
  private record Poll(String workerName, CompletableFuture<Task> taken) {}

  private final StackClock clock;
  private final ScopedResources<Activity> activities = new ScopedResources<>("states", "activity:");

  Activities(StackClock clock) {
    this.clock = clock;
  }

  /** Creates an activity, or answers the one of that name (CreateActivity is idempotent). */
  Activity create(Scope scope, String name, Map<String, String> tags) {
    StepFunctionsEngine.checkName(name);
    ScopedResources.Key key = new ScopedResources.Key(scope, name);
    synchronized (activities) {
      Activity existing = activities.get(key);
      if (existing != null) {
        return existing;
      }
      Activity activity =
          new Activity(scope, name, activities.arn(scope, name).toString(), clock.now());
      activity.tags.putAll(tags);
      activities.putIfAbsent(key, activity);
      return activity;
    }
  }

  /** The activity an ARN names, checked for its form first; ActivityDoesNotExist if none. */
  Activity get(String arn) {
    StepFunctionsEngine.checkArn(arn, "activity");
    Activity activity = activities.byArn(arn);
    if (activity == null) {
      throw StepFunctionsErrors.activityNotFound(arn);
    }
    return activity;
  }

  /** The activity an ARN names, or {@code null}. */
  Activity find(String arn) {
    return activities.byArn(arn);
  }

  List<Activity> list(Scope scope) {
    return activities.in(scope);
  }

  /** Deletes an activity; deleting one that does not exist succeeds, as on AWS. */
  void delete(String arn) {
    StepFunctionsEngine.checkArn(arn, "activity");
    Activity activity = activities.byArn(arn);
    if (activity != null) {
      activities.remove(new ScopedResources.Key(activity.scope, activity.name), activity);
    }
  }

  /**
   * Hands {@code task} to a waiting poll, or queues it for the next one. The execution hears that
   * the task started before the worker gets its token, so that nothing the worker sends can
   * overtake it.
   */
  void schedule(Activity activity, Task task) {
    Poll taker;
    synchronized (activity) {
      // A poll still in the queue has not timed out: its timer takes it out under this lock.
      taker = activity.polls.poll();
      if (taker == null) {
        activity.tasks.add(task);
        return;
      }
    }
    task.started().accept(taker.workerName());
    taker.taken().complete(task);
  }

  /** Takes a queued task off its activity: it ended before a worker took it. */
  void unschedule(Activity activity, Task task) {
    synchronized (activity) {
      activity.tasks.remove(task);
    }
  }

  /**
   * A worker's poll: the next task, at once when one waits, else the first scheduled within 60
   * seconds of the stack's clock; {@code null} when none comes.
   */
  CompletableFuture<Task> poll(Activity activity, String workerName) {
    Task queued;
    Poll poll = new Poll(workerName, new CompletableFuture<>());
    synchronized (activity) {
      queued = activity.tasks.poll();
      if (queued == null) {
        activity.polls.add(poll);
      }
    }
    if (queued != null) {
      queued.started().accept(workerName);
      return CompletableFuture.completedFuture(queued);
    }
    StackClock.Scheduled timer =
        clock.schedule(
            clock.now().plusSeconds(POLL_SECONDS),
            () -> {
              synchronized (activity) {
                if (activity.polls.remove(poll)) {
                  poll.taken().complete(null);
                }
              }
            });
    poll.taken().whenComplete((task, failure) -> timer.cancel());
    return poll.taken();
  }

  /** Forgets every activity and answers every waiting poll with no task, for a stack reset. */
  void reset() {
    for (Activity activity : activities.all()) {
      synchronized (activity) {
        activity.tasks.clear();
        for (Poll poll : activity.polls) {
          poll.taken().complete(null);
        }
        activity.polls.clear();
      }
    }
    activities.clear();
  }
}
