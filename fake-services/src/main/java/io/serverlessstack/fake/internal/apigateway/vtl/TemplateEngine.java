package io.serverlessstack.fake.internal.apigateway.vtl;

import java.io.StringReader;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.velocity.Template;
import org.apache.velocity.runtime.ParserPoolImpl;
import org.apache.velocity.runtime.RuntimeConstants;
import org.apache.velocity.runtime.RuntimeInstance;
import org.apache.velocity.runtime.directive.Break;
import org.apache.velocity.runtime.directive.Define;
import org.apache.velocity.runtime.directive.Directive;
import org.apache.velocity.runtime.directive.Evaluate;
import org.apache.velocity.runtime.directive.Foreach;
import org.apache.velocity.runtime.directive.Macro;
import org.apache.velocity.runtime.directive.Stop;
import org.apache.velocity.runtime.parser.ParseException;
import org.apache.velocity.runtime.parser.StandardParser;
import org.apache.velocity.runtime.resource.ResourceCacheImpl;
import org.apache.velocity.runtime.resource.ResourceManagerImpl;
import org.apache.velocity.runtime.resource.loader.StringResourceLoader;
import org.apache.velocity.runtime.resource.util.StringResourceRepositoryImpl;
import org.apache.velocity.util.introspection.SecureUberspector;
import org.apache.velocity.util.introspection.TypeConversionHandlerImpl;

/**
 * The one Velocity runtime of mapping templates, locked down and configured to behave as AWS's:
 *
 * <ul>
 *   <li>Templates come only from the text given: no file, class path or URL loading, no {@code
 *       #include} or {@code #parse} (left out, so they stay text), and a {@link SecureUberspector}
 *       that refuses reflection, class loading, {@code java.lang.Class} (but its name), {@code
 *       System}, {@code Runtime}, threads, processes and I/O.
 *   <li>Velocity 1.7 semantics, which AWS's templates are written for (API Gateway predates
 *       Velocity 2): whitespace gobbled as 1.7 did, {@code #if} false only for {@code null} and
 *       {@code false}; invalid references render and compare as empty text (see {@link
 *       EmptyInvalidReferences}).
 *   <li>AWS's quota of 1,000 iterations for a {@code #foreach}.
 * </ul>
 *
 * <p>Every class Velocity would otherwise read by name from its own {@code velocity.properties} and
 * {@code directive.properties} is given here as a class, so the engine works the same relocated
 * into our jar (where those names would point at nothing).
 */
final class TemplateEngine {

  /** AWS's quota: "Number of iterations in a #foreach ... loop in mapping templates: 1,000". */
  static final int MAX_FOREACH_LOOPS = 1000;

  /** Enough for every template of many APIs; past it the cache starts again. */
  private static final int CACHE_LIMIT = 2_000;

  private static final String[] RESTRICTED_PACKAGES = {
    "java.lang.reflect", "java.lang.invoke", "java.io", "java.nio", "java.net", "java.security",
    "java.util.concurrent", "javax.script", "javax.management", "javax.naming", "sun", "jdk"
  };

  private static final String[] RESTRICTED_CLASSES = {
    "java.lang.Class",
    "java.lang.ClassLoader",
    "java.lang.Compiler",
    "java.lang.Module",
    "java.lang.ModuleLayer",
    "java.lang.InheritableThreadLocal",
    "java.lang.Package",
    "java.lang.Process",
    "java.lang.ProcessBuilder",
    "java.lang.ProcessHandle",
    "java.lang.Runtime",
    "java.lang.RuntimePermission",
    "java.lang.SecurityManager",
    "java.lang.StackWalker",
    "java.lang.System",
    "java.lang.Thread",
    "java.lang.ThreadGroup",
    "java.lang.ThreadLocal"
  };

  private final RuntimeInstance runtime = new LockedDownRuntime();
  private final Map<String, Template> cache = new ConcurrentHashMap<>();

  private static final class Holder {
    static final TemplateEngine INSTANCE = new TemplateEngine();
  }

  /** Built on first use, so that nothing of Velocity loads until API Gateway renders a template. */
  static TemplateEngine instance() {
    return Holder.INSTANCE;
  }

  private TemplateEngine() {
    runtime.init(configuration());
  }

