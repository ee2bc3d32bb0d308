package io.serverlessstack.fake.internal.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import io.serverlessstack.api.ExecutionView;
import io.serverlessstack.api.StateMachineView;
import io.serverlessstack.fake.internal.stepfunctions.asl.Definition;
import io.serverlessstack.fake.internal.stepfunctions.asl.State;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * What inspection sees of Step Functions: a state machine with its definition's graph, and an
 * execution with its history in a flat form that needs no SDK to read.
 */
final class StepFunctionsViews {

  private StepFunctionsViews() {}

  static StateMachineView machine(StateMachine machine, List<Execution> executions) {
    StateMachine.Revision revision = machine.current();
    List<StateMachineView.State> states = new ArrayList<>();
    List<StateMachineView.Transition> transitions = new ArrayList<>();
    graph(revision.definition(), null, 0, states, transitions);
    return new StateMachineView(
        machine.name,
        machine.arn,
        machine.scope.accountId(),
        machine.scope.region(),
        machine.type(),
        revision.roleArn(),
        machine.created,
        revision.definitionText(),
        revision.definition().startAt(),
        states,
        transitions,
        executions.stream().map(execution -> execution.arn).toList());
  }

  /** Adds the states of one level (a machine, a Parallel branch, a Map's processor) and below. */
  private static void graph(
      Definition level,
      String parent,
      int branch,
      List<StateMachineView.State> states,
      List<StateMachineView.Transition> transitions) {
    for (State state : level.states().values()) {
      State.Common common = state.common();
      boolean ends = common.end() || state instanceof State.Succeed || state instanceof State.Fail;
      states.add(
          new StateMachineView.State(
              state.name(),
              state.type(),
              parent,
              branch,
              state.name().equals(level.startAt()),
              ends));
      if (common.next() != null) {
        transitions.add(new StateMachineView.Transition(state.name(), common.next(), "Next", ""));
      }
      State.ErrorHandling errors = null;
      switch (state.type()) {
        case "Choice":
          State.Choice choice = (State.Choice) state;
          for (JsonNode rule : choice.choices()) {
            transitions.add(
                new StateMachineView.Transition(
                    state.name(), rule.path("Next").asText(), "Choice", ruleLabel(rule)));
          }
          if (choice.defaultNext() != null) {
            transitions.add(
                new StateMachineView.Transition(
                    state.name(), choice.defaultNext(), "Default", "Default"));
          }
          break;
        case "Task":
          errors = ((State.Task) state).errors();
          break;
        case "Parallel":
          State.Parallel parallel = (State.Parallel) state;
          errors = parallel.errors();
          for (int i = 0; i < parallel.branches().size(); i++) {
            graph(parallel.branches().get(i), state.name(), i, states, transitions);
          }
          break;
        case "Map":
          State.MapState map = (State.MapState) state;
          errors = map.errors();
          graph(map.processor(), state.name(), 0, states, transitions);
          break;
        default:
          break;
      }
      if (errors != null) {
        for (State.Catcher catcher : errors.catchers()) {
          transitions.add(
              new StateMachineView.Transition(
                  state.name(), catcher.next(), "Catch", String.join(", ", catcher.errorEquals())));
        }
      }
    }
  }

  /** A Choice rule in a few words: its JSONata condition, or its comparison. */
  static String ruleLabel(JsonNode rule) {
    if (rule.has("Condition")) {
      return rule.get("Condition").asText();
    }
    if (rule.has("Variable")) {
      for (Iterator<Map.Entry<String, JsonNode>> fields = rule.properties().iterator();
          fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        String key = field.getKey();
        if (!key.equals("Variable") && !key.equals("Next") && !key.equals("Comment")) {
          return rule.get("Variable").asText() + " " + key + " " + field.getValue();
        }
      }
    }
    for (String combinator : List.of("And", "Or", "Not")) {
      if (rule.has(combinator)) {
        List<String> parts = new ArrayList<>();
        JsonNode inner = rule.get(combinator);
        if (inner.isArray()) {
          inner.forEach(part -> parts.add(ruleLabel(part)));
        } else {
          parts.add(ruleLabel(inner));
        }
        return combinator + "(" + String.join("; ", parts) + ")";
      }
    }
    return rule.toString();
  }

  static ExecutionView execution(Execution execution) {
    // The outcome first: the interpreter writes the last event before it sets the outcome, so a
    // history read after an outcome always ends with it.
    Execution.Outcome outcome = execution.outcome();
    List<ExecutionView.Event> events = new ArrayList<>();
    for (History.Event event : execution.history.events()) {
      events.add(event(event.toSdk(true)));
    }
    return new ExecutionView(
        execution.name,
        execution.arn,
        execution.machine.scope.accountId(),
        execution.machine.scope.region(),
        execution.machine.arn,
        (outcome == null ? Execution.Status.RUNNING : outcome.status()).name(),
        execution.inputText,
        outcome == null || outcome.output() == null ? null : Payloads.text(outcome.output()),
        outcome == null ? null : outcome.error(),
        outcome == null ? null : outcome.cause(),
        execution.started,
        outcome == null ? null : outcome.stopped(),
        events);
  }

  /**
   * One SDK history event, its details read by member name from whichever details object it has:
   * every event type names the same facts the same way ({@code name}, {@code input}, {@code
   * error}...), so one reading serves all of them.
   */
  private static ExecutionView.Event event(HistoryEvent event) {
    Map<String, Object> details = new java.util.HashMap<>();
    for (SdkField<?> field : event.sdkFields()) {
      Object value = field.getValueOrDefault(event);
      if (value instanceof SdkPojo) {
        SdkPojo pojo = (SdkPojo) value;
        for (SdkField<?> detail : pojo.sdkFields()) {
          Object detailValue = detail.getValueOrDefault(pojo);
          if (detailValue != null) {
            details.putIfAbsent(detail.memberName(), detailValue);
          }
        }
      }
    }
    Object index = details.get("index");
    return new ExecutionView.Event(
        event.id(),
        event.previousEventId() == null ? 0 : event.previousEventId(),
        event.timestamp(),
        event.typeAsString(),
        text(details.get("name")),
        text(details.getOrDefault("input", details.get("parameters"))),
        text(details.get("output")),
        text(details.get("error")),
        text(details.get("cause")),
        text(details.get("resourceType")),
        text(details.get("resource")),
        index instanceof Integer ? (Integer) index : null);
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }
}
