package io.serverlessstack.fake.internal.apigateway.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** The test documents under {@code apigateway/openapi/} and a predictable id source. */
final class OpenApiDocuments {

  static final String PETSTORE_URI =
      "http://petstore.execute-api.us-east-1.amazonaws.com/petstore/pets";

  private OpenApiDocuments() {}

  static String read(String name) {
    try (InputStream in =
        OpenApiDocuments.class.getResourceAsStream("/apigateway/openapi/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("No test document " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** AWS's PetStore example with its backend's URI filled in, as AWS's recorded test did. */
  static String petStore() {
    return read("petstore-swagger.json").replace("${uri}", PETSTORE_URI);
  }

  /** Ids {@code id1}, {@code id2}, … in the order asked for. */
  static Supplier<String> ids() {
    AtomicInteger next = new AtomicInteger();
    return () -> "id" + next.incrementAndGet();
  }
}
