package io.serverlessstack.fake.internal.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.serverlessstack.fake.internal.protocol.AwsErrorException;
import io.serverlessstack.fake.internal.s3.S3Engine;
import io.serverlessstack.fake.internal.server.Scope;
import io.serverlessstack.fake.internal.stepfunctions.asl.JsonataBindings;
import io.serverlessstack.fake.internal.stepfunctions.asl.JsonataExpressions;
import io.serverlessstack.fake.internal.stepfunctions.asl.PathRoots;
import io.serverlessstack.fake.internal.stepfunctions.asl.PayloadTemplate;
import io.serverlessstack.fake.internal.stepfunctions.asl.StatesError;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * A distributed Map's ResultWriter ({@code arn:aws:states:::s3:putObject}): when the Map Run ends,
 * writes its children's results to the stack's S3 under {@code <Prefix>/<map run id>/} as AWS does,
 * {@code SUCCEEDED_0.json} and {@code FAILED_0.json} (each an array of the children as
 * DescribeExecution shows them) and {@code manifest.json}, which lists them; the Map's result is
 * then {@code {"MapRunArn": ..., "ResultWriterDetails": {"Bucket": ..., "Key": <manifest>}}}
 * (shapes from AWS's documentation and LocalStack's AWS snapshot {@code
 * test_map_state_result_writer}).
 */
final class MapResultWriter {

  private final String bucket;
  private final String prefix;

  private MapResultWriter(String bucket, String prefix) {
    this.bucket = bucket;
    this.prefix = prefix;
  }

  /** The state's writer with its parameters evaluated, or {@code null} for none. */
  static MapResultWriter prepare(
      JsonNode writer, JsonNode effective, PathRoots roots, JsonataBindings bindings) {
    if (writer == null) {
      return null;
    }
    JsonNode parameters;
    if (bindings != null) {
      parameters =
          writer.has("Arguments")
              ? JsonataExpressions.evaluate(writer.get("Arguments"), bindings, "Arguments")
              : Payloads.NODES.objectNode();
    } else {
      parameters =
          writer.has("Parameters")
              ? PayloadTemplate.cached(writer.get("Parameters")).apply(effective, roots)
              : Payloads.NODES.objectNode();
    }
    String prefix = parameters.path("Prefix").asText("");
    if (!prefix.isEmpty() && !prefix.endsWith("/")) {
      prefix = prefix + "/";
    }
    return new MapResultWriter(parameters.path("Bucket").asText(null), prefix);
  }

  /**
   * Writes the ended run's results and answers the Map's result; fails with {@code
   * States.ResultWriterFailed}.
   */
  JsonNode write(MapRun run, List<Execution> children, S3Engine s3, Scope scope, Instant now) {
    if (s3 == null) {
      throw failed("The stack does not run S3, which the ResultWriter writes.");
    }
    if (bucket == null) {
      throw failed("The field 'Bucket' is required but was missing");
    }
    String runId = run.arn.substring(run.arn.lastIndexOf(':') + 1);
    String folder = prefix + runId + "/";
    ArrayNode succeeded = Payloads.NODES.arrayNode();
    ArrayNode failed = Payloads.NODES.arrayNode();
    for (Execution child : children) {
      Execution.Outcome outcome = child.outcome();
      if (outcome == null) {
        continue;
      }
      ObjectNode result =
          (outcome.status() == Execution.Status.SUCCEEDED ? succeeded : failed).addObject();
      describe(child, outcome, result, now);
    }
    ObjectNode manifest = Payloads.NODES.objectNode();
    manifest.put("DestinationBucket", bucket);
    manifest.put("MapRunArn", run.arn);
    ObjectNode files = manifest.putObject("ResultFiles");
    files.set("FAILED", file(s3, scope, folder + "FAILED_0.json", failed));
    files.putArray("PENDING");
    files.set("SUCCEEDED", file(s3, scope, folder + "SUCCEEDED_0.json", succeeded));
    String manifestKey = folder + "manifest.json";
    put(s3, scope, manifestKey, Payloads.text(manifest));
    ObjectNode answer = Payloads.NODES.objectNode();
    answer.put("MapRunArn", run.arn);
    ObjectNode details = answer.putObject("ResultWriterDetails");
    details.put("Bucket", bucket);
    details.put("Key", manifestKey);
    return answer;
  }

  /** Writes one results file when it has results; the manifest's list of it. */
  private ArrayNode file(S3Engine s3, Scope scope, String key, ArrayNode results) {
    ArrayNode listed = Payloads.NODES.arrayNode();
    if (results.isEmpty()) {
      return listed;
    }
    String text = Payloads.text(results);
    put(s3, scope, key, text);
    listed.addObject().put("Key", key).put("Size", text.getBytes(StandardCharsets.UTF_8).length);
    return listed;
  }

  private void put(S3Engine s3, Scope scope, String key, String text) {
    try {
      s3.putObject(
          scope.accountId(),
          scope.region(),
          bucket,
          key,
          text.getBytes(StandardCharsets.UTF_8),
          "application/json",
          null);
    } catch (AwsErrorException e) {
      // Guess: the cause is S3's own message.
      throw failed(e.getMessage());
    }
  }

  /** A child as a results file has it: DescribeExecution's fields, capitalized. */
  private static void describe(
      Execution child, Execution.Outcome outcome, ObjectNode result, Instant now) {
    result.put("ExecutionArn", child.arn);
    result.put("Input", child.inputText);
    result.putObject("InputDetails").put("Included", true);
    result.put("Name", child.name);
    if (outcome.output() != null) {
      result.put("Output", Payloads.text(outcome.output()));
      result.putObject("OutputDetails").put("Included", true);
    }
    if (outcome.error() != null) {
      result.put("Error", outcome.error());
    }
    if (outcome.cause() != null) {
      result.put("Cause", outcome.cause());
    }
    result.put("RedriveCount", child.redriveCount);
    String notRedrivable = Redrives.notRedrivableReason(child, now);
    result.put("RedriveStatus", notRedrivable == null ? "REDRIVABLE" : "NOT_REDRIVABLE");
    if (notRedrivable != null) {
      result.put("RedriveStatusReason", notRedrivable);
    }
    result.put("StartDate", Timestamps.format(child.started));
    result.put("StateMachineArn", child.machine.arn);
    result.put("Status", outcome.status().name());
    result.put("StopDate", Timestamps.format(outcome.stopped()));
  }

  private static StatesError failed(String cause) {
    return StatesError.of(StatesError.RESULT_WRITER_FAILED, cause);
  }
}
