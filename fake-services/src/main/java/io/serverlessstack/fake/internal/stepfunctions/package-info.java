/** AWS Step Functions on the service platform: state machines, executions and their history. */
package io.serverlessstack.fake.internal.stepfunctions;
