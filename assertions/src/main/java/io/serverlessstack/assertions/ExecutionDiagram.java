package io.serverlessstack.assertions;

import io.serverlessstack.api.ExecutionView;
import io.serverlessstack.api.InspectableExecution;
import io.serverlessstack.api.StateMachineView;
import io.serverlessstack.api.StateMachineView.State;
import io.serverlessstack.api.StateMachineView.Transition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A state machine drawn as a <a href="https://mermaid.js.org/syntax/flowchart.html">Mermaid
 * flowchart</a> with one execution's path highlighted: the states it entered and the transitions it
 * took in green, the states that failed in red. Parallel branches and Map item processors are
 * subgraphs. Paste the text into any Mermaid renderer (GitHub and GitLab render it in Markdown).
 * Execution assertions print it when they fail.
 */
public final class ExecutionDiagram {

  private static final String NEWLINE = "\n";

  private final StateMachineView machine;
  private final ExecutionTrace trace;
  private final Map<String, String> ids = new HashMap<>();
  private final StringBuilder text = new StringBuilder("flowchart TD").append(NEWLINE);
  private final List<Integer> takenLinks = new ArrayList<>();
  private int links;

  private ExecutionDiagram(StateMachineView machine, ExecutionView execution) {
    this.machine = machine;
    this.trace = new ExecutionTrace(execution, machine);
    for (State state : machine.states()) {
      ids.put(state.name(), "s" + ids.size());
    }
  }

  /** The execution's state machine in Mermaid, its path highlighted. */
  public static String mermaid(InspectableExecution execution) {
    Objects.requireNonNull(execution, "execution");
    ExecutionView view =
        execution
            .inspector()
            .execution(execution.executionArn())
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "No execution " + execution.executionArn() + " on the stack"));
    StateMachineView machine =
        execution
            .inspector()
            .stateMachine(view.stateMachineArn())
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "The state machine " + view.stateMachineArn() + " no longer exists"));
    return mermaid(machine, view);
  }

  /**
   * {@code machine} in Mermaid, the path of {@code execution} (one of its executions) highlighted.
   */
  public static String mermaid(StateMachineView machine, ExecutionView execution) {
    return new ExecutionDiagram(
            Objects.requireNonNull(machine, "machine"),
            Objects.requireNonNull(execution, "execution"))
        .render();
  }

  private String render() {
    Set<String> entered = new HashSet<>(trace.enteredNames());
    Set<String> failed = new HashSet<>();
    for (String name : entered) {
      boolean exited = trace.eventsOf(name).stream().anyMatch(ExecutionTrace::isExited);
      if (!exited && !trace.failures(name).isEmpty()) {
        failed.add(name);
      }
      if (!exited && "Fail".equals(trace.typeOf(name))) {
        failed.add(name);
      }
    }
    text.append("  start((\" \"))").append(NEWLINE);
    nodes(null, 0, "  ");
    link("start", ids.get(machine.startAt()), "-->", null, entered.contains(machine.startAt()));
    Set<List<String>> taken = new HashSet<>();
    for (ExecutionTrace.Move move : trace.moves()) {
      if (move.from() != null) {
        taken.add(List.of(move.from(), move.to()));
      }
    }
    for (State state : machine.states()) {
      if (isContainer(state)) {
        for (State inner : machine.states()) {
          if (state.name().equals(inner.parent()) && inner.start()) {
            link(
                ids.get(state.name()),
                ids.get(inner.name()),
                "-.->",
                null,
                entered.contains(inner.name()));
          }
        }
      }
    }
    Set<List<String>> drawn = new HashSet<>();
    for (Transition transition : machine.transitions()) {
      // A state may reach another by several rules; draw each once, labelled by the first.
      if (!drawn.add(List.of(transition.from(), transition.to(), transition.kind()))) {
        continue;
      }
      String arrow = transition.kind().equals("Catch") ? "-.->" : "-->";
      String label =
          transition.kind().equals("Next")
              ? null
              : transition.kind().equals("Catch")
                  ? "Catch " + transition.label()
                  : transition.label();
      link(
          ids.get(transition.from()),
          ids.get(transition.to()),
          arrow,
          label,
          taken.contains(List.of(transition.from(), transition.to())));
    }
    text.append("  classDef taken fill:#d9f2d9,stroke:#2e7d32,stroke-width:2px").append(NEWLINE);
    text.append("  classDef failed fill:#f9d6d5,stroke:#c62828,stroke-width:2px").append(NEWLINE);
    List<String> takenIds = new ArrayList<>();
    List<String> failedIds = new ArrayList<>();
    for (State state : machine.states()) {
      if (failed.contains(state.name())) {
        failedIds.add(ids.get(state.name()));
      } else if (entered.contains(state.name())) {
        takenIds.add(ids.get(state.name()));
      }
    }
    if (!takenIds.isEmpty()) {
      text.append("  class ").append(String.join(",", takenIds)).append(" taken").append(NEWLINE);
    }
    if (!failedIds.isEmpty()) {
      text.append("  class ").append(String.join(",", failedIds)).append(" failed").append(NEWLINE);
    }
    if (!takenLinks.isEmpty()) {
      text.append("  linkStyle ")
          .append(String.join(",", takenLinks.stream().map(String::valueOf).toList()))
          .append(" stroke:#2e7d32,stroke-width:3px")
          .append(NEWLINE);
    }
    return text.toString();
  }

  /** The states of one level, each container followed by a subgraph per branch. */
  private void nodes(String parent, int branch, String indent) {
    for (State state : machine.states()) {
      if (!Objects.equals(parent, state.parent()) || (parent != null && state.branch() != branch)) {
        continue;
      }
      text.append(indent).append(node(state)).append(NEWLINE);
      if (isContainer(state)) {
        int branches =
            machine.states().stream()
                    .filter(inner -> state.name().equals(inner.parent()))
                    .mapToInt(State::branch)
                    .max()
                    .orElse(-1)
                + 1;
        for (int i = 0; i < branches; i++) {
          String title =
              state.type().equals("Map")
                  ? state.name() + ": each item"
                  : state.name() + ": branch " + (i + 1);
          text.append(indent)
              .append("subgraph ")
              .append(ids.get(state.name()))
              .append("_")
              .append(i)
              .append("[\"")
              .append(escape(title))
              .append("\"]")
              .append(NEWLINE);
          nodes(state.name(), i, indent + "  ");
          text.append(indent).append("end").append(NEWLINE);
        }
      }
    }
  }

  private String node(State state) {
    String id = ids.get(state.name());
    String label = escape(state.name()) + "<br/><small>" + state.type() + "</small>";
    switch (state.type()) {
      case "Choice":
        return id + "{\"" + label + "\"}";
      case "Succeed":
      case "Fail":
        return id + "([\"" + label + "\"])";
      default:
        return id + "[\"" + label + "\"]";
    }
  }

  private void link(String from, String to, String arrow, String label, boolean taken) {
    if (from == null || to == null) {
      return;
    }
    text.append("  ").append(from).append(' ').append(arrow);
    if (label != null && !label.isEmpty()) {
      text.append("|\"").append(escape(ExecutionTrace.abbreviate(label))).append("\"|");
    }
    text.append(' ').append(to).append(NEWLINE);
    if (taken) {
      takenLinks.add(links);
    }
    links++;
  }

  private static boolean isContainer(State state) {
    return state.type().equals("Parallel") || state.type().equals("Map");
  }

  /** Mermaid's entity codes for what would end a quoted label or start markup. */
  private static String escape(String text) {
    return text.replace("\"", "#quot;").replace("<", "#lt;").replace(">", "#gt;");
  }
}
