/**
 * The Amazon States Language: definitions, their validation, and what a state does with its data
 * (JSONPath paths, payload templates and intrinsic functions, JSONata expressions, Choice rules).
 * Free of the service around it: nothing here knows of executions, the clock or the wire.
 */
package io.serverlessstack.fake.internal.stepfunctions.asl;
