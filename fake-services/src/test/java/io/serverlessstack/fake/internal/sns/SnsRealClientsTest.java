package io.serverlessstack.fake.internal.sns;

import static io.serverlessstack.fake.RealClients.DEBIAN_PYTHON;
import static io.serverlessstack.fake.RealClients.requireClient;
import static org.assertj.core.api.Assertions.assertThat;

import io.serverlessstack.fake.RealClients;
import io.serverlessstack.fake.SqsStack;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * boto3 publishes to a topic whose subscriptions, one filtered, fan out to SQS queues it reads: the
 * same script with Debian's boto3 (which {@code .ci/run} installs) and with the machine's default
 * {@code python3}'s, a newer one; under {@code CI=true} a missing client fails instead of skipping.
 */
class SnsRealClientsTest {

  @RegisterExtension static final SqsStack stack = SqsStack.withSystemClock();

  @TempDir Path home;

  private RealClients.Result fanOut(String python) throws Exception {
    return RealClients.run(
        List.of(python, "-", stack.server().endpoint().toString()),
        RealClients.resource(SnsRealClientsTest.class, "boto3_sns_fanout.py"),
        home);
  }

  @Test
  void debianBoto3FansOutThroughFilteredSubscriptions() throws Exception {
    RealClients.Result result = fanOut(DEBIAN_PYTHON);

    requireClient(result.clientInstalled(), "Debian's boto3");
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).startsWith("OK boto3");
  }

  @Test
  void theDefaultPythonsBoto3FansOutToo() throws Exception {
    RealClients.Result result = fanOut("python3");

    requireClient(result.clientInstalled(), "boto3 in the default python3");
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).startsWith("OK boto3");
  }
}
