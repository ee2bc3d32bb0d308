package io.serverlessstack.fake.internal.lambda;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.serverlessstack.fake.handlers.BrokenInit;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/**
 * Handler strings loaded as the Lambda Java runtime loads them: which class and method it picks,
 * how it reads the input type, and the message and error type of each way loading fails.
 */
class HandlerLoaderTest {

  private static final String HANDLERS = "io.serverlessstack.fake.handlers.";

  private static final ClassLoader LOADER = HandlerLoaderTest.class.getClassLoader();

  private static String invoke(String handler, String event) throws Throwable {
    byte[] answer =
        HandlerLoader.load(HANDLERS + handler, LOADER).invoke(event.getBytes(UTF_8), null);
    return new String(answer, UTF_8);
  }

  private static HandlerLoadException loadFailure(String handler, ClassLoader loader) {
    return catchThrowableOfType(
        HandlerLoadException.class, () -> HandlerLoader.load(handler, loader));
  }

  @Test
  void aRequestHandlerGetsTheInputTypeItsGenericSuperclassFixes() throws Throwable {
    // Read as a plain map the handler's cast to Order would fail.
    assertThat(invoke("OrderDoubler", "{\"id\":\"o-1\",\"quantity\":21}")).isEqualTo("42");
  }

  @Test
  void aStreamHandlerGetsThePayloadBytesAsTheyCame() throws Throwable {
    assertThat(invoke("Echo", "[1,  2]")).isEqualTo("[1,  2]");
  }

  @Test
  void theLongestOverloadIsPicked() throws Throwable {
    assertThat(invoke("Overloads::longest", "{}")).isEqualTo("\"streams\"");
  }

  @Test
  void aTrailingContextCountsOneMoreParameter() throws Throwable {
    // (Map, Context) counts three, more than (InputStream, OutputStream).
    assertThat(invoke("Overloads::context", "{}")).isEqualTo("\"pojo and context\"");
  }

  @Test
  void theCompilersBridgeMethodIsPickedLast() throws Throwable {
    // The bridge takes Object: a map where the handler needs an Order.
    assertThat(invoke("Bridged::handleRequest", "{\"id\":\"o-7\"}")).isEqualTo("\"order o-7\"");
  }

  @Test
  void aStaticMethodNeedsNoInstance() throws Throwable {
    assertThat(invoke("Statics::shout", "\"quiet\"")).isEqualTo("\"QUIET\"");
  }

  @Test
  void aMethodThatReturnsNothingAnswersJsonNull() throws Throwable {
    assertThat(invoke("Overloads::record", "{\"a\":\"b\"}")).isEqualTo("null");
  }

  @Test
  void aCheckedExceptionFromAHandlerMethodIsTheFunctionsErrorAsThrown() {
    assertThatThrownBy(() -> invoke("Overloads::refuse", "{}"))
        .isExactlyInstanceOf(IOException.class)
        .hasMessage("disk full");
  }

  @Test
  void aClassWithoutAPublicNoArgumentConstructorCannotBeBuilt() {
    HandlerLoadException failure = loadFailure(HANDLERS + "NeedsArgument", LOADER);

    assertThat(failure)
        .hasMessage(
            "Class io.serverlessstack.fake.handlers.NeedsArgument has no public zero-argument"
                + " constructor");
    assertThat(failure.errorType()).isEqualTo("java.lang.Exception");
  }

  @Test
  void aNonStaticInnerClassCannotBeBuilt() {
    HandlerLoadException failure = loadFailure(HANDLERS + "Outer$Inner", LOADER);

    assertThat(failure)
        .hasMessage(
            "Class io.serverlessstack.fake.handlers.Outer$Inner cannot be instantiated because it"
                + " is a non-static inner class");
    assertThat(failure.errorType()).isEqualTo("java.lang.Exception");
  }

  @Test
  void aMissingClassIsNotFound() {
    HandlerLoadException failure = loadFailure("com.example.Missing::handle", LOADER);

    assertThat(failure).hasMessage("Class not found: com.example.Missing");
    assertThat(failure.errorType()).isEqualTo("java.lang.ClassNotFoundException");
  }

  @Test
  void aClassWhoseStaticInitializerThrowsIsAnErrorLoadingIt() {
    // A loader of its own: a class that failed to initialize stays failed in its loader.
    HandlerLoadException failure =
        loadFailure(BrokenInit.class.getName(), new Reloading(BrokenInit.class.getName(), LOADER));

    assertThat(failure).hasMessage("Error loading class " + BrokenInit.class.getName());
    assertThat(failure.errorType()).isEqualTo("java.lang.ExceptionInInitializerError");
  }

  @Test
  void anUnboundedTypeVariableLeavesTheInputTypeUnknown() {
    HandlerLoadException failure = loadFailure(HANDLERS + "Untyped", LOADER);

    assertThat(failure)
        .hasMessage(
            "Class io.serverlessstack.fake.handlers.Untyped does not implement RequestHandler with"
                + " concrete type parameters: parameter T has no upper bound.");
    assertThat(failure.errorType()).isNull();
  }

  @Test
  void aClassImplementingNoHandlerInterfaceIsRefused() {
    assertThat(loadFailure(HANDLERS + "NotAHandler", LOADER))
        .hasMessage(
            "Class does not implement an appropriate handler interface:"
                + " io.serverlessstack.fake.handlers.NotAHandler");
  }

  @Test
  void aMethodWithNoSupportedSignatureIsNotFound() {
    assertThat(loadFailure(HANDLERS + "Overloads::contextFirst", LOADER))
        .hasMessage(
            "No public method named contextFirst with appropriate method signature found on class"
                + " io.serverlessstack.fake.handlers.Overloads");
    assertThat(loadFailure(HANDLERS + "Overloads::absent", LOADER))
        .hasMessageStartingWith("No public method named absent ");
  }

  @Test
  void aHandlerStringWithAnEmptyClassOrMethodIsInvalid() {
    assertThat(loadFailure(HANDLERS + "Overloads::", LOADER))
        .hasMessage("Invalid handler: `io.serverlessstack.fake.handlers.Overloads::'");
    assertThat(loadFailure("::handle", LOADER)).hasMessage("Invalid handler: `::handle'");
  }

  /** Defines one class afresh from its class file; everything else comes from the parent. */
  private static final class Reloading extends ClassLoader {
    private final String name;

    Reloading(String name, ClassLoader parent) {
      super(parent);
      this.name = name;
    }

    @Override
    protected Class<?> loadClass(String className, boolean resolve) throws ClassNotFoundException {
      if (!className.equals(name)) {
        return super.loadClass(className, resolve);
      }
      synchronized (getClassLoadingLock(className)) {
        Class<?> loaded = findLoadedClass(className);
        if (loaded != null) {
          return loaded;
        }
        try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
          byte[] bytes = in.readAllBytes();
          return defineClass(className, bytes, 0, bytes.length);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }
}
