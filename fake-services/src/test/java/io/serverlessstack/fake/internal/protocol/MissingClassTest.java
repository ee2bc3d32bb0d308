package io.serverlessstack.fake.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.serverlessstack.fake.RawHttp;
import io.serverlessstack.fake.internal.clock.SystemClock;
import io.serverlessstack.fake.internal.journal.Journal;
import io.serverlessstack.fake.internal.platform.ServicePlugin;
import io.serverlessstack.fake.internal.platform.StackServices;
import io.serverlessstack.fake.internal.server.HttpFrontDoor;
import io.serverlessstack.fake.internal.server.Router;
import io.serverlessstack.fake.internal.server.ServiceDescriptor;
import io.serverlessstack.fake.internal.server.StackResponse;
import io.serverlessstack.fake.internal.sqs.SqsPlugin;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A service that cannot load a class it needs (a library missing from the class path) answers its
 * requests with a 500 that says so in the log, instead of a dropped connection that says nothing;
 * the other services keep serving.
 */
class MissingClassTest {

  @Test
  void aServiceMissingAClassAnswersFiveHundredAndTheOthersKeepServing() throws Exception {
    SystemClock clock = new SystemClock();
    StackServices services =
        new StackServices(
            List.of(
                new SqsPlugin(),
                ServicePlugin.of(
                    ServiceDescriptor.builder("kinesis").targetPrefix("Kinesis_20131202").build(),
                    context -> {
                      throw new NoClassDefFoundError("com/example/MissingCodec");
                    })),
            clock,
            new Journal(clock, 1000, 100_000),
            null,
            List.of());
    Router router = new Router(services, request -> StackResponse.of(200, "text/plain", "admin"));
    HttpFrontDoor frontDoor = HttpFrontDoor.start("127.0.0.1", 0, 1024 * 1024, 1, router, clock);
    try {
      RawHttp http = new RawHttp(URI.create("http://127.0.0.1:" + frontDoor.address().getPort()));

      HttpResponse<String> broken =
          http.post(
              "/",
              Map.of(
                  "Content-Type", "application/x-amz-json-1.1",
                  "X-Amz-Target", "Kinesis_20131202.ListStreams",
                  "Authorization", RawHttp.authorization("test", "us-east-1", "kinesis")),
              "{}".getBytes(StandardCharsets.UTF_8));
      HttpResponse<String> sqs = http.json("AmazonSQS.ListQueues", "{}");

      assertThat(broken.statusCode()).isEqualTo(500);
      assertThat(sqs.statusCode()).isEqualTo(200);
    } finally {
      frontDoor.close();
      services.close();
    }
  }
}
