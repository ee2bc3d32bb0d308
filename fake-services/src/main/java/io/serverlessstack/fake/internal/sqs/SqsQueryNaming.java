package io.serverlessstack.fake.internal.sqs;

import io.serverlessstack.fake.internal.protocol.QueryNaming;
import java.util.Map;
import software.amazon.awssdk.core.SdkField;

/**
 * SQS's awsQuery member names. The SDK's SQS model is JSON-only now and lost them: on the query
 * wire every list and map is flattened under a singular name ({@code Attribute.1.Name}, {@code
 * MessageAttribute.1.Value.StringValue}, {@code <Message>} repeated).
 */
final class SqsQueryNaming implements QueryNaming {

  private static final Map<String, String> SINGULAR =
      Map.ofEntries(
          Map.entry("Attributes", "Attribute"),
          Map.entry("AttributeNames", "AttributeName"),
          Map.entry("MessageAttributes", "MessageAttribute"),
          Map.entry("MessageAttributeNames", "MessageAttributeName"),
          Map.entry("MessageSystemAttributes", "MessageSystemAttribute"),
          Map.entry("MessageSystemAttributeNames", "MessageSystemAttributeName"),
          Map.entry("StringListValues", "StringListValue"),
          Map.entry("BinaryListValues", "BinaryListValue"),
          Map.entry("Tags", "Tag"),
          Map.entry("tags", "Tag"),
          Map.entry("TagKeys", "TagKey"),
          Map.entry("AWSAccountIds", "AWSAccountId"),
          Map.entry("Actions", "ActionName"),
          Map.entry("QueueUrls", "QueueUrl"),
          Map.entry("queueUrls", "QueueUrl"),
          Map.entry("Messages", "Message"),
          Map.entry("Failed", "BatchResultErrorEntry"),
          Map.entry("Results", "ListMessageMoveTasksResultEntry"));

  @Override
  public QueryMember member(String operation, SdkField<?> field) {
    String location = field.locationName();
    String name =
        switch (location) {
          case "Entries" -> operation + "RequestEntry";
          case "Successful" -> operation + "ResultEntry";
          default -> SINGULAR.getOrDefault(location, location);
        };
    boolean tags = name.equals("Tag");
    return new QueryMember(name, true, "member", tags ? "Key" : "Name", "Value");
  }
}
