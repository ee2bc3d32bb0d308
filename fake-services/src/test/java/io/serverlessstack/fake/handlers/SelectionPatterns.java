package io.serverlessstack.fake.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/**
 * The function of AWS's recorded Lambda selection pattern test: fails with "four hundred" or "five
 * hundred" in its error message when asked for 400 or 500, else answers {@code "Pass"}.
 */
public class SelectionPatterns implements RequestHandler<Map<String, String>, String> {

  @Override
  public String handleRequest(Map<String, String> input, Context context) {
    String status = input.get("statusCode");
    if ("400".equals(status)) {
      throw new IllegalStateException(
          "Error: Raising four hundred from within the Lambda function");
    }
    if ("500".equals(status)) {
      throw new IllegalStateException(
          "Error: Raising five hundred from within the Lambda function");
    }
    return "Pass";
  }
}
