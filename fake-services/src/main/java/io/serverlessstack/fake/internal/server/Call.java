package io.serverlessstack.fake.internal.server;

import io.serverlessstack.fake.internal.protocol.ProtocolBinding;
import io.serverlessstack.fake.internal.protocol.ProtocolErrors;

/**
 * One request as routed: the service and operation it is for, the protocol binding that reads and
 * answers it, and what routing already read from it for that binding (the form parameters of an
 * awsQuery request, the path labels of a restJson1 request).
 */
public final class Call {

  private final StackRequest request;
  private final AwsService service;
  private final ProtocolBinding binding;
  private final AwsService.Operation operation;
  private final String operationName;
  private final RequestContext context;
  private final Object routed;

  /**
   * @param service {@code null} when no service claims the request (then only errors are encoded)
   * @param operation {@code null} when the service has no such operation
   * @param operationName the operation as the request names it
   * @param routed what the router read for {@code binding}, or {@code null}
   */
  public Call(
      StackRequest request,
      AwsService service,
      ProtocolBinding binding,
      AwsService.Operation operation,
      String operationName,
      RequestContext context,
      Object routed) {
    this.request = request;
    this.service = service;
    this.binding = binding;
    this.operation = operation;
    this.operationName = operationName;
    this.context = context;
    this.routed = routed;
  }

  public StackRequest request() {
    return request;
  }

  /** The service, or {@code null} if none claims the request. */
  public AwsService service() {
    return service;
  }

  public ProtocolBinding binding() {
    return binding;
  }

  /** The operation, or {@code null} if the service has none by that name. */
  public AwsService.Operation operation() {
    return operation;
  }

  public String operationName() {
    return operationName;
  }

  public RequestContext context() {
    return context;
  }

  public String requestId() {
    return context.requestId();
  }

  /** What the router read from the request for the binding; its type is the binding's. */
  public Object routed() {
    return routed;
  }

  /** How the call's service names protocol errors (AWS's common names when there is none). */
  public ProtocolErrors errors() {
    return service == null ? ProtocolErrors.AWS : service.errors();
  }
}
