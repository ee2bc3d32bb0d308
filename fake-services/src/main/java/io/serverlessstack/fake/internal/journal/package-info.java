/**
 * The journal's implementation: the bounded, append-only record the engines write. Not API; tests
 * read the journal through {@link io.serverlessstack.api.StackInspector#journal()}, as {@link
 * io.serverlessstack.api.JournalEvent}s.
 */
package io.serverlessstack.fake.internal.journal;
