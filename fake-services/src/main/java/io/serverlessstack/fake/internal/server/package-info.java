/** Netty front door, the routing table and the service plug-in types. Not API. */
package io.serverlessstack.fake.internal.server;