  private static Properties configuration() {
    Properties properties = new Properties();
    properties.setProperty(RuntimeConstants.RESOURCE_LOADERS, "string");
    properties.setProperty(
        RuntimeConstants.RESOURCE_LOADER + ".string." + RuntimeConstants.RESOURCE_LOADER_CLASS,
        StringResourceLoader.class.getName());
    properties.setProperty(
        RuntimeConstants.RESOURCE_LOADER + ".string." + StringResourceLoader.REPOSITORY_CLASS,
        StringResourceRepositoryImpl.class.getName());
    properties.setProperty(
        RuntimeConstants.RESOURCE_LOADER + ".string." + StringResourceLoader.REPOSITORY_STATIC,
        "false");
    properties.setProperty(
        RuntimeConstants.RESOURCE_MANAGER_CLASS, ResourceManagerImpl.class.getName());
    properties.setProperty(
        RuntimeConstants.RESOURCE_MANAGER_CACHE_CLASS, ResourceCacheImpl.class.getName());
    properties.setProperty(RuntimeConstants.PARSER_CLASS, StandardParser.class.getName());
    properties.setProperty(RuntimeConstants.PARSER_POOL_CLASS, ParserPoolImpl.class.getName());
    properties.setProperty(RuntimeConstants.UBERSPECT_CLASSNAME, SecureUberspector.class.getName());
    properties.setProperty(
        RuntimeConstants.CONVERSION_HANDLER_CLASS, TypeConversionHandlerImpl.class.getName());
    properties.setProperty(
        RuntimeConstants.INTROSPECTOR_RESTRICT_PACKAGES, String.join(",", RESTRICTED_PACKAGES));
    properties.setProperty(
        RuntimeConstants.INTROSPECTOR_RESTRICT_CLASSES, String.join(",", RESTRICTED_CLASSES));
    properties.setProperty(RuntimeConstants.SPACE_GOBBLING, "bc");
    // Velocity 1.7 read {@code $context.responseOverride.header.X-Custom} as one name; so must we.
    properties.setProperty(RuntimeConstants.PARSER_HYPHEN_ALLOWED, "true");
    properties.setProperty(RuntimeConstants.CHECK_EMPTY_OBJECTS, "false");
    properties.setProperty(RuntimeConstants.MAX_NUMBER_LOOPS, String.valueOf(MAX_FOREACH_LOOPS));
    properties.setProperty(RuntimeConstants.EVENTHANDLER_INVALIDREFERENCES_QUIET, "true");
    properties.setProperty(RuntimeConstants.EVENTHANDLER_INVALIDREFERENCES_NULL, "true");
    properties.setProperty(RuntimeConstants.EVENTHANDLER_INVALIDREFERENCES_TESTED, "true");
    properties.setProperty(RuntimeConstants.RUNTIME_LOG_REFERENCE_LOG_INVALID, "false");
    // Under our name, not Velocity's (which relocation would change anyway): a failed template
    // is the API's configuration error, logged where users look for the stack's messages.
    properties.setProperty(RuntimeConstants.RUNTIME_LOG_NAME, TemplateEngine.class.getName());
    // A macro one template defines stays its own, never another API's.
    properties.setProperty(RuntimeConstants.VM_PERM_INLINE_LOCAL, "true");
    properties.setProperty(RuntimeConstants.VM_PERM_ALLOW_INLINE_REPLACE_GLOBAL, "false");
    return properties;
  }

  /**
   * The template parsed, from the cache.
   *
   * @throws TemplateFailure when it does not parse
   */
  Template template(String text) {
    Template template = cache.get(text);
    if (template == null) {
      template = parse(text);
      if (cache.size() >= CACHE_LIMIT) {
        cache.clear();
      }
      cache.put(text, template);
    }
    return template;
  }

  private Template parse(String text) {
    Template template = new Template();
    template.setName("mapping template");
    template.setRuntimeServices(runtime);
    try {
      template.setData(runtime.parse(new StringReader(text), template));
      template.initDocument();
    } catch (ParseException | RuntimeException e) {
      throw new TemplateFailure("The mapping template does not parse: " + e.getMessage(), e);
    }
    return template;
  }

  RuntimeInstance runtime() {
    return runtime;
  }

  /**
   * Velocity's runtime with only the directives a mapping template may use. Velocity names its
   * directives' classes in {@code directive.properties}; they are matched here by simple name and
   * built from our own references, which relocation keeps right.
   */
  private static final class LockedDownRuntime extends RuntimeInstance {

    private static final Map<String, Supplier<Directive>> ALLOWED =
        Map.of(
            "Foreach", Foreach::new,
            "Macro", Macro::new,
            "Evaluate", Evaluate::new,
            "Break", Break::new,
            "Define", Define::new,
            "Stop", Stop::new);

    @Override
    public void loadDirective(String directiveClass) {
      String simpleName = directiveClass.substring(directiveClass.lastIndexOf('.') + 1);
      Supplier<Directive> directive = ALLOWED.get(simpleName);
      if (directive != null) {
        addDirective(directive.get());
      }
    }
  }
}
