package io.serverlessstack.fake.internal.stepfunctions;

import io.serverlessstack.fake.internal.server.Scope;
import io.serverlessstack.fake.internal.stepfunctions.asl.Definition;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** One state machine: its current definition and settings. Guarded by its own monitor. */
final class StateMachine {

  /** What an execution runs: a definition as it was when the execution started. */
  record Revision(
      String definitionText,
      Definition definition,
      String roleArn,
      String revisionId,
      Instant updated,
      String loggingJson,
      boolean tracing) {}

  final Scope scope;
  final String name;
  final String arn;
  final boolean express;
  final Instant created;
  private Revision current;
  final Map<String, String> tags = new LinkedHashMap<>();
  volatile boolean deleting;

  /** Its published versions and its aliases, which go when it goes. */
  final MachineVersions versions = new MachineVersions();

  StateMachine(
      Scope scope, String name, String arn, boolean express, Instant created, Revision first) {
    this.scope = scope;
    this.name = name;
    this.arn = arn;
    this.express = express;
    this.created = created;
    this.current = first;
  }

  synchronized Revision current() {
    return current;
  }

  synchronized void update(Revision next) {
    current = next;
  }

  String type() {
    return express ? "EXPRESS" : "STANDARD";
  }
}
