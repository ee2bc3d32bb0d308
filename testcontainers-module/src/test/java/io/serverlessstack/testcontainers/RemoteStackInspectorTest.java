package io.serverlessstack.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;

import io.serverlessstack.api.JournalEvent;
import io.serverlessstack.api.JournalFilter;
import io.serverlessstack.api.MessageView;
import io.serverlessstack.api.QueueView;
import io.serverlessstack.api.ResourceRef;
import io.serverlessstack.api.ResourceView;
import io.serverlessstack.api.SqsEvents;
import io.serverlessstack.api.StackDefaults;
import io.serverlessstack.api.StackInspector;
import io.serverlessstack.api.TopicView;
import io.serverlessstack.fake.ServerlessStackServer;
import io.serverlessstack.fake.internal.admin.AdminApi;
import io.serverlessstack.fake.internal.clock.SystemClock;
import io.serverlessstack.fake.internal.journal.Journal;
import io.serverlessstack.fake.internal.platform.ServicePlugin;
import io.serverlessstack.fake.internal.platform.StackServices;
import io.serverlessstack.fake.internal.server.AwsService;
import io.serverlessstack.fake.internal.server.HttpFrontDoor;
import io.serverlessstack.fake.internal.server.RawRoute;
import io.serverlessstack.fake.internal.server.ResourceCollection;
import io.serverlessstack.fake.internal.server.Router;
import io.serverlessstack.fake.internal.server.ServiceDescriptor;
import io.serverlessstack.fake.internal.server.StackResponse;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The remote inspector over a real in-JVM stack's admin HTTP API (no container needed): the same
 * answers as the in-JVM inspector, for SQS and for any other service's collections.
 */
class RemoteStackInspectorTest {

  private static ServerlessStackServer stack;
  private static SqsClient sqs;
  private static SqsClient otherAccount;
  private static RemoteStackInspector remote;

  @BeforeAll
  static void start() {
    stack = ServerlessStackServer.builder().start();
    sqs = client(StackDefaults.ACCESS_KEY_ID);
    otherAccount = client("111122223333");
    remote = new RemoteStackInspector(stack.endpoint());
  }

  @AfterAll
  static void stop() {
    sqs.close();
    otherAccount.close();
    stack.close();
  }

  @BeforeEach
  void reset() {
    stack.reset();
  }

  @Test
  void genericResourcesOfSqsAreTypedQueueViewsEqualToTheInJvmOnes() {
    String url = sqs.createQueue(b -> b.queueName("orders")).queueUrl();
    otherAccount.createQueue(b -> b.queueName("orders"));
    sqs.sendMessage(b -> b.queueUrl(url).messageBody("o1"));

    List<ResourceView> queues = remote.resources("sqs", "queue");

    assertThat(queues).allMatch(QueueView.class::isInstance);
    assertThat(queues)
        .extracting(view -> ((QueueView) view).accountId())
        .containsExactly(StackDefaults.ACCOUNT_ID, "111122223333");
    assertThat(queues)
        .usingRecursiveFieldByFieldElementComparatorIgnoringFields("attributes")
        .isEqualTo(stack.inspector().resources("sqs", "queue"));
    assertThat(remote.resources("sqs", "no-such-type")).isEmpty();
    assertThat(remote.resources("no-such-service", "queue")).isEmpty();
  }

  @Test
  void resourceByArnFindsExactlyTheQueueOfThatAccountAndRegion() {
    sqs.createQueue(b -> b.queueName("orders"));
    String otherUrl = otherAccount.createQueue(b -> b.queueName("orders")).queueUrl();
    otherAccount.sendMessage(b -> b.queueUrl(otherUrl).messageBody("for 1111"));
    String arn = "arn:aws:sqs:us-east-1:111122223333:orders";

    Optional<ResourceView> found = remote.resource(arn);

    assertThat(found).get().isInstanceOf(QueueView.class);
    assertThat(found.get().ref()).isEqualTo(new ResourceRef("sqs", "queue", "orders", arn));
    assertThat(((QueueView) found.get()).messages())
        .extracting(MessageView::body)
        .containsExactly("for 1111");
    assertThat(remote.resource("arn:aws:sqs:eu-west-1:111122223333:orders")).isEmpty();
    assertThat(remote.resource("arn:aws:sns:us-east-1:111122223333:orders")).isEmpty();
    assertThat(remote.resource("orders")).as("a name, not an ARN").isEmpty();
  }

