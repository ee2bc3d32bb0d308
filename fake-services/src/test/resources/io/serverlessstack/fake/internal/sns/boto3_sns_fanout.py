"""SNS fan-out to SQS with boto3, as an application would use it.

Run by SnsRealClientsTest with the endpoint as the only argument. Exits 3 without boto3,
non-zero with the reason on the first surprise, and prints OK at the end.
"""

import json
import sys

try:
    import boto3
    from botocore.exceptions import ClientError
except ImportError:
    print("NO-BOTO3")
    sys.exit(3)

endpoint = sys.argv[1]
session = dict(
    endpoint_url=endpoint,
    region_name="us-east-1",
    aws_access_key_id="test",
    aws_secret_access_key="test",
)
sns = boto3.client("sns", **session)
sqs = boto3.client("sqs", **session)


def check(condition, what):
    if not condition:
        sys.exit("FAILED: " + what)


topic = sns.create_topic(Name="boto3-orders", Attributes={"DisplayName": "Orders"})["TopicArn"]
check(topic == "arn:aws:sns:us-east-1:000000000000:boto3-orders", "topic ARN " + topic)
check(
    sns.get_topic_attributes(TopicArn=topic)["Attributes"]["DisplayName"] == "Orders",
    "topic attributes",
)

queues = {}
for name in ("boto3-express", "boto3-all"):
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"][
        "QueueArn"
    ]
    queues[name] = url
    attributes = {"RawMessageDelivery": "false"}
    if name == "boto3-express":
        attributes["FilterPolicy"] = json.dumps({"priority": ["express"], "amount": [{"numeric": [">", 10]}]})
    subscription = sns.subscribe(
        TopicArn=topic, Protocol="sqs", Endpoint=arn, Attributes=attributes, ReturnSubscriptionArn=True
    )["SubscriptionArn"]
    check(subscription.startswith(topic + ":"), "subscription ARN " + subscription)

listed = sns.list_subscriptions_by_topic(TopicArn=topic)["Subscriptions"]
check(len(listed) == 2, "subscriptions " + repr(listed))

message_id = sns.publish(
    TopicArn=topic,
    Subject="Order",
    Message='order <42> & "friends"',
    MessageAttributes={
        "priority": {"DataType": "String", "StringValue": "express"},
        "amount": {"DataType": "Number", "StringValue": "42"},
        "tags": {"DataType": "String.Array", "StringValue": '["a", "b"]'},
        "blob": {"DataType": "Binary", "BinaryValue": b"\x00\x01"},
    },
)["MessageId"]
batch = sns.publish_batch(
    TopicArn=topic,
    PublishBatchRequestEntries=[
        {"Id": "one", "Message": "standard order", "MessageAttributes": {"priority": {"DataType": "String", "StringValue": "standard"}}},
    ],
)
check([entry["Id"] for entry in batch["Successful"]] == ["one"], "batch " + repr(batch))


def drain(url, count):
    bodies = []
    for _ in range(50):
        for message in sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=1).get("Messages", []):
            bodies.append(json.loads(message["Body"]))
            sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
        if len(bodies) >= count:
            return bodies
    sys.exit("FAILED: only %d of %d messages on %s" % (len(bodies), count, url))


express = drain(queues["boto3-express"], 1)
everything = drain(queues["boto3-all"], 2)
envelope = express[0]
check(envelope["Type"] == "Notification", "envelope " + repr(envelope))
check(envelope["MessageId"] == message_id, "message id")
check(envelope["Message"] == 'order <42> & "friends"', "message " + envelope["Message"])
check(envelope["Subject"] == "Order", "subject")
check(envelope["MessageAttributes"]["amount"] == {"Type": "Number", "Value": "42"}, "attributes")
check(envelope["MessageAttributes"]["blob"] == {"Type": "Binary", "Value": "AAE="}, "binary attribute")
check(sorted(body["Message"] for body in everything) == sorted(['order <42> & "friends"', "standard order"]), "fan-out")

try:
    sns.publish(TopicArn="arn:aws:sns:us-east-1:000000000000:missing", Message="m")
    sys.exit("FAILED: publish to a missing topic succeeded")
except ClientError as error:
    check(error.response["Error"]["Code"] == "NotFound", "error " + repr(error.response))
    check(error.response["ResponseMetadata"]["HTTPStatusCode"] == 404, "status")

try:
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=arn, Attributes={"FilterPolicy": '{"a": [{"wrong": 1}]}'})
    sys.exit("FAILED: a bad filter policy was accepted")
except ClientError as error:
    check(error.response["Error"]["Code"] == "InvalidParameter", "error " + repr(error.response))

print("OK boto3 " + boto3.__version__)
