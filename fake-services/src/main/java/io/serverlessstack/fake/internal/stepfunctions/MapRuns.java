package io.serverlessstack.fake.internal.stepfunctions;

import io.serverlessstack.fake.internal.s3.S3Engine;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** The stack's Map Runs and their child executions, found by ARN. Thread-safe. */
final class MapRuns {

  private final Map<String, MapRun> runs = new ConcurrentHashMap<>();
  private final Map<String, Execution> children = new ConcurrentHashMap<>();
  private final Supplier<S3Engine> s3;

  /**
   * @param s3 the stack's S3, which ItemReaders read and ResultWriters write, or {@code null} when
   *     the stack runs none
   */
  MapRuns(Supplier<S3Engine> s3) {
    this.s3 = s3;
  }

  /** The stack's S3, or {@code null} when it runs none. */
  S3Engine s3() {
    return s3.get();
  }

  void add(MapRun run) {
    runs.put(run.arn, run);
  }

  void addChild(MapRun run, Execution child) {
    children.put(child.arn, child);
  }

  /** The Map Run with this ARN, or {@code null}. */
  MapRun run(String arn) {
    return runs.get(arn);
  }

  /** The child execution with this ARN, or {@code null}. */
  Execution child(String arn) {
    return children.get(arn);
  }

  /** The Map Runs an execution started, newest first. */
  List<MapRun> runsOf(String executionArn) {
    List<MapRun> found = new ArrayList<>();
    for (MapRun run : runs.values()) {
      if (run.parentArn.equals(executionArn)) {
        found.add(run);
      }
    }
    found.sort(Comparator.comparing((MapRun run) -> run.started).reversed());
    return found;
  }

  /** A Map Run's child executions, newest first. */
  List<Execution> childrenOf(String mapRunArn) {
    List<Execution> found = new ArrayList<>();
    for (Execution child : children.values()) {
      if (mapRunArn.equals(child.mapRunArn)) {
        found.add(child);
      }
    }
    found.sort(
        Comparator.comparing((Execution execution) -> execution.started)
            .thenComparingLong(execution -> execution.serial)
            .reversed());
    return found;
  }

  /** Every child execution, for a reset to stop. */
  List<Execution> allChildren() {
    return List.copyOf(children.values());
  }

  void clear() {
    runs.clear();
    children.clear();
  }
}
