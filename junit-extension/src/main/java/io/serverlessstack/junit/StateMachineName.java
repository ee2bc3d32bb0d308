package io.serverlessstack.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the state machine an injected {@link StateMachineHandle} parameter stands for:
 * {@code @StateMachineName("orders") StateMachineHandle orders}. The state machine must exist when
 * the parameter is resolved, e.g. declared with {@link StateMachine}.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface StateMachineName {

  /** The state machine's name. */
  String value();
}