  @Test
  void topicsAreTypedTopicViewsEqualToTheInJvmOnes() {
    try (SnsClient sns = snsClient(StackDefaults.ACCESS_KEY_ID);
        SnsClient otherSns = snsClient("111122223333")) {
      String orders = sns.createTopic(b -> b.name("orders")).topicArn();
      otherSns.createTopic(b -> b.name("orders"));
      String queueArn = "arn:aws:sqs:us-east-1:000000000000:work";
      sqs.createQueue(b -> b.queueName("work"));
      sns.subscribe(
          b ->
              b.topicArn(orders)
                  .protocol("sqs")
                  .endpoint(queueArn)
                  .attributes(Map.of("FilterPolicy", "{\"store\":[\"example_corp\"]}")));
      sns.subscribe(b -> b.topicArn(orders).protocol("https").endpoint("https://example.com/h"));

      List<ResourceView> topics = remote.resources("sns", "topic");

      assertThat(topics).allMatch(TopicView.class::isInstance);
      assertThat(topics).isEqualTo(stack.inspector().resources("sns", "topic"));
      assertThat(remote.topics()).isEqualTo(stack.inspector().topics());
      assertThat(remote.topic("orders")).isEqualTo(stack.inspector().topic("orders"));
      assertThat(remote.topic(orders)).isEqualTo(stack.inspector().topic(orders));
      assertThat(remote.resource(orders)).isEqualTo(stack.inspector().resource(orders));
      TopicView view = remote.topic(orders).orElseThrow();
      assertThat(view.subscription(queueArn).orElseThrow().filterPolicyScope())
          .isEqualTo("MessageAttributes");
      assertThat(view.subscription("https://example.com/h").orElseThrow().confirmationToken())
          .isNotBlank();
      assertThat(remote.topic("missing")).isEmpty();
    }
  }

  @Test
  void aStackWithoutSnsHasNoTopics() {
    try (ServerlessStackServer sqsOnly =
        ServerlessStackServer.builder().withServices("sqs").start()) {
      RemoteStackInspector inspector = new RemoteStackInspector(sqsOnly.endpoint());

      assertThat(inspector.topics()).isEmpty();
      assertThat(inspector.topic("orders")).isEmpty();
      assertThat(inspector.resources("sns", "topic")).isEmpty();
    }
  }

  @Test
  void journalSinceAndFilterAskTheStackForOnlyTheseEvents() {
    String url = sqs.createQueue(b -> b.queueName("orders")).queueUrl();
    String audit = sqs.createQueue(b -> b.queueName("audit")).queueUrl();
    sqs.sendMessage(b -> b.queueUrl(url).messageBody("first"));
    long seen = remote.journal().get(remote.journal().size() - 1).sequence();
    sqs.sendMessage(b -> b.queueUrl(url).messageBody("second"));
    sqs.sendMessage(b -> b.queueUrl(audit).messageBody("elsewhere"));

    JournalFilter sentToOrders =
        JournalFilter.all()
            .withService("sqs")
            .withTypes(SqsEvents.MESSAGE_SENT, SqsEvents.MESSAGE_RECEIVED)
            .withResource("arn:aws:sqs:us-east-1:000000000000:orders");
    List<JournalEvent> events = remote.journal(seen, sentToOrders);

    assertThat(events).extracting(event -> event.details().get("body")).containsExactly("second");
    assertThat(events).isEqualTo(stack.inspector().journal(seen, sentToOrders));
    assertThat(remote.journal(0, JournalFilter.all().withService("sns"))).isEmpty();
  }

