package io.serverlessstack.benchmarks;

/** The servers a benchmark compares. */
enum TargetKind {
  STACK("serverless-stack"),
  ELASTICMQ("ElasticMQ 1.6.15"),
  /** Canned valid responses, no work: the most the SDK client itself can do. */
  CEILING("canned ceiling"),
  /** Moto's server, a Python child process serving SQS and SNS on one port. */
  MOTO("Moto"),
  /** The stack, spoken to in JSON 1.1 ({@code aws.cborEnabled=false}) instead of CBOR. */
  STACK_JSON("serverless-stack, JSON"),
  /** kinesalite, a Node.js Kinesis server run as a child process; it speaks JSON 1.1. */
  KINESALITE("kinesalite"),
  /** The canned Kinesis server, spoken to in JSON 1.1. */
  CEILING_JSON("canned ceiling, JSON");

  final String label;

  TargetKind(String label) {
    this.label = label;
  }
}
