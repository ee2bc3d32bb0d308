/**
 * Lambda handlers written as a user writes them, for the Lambda tests: each is a public class on
 * the test class path that a function's {@code Handler} string names.
 */
package io.serverlessstack.fake.handlers;
