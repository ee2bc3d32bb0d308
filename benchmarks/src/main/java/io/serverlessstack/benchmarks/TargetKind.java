package io.serverlessstack.benchmarks;

/** The servers a benchmark compares. */
enum TargetKind {
  STACK("serverless-stack"),
  ELASTICMQ("ElasticMQ 1.6.15"),
  /** Canned valid responses, no work: the most the SDK client itself can do. */
  CEILING("canned ceiling"),
  /** Moto's server, a Python child process serving SQS and SNS on one port. */
  MOTO("Moto");

  final String label;

  TargetKind(String label) {
    this.label = label;
  }
}
