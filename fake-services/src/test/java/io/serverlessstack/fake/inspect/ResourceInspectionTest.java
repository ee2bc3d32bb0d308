package io.serverlessstack.fake.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.serverlessstack.api.QueueView;
import io.serverlessstack.api.ResourceRef;
import io.serverlessstack.api.ResourceView;
import io.serverlessstack.api.StackInspector;
import io.serverlessstack.fake.SqsStack;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ResourceInspectionTest {

  @RegisterExtension static final SqsStack stack = SqsStack.withVirtualClock();

  private static final HttpClient http = HttpClient.newHttpClient();

  private static StackInspector inspector() {
    return stack.server().inspector();
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(stack.server().endpoint().resolve(path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void queuesAreResourcesOfTypeQueueOfSqsWithTheQueueViewAsTheirTypedView() {
    String url = stack.createQueue("orders");
    stack.createQueue("audit");
    String arn = stack.arn(url);

    assertThat(inspector().resources("sqs", "queue"))
        .extracting(ResourceView::ref)
        .extracting(ResourceRef::name)
        .containsExactly("audit", "orders");
    assertThat(inspector().resources("sqs", "topic")).isEmpty();
    assertThat(inspector().resources("sns", "queue")).isEmpty();
    ResourceView orders = inspector().resource(arn).orElseThrow();
    assertThat(orders.ref()).isEqualTo(new ResourceRef("sqs", "queue", "orders", arn));
    assertThat(orders).isInstanceOf(QueueView.class);
    assertThat(((QueueView) orders).url()).isEqualTo(url);
    assertThat(inspector().resource("arn:aws:sqs:us-east-1:000000000000:missing")).isEmpty();
    assertThat(inspector().resource("orders")).as("an ARN, not a name").isEmpty();
    assertThat(inspector().resource("arn:aws:sns:us-east-1:000000000000:orders")).isEmpty();
  }

  @Test
  void genericAdminPathsServeTheCollectionsServicesRegister() throws Exception {
    String url = stack.createQueue("orders");
    stack.send(url, "o1");
    String arn = stack.arn(url);

    HttpResponse<String> all = get("/_stack/sqs/queues");
    assertThat(all.statusCode()).isEqualTo(200);
    assertThat(all.body()).startsWith("[").contains("\"name\":\"orders\"");
    HttpResponse<String> byName = get("/_stack/sqs/queues/orders");
    assertThat(byName.statusCode()).isEqualTo(200);
    assertThat(byName.body()).contains("\"arn\":\"" + arn + "\"").contains("\"body\":\"o1\"");
    HttpResponse<String> byArn =
        get("/_stack/sqs/queues/" + URLEncoder.encode(arn, StandardCharsets.UTF_8));
    assertThat(byArn.statusCode()).isEqualTo(200);
    assertThat(byArn.body()).isEqualTo(byName.body());
  }

  @Test
  void genericAdminPathsAnswer404ForUnknownServicesCollectionsAndResources() throws Exception {
    stack.createQueue("orders");

    assertThat(get("/_stack/sqs/queues/missing").statusCode()).isEqualTo(404);
    assertThat(get("/_stack/sqs/queues/missing").body()).contains("No queue named missing in sqs");
    assertThat(get("/_stack/sqs/topics").statusCode()).isEqualTo(404);
    assertThat(get("/_stack/sqs/topics/orders").statusCode()).isEqualTo(404);
    assertThat(get("/_stack/nope/queues").statusCode()).isEqualTo(404);
    assertThat(get("/_stack/nope").statusCode()).isEqualTo(404);
    assertThat(get("/_stack/health").statusCode()).isEqualTo(200);
  }
}
