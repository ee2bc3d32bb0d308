/**
 * The service platform: the plug-ins a stack can run ({@link
 * io.serverlessstack.fake.internal.platform.ServicePlugins}), each described cheaply and built on
 * first need ({@link io.serverlessstack.fake.internal.platform.StackServices}). Not API.
 */
package io.serverlessstack.fake.internal.platform;
