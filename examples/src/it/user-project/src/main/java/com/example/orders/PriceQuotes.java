package com.example.orders;

import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.StartSyncExecutionResponse;

/** The application's code: prices an order with an EXPRESS workflow, on a default SDK client. */
public class PriceQuotes implements AutoCloseable {

  private final SfnClient sfn = SfnClient.create();
  private final String workflowArn;

  public PriceQuotes(String workflowArn) {
    this.workflowArn = workflowArn;
  }

  /** The workflow's answer, as JSON. */
  public String quote(String orderJson) {
    StartSyncExecutionResponse run =
        sfn.startSyncExecution(request -> request.stateMachineArn(workflowArn).input(orderJson));
    if (!"SUCCEEDED".equals(run.statusAsString())) {
      throw new IllegalStateException("quote failed: " + run.error() + " " + run.cause());
    }
    return run.output();
  }

  @Override
  public void close() {
    sfn.close();
  }
}
