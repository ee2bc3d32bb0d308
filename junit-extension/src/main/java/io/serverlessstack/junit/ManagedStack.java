package io.serverlessstack.junit;

import io.serverlessstack.junit.ServerlessStack.Mode;
import io.serverlessstack.junit.internal.AsyncTransport;
import io.serverlessstack.junit.internal.ContainerSettings;
import io.serverlessstack.junit.internal.ContainerStack;
import io.serverlessstack.junit.internal.InJvmStack;
import io.serverlessstack.junit.internal.RunningStack;
import io.serverlessstack.junit.internal.SyncTransport;
import io.serverlessstack.junit.internal.SystemPropertiesScope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * A running stack with everything the extension hangs on it: the system properties that point
 * default clients at it, the clients it hands out, and the declared queues it creates. Closing it
 * closes the clients, stops the stack and restores the system properties, in that order. Lives in a
 * JUnit {@code Store}, which closes it at the end of its scope.
 */
final class ManagedStack implements AutoCloseable {

  static final String ENDPOINT_PROPERTY = "aws.endpointUrl";
  static final String REGION_PROPERTY = "aws.region";
  static final String ACCESS_KEY_PROPERTY = "aws.accessKeyId";
  static final String SECRET_KEY_PROPERTY = "aws.secretAccessKey";

  private final RunningStack stack;
  private final StackInfo info;
  private final SystemPropertiesScope properties;
  private SqsClient sqs;
  private SqsAsyncClient sqsAsync;
  private AsyncTransport asyncTransport;
  private boolean closed;

  private ManagedStack(RunningStack stack) {
    this.stack = stack;
    this.info =
        new StackInfo(stack.endpoint(), stack.region(), stack.accessKey(), stack.secretKey());
    this.properties =
        SystemPropertiesScope.set(
            Map.of(
                ENDPOINT_PROPERTY, info.endpoint().toString(),
                REGION_PROPERTY, info.region(),
                ACCESS_KEY_PROPERTY, info.accessKey(),
                SECRET_KEY_PROPERTY, info.secretKey()));
  }

  /**
   * Starts a stack as {@code config} asks.
   *
   * @throws ExtensionConfigurationException if this module cannot run such a stack
   */
  static ManagedStack start(StackConfig config, Class<?> testClass) {
    checkSupported(config, testClass);
    if (config.mode() == Mode.CONTAINER) {
      if (!ContainerStack.dockerAvailable()) {
        // Only reached under CI=true: elsewhere the class is skipped without an engine.
        throw new ExtensionConfigurationException(
            "@ServerlessStack(mode = CONTAINER) on "
                + testClass.getName()
                + " needs a Docker engine, and none answers (CI=true makes that a failure)");
      }
      return new ManagedStack(ContainerStack.start(config.clock(), config.container()));
    }
    return new ManagedStack(InJvmStack.start(config.clock()));
  }

  /**
   * Container mode needs the optional Testcontainers module on the test classpath; the container
   * attributes need container mode.
   */
  static void checkSupported(StackConfig config, Class<?> testClass) {
    if (config.mode() != Mode.CONTAINER && !config.container().equals(ContainerSettings.DEFAULT)) {
      throw new ExtensionConfigurationException(
          "@ServerlessStack on "
              + testClass.getName()
              + " sets image, baseImage, reuse or hostPort, which apply to mode = CONTAINER only");
    }
    if (config.mode() == Mode.CONTAINER && !containerModulePresent()) {
      throw new ExtensionConfigurationException(
          "@ServerlessStack(mode = CONTAINER) on "
              + testClass.getName()
              + " needs io.serverlessstack:serverless-stack-testcontainers on the test classpath");
    }
  }

  static boolean containerModulePresent() {
    try {
      Class.forName(
          "io.serverlessstack.testcontainers.ServerlessStackContainer",
          false,
          ManagedStack.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError absent) {
      return false;
    }
  }

  RunningStack stack() {
    return stack;
  }

  StackInfo info() {
    return info;
  }

  /** The sync client tests are given; it also creates the declared resources. */
  synchronized SqsClient sqs() {
    checkOpen();
    if (sqs == null) {
      SqsClientBuilder builder = info.configure(SqsClient.builder());
      SyncTransport.httpClient().ifPresent(builder::httpClientBuilder);
      sqs = builder.build();
    }
    return sqs;
  }

  /** The async client tests are given; built on first use, as it starts event-loop threads. */
  synchronized SqsAsyncClient sqsAsync() {
    checkOpen();
    if (sqsAsync == null) {
      asyncTransport = AsyncTransport.start();
      sqsAsync =
          info.configure(SqsAsyncClient.builder())
              .httpClientBuilder(asyncTransport.httpClient())
              .build();
    }
    return sqsAsync;
  }

  void reset() {
    stack.reset();
  }

  /**
   * Creates the declared queues that do not exist yet, dead-letter queues first. Queues that exist
   * are left as they are, so state a test left behind survives when the stack does not reset.
   *
   * @throws ExtensionConfigurationException if a declaration is wrong or SQS rejects it
   */
  void createQueues(List<SqsQueue> declared) {
    Map<String, String> arns = new HashMap<>();
    for (SqsQueue queue : DeclaredQueues.inCreationOrder(declared)) {
      String url = existingUrl(queue.name());
      if (url == null) {
        url =
            create(
                queue,
                queue.deadLetterQueue().isEmpty() ? null : arns.get(queue.deadLetterQueue()));
      }
      arns.put(queue.name(), arn(url));
    }
  }

  private String existingUrl(String name) {
    try {
      return sqs().getQueueUrl(request -> request.queueName(name)).queueUrl();
    } catch (QueueDoesNotExistException missing) {
      return null;
    }
  }

  private String create(SqsQueue queue, String deadLetterArn) {
    try {
      return sqs()
          .createQueue(
              request ->
                  request
                      .queueName(queue.name())
                      .attributesWithStrings(DeclaredQueues.attributes(queue, deadLetterArn)))
          .queueUrl();
    } catch (SqsException rejected) {
      throw new ExtensionConfigurationException(
          "SQS rejected @SqsQueue(name = \""
              + queue.name()
              + "\"): "
              + (rejected.awsErrorDetails() == null
                  ? rejected.getMessage()
                  : rejected.awsErrorDetails().errorCode()
                      + ": "
                      + rejected.awsErrorDetails().errorMessage()),
          rejected);
    }
  }

  /**
   * A handle on the queue {@code name}.
   *
   * @throws software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException if there is none
   */
  SqsQueueHandle queue(String name) {
    String url = sqs().getQueueUrl(request -> request.queueName(name)).queueUrl();
    return new SqsQueueHandle(name, url, arn(url), stack.inspector());
  }

  private String arn(String url) {
    return sqs()
        .getQueueAttributes(
            request -> request.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
        .attributes()
        .get(QueueAttributeName.QUEUE_ARN);
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("The stack at " + info.endpoint() + " has stopped");
    }
  }

  /** Closes everything even if a part fails, then reports the first failure. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    List<AutoCloseable> parts = new ArrayList<>();
    if (sqs != null) {
      parts.add(sqs);
    }
    if (sqsAsync != null) {
      parts.add(sqsAsync);
      parts.add(asyncTransport);
    }
    parts.add(stack);
    parts.add(properties);
    RuntimeException failure = null;
    for (AutoCloseable part : parts) {
      try {
        part.close();
      } catch (Exception e) {
        if (failure == null) {
          failure = new IllegalStateException("Could not stop the stack cleanly", e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
