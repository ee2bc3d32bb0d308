package io.serverlessstack.fake.internal.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed state machine, or a Parallel branch or a Map's item processor: where it starts and its
 * states by name. Built by {@link #parse} from a definition that {@link DefinitionValidator} found
 * valid; parsing assumes that and does not repeat AWS's checks.
 *
 * @param timeoutSeconds the machine's {@code TimeoutSeconds}, or {@code null}
 */
public record Definition(
    String comment,
    String startAt,
    Map<String, State> states,
    QueryLanguage queryLanguage,
    Integer timeoutSeconds) {

  public Definition {
    Objects.requireNonNull(startAt, "startAt");
    states = Collections.unmodifiableMap(new LinkedHashMap<>(states));
  }

  /** The state {@code name}; the definition was validated, so a transition always finds one. */
  public State state(String name) {
    State state = states.get(name);
    if (state == null) {
      throw new IllegalStateException("No state " + name + " in a validated definition");
    }
    return state;
  }

  public State start() {
    return state(startAt);
  }

  /** A whole state machine's definition. */
  public static Definition parse(JsonNode json) {
    return DefinitionParser.parse(json, QueryLanguage.JSONPATH);
  }
}
