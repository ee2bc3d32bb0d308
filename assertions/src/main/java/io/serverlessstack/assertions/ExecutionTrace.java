package io.serverlessstack.assertions;

import io.serverlessstack.api.ExecutionView;
import io.serverlessstack.api.ExecutionView.Event;
import io.serverlessstack.api.StateMachineView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An execution's history read as a path through its state machine: which state each event belongs
 * to (followed back along {@code previousEventId}), the states entered, attempts, failures, and the
 * transitions taken. The machine's graph may be missing (a deleted machine); then every state
 * counts as top-level.
 */
final class ExecutionTrace {

  /** The events that begin one attempt of a state's work, a retry's too. */
  private static final Set<String> ATTEMPTS =
      Set.of(
          "TaskScheduled",
          "LambdaFunctionScheduled",
          "ActivityScheduled",
          "ParallelStateStarted",
          "MapStateStarted");

  /** Enough to follow a path without drowning the failure in history. */
  private static final int MAX_TIMELINE = 120;

  private static final int MAX_TEXT = 100;

  final ExecutionView execution;
  final StateMachineView machine;
  private final Map<Long, Event> byId = new HashMap<>();
  private final Map<Long, String> owners = new HashMap<>();

  ExecutionTrace(ExecutionView execution, StateMachineView machine) {
    this.execution = execution;
    this.machine = machine;
    for (Event event : execution.events()) {
      byId.put(event.id(), event);
    }
  }

  /**
   * The state an event belongs to: its own for a state's entered and exited events and a Map's
   * iteration events, else that of the event it follows; {@code null} for the execution's own.
   */
  String owner(Event event) {
    if (event == null) {
      return null;
    }
    String known = owners.get(event.id());
    if (known != null || owners.containsKey(event.id())) {
      return known;
    }
    String owner =
        event.stateName() != null ? event.stateName() : owner(byId.get(event.previousEventId()));
    owners.put(event.id(), owner);
    return owner;
  }

  static boolean isEntered(Event event) {
    return event.type().endsWith("StateEntered");
  }

  static boolean isExited(Event event) {
    return event.type().endsWith("StateExited");
  }

  /** A failure of a task, a state or a Map iteration (a timeout too), with its error. */
  static boolean isFailure(Event event) {
    return event.error() != null
        && (event.type().endsWith("Failed") || event.type().endsWith("TimedOut"))
        && !event.type().startsWith("Execution");
  }

  List<Event> entered() {
    return execution.events().stream().filter(ExecutionTrace::isEntered).toList();
  }

  /** The states entered outside any Parallel or Map, in order, a loop's repeats included. */
  List<String> topLevelPath() {
    return entered().stream().map(Event::stateName).filter(name -> parentOf(name) == null).toList();
  }

  /** Every state entered, at any depth, in order. */
  List<String> enteredNames() {
    return entered().stream().map(Event::stateName).toList();
  }

  String parentOf(String state) {
    return machine == null
        ? null
        : machine.state(state).map(StateMachineView.State::parent).orElse(null);
  }

  String typeOf(String state) {
    return machine == null
        ? null
        : machine.state(state).map(StateMachineView.State::type).orElse(null);
  }

  int depth(String state) {
    int depth = 0;
    for (String parent = parentOf(state); parent != null; parent = parentOf(parent)) {
      depth++;
    }
    return depth;
  }

  List<Event> eventsOf(String state) {
    return execution.events().stream().filter(event -> state.equals(owner(event))).toList();
  }

  int entries(String state) {
    return (int)
        eventsOf(state).stream()
            .filter(event -> isEntered(event) && state.equals(event.stateName()))
            .count();
  }

  int attempts(String state) {
    return (int) eventsOf(state).stream().filter(event -> ATTEMPTS.contains(event.type())).count();
  }

  /** Retries: attempts beyond the first of each entry. */
  int retries(String state) {
    return Math.max(0, attempts(state) - entries(state));
  }

  List<Event> failures(String state) {
    return eventsOf(state).stream().filter(ExecutionTrace::isFailure).toList();
  }

  /**
   * Each move from one state to the next: the state entered, and the state whose event it follows
   * ({@code null} for the machine's, a branch's or an iteration's first state).
   */
  List<Move> moves() {
    List<Move> moves = new ArrayList<>();
    for (Event event : entered()) {
      Event previous = byId.get(event.previousEventId());
      String from = owner(previous);
      boolean fromParent = from != null && from.equals(parentOf(event.stateName()));
      moves.add(new Move(fromParent ? null : from, event.stateName(), previous, event));
    }
    return moves;
  }

