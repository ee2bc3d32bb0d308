/**
 * The admin HTTP API under {@code /_stack/}. Its HTTP interface is documented for users (see the
 * README); these classes are not API.
 */
package io.serverlessstack.fake.internal.admin;
