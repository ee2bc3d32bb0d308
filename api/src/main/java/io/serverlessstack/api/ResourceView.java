package io.serverlessstack.api;

/**
 * One resource as inspection sees it, whatever its service: every typed view ({@link QueueView}, …)
 * is one, so code that walks a stack's resources generically can narrow to the typed view of the
 * resources it knows.
 */
public interface ResourceView {

  /** Which resource this is. */
  ResourceRef ref();
}
