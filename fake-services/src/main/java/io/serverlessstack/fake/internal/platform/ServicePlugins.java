package io.serverlessstack.fake.internal.platform;

import io.serverlessstack.fake.internal.apigateway.ApiGatewayPlugin;
import io.serverlessstack.fake.internal.firehose.FirehosePlugin;
import io.serverlessstack.fake.internal.kinesis.KinesisPlugin;
import io.serverlessstack.fake.internal.lambda.LambdaPlugin;
import io.serverlessstack.fake.internal.s3.S3Plugin;
import io.serverlessstack.fake.internal.sns.SnsPlugin;
import io.serverlessstack.fake.internal.sqs.SqsPlugin;
import io.serverlessstack.fake.internal.stepfunctions.StepFunctionsPlugin;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every service this artifact can run. A list in code rather than {@link java.util.ServiceLoader}:
 * the shaded jar relocates packages and merges jars, and a fixed list cannot pick up, or lose, a
 * plug-in on the way. Listing a plug-in loads its descriptor only.
 */
public final class ServicePlugins {

  private static final List<ServicePlugin> KNOWN =
      List.of(
          new SqsPlugin(),
          new SnsPlugin(),
          new LambdaPlugin(),
          new KinesisPlugin(),
          new S3Plugin(),
          new FirehosePlugin(),
          new StepFunctionsPlugin(),
          new ApiGatewayPlugin());

  private ServicePlugins() {}

  /** Every known plug-in, in the order stacks register them. */
  public static List<ServicePlugin> known() {
    return KNOWN;
  }

  /** The ids of every known service, e.g. {@code [sqs]}. */
  public static List<String> ids() {
    return KNOWN.stream().map(plugin -> plugin.descriptor().id()).toList();
  }

  /**
   * The plug-ins {@code ids} name, case-insensitively, in registration order; all of them when none
   * are named.
   *
   * @throws IllegalArgumentException naming the first unknown id and the known ones
   */
  public static List<ServicePlugin> named(Collection<String> ids) {
    if (ids.isEmpty()) {
      return KNOWN;
    }
    Map<String, ServicePlugin> byId = new LinkedHashMap<>();
    KNOWN.forEach(plugin -> byId.put(plugin.descriptor().id(), plugin));
    List<String> wanted = new ArrayList<>();
    for (String id : ids) {
      String normal = id.trim().toLowerCase(Locale.ROOT);
      if (!byId.containsKey(normal)) {
        throw new IllegalArgumentException(
            "unknown service '" + id.trim() + "'; available: " + String.join(", ", byId.keySet()));
      }
      wanted.add(normal);
    }
    return byId.values().stream()
        .filter(plugin -> wanted.contains(plugin.descriptor().id()))
        .toList();
  }
}
