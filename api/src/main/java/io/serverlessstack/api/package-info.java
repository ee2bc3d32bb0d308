/**
 * What tests, and the other serverless-stack modules, use of a running stack, wherever it runs (in
 * this JVM, as a standalone server or in a container): the read-only inspection API ({@link
 * io.serverlessstack.api.StackInspector} and its views), the journal's events ({@link
 * io.serverlessstack.api.JournalEvent}) and the names they use ({@link
 * io.serverlessstack.api.SqsEvents}, {@link io.serverlessstack.api.SnsEvents}), clock control
 * ({@link io.serverlessstack.api.ClockControl}, {@link io.serverlessstack.api.ClockMode}) and the
 * stack's defaults ({@link io.serverlessstack.api.StackDefaults}).
 *
 * <p><b>Stability:</b> every public type and member of this package is API. It has no dependencies
 * (no Netty, Jackson or AWS SDK), so code written against it runs unchanged against any stack, and
 * it changes only by deliberate, documented decision. Interfaces here are implemented by the
 * serverless-stack modules; new methods may be added to them (with default implementations where
 * users might implement them, as {@link io.serverlessstack.api.InspectableQueue} and {@link
 * io.serverlessstack.api.InspectableTopic} are). The automatic module name of this artifact is
 * {@code io.serverlessstack.api}.
 */
package io.serverlessstack.api;
