package io.serverlessstack.benchmarks;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Runs a probe's {@code main} in a fresh JVM on this JVM's class path and collects the {@code
 * RESULT key=value ...} lines it prints; anything else it prints passes through to stderr.
 */
final class ChildJvm {

  static final String RESULT = "RESULT";

  private ChildJvm() {}

  /** Prints one result line for the parent to collect. */
  static void report(Map<String, ?> values) {
    StringBuilder line = new StringBuilder(RESULT);
    values.forEach((key, value) -> line.append(' ').append(key).append('=').append(value));
    System.out.println(line);
    System.out.flush();
  }

  /** The result lines of {@code main} run with {@code jvmArgs}; fails if the JVM fails. */
  static List<Map<String, String>> run(
      List<String> jvmArgs, Class<?> main, List<String> args, Duration timeout) {
    return run(jvmArgs, System.getProperty("java.class.path"), main, args, timeout);
  }

  /** As {@link #run(List, Class, List, Duration)}, on {@code classPath}. */
  static List<Map<String, String>> run(
      List<String> jvmArgs, String classPath, Class<?> main, List<String> args, Duration timeout) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    command.add("-cp");
    command.add(classPath);
    command.add(main.getName());
    command.addAll(args);
    List<Map<String, String>> results = Collections.synchronizedList(new ArrayList<>());
    try {
      Process process =
          new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      // Read on another thread so that a hung child is caught by the timeout below.
      Thread reader = new Thread(() -> collect(process, main, results), "child-output");
      reader.setDaemon(true);
      reader.start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(main.getSimpleName() + " " + args + " timed out");
      }
      reader.join();
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            main.getSimpleName() + " " + args + " exited with " + process.exitValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for " + main.getSimpleName(), e);
    }
    return List.copyOf(results);
  }

  /**
   * This JVM's class path with every directory packed into a jar in {@code workDir}: class-data
   * sharing archives only classes that come from jars.
   */
  static String jarsOnlyClassPath(Path workDir) {
    List<String> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path path = Path.of(entry);
      entries.add(Files.isDirectory(path) ? pack(path, workDir).toString() : entry);
    }
    return String.join(File.pathSeparator, entries);
  }

  private static Path pack(Path directory, Path workDir) {
    Path jar = workDir.resolve("classes-" + Math.abs(directory.hashCode()) + ".jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> files = Files.walk(directory)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        out.putNextEntry(new JarEntry(directory.relativize(file).toString().replace('\\', '/')));
        Files.copy(file, out);
        out.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return jar;
  }

  private static void collect(Process process, Class<?> main, List<Map<String, String>> results) {
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith(RESULT + " ")) {
          results.add(parse(line));
        } else {
          System.err.println("  [" + main.getSimpleName() + "] " + line);
        }
      }
    } catch (IOException e) {
      System.err.println("  [" + main.getSimpleName() + "] output lost: " + e);
    }
  }

  private static Map<String, String> parse(String line) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String pair : line.substring(RESULT.length()).trim().split(" ")) {
      int equals = pair.indexOf('=');
      values.put(pair.substring(0, equals), pair.substring(equals + 1));
    }
    return values;
  }
}
