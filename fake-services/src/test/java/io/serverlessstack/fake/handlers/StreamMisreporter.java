package io.serverlessstack.fake.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.util.List;

/** A buggy stream consumer: it reports a failure with an empty item identifier. */
public class StreamMisreporter implements RequestHandler<KinesisEvent, StreamsEventResponse> {

  @Override
  public StreamsEventResponse handleRequest(KinesisEvent event, Context context) {
    return new StreamsEventResponse(List.of(new StreamsEventResponse.BatchItemFailure("")));
  }
}
