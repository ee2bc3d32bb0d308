"""A round trip through SQS with boto3, as an application would make it.

Run by SqsRealClientsTest with the endpoint as the only argument. Debian's boto3 speaks SQS's
awsQuery protocol, boto3 1.34 and later its JSON protocol. Exits 3 without boto3, non-zero with
the reason on the first surprise, and prints OK at the end.
"""

import base64
import hashlib
import sys

try:
    import boto3
    from botocore.exceptions import ClientError
except ImportError:
    print("NO-BOTO3")
    sys.exit(3)

endpoint = sys.argv[1]
sqs = boto3.client(
    "sqs",
    endpoint_url=endpoint,
    region_name="us-east-1",
    aws_access_key_id="test",
    aws_secret_access_key="test",
)


def check(condition, what):
    if not condition:
        sys.exit("FAILED: " + what)


url = sqs.create_queue(
    QueueName="boto3-orders",
    Attributes={"VisibilityTimeout": "40", "MessageRetentionPeriod": "600"},
    tags={"team": "payments"},
)["QueueUrl"]
check(url.endswith("/000000000000/boto3-orders"), "queue URL " + url)
attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
check(attributes["VisibilityTimeout"] == "40", "attributes " + repr(attributes))
check(sqs.list_queue_tags(QueueUrl=url)["Tags"] == {"team": "payments"}, "tags")

body = 'order <42> & "friends"\n'
sent = sqs.send_message(
    QueueUrl=url,
    MessageBody=body,
    MessageAttributes={
        "kind": {"DataType": "String", "StringValue": "order"},
        "amount": {"DataType": "Number.int", "StringValue": "42"},
        "blob": {"DataType": "Binary", "BinaryValue": b"\x00\x01\xff"},
    },
)
check(sent["MD5OfMessageBody"] == hashlib.md5(body.encode()).hexdigest(), "body digest")
batch = sqs.send_message_batch(
    QueueUrl=url,
    Entries=[{"Id": "a", "MessageBody": "one"}, {"Id": "b", "MessageBody": "bell \x07"}],
)
check([e["Id"] for e in batch["Successful"]] == ["a"], "batch successes " + repr(batch))
check(batch["Failed"][0]["Code"] == "InvalidMessageContents", "batch failures " + repr(batch))

received = sqs.receive_message(
    QueueUrl=url,
    AttributeNames=["All"],
    MessageAttributeNames=["All"],
    MaxNumberOfMessages=10,
)["Messages"]
check(len(received) == 2, "received " + repr(received))
message = next(m for m in received if m["MessageId"] == sent["MessageId"])
check(message["Body"] == body, "body " + repr(message["Body"]))
check(message["MessageAttributes"]["blob"]["BinaryValue"] == b"\x00\x01\xff", "binary attribute")
check(message["MessageAttributes"]["amount"] == {"DataType": "Number.int", "StringValue": "42"}, "number")
check(message["MD5OfMessageAttributes"] == sent["MD5OfMessageAttributes"], "attribute digest")
check(message["Attributes"]["ApproximateReceiveCount"] == "1", "receive count")
for m in received:
    sqs.delete_message(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"])
check("Messages" not in sqs.receive_message(QueueUrl=url), "empty receive")

fifo = sqs.create_queue(QueueName="boto3.fifo", Attributes={"FifoQueue": "true"})["QueueUrl"]
for i in range(3):
    sqs.send_message(QueueUrl=fifo, MessageBody=f"m{i}", MessageGroupId="g", MessageDeduplicationId=f"d{i}")
ordered = sqs.receive_message(QueueUrl=fifo, MaxNumberOfMessages=10, AttributeNames=["SequenceNumber"])
check([m["Body"] for m in ordered["Messages"]] == ["m0", "m1", "m2"], "FIFO order")

try:
    sqs.get_queue_url(QueueName="does-not-exist")
    sys.exit("FAILED: no error for a missing queue")
except ClientError as error:
    check(error.response["Error"]["Code"] == "AWS.SimpleQueueService.NonExistentQueue", repr(error.response))
    check(error.response["ResponseMetadata"]["HTTPStatusCode"] == 400, "error status")

sqs.delete_queue(QueueUrl=url)
check(url not in sqs.list_queues().get("QueueUrls", []), "deleted queue still listed")
print("OK boto3", boto3.__version__, "protocol", sqs.meta.service_model.protocol)
