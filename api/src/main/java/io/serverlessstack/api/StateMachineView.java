package io.serverlessstack.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A Step Functions state machine as one consistent snapshot: the typed view of the resources {@code
 * (states, stateMachine)}. Besides its definition it carries the definition's graph (every state,
 * nested ones too, and every transition), so that a test can draw the machine without parsing
 * Amazon States Language, and the ARNs of its executions.
 *
 * @param type {@code STANDARD} or {@code EXPRESS}
 * @param definition the definition as it was given (its current revision)
 * @param states every state, a Parallel's and a Map's inner states included, in definition order
 * @param transitions every way from one state to another
 * @param executionArns its executions' ARNs, newest first
 */
public record StateMachineView(
    String name,
    String arn,
    String accountId,
    String region,
    String type,
    String roleArn,
    Instant created,
    String definition,
    String startAt,
    List<State> states,
    List<Transition> transitions,
    List<String> executionArns)
    implements ResourceView {

  /** The service ({@code states}, as ARNs name it) of state machines and executions. */
  public static final String SERVICE = "states";

  /** The resource type ({@code stateMachine}) of state machines. */
  public static final String TYPE = "stateMachine";

  public StateMachineView {
    states = List.copyOf(states);
    transitions = List.copyOf(transitions);
    executionArns = List.copyOf(executionArns);
  }

  @Override
  public ResourceRef ref() {
    return new ResourceRef(SERVICE, TYPE, name, arn);
  }

  /** The state of this name (names are unique in a whole machine, as AWS requires). */
  public Optional<State> state(String name) {
    return states.stream().filter(state -> state.name().equals(name)).findFirst();
  }

  /**
   * One state of the definition.
   *
   * @param type {@code Task}, {@code Choice}, {@code Pass}, {@code Wait}, {@code Parallel}, {@code
   *     Map}, {@code Succeed} or {@code Fail}
   * @param parent the Parallel or Map state it runs inside, or {@code null} at the top level
   * @param branch which of the parent Parallel's branches (from 0) it belongs to; 0 inside a Map
   * @param start whether its level starts with it ({@code StartAt})
   * @param end whether it can end its level ({@code End}, Succeed and Fail)
   */
  public record State(
      String name, String type, String parent, int branch, boolean start, boolean end) {

    public State {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
    }
  }

  /**
   * One way from one state to another.
   *
   * @param kind {@code Next}, {@code Choice} (a rule), {@code Default} or {@code Catch}
   * @param label what takes it: the rule ({@code $.stock > 0}) or the errors caught; empty for
   *     {@code Next}
   */
  public record Transition(String from, String to, String kind, String label) {

    public Transition {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      Objects.requireNonNull(kind, "kind");
      label = label == null ? "" : label;
    }
  }
}