  /** One move; {@code via} is the event it followed (an exit, or a caught failure). */
  record Move(String from, String to, Event via, Event entered) {}

  /** The states entered straight after each time {@code choice} was left, in order. */
  List<String> choicesTaken(String choice) {
    return moves().stream().filter(move -> choice.equals(move.from())).map(Move::to).toList();
  }

  /**
   * Whether {@code state} failed with {@code error} and a Catch took the execution on: a failure
   * with that error is followed by a move out of the state along one of its Catch transitions.
   */
  boolean caught(String state, String error) {
    for (Move move : moves()) {
      if (state.equals(move.from()) && isCatchTarget(state, move.to())) {
        Optional<Event> lastFailure =
            failures(state).stream()
                .filter(failure -> failure.id() < move.entered().id())
                .reduce((first, second) -> second);
        if (lastFailure.isPresent() && error.equals(lastFailure.get().error())) {
          return true;
        }
      }
    }
    return false;
  }

  private boolean isCatchTarget(String state, String target) {
    if (machine == null) {
      return true;
    }
    return machine.transitions().stream()
        .anyMatch(
            transition ->
                transition.kind().equals("Catch")
                    && transition.from().equals(state)
                    && transition.to().equals(target));
  }

  /** The execution's current status in a line, with its error and cause when it failed. */
  String describe() {
    StringBuilder text = new StringBuilder(execution.status());
    if (execution.error() != null) {
      text.append(" with error ").append(JournalListing.quote(execution.error()));
    }
    if (execution.cause() != null) {
      text.append(" and cause ").append(JournalListing.quote(abbreviate(execution.cause())));
    }
    if (execution.output() != null) {
      text.append(", output ").append(abbreviate(execution.output()));
    }
    return text.toString();
  }

  /** The history as a timeline: stack time since the start, nested states indented. */
  String timeline() {
    String newline = System.lineSeparator();
    List<Event> events = execution.events();
    StringBuilder text =
        new StringBuilder("Path of execution ")
            .append(JournalListing.quote(execution.name()))
            .append(" (")
            .append(events.size())
            .append(events.size() == 1 ? " history event" : " history events")
            .append("):");
    int head = events.size() > MAX_TIMELINE ? MAX_TIMELINE / 2 : events.size();
    int tail = events.size() > MAX_TIMELINE ? events.size() - MAX_TIMELINE / 2 : events.size();
    for (int i = 0; i < events.size(); i++) {
      if (i == head && head < tail) {
        text.append(newline).append("  … ").append(tail - head).append(" events not shown");
        i = tail;
      }
      text.append(newline).append(line(events.get(i)));
    }
    return text.toString();
  }

  private String line(Event event) {
    Duration since = Duration.between(execution.started(), event.timestamp());
    StringBuilder line =
        new StringBuilder(String.format(Locale.ROOT, "  %+9.3fs  ", since.toMillis() / 1000.0))
            .append("  ".repeat(ownerDepth(event)));
    if (isEntered(event)) {
      line.append("-> ").append(event.stateName());
      String type = typeOf(event.stateName());
      if (type != null) {
        line.append(" (").append(type).append(')');
      }
      appendText(line, "input", event.input());
    } else if (isExited(event)) {
      line.append("<- ").append(event.stateName());
      appendText(line, "output", event.output());
    } else {
      line.append(event.type());
      if (event.index() != null) {
        line.append(" #").append(event.index());
      }
      if (event.resourceType() != null) {
        line.append(' ').append(event.resourceType()).append(':').append(event.resource());
      }
      appendText(line, "error", event.error() == null ? null : quoted(event.error()));
      appendText(line, "cause", event.cause() == null ? null : quoted(event.cause()));
      if (event.error() == null) {
        appendText(line, "output", event.output());
      }
    }
    return line.toString();
  }

  private int ownerDepth(Event event) {
    String owner = owner(event);
    if (owner == null) {
      return 0;
    }
    boolean ownEvent = isEntered(event) || isExited(event) || event.stateName() != null;
    return depth(owner) + (ownEvent ? 1 : 2);
  }

  private static void appendText(StringBuilder line, String name, String value) {
    if (value != null) {
      line.append("  ").append(name).append('=').append(abbreviate(value));
    }
  }

  private static String quoted(String text) {
    return JournalListing.quote(text);
  }

  static String abbreviate(String text) {
    String flat = text.replace("\r", "").replace("\n", "\\n");
    return flat.length() <= MAX_TEXT ? flat : flat.substring(0, MAX_TEXT - 1) + "…";
  }
}
