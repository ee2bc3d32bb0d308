package io.serverlessstack.fake.internal.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import io.serverlessstack.fake.internal.clock.StackClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * The {@link Context} a handler gets: its request id, function name, version and ARN (qualified as
 * it was invoked), memory, the log group and stream Lambda would use, and the time left before its
 * deadline on the stack's clock.
 */
final class InvocationContext implements Context {

  /** Lambda's log streams are named {@code yyyy/MM/dd/[version]id}. */
  private static final DateTimeFormatter LOG_STREAM_DATE =
      DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

  private final String requestId;
  private final String functionName;
  private final String version;
  private final String invokedArn;
  private final int memoryMb;
  private final Instant deadline;
  private final StackClock clock;
  private final InvocationLog log;
  private final ClientContext clientContext;
  private final Map<String, String> environment;

  InvocationContext(
      String requestId,
      String functionName,
      String version,
      String invokedArn,
      int memoryMb,
      Instant deadline,
      StackClock clock,
      InvocationLog log,
      ClientContext clientContext,
      Map<String, String> environment) {
    this.requestId = requestId;
    this.functionName = functionName;
    this.version = version;
    this.invokedArn = invokedArn;
    this.memoryMb = memoryMb;
    this.deadline = deadline;
    this.clock = clock;
    this.log = log;
    this.clientContext = clientContext;
    this.environment = environment;
  }

  /** The environment the handler runs with: the function's variables over Lambda's own. */
  Map<String, String> environment() {
    return environment;
  }

  @Override
  public String getAwsRequestId() {
    return requestId;
  }

  @Override
  public String getLogGroupName() {
    return "/aws/lambda/" + functionName;
  }

  @Override
  public String getLogStreamName() {
    return LOG_STREAM_DATE.format(deadline) + "/[" + version + "]" + requestId.replace("-", "");
  }

  @Override
  public String getFunctionName() {
    return functionName;
  }

  @Override
  public String getFunctionVersion() {
    return version;
  }

  @Override
  public String getInvokedFunctionArn() {
    return invokedArn;
  }

  @Override
  public CognitoIdentity getIdentity() {
    return null;
  }

  @Override
  public ClientContext getClientContext() {
    return clientContext;
  }

  @Override
  public int getRemainingTimeInMillis() {
    long left = Duration.between(clock.now(), deadline).toMillis();
    return (int) Math.max(0, Math.min(Integer.MAX_VALUE, left));
  }

  @Override
  public int getMemoryLimitInMB() {
    return memoryMb;
  }

  @Override
  public LambdaLogger getLogger() {
    return log;
  }
}
