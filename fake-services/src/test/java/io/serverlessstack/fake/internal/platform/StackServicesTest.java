package io.serverlessstack.fake.internal.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serverlessstack.fake.Await;
import io.serverlessstack.fake.internal.clock.SystemClock;
import io.serverlessstack.fake.internal.journal.Journal;
import io.serverlessstack.fake.internal.protocol.AwsJsonBinding;
import io.serverlessstack.fake.internal.server.AwsService;
import io.serverlessstack.fake.internal.server.RequestContext;
import io.serverlessstack.fake.internal.server.ServiceDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.model.ListStreamsRequest;
import software.amazon.awssdk.services.kinesis.model.ListStreamsResponse;

/** Building, declaring, resetting and closing the services of a stack. */
class StackServicesTest {

  private static final ServiceDescriptor STREAMS =
      ServiceDescriptor.builder("streams").targetPrefix("Streams_2020").build();

  private final SystemClock clock = new SystemClock();
  private final Journal journal = new Journal(clock, 100, 10_000);

  @AfterEach
  void stopClock() {
    clock.close();
  }

  @Test
  void threadsThatAskWhileTheServiceIsBeingBuiltWaitForThatOneBuild() throws Exception {
    int askers = 6;
    Set<Thread> waiting = ConcurrentHashMap.newKeySet();
    AtomicInteger builds = new AtomicInteger();
    List<Thread> threads = new CopyOnWriteArrayList<>();
    StackServices services =
        services(
            ServicePlugin.of(
                STREAMS,
                context -> {
                  builds.incrementAndGet();
                  // Finish only once every other asker is parked on this build, not building too.
                  awaitQuietly(
                      () ->
                          threads.size() == askers
                              && threads.stream()
                                  .filter(thread -> thread != Thread.currentThread())
                                  .allMatch(thread -> parked(thread, waiting)));
                  return streams(new ArrayList<>());
                }),
            List.of());
    ExecutorService pool = Executors.newFixedThreadPool(askers);
    try {
      List<Future<AwsService>> loads = new ArrayList<>();
      for (int i = 0; i < askers; i++) {
        loads.add(
            pool.submit(
                () -> {
                  threads.add(Thread.currentThread());
                  return services.load("streams");
                }));
      }
      AwsService first = loads.get(0).get(30, TimeUnit.SECONDS);
      for (Future<AwsService> load : loads) {
        assertThat(load.get(30, TimeUnit.SECONDS)).isSameAs(first);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(builds).hasValue(1);
    assertThat(waiting).hasSize(askers - 1);
    assertThat(services.loaded()).hasSize(1);
  }

  @Test
  void declaredResourcesBuildTheirServiceAtOnceAndComeBackAfterEachReset() {
    List<String> created = new ArrayList<>();
    StackServices services =
        services(
            ServicePlugin.of(STREAMS, context -> streams(created)),
            List.of(
                new StackServices.Declaration("streams", "stream", "a", Map.of()),
                new StackServices.Declaration("streams", "stream", "b", Map.of("Shards", "2"))));

    assertThat(services.isLoaded("streams")).isTrue();
    assertThat(created).containsExactly("a{}", "b{Shards=2}");

    services.reset();

    assertThat(created).containsExactly("a{}", "b{Shards=2}", "reset", "a{}", "b{Shards=2}");
  }

  @Test
  void resetAndCloseLeaveUnbuiltServicesUnbuilt() {
    AtomicInteger builds = new AtomicInteger();
    StackServices services =
        services(
            ServicePlugin.of(
                STREAMS,
                context -> {
                  builds.incrementAndGet();
                  return streams(new ArrayList<>());
                }),
            List.of());

    services.reset();
    services.close();

    assertThat(builds).hasValue(0);
    assertThat(services.isLoaded("streams")).isFalse();
  }

  @Test
  void aDeclarationForAServiceTheStackDoesNotRunIsRefused() {
    assertThatThrownBy(
            () ->
                services(
                    ServicePlugin.of(STREAMS, context -> streams(new ArrayList<>())),
                    List.of(new StackServices.Declaration("sqs", "queue", "orders", Map.of()))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "A queue named orders is declared for sqs, which the stack does not run; it runs"
                + " [streams]");
  }

  @Test
  void aServiceSpeakingMoreThanItsDescriptorSaysIsRefusedWhenBuilt() {
    ServiceDescriptor stale = ServiceDescriptor.builder("streams").targetPrefix("Old_2010").build();
    StackServices services =
        services(ServicePlugin.of(stale, context -> streams(new ArrayList<>())), List.of());

    assertThatThrownBy(() -> services.load("streams"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("target prefix Streams_2020");
    assertThat(services.isLoaded("streams")).isFalse();
  }

  @Test
  void unknownServicesAreNamedWithTheKnownOnes() {
    assertThatThrownBy(() -> ServicePlugins.named(List.of("sqs", "dynamodb")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "unknown service 'dynamodb'; available: sqs, sns, lambda, kinesis, s3, firehose, stepfunctions, apigateway");
    assertThat(ServicePlugins.named(List.of(" SNS ", "sqs")))
        .extracting(plugin -> plugin.descriptor().id())
        .containsExactly("sqs", "sns");
    assertThat(ServicePlugins.named(List.of())).isEqualTo(ServicePlugins.known());
  }

  private StackServices services(ServicePlugin plugin, List<StackServices.Declaration> declared) {
    return new StackServices(List.of(plugin), clock, journal, null, declared);
  }

  /** A service whose declared streams and resets are written to {@code created}. */
  private static AwsService streams(List<String> created) {
    return AwsService.builder("streams")
        .speaks(AwsJsonBinding.awsJson1_1("Streams_2020"))
        .operation(
            "ListStreams",
            ListStreamsRequest::builder,
            (ListStreamsRequest request, RequestContext context) ->
                ListStreamsResponse.builder().build())
        .declares("stream", (name, attributes) -> created.add(name + attributes))
        .resets(() -> created.add("reset"))
        .build();
  }

  /** Whether {@code thread} is parked (blocked on the build's lock, or waiting); noted if so. */
  private static boolean parked(Thread thread, Set<Thread> waiting) {
    Thread.State state = thread.getState();
    boolean parked = state == Thread.State.BLOCKED || state == Thread.State.WAITING;
    if (parked) {
      waiting.add(thread);
    }
    return parked;
  }

  private static void awaitQuietly(java.util.function.BooleanSupplier condition) {
    try {
      Await.until(condition);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
