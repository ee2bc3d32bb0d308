package io.serverlessstack.fake;

import io.serverlessstack.api.ClockMode;
import io.serverlessstack.api.SqsEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeNameForSends;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

/**
 * A stack for one test class, with real SDK clients and the SQS steps tests repeat. Register it
 * with {@code @RegisterExtension static final SqsStack stack = SqsStack.withVirtualClock();}: it
 * starts before the class, resets every resource before each test and stops after the class.
 */
public final class SqsStack implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

  /** Where virtual clocks start. */
  public static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

  private final ServerlessStackServer.Builder builder;
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private ServerlessStackServer server;
  private SqsClient sqs;
  private SqsAsyncClient async;
  private SnsClient sns;
  private LambdaClient lambda;
  private KinesisClient kinesis;
  private SfnClient sfn;
  private ApiGatewayClient apiGateway;

  private SqsStack(ServerlessStackServer.Builder builder) {
    this.builder = builder;
  }

  public static SqsStack withVirtualClock() {
    return new SqsStack(ServerlessStackServer.builder().withVirtualClock(START));
  }

  /** A stack on a virtual clock from START, configured further by {@code configure}. */
  public static SqsStack withVirtualClock(UnaryOperator<ServerlessStackServer.Builder> configure) {
    return new SqsStack(configure.apply(ServerlessStackServer.builder().withVirtualClock(START)));
  }

  /** A stack whose virtual clock skips idle time ({@code ClockMode.SKIP_IDLE}), from START. */
  public static SqsStack withIdleSkippingClock() {
    return new SqsStack(ServerlessStackServer.builder().withClock(ClockMode.SKIP_IDLE, START));
  }

  public static SqsStack withSystemClock() {
    return new SqsStack(ServerlessStackServer.builder());
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    server = builder.start();
    closeables.add(server);
    sqs = track(SqsClients.sync(server));
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    server.reset();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).close();
    }
    closeables.clear();
    async = null;
    sns = null;
    lambda = null;
    kinesis = null;
    sfn = null;
    apiGateway = null;
  }

  public ServerlessStackServer server() {
    return server;
  }

  /** The sync (Apache) client of the default account and region. */
  public SqsClient sqs() {
    return sqs;
  }

  /** The async (Netty, HTTP/1.1) client of the default account and region. */
  public synchronized SqsAsyncClient async() {
    if (async == null) {
      async = track(SqsClients.async(server));
    }
    return async;
  }

  /** The sync (Apache) SNS client of the default account and region. */
  public synchronized SnsClient sns() {
    if (sns == null) {
      sns = track(SnsClients.sync(server));
    }
    return sns;
  }

  /** The sync (Apache) Lambda client of the default account and region. */
  public synchronized LambdaClient lambda() {
    if (lambda == null) {
      lambda = track(LambdaClients.sync(server));
    }
    return lambda;
  }

  /** The sync (Apache, CBOR) Kinesis client of the default account and region. */
  public synchronized KinesisClient kinesis() {
    if (kinesis == null) {
      kinesis = track(KinesisClients.sync(server));
    }
    return kinesis;
  }

  /** The sync (Apache) Step Functions client of the default account and region. */
  public synchronized SfnClient sfn() {
    if (sfn == null) {
      sfn = track(SfnClients.sync(server));
    }
    return sfn;
  }

  /** The sync (Apache) API Gateway (REST APIs) client of the default account and region. */
  public synchronized ApiGatewayClient apiGateway() {
    if (apiGateway == null) {
      apiGateway = track(ApiGatewayClients.sync(server));
    }
    return apiGateway;
  }

  /** Another sync client, closed with the stack. */
  public SqsClient client(String accessKey, Region region) {
    return track(SqsClients.sync(server, accessKey, region));
  }

  public <T extends AutoCloseable> T track(T closeable) {
    synchronized (closeables) {
      closeables.add(closeable);
    }
    return closeable;
  }

  /** The stack clock's time. */
  public Instant now() {
    return server.clock().now();
  }

  /** How many deliveries between services wait on the clock for their next attempt. */
  public int deliveryRetriesWaiting() {
    return server.deliveryBus().retriesWaiting();
  }

  /** Moves the virtual clock, running every timeout that falls due. */
  public void advance(Duration duration) {
    server.virtualClock().orElseThrow().advance(duration);
  }

  // ---- queues

  public String createQueue(String name) {
    return createQueue(name, Map.of());
  }

  public String createQueue(String name, Map<QueueAttributeName, String> attributes) {
    return sqs.createQueue(b -> b.queueName(name).attributes(attributes)).queueUrl();
  }

  /** A FIFO queue ({@code FifoQueue=true} is added) with {@code attributes}. */
  public String createFifoQueue(String name, Map<QueueAttributeName, String> attributes) {
    Map<QueueAttributeName, String> all = new EnumMap<>(QueueAttributeName.class);
    all.putAll(attributes);
    all.put(QueueAttributeName.FIFO_QUEUE, "true");
    return createQueue(name, all);
  }

  /**
   * A queue redriving to a new dead-letter queue {@code name + "-dlq"} after {@code maxReceives}.
   */
  public String createQueueWithDeadLetterQueue(String name, int maxReceives) {
    boolean fifo = name.endsWith(".fifo");
    String dlqName = fifo ? name.replace(".fifo", "-dlq.fifo") : name + "-dlq";
    String dlq = fifo ? createFifoQueue(dlqName, Map.of()) : createQueue(dlqName);
    Map<QueueAttributeName, String> attributes =
        Map.of(QueueAttributeName.REDRIVE_POLICY, redrivePolicy(dlq, maxReceives));
    return fifo ? createFifoQueue(name, attributes) : createQueue(name, attributes);
  }

  public String redrivePolicy(String deadLetterQueueUrl, int maxReceiveCount) {
    return "{\"deadLetterTargetArn\":\""
        + arn(deadLetterQueueUrl)
        + "\",\"maxReceiveCount\":"
        + maxReceiveCount
        + "}";
  }

  public Map<QueueAttributeName, String> attributes(String url, QueueAttributeName... names) {
    return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(names)).attributes();
  }

  public String attribute(String url, QueueAttributeName name) {
    return attributes(url, name).get(name);
  }

  public int count(String url, QueueAttributeName approximateCount) {
    return Integer.parseInt(attribute(url, approximateCount));
  }

  public String arn(String url) {
    return attribute(url, QueueAttributeName.QUEUE_ARN);
  }

  // ---- messages

  public SendMessageResponse send(String url, String body) {
    return sqs.sendMessage(b -> b.queueUrl(url).messageBody(body));
  }

  public SendMessageResponse send(String url, Consumer<SendMessageRequest.Builder> request) {
    return sqs.sendMessage(b -> request.accept(b.queueUrl(url)));
  }

  /** Sends to a FIFO queue with an explicit deduplication id equal to the body. */
  public SendMessageResponse sendFifo(String url, String group, String body) {
    return send(url, b -> b.messageBody(body).messageGroupId(group).messageDeduplicationId(body));
  }

  /** One short poll for up to {@code max} messages with every attribute. */
  public List<Message> receive(String url, int max) {
    return receive(url, b -> b.maxNumberOfMessages(max));
  }

  /** One short poll with every attribute, shaped further by {@code request}. */
  public List<Message> receive(String url, Consumer<ReceiveMessageRequest.Builder> request) {
    return sqs.receiveMessage(
            b ->
                request.accept(
                    b.queueUrl(url)
                        .waitTimeSeconds(0)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                        .messageAttributeNames("All")))
        .messages();
  }

  public List<String> receiveBodies(String url, int max) {
    return receive(url, max).stream().map(Message::body).toList();
  }

  public void delete(String url, Message message) {
    sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(message.receiptHandle()));
  }

  /**
   * Starts an async receive of up to ten messages with every attribute, waiting at most {@code
   * waitSeconds}, and returns once the server has parked it (or answered it), so that moving the
   * virtual clock next cannot overtake a request still on its way.
   */
  public CompletableFuture<ReceiveMessageResponse> longPoll(String url, int waitSeconds) {
    return longPoll(url, b -> b.waitTimeSeconds(waitSeconds));
  }

  /**
   * {@link #longPoll(String, int)} shaped by {@code request}; the queue's wait applies unless set.
   */
  public CompletableFuture<ReceiveMessageResponse> longPoll(
      String url, Consumer<ReceiveMessageRequest.Builder> request) {
    String name = url.substring(url.lastIndexOf('/') + 1);
    long before = longPollsWaiting(name);
    CompletableFuture<ReceiveMessageResponse> response =
        async()
            .receiveMessage(
                b ->
                    request.accept(
                        b.queueUrl(url)
                            .maxNumberOfMessages(10)
                            .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                            .messageAttributeNames("All")));
    awaitLongPolls(name, before + 1, response::isDone);
    return response;
  }

  /**
   * Waits, spinning for at most five seconds and never sleeping, until {@code count} receives on
   * the queue {@code name} have parked as long polls, or {@code done} says to stop waiting.
   */
  public void awaitLongPolls(String name, long count, BooleanSupplier done) {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (longPollsWaiting(name) < count && !done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("The long poll on " + name + " never reached the server");
      }
      Thread.onSpinWait();
    }
  }

  /** How many receives on queue {@code name} have parked as long polls, from the journal. */
  public long longPollsWaiting(String name) {
    return server.inspector().journal().stream()
        .filter(
            event ->
                event.type().equals(SqsEvents.LONG_POLL_WAITING) && event.resource().equals(name))
        .count();
  }

  // ---- attribute values

  public static MessageAttributeValue string(String value) {
    return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
  }

  public static MessageAttributeValue number(String value) {
    return MessageAttributeValue.builder().dataType("Number").stringValue(value).build();
  }

  public static MessageAttributeValue binary(byte... value) {
    return MessageAttributeValue.builder()
        .dataType("Binary")
        .binaryValue(SdkBytes.fromByteArray(value))
        .build();
  }

  /** The AWSTraceHeader system attribute, the only one a sender may set. */
  public static Map<MessageSystemAttributeNameForSends, MessageSystemAttributeValue> traceHeader(
      String value) {
    return Map.of(
        MessageSystemAttributeNameForSends.AWS_TRACE_HEADER,
        MessageSystemAttributeValue.builder().dataType("String").stringValue(value).build());
  }

  public static MessageAttributeValue typed(String dataType, String value) {
    return MessageAttributeValue.builder().dataType(dataType).stringValue(value).build();
  }
}
