package io.serverlessstack.fake.internal.sns;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.serverlessstack.fake.SqsStack;
import java.io.IOException;
import java.net.URI;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.messagemanager.sns.SnsMessageManager;
import software.amazon.awssdk.messagemanager.sns.model.SnsMessage;
import software.amazon.awssdk.regions.Region;

/**
 * AWS's own verifier of SNS messages, {@code SnsMessageManager}, checking what a stack signed with
 * the certificate the stack serves. The verifier only fetches certificates from {@code
 * sns.<region>.amazonaws.com}, so {@link #parse} names that host in the message and the verifier's
 * HTTP client takes such requests to the stack (the certificate URL is not part of what is signed).
 */
final class StackSnsVerifier implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SdkHttpClient http = Apache5HttpClient.create();
  private final SnsMessageManager verifier;

  StackSnsVerifier(SqsStack stack) {
    URI endpoint = stack.server().endpoint();
    SdkHttpClient towardsTheStack =
        new SdkHttpClient() {
          @Override
          public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return http.prepareRequest(
                HttpExecuteRequest.builder()
                    .request(
                        request.httpRequest().toBuilder()
                            .protocol(endpoint.getScheme())
                            .host(endpoint.getHost())
                            .port(endpoint.getPort())
                            .build())
                    .contentStreamProvider(request.contentStreamProvider().orElse(null))
                    .build());
          }

          @Override
          public void close() {}
        };
    this.verifier =
        SnsMessageManager.builder().region(Region.US_EAST_1).httpClient(towardsTheStack).build();
  }

  /**
   * Verifies a message as SNS sends it to queues and endpoints ({@code SigningCertURL}, …), after
   * pointing its certificate URL at AWS's host.
   *
   * @throws software.amazon.awssdk.core.exception.SdkClientException if it does not verify
   */
  SnsMessage parse(String envelope) throws IOException {
    ObjectNode json = (ObjectNode) JSON.readTree(envelope);
    URI certificate = URI.create(json.get("SigningCertURL").asText());
    json.put("SigningCertURL", "https://sns.us-east-1.amazonaws.com" + certificate.getPath());
    return verifier.parseMessage(JSON.writeValueAsString(json));
  }

  @Override
  public void close() {
    verifier.close();
    http.close();
  }
}
