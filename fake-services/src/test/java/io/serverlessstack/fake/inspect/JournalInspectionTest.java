package io.serverlessstack.fake.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.serverlessstack.api.JournalEvent;
import io.serverlessstack.api.JournalFilter;
import io.serverlessstack.api.SqsEvents;
import io.serverlessstack.api.StackInspector;
import io.serverlessstack.fake.SqsStack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JournalInspectionTest {

  @RegisterExtension static final SqsStack stack = SqsStack.withVirtualClock();

  private static final HttpClient http = HttpClient.newHttpClient();

  private StackInspector inspector() {
    return stack.server().inspector();
  }

  private static List<String> bodies(List<JournalEvent> events) {
    return events.stream().map(event -> event.detail(SqsEvents.Details.BODY)).toList();
  }

  private static HttpResponse<String> get(String pathAndQuery)
      throws IOException, InterruptedException {
    URI uri = stack.server().endpoint().resolve(pathAndQuery);
    return http.send(
        HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void journalSinceReturnsOnlyTheEventsAfterTheGivenSequence() {
    String url = stack.createQueue("orders");
    stack.send(url, "first");
    long seen = inspector().journal().get(inspector().journal().size() - 1).sequence();
    stack.send(url, "second");
    stack.send(url, "third");

    List<JournalEvent> fresh = inspector().journal(seen, JournalFilter.all());

    assertThat(bodies(fresh)).containsExactly("second", "third");
    assertThat(fresh).allSatisfy(event -> assertThat(event.sequence()).isGreaterThan(seen));
  }

  @Test
  void journalFilterSelectsByServiceTypeAndResourceNameOrArn() {
    String orders = stack.createQueue("orders");
    String audit = stack.createQueue("audit");
    stack.send(orders, "o1");
    stack.send(audit, "a1");
    stack.receive(orders, 1);
    JournalFilter sends =
        JournalFilter.all().withService(SqsEvents.SERVICE).withTypes(SqsEvents.MESSAGE_SENT);

    assertThat(bodies(inspector().journal(0, sends))).containsExactly("o1", "a1");
    assertThat(bodies(inspector().journal(0, sends.withResource("audit")))).containsExactly("a1");
    assertThat(bodies(inspector().journal(0, sends.withResource(stack.arn(audit)))))
        .containsExactly("a1");
    assertThat(inspector().journal(0, JournalFilter.all().withService("sns"))).isEmpty();
    assertThat(
            inspector()
                .journal(
                    0,
                    JournalFilter.all()
                        .withResource("orders")
                        .withTypes(SqsEvents.MESSAGE_SENT, SqsEvents.MESSAGE_RECEIVED)))
        .extracting(JournalEvent::type)
        .containsExactly(SqsEvents.MESSAGE_SENT, SqsEvents.MESSAGE_RECEIVED);
  }

  @Test
  void sqsEventsNameTheirQueueByNameAndByArn() {
    String url = stack.createQueue("orders");
    stack.send(url, "o1");

    assertThat(inspector().journal())
        .isNotEmpty()
        .allSatisfy(
            event -> {
              assertThat(event.resource()).isEqualTo("orders");
              assertThat(event.resourceArn()).isEqualTo(stack.arn(url));
              assertThat(event.isAbout("orders")).isTrue();
              assertThat(event.isAbout(stack.arn(url))).isTrue();
            });
  }

  @Test
  void journalSinceSeesEventsAfterOlderOnesWereDroppedAndAfterAReset() {
    String url = stack.createQueue("orders");
    stack.send(url, "before reset");
    long seen = inspector().journal().get(inspector().journal().size() - 1).sequence();
    stack.server().reset();
    String again = stack.createQueue("orders");
    stack.send(again, "after reset");

    assertThat(
            bodies(
                inspector().journal(seen, JournalFilter.all().withTypes(SqsEvents.MESSAGE_SENT))))
        .containsExactly("after reset");
  }

  @Test
  void adminJournalEndpointAppliesSinceAndTheFilterParameters() throws Exception {
    String orders = stack.createQueue("orders");
    String audit = stack.createQueue("audit");
    stack.send(orders, "o1");
    stack.send(audit, "a1");
    stack.send(orders, "o2");
    long first =
        inspector()
            .journal(0, JournalFilter.all().withTypes(SqsEvents.MESSAGE_SENT))
            .get(0)
            .sequence();

    HttpResponse<String> response =
        get(
            "/_stack/journal?since="
                + first
                + "&service=sqs&type=MessageSent,MessageReceived&resource=orders");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .contains("\"o2\"")
        .doesNotContain("\"o1\"")
        .doesNotContain("\"a1\"");
    assertThat(response.body()).contains("\"resourceArn\":\"" + stack.arn(orders) + "\"");
    assertThat(get("/_stack/journal?resource=" + stack.arn(audit)).body())
        .contains("\"a1\"")
        .doesNotContain("\"o1\"");
    assertThat(get("/_stack/journal?since=-1").statusCode()).isEqualTo(400);
  }

  @Test
  void singleQueueLookupFindsTheQueueByNameUrlOrArnAndNothingElse() {
    String url = stack.createQueue("orders");
    stack.createQueue("audit");
    stack.send(url, "o1");

    assertThat(inspector().queue("orders").orElseThrow().arn()).isEqualTo(stack.arn(url));
    assertThat(inspector().queue(url).orElseThrow().name()).isEqualTo("orders");
    assertThat(inspector().queue(stack.arn(url)).orElseThrow().messages()).hasSize(1);
    assertThat(inspector().queue("missing")).isEmpty();
    assertThat(inspector().queue("arn:aws:sqs:us-east-1:000000000000:missing")).isEmpty();
  }
}