  /**
   * A service the remote client has no typed view for (a schedule service, here) is inspected
   * through the same generic paths, its resources coming back as {@link RemoteResourceView}s.
   */
  @Test
  void anyServicesCollectionsAreReadThroughTheGenericPaths() {
    AtomicInteger listed = new AtomicInteger();
    try (ScheduleStack schedules = new ScheduleStack(listed)) {
      RemoteStackInspector inspector = new RemoteStackInspector(schedules.endpoint);

      List<ResourceView> all = inspector.resources("scheduler", "schedule");
      Optional<ResourceView> alerts = inspector.resource(ScheduleStack.ALERTS.arn());

      assertThat(all)
          .extracting(ResourceView::ref)
          .containsExactly(ScheduleStack.ALERTS.ref(), ScheduleStack.ORDERS.ref());
      assertThat(all).allMatch(RemoteResourceView.class::isInstance);
      assertThat(alerts).map(ResourceView::ref).contains(ScheduleStack.ALERTS.ref());
      assertThat(((RemoteResourceView) alerts.get()).properties()).containsEntry("targets", 2);
      assertThat(listed).as("a lookup by ARN lists no schedules").hasValue(1);
      assertThat(inspector.resource("arn:aws:scheduler:us-east-1:000000000000:schedule/missing"))
          .isEmpty();
      assertThat(inspector.resources("scheduler", "group")).isEmpty();
    }
  }

  /** A schedule as a test service shows it. */
  record ScheduleView(String name, String arn, int targets) implements ResourceView {
    @Override
    public ResourceRef ref() {
      return new ResourceRef("scheduler", "schedule", name, arn);
    }
  }

  /** A stack with only a schedule service that lets inspection see two schedules. */
  private static final class ScheduleStack implements AutoCloseable {
    static final ScheduleView ALERTS =
        new ScheduleView("alerts", "arn:aws:scheduler:us-east-1:000000000000:schedule/alerts", 2);
    static final ScheduleView ORDERS =
        new ScheduleView("orders", "arn:aws:scheduler:us-east-1:000000000000:schedule/orders", 0);

    final SystemClock clock = new SystemClock();
    final HttpFrontDoor frontDoor;
    final URI endpoint;

    ScheduleStack(AtomicInteger listed) {
      Journal journal = new Journal(clock, 100, 10_000);
      AwsService scheduler =
          AwsService.builder("scheduler")
              .rawRoute(
                  RawRoute.pathPrefix(
                      "nothing",
                      "/never/",
                      (request, context) ->
                          CompletableFuture.completedFuture(
                              StackResponse.of(404, "text/plain", "none"))))
              .inspects(
                  new ResourceCollection(
                      "schedules",
                      "schedule",
                      baseUrl -> {
                        listed.incrementAndGet();
                        return List.of(ALERTS, ORDERS);
                      },
                      (baseUrl, nameOrArn) ->
                          List.of(ALERTS, ORDERS).stream()
                              .filter(
                                  schedule ->
                                      schedule.name().equals(nameOrArn)
                                          || schedule.arn().equals(nameOrArn))
                              .findFirst()))
              .build();
      StackInspector inspector =
          new StackInspector() {
            @Override
            public Instant now() {
              return clock.now();
            }

            @Override
            public List<QueueView> queues() {
              return List.of();
            }

            @Override
            public List<JournalEvent> journal() {
              return journal.events();
            }
          };
      String[] baseUrl = new String[1];
      StackServices services =
          new StackServices(
              List.of(ServicePlugin.of(ServiceDescriptor.of(scheduler), context -> scheduler)),
              clock,
              journal,
              null,
              List.of());
      AdminApi admin = new AdminApi(inspector, null, () -> {}, services, () -> baseUrl[0]);
      frontDoor =
          HttpFrontDoor.start(
              "127.0.0.1", 0, 1024 * 1024, 1, new Router(services, admin::handle), clock);
      endpoint = URI.create("http://127.0.0.1:" + frontDoor.address().getPort());
      baseUrl[0] = endpoint.toString();
    }

    @Override
    public void close() {
      frontDoor.close();
      clock.close();
    }
  }

  private static SnsClient snsClient(String accessKey) {
    return SnsClient.builder()
        .endpointOverride(stack.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(accessKey, StackDefaults.SECRET_ACCESS_KEY)))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  private static SqsClient client(String accessKey) {
    return SqsClient.builder()
        .endpointOverride(stack.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(accessKey, StackDefaults.SECRET_ACCESS_KEY)))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }
}
