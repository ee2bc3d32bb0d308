package io.serverlessstack.assertions;

import io.serverlessstack.api.FunctionView;
import io.serverlessstack.api.InspectableFunction;
import io.serverlessstack.api.JournalEvent;
import io.serverlessstack.api.JournalFilter;
import io.serverlessstack.api.KinesisEvents;
import io.serverlessstack.api.LambdaEvents;
import io.serverlessstack.api.LambdaEvents.Details;
import io.serverlessstack.api.SqsEvents;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One look at a function through the inspector: its configuration now and every Lambda journal
 * event about it. Its failure messages put the function's events and those of what triggered it (a
 * queue, a topic, a stream) on one timeline.
 */
final class FunctionSnapshot {

  private final String name;
  private final FunctionView view;
  private final List<JournalEvent> events;
  private final InspectableFunction function;

  private FunctionSnapshot(
      String name, FunctionView view, List<JournalEvent> events, InspectableFunction function) {
    this.name = name;
    this.view = view;
    this.events = events;
    this.function = function;
  }

  /** The tail an assertion on {@code function} reads: Lambda events about it only. */
  static JournalTail tail(InspectableFunction function) {
    return new JournalTail(
        function.inspector(),
        JournalFilter.all().withService(LambdaEvents.SERVICE).withResource(function.nameOrArn()));
  }

  static FunctionSnapshot take(InspectableFunction function, JournalTail tail) {
    List<JournalEvent> events = tail.read();
    FunctionView view = function.inspector().function(function.nameOrArn()).orElse(null);
    String nameOrArn = function.nameOrArn();
    String name = ResourceNames.nameOf(view == null ? null : view.name(), nameOrArn);
    return new FunctionSnapshot(name, view, events, function);
  }

  String name() {
    return name;
  }

  boolean exists() {
    return view != null;
  }

  List<JournalEvent> events(String type) {
    return events.stream().filter(event -> event.type().equals(type)).toList();
  }

  /** The invocations' starts, oldest first. */
  List<JournalEvent> invocations() {
    return events(LambdaEvents.INVOKED);
  }

  /** The invocations' ends: {@code Succeeded} and {@code Failed}, oldest first. */
  List<JournalEvent> ends() {
    return events.stream()
        .filter(
            event ->
                event.type().equals(LambdaEvents.SUCCEEDED)
                    || event.type().equals(LambdaEvents.FAILED))
        .toList();
  }

  /** The function now, for failure messages. */
  String describe() {
    if (view == null) {
      return "the function does not exist (now); functions: "
          + function.inspector().functions().stream().map(FunctionView::name).toList();
    }
    return "handler "
        + view.handler()
        + ", runtime "
        + view.runtime()
        + ", timeout "
        + view.timeoutSeconds()
        + " s"
        + (view.reservedConcurrency() == null
            ? ""
            : ", reserved concurrency " + view.reservedConcurrency());
  }

  /**
   * The function's events and those of the resources that triggered it, one timeline, newest last.
   */
  String describeTimeline() {
    Set<String> triggers = new LinkedHashSet<>();
    for (JournalEvent event : invocations()) {
      String trigger = event.detail(Details.TRIGGER);
      if (trigger != null && trigger.startsWith("arn:")) {
        triggers.add(trigger);
      }
    }
    List<JournalEvent> timeline = new ArrayList<>(events);
    for (String trigger : triggers) {
      timeline.addAll(function.inspector().journal(0, JournalFilter.all().withResource(trigger)));
    }
    timeline.sort(Comparator.comparingLong(JournalEvent::sequence));
    String kind = triggers.isEmpty() ? "function" : "function and its triggers, for function";
    return JournalListing.of(kind, name, timeline, event -> line(event, false));
  }

  /**
   * One event as a timeline line.
   *
   * @param namingFunction whether a Lambda event names its function, for timelines of other
   *     resources
   */
  static String line(JournalEvent event, boolean namingFunction) {
    StringBuilder line =
        new StringBuilder("#")
            .append(event.sequence())
            .append(' ')
            .append(event.service())
            .append(' ')
            .append(event.type());
    if (namingFunction && event.service().equals(LambdaEvents.SERVICE)) {
      line.append(" of function ").append(JournalListing.quote(event.resource()));
    }
    if (event.service().equals(KinesisEvents.SERVICE)) {
      line.append(" on ").append(JournalListing.quote(event.resource()));
      append(line, "shard", event.detail(KinesisEvents.Details.SHARD_ID));
      append(line, "key", JournalListing.quote(event.detail(KinesisEvents.Details.PARTITION_KEY)));
      append(line, "data", JournalListing.quote(event.detail(KinesisEvents.Details.DATA)));
      append(line, "records", event.detail(KinesisEvents.Details.RECORD_COUNT));
      return line.toString();
    }
    if (!event.service().equals(LambdaEvents.SERVICE)) {
      line.append(" on ").append(JournalListing.quote(event.resource()));
      append(line, "body", JournalListing.quote(event.detail(SqsEvents.Details.BODY)));
      String messageId = event.detail(SqsEvents.Details.MESSAGE_ID);
      append(line, "id", messageId == null ? null : shortId(messageId));
      append(line, "receiveCount", event.detail(SqsEvents.Details.RECEIVE_COUNT));
      return line.toString();
    }
    String requestId = event.detail(Details.REQUEST_ID);
    append(line, "request", requestId == null || requestId.isEmpty() ? null : shortId(requestId));
    String trigger = event.detail(Details.TRIGGER);
    if (trigger != null && !trigger.equals("Invoke")) {
      append(line, "trigger", trigger.substring(trigger.lastIndexOf(':') + 1));
    }
    if (!"1".equals(event.detail(Details.ATTEMPT))) {
      append(line, "attempt", event.detail(Details.ATTEMPT));
    }
    append(line, "event", JournalListing.quote(event.detail(Details.PAYLOAD)));
    append(line, "response", JournalListing.quote(event.detail(Details.RESPONSE)));
    append(line, "error", event.detail(Details.ERROR_TYPE));
    append(line, "message", JournalListing.quote(event.detail(Details.ERROR_MESSAGE)));
    append(line, "failedItems", event.detail(Details.FAILED_ITEMS));
    String destination = event.detail(Details.DESTINATION);
    append(line, "destination", destination == null || destination.isEmpty() ? null : destination);
    return line.toString();
  }

  private static String shortId(String id) {
    return id.length() > 8 ? id.substring(0, 8) + "…" : id;
  }

  private static void append(StringBuilder line, String name, String value) {
    if (value != null) {
      line.append(' ').append(name).append('=').append(value);
    }
  }
}
