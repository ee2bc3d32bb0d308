package io.serverlessstack.testcontainers.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.LoadImageCallback;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleFinder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default base of the server image, made without a registry from the JDK running the tests: a
 * {@code jlink} runtime of the modules the server needs, the host libraries that runtime links
 * against, glibc's C.UTF-8 locale and an unprivileged user, loaded into the engine as a one-layer
 * image (the {@code docker save} format, through the API: no docker CLI, no shell). The runtime
 * runs in the engine's Linux only when the host is Linux on the engine's architecture; anywhere
 * else a base image with a JRE must be chosen. Not API.
 */
final class JlinkBase {

  private static final Logger LOG = LoggerFactory.getLogger(JlinkBase.class);

  /** Changes whenever what this class puts in the image changes, so that old bases are not used. */
  private static final String RECIPE = "jlink-base/1";

  static final String REPOSITORY = "serverless-stack/jre-base";

  /**
   * What a Netty + Jackson + AWS SDK v2 server needs, checked with jdeps on the server jar and by
   * running it. Deliberately absent: java.desktop (14 MB; Jackson only probes java.beans and copes
   * without it), jdk.jfr (Netty probes it and copes), java.security.jgss, jdk.localedata. java.sql
   * is there because Jackson's date (de)serializers refer to java.sql types. Modules this JDK does
   * not have (jdk.crypto.ec is empty and may go) are left out.
   */
  static final List<String> MODULES =
      List.of(
          "java.base",
          "java.logging",
          "java.management",
          "java.naming",
          "java.net.http",
          "java.sql",
          "java.xml",
          "jdk.crypto.ec",
          "jdk.unsupported",
          "jdk.zipfs");

  private static final String CHOOSE_A_BASE =
      "Choose a base image with a Java 17+ runtime for the engine's platform instead: -D"
          + ServerImage.BASE_IMAGE_PROPERTY
          + "=eclipse-temurin:17-jre (or any such image your registry has),"
          + " @ServerlessStack(baseImage = ...) or ServerlessStackContainer.withBaseImage(...)";

  /** The unprivileged user the server runs as (the Dockerfile's {@code USER 10001}). */
  static final int APP_UID = 10001;

  private static final String APP_USER = "stack";

  /** Where the runtime lives in the image. */
  private static final String JAVA_DIR = "opt/java";

  /**
   * Old glibc names that glibc 2.34+ folded into libc but that JNI libraries built against older
   * glibc still ask for by name.
   */
  private static final List<String> COMPAT_LIBRARIES =
      List.of("libpthread.so.0", "libdl.so.2", "librt.so.1", "libresolv.so.2");

  private final Path javaHome = Path.of(System.getProperty("java.home"));
  private final List<String> modules =
      MODULES.stream().filter(m -> ModuleFinder.ofSystem().find(m).isPresent()).toList();

  /** What the base is made of: it changes when the JDK or the recipe does. */
  String identity() {
    return String.join(
        "|",
        RECIPE,
        System.getProperty("java.vendor"),
        System.getProperty("java.runtime.version"),
        System.getProperty("os.arch"),
        String.join(",", modules));
  }

  /** {@code serverless-stack/jre-base:<java feature version>-<hash of the identity>}. */
  String tag() {
    return REPOSITORY + ":" + Runtime.version().feature() + "-" + Hashing.hex12(identity());
  }

  /** The JDK it is made from, for messages. */
  Path javaHome() {
    return javaHome;
  }

  /**
   * Fails at once, saying what to do, when a runtime of this JDK cannot run in the engine's Linux.
   */
  void checkRunsOn(String engineOs, String engineArchitecture) {
    String hostOs = System.getProperty("os.name");
    String hostArch = normalizeArch(System.getProperty("os.arch"));
    String engineArch = normalizeArch(engineArchitecture);
    if (!hostOs.toLowerCase(Locale.ROOT).startsWith("linux")
        || !"linux".equalsIgnoreCase(engineOs)
        || !hostArch.equals(engineArch)) {
      throw new IllegalStateException(
          "The server image is built by default on a jlink runtime of the JDK running the tests,"
              + " which only works on a Linux host with the Docker engine's architecture; this"
              + " host is "
              + hostOs
              + "/"
              + hostArch
              + " and the engine "
              + engineOs
              + "/"
              + engineArch
              + ". "
              + CHOOSE_A_BASE);
    }
  }

  static String normalizeArch(String arch) {
    String lower = arch == null ? "" : arch.toLowerCase(Locale.ROOT);
    switch (lower) {
      case "amd64":
      case "x86_64":
        return "amd64";
      case "aarch64":
      case "arm64":
        return "arm64";
      default:
        return lower;
    }
  }

  /** Makes the base and loads it into the engine under {@link #tag()}. */
  void build(DockerClient docker, Path work) throws IOException, InterruptedException {
    Path jre = work.resolve("jre");
    jlink(jre);
    strip(jre);
    Path layer = work.resolve("layer.tar");
    Layer written = writeLayer(jre, layer);
    Path image = work.resolve("image.tar");
    writeImage(layer, written, image);
    try (InputStream in = Files.newInputStream(image)) {
      docker
          .loadImageAsyncCmd(in)
          .exec(new LoadImageCallback())
          .awaitCompletion(5, TimeUnit.MINUTES);
    }
    if (!DockerEngine.present(docker, tag())) {
      throw new IllegalStateException("The engine loaded no image " + tag());
    }
  }

  private void jlink(Path output) throws IOException {
    List<String> args = new ArrayList<>();
    Path jmods = javaHome.resolve("jmods");
    if (Files.isDirectory(jmods)) {
      args.addAll(List.of("--module-path", jmods.toString()));
    } // else: JDK 24+ built with --enable-linkable-runtime links from its own run-time image
    args.addAll(
        List.of(
            "--add-modules",
            String.join(",", modules),
            "--strip-debug",
            "--no-man-pages",
            "--no-header-files",
            // Halves lib/modules; with the image's CDS archive, measured no slower to start.
            "--compress=" + (Runtime.version().feature() >= 21 ? "zip-6" : "2"),
            "--output",
            output.toString()));
    ToolProvider jlink =
        ToolProvider.findFirst("jlink")
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "The JDK running the tests ("
                            + javaHome
                            + ") has no jlink (module jdk.jlink), which the default base of the"
                            + " server image is made with. Run the tests on a full JDK, or: "
                            + CHOOSE_A_BASE));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    java.io.PrintStream print = new java.io.PrintStream(out, true, StandardCharsets.UTF_8);
    int exit = jlink.run(print, print, args.toArray(String[]::new));
    if (exit != 0) {
      throw new IllegalStateException(
          "jlink of "
              + javaHome
              + " failed ("
              + exit
              + "): "
              + out.toString(StandardCharsets.UTF_8).strip()
              + ". "
              + CHOOSE_A_BASE);
    }
  }

  /** Symbol tables are only for debuggers: ~3 MB of libjvm.so. Skipped where no strip exists. */
  private static void strip(Path jre) {
    List<String> command = new ArrayList<>(List.of("strip", "--strip-unneeded"));
    command.addAll(nativeFiles(jre).stream().map(Path::toString).toList());
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getInputStream().transferTo(OutputStream.nullOutputStream());
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (IOException noStrip) {
      LOG.debug("No strip: the base keeps its symbol tables", noStrip);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Shared libraries and executables of the runtime, sorted. */
  private static List<Path> nativeFiles(Path jre) {
    try (Stream<Path> files = Files.walk(jre)) {
      return files
          .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
          .filter(
              p ->
                  p.getFileName().toString().endsWith(".so")
                      || p.getParent().getFileName().toString().equals("bin")
                      || p.getFileName().toString().equals("jspawnhelper")
                      || p.getFileName().toString().equals("jexec"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The host libraries the runtime links against, as the dynamic loader resolves them (what {@code
   * ldd} prints, asked of the loader itself so that no shell is needed), plus glibc's compatibility
   * names.
   */
  static Set<Path> hostLibraries(Path jre) throws IOException, InterruptedException {
    List<String> java = trace(List.of(jre.resolve("bin/java").toString()));
    Path loader =
        java.stream()
            .map(String::strip)
            .filter(line -> line.startsWith("/"))
            .map(line -> Path.of(line.split("\\s+")[0]))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "The host's dynamic loader does not list what "
                            + jre.resolve("bin/java")
                            + " links against (not glibc?), so no runtime of this JDK can be"
                            + " made for the engine. "
                            + CHOOSE_A_BASE));
    Set<Path> libraries = new TreeSet<>();
    libraries.add(loader);
    for (Path file : nativeFiles(jre)) {
      for (String line : trace(List.of(loader.toString(), file.toString()))) {
        String[] words = line.strip().split("\\s+");
        String path = null;
        if (words.length >= 3 && words[1].equals("=>") && words[2].startsWith("/")) {
          path = words[2];
        } else if (words.length >= 1 && words[0].startsWith("/") && !words[0].endsWith(":")) {
          path = words[0];
        }
        if (path != null && !Path.of(path).normalize().startsWith(jre)) {
          libraries.add(Path.of(path).normalize());
        }
      }
    }
    Path libc =
        libraries.stream()
            .filter(p -> p.getFileName().toString().startsWith("libc.so"))
            .findFirst()
            .orElse(null);
    if (libc != null) {
      for (String name : COMPAT_LIBRARIES) {
        Path compat = libc.resolveSibling(name);
        if (Files.exists(compat)) {
          libraries.add(compat);
        }
      }
    }
    return libraries;
  }

  /** The loader's list of what {@code command}'s program links against. */
  private static List<String> trace(List<String> command) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("LD_TRACE_LOADED_OBJECTS", "1");
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    return output.lines().toList();
  }

  /**
   * The layer's digest ({@code sha256:…} of the uncompressed tar) and where in it the host's
   * libraries are.
   */
  private record Layer(String diffId, String libraryPath) {}

  /** Every file of the base, root-owned (the user's home aside), with fixed times. */
  private Layer writeLayer(Path jre, Path layer) throws IOException, InterruptedException {
    MessageDigest sha256 = Hashing.sha256();
    String libraryPath;
    try (OutputStream file = Files.newOutputStream(layer);
        DigestOutputStream digesting = new DigestOutputStream(file, sha256);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(digesting)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      Tree tree = new Tree();
      tree.directory("tmp", 01777, 0);
      tree.directory("home/" + APP_USER, 0755, APP_UID);
      tree.tree(jre, JAVA_DIR);
      Set<Path> libraries = hostLibraries(jre);
      for (Path library : libraries) {
        tree.file(relative(library), library.toRealPath(), 0755);
      }
      // The JDK's charsets and file names follow the locale; glibc's C.UTF-8 is not built in.
      Path locale = Path.of("/usr/lib/locale/C.utf8");
      if (Files.isDirectory(locale)) {
        tree.tree(locale, "usr/lib/locale/C.utf8");
      } else {
        LOG.warn("No {} on this host: the server's default charset may not be UTF-8", locale);
      }
      tree.text(
          "etc/passwd",
          "root:x:0:0:root:/root:/sbin/nologin\n"
              + APP_USER
              + ":x:"
              + APP_UID
              + ":"
              + APP_UID
              + ":serverless-stack:/home/"
              + APP_USER
              + ":/sbin/nologin\n"
              + "nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\n");
      tree.text("etc/group", "root:x:0:\n" + APP_USER + ":x:" + APP_UID + ":\nnogroup:x:65534:\n");
      // Without it glibc's lookup order for host names is not the usual one.
      tree.text("etc/nsswitch.conf", "hosts: files dns\n");
      tree.write(tar);
      libraryPath =
          libraries.stream()
              .map(p -> p.getParent().toString())
              .distinct()
              .collect(Collectors.joining(":"));
    }
    return new Layer("sha256:" + Hashing.hex(sha256.digest()), libraryPath);
  }

  private static String relative(Path absolute) {
    return absolute.toString().substring(1);
  }

  /** The JDK's release date: the same for every build of the base from one JDK. */
  private static String created() {
    String date = System.getProperty("java.version.date");
    return (date == null || !date.matches("\\d{4}-\\d{2}-\\d{2}") ? "1970-01-01" : date)
        + "T00:00:00Z";
  }

  /** A {@code docker save} tarball: manifest, image config, the one layer. */
  private void writeImage(Path layer, Layer written, Path image) throws IOException {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put(
        "Env",
        List.of(
            "PATH=/" + JAVA_DIR + "/bin:/usr/bin:/bin",
            "JAVA_HOME=/" + JAVA_DIR,
            "LANG=C.UTF-8",
            // The loader of the host finds the host's libraries where they were copied, whatever
            // its compiled-in search path; there is no ld.so.cache.
            "LD_LIBRARY_PATH=" + written.libraryPath()));
    Map<String, String> labels = new TreeMap<>();
    labels.put("io.serverlessstack.jre.identity", identity());
    labels.put("io.serverlessstack.jre.java-home", javaHome.toString());
    labels.put("io.serverlessstack.jre.modules", String.join(",", modules));
    labels.put("io.serverlessstack.jre.uid", Integer.toString(APP_UID));
    config.put("Labels", labels);
    Map<String, Object> imageConfig = new LinkedHashMap<>();
    imageConfig.put("architecture", normalizeArch(System.getProperty("os.arch")));
    imageConfig.put("os", "linux");
    imageConfig.put("created", created());
    imageConfig.put("config", config);
    imageConfig.put("rootfs", Map.of("type", "layers", "diff_ids", List.of(written.diffId())));
    imageConfig.put(
        "history",
        List.of(
            Map.of(
                "created",
                created(),
                "created_by",
                "serverless-stack: jlink runtime of " + javaHome + " (" + identity() + ")")));
    byte[] configJson = Json.write(imageConfig);
    String configName = Hashing.hex(Hashing.sha256().digest(configJson)) + ".json";
    String layerName = written.diffId().substring("sha256:".length()) + "/layer.tar";
    byte[] manifest =
        Json.write(
            List.of(
                Map.of(
                    "Config",
                    configName,
                    "RepoTags",
                    List.of(tag()),
                    "Layers",
                    List.of(layerName))));
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(image))) {
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      Tree.put(tar, configName, configJson);
      TarArchiveEntry dir = new TarArchiveEntry(layerName.substring(0, layerName.indexOf('/') + 1));
      tar.putArchiveEntry(dir);
      tar.closeArchiveEntry();
      TarArchiveEntry entry = new TarArchiveEntry(layerName);
      entry.setSize(Files.size(layer));
      tar.putArchiveEntry(entry);
      Files.copy(layer, tar);
      tar.closeArchiveEntry();
      Tree.put(tar, "manifest.json", manifest);
    }
  }

  /**
   * The files of a layer, by path, with every parent directory, written sorted: the same input
   * gives the same bytes, so the same image id.
   */
  private static final class Tree {
    private sealed interface Node permits Dir, HostFile, Text, Link {}

    private record Dir(int mode, int owner) implements Node {}

    private record HostFile(Path source, int mode) implements Node {}

    private record Text(byte[] content) implements Node {}

    private record Link(String target) implements Node {}

    private final Map<String, Node> nodes = new TreeMap<>();

    void directory(String path, int mode, int owner) {
      parents(path);
      nodes.put(path, new Dir(mode, owner));
    }

    void file(String path, Path source, int mode) {
      parents(path);
      nodes.putIfAbsent(path, new HostFile(source, mode));
    }

    void text(String path, String content) {
      parents(path);
      nodes.put(path, new Text(content.getBytes(StandardCharsets.UTF_8)));
    }

    /** A host directory's files, links and directories under {@code at}, modes kept. */
    void tree(Path root, String at) throws IOException {
      List<Path> paths;
      try (Stream<Path> walk = Files.walk(root)) {
        paths = walk.sorted(Comparator.naturalOrder()).toList();
      }
      for (Path path : paths) {
        String relative = root.relativize(path).toString();
        String name = relative.isEmpty() ? at : at + "/" + relative;
        if (Files.isSymbolicLink(path)) {
          parents(name);
          nodes.put(name, new Link(Files.readSymbolicLink(path).toString()));
        } else if (Files.isDirectory(path)) {
          directory(name, 0755, 0);
        } else {
          file(name, path, Files.isExecutable(path) ? 0755 : 0644);
        }
      }
    }

    private void parents(String path) {
      for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
        nodes.putIfAbsent(path.substring(0, slash), new Dir(0755, 0));
      }
    }

    void write(TarArchiveOutputStream tar) throws IOException {
      for (Map.Entry<String, Node> named : nodes.entrySet()) {
        String name = named.getKey();
        Node node = named.getValue();
        if (node instanceof Dir dir) {
          TarArchiveEntry entry =
              entry(name + "/", TarArchiveEntry.LF_DIR, dir.mode(), dir.owner());
          tar.putArchiveEntry(entry);
          tar.closeArchiveEntry();
        } else if (node instanceof Link link) {
          TarArchiveEntry entry = entry(name, TarArchiveEntry.LF_SYMLINK, 0777, 0);
          entry.setLinkName(link.target());
          tar.putArchiveEntry(entry);
          tar.closeArchiveEntry();
        } else if (node instanceof HostFile file) {
          TarArchiveEntry entry = entry(name, TarArchiveEntry.LF_NORMAL, file.mode(), 0);
          entry.setSize(Files.size(file.source()));
          tar.putArchiveEntry(entry);
          Files.copy(file.source(), tar);
          tar.closeArchiveEntry();
        } else if (node instanceof Text text) {
          TarArchiveEntry entry = entry(name, TarArchiveEntry.LF_NORMAL, 0644, 0);
          entry.setSize(text.content().length);
          tar.putArchiveEntry(entry);
          tar.write(text.content());
          tar.closeArchiveEntry();
        }
      }
    }

    private static TarArchiveEntry entry(String name, byte type, int mode, int owner) {
      TarArchiveEntry entry = new TarArchiveEntry(name, type);
      entry.setMode(modeBits(type) | mode);
      entry.setIds(owner, owner);
      entry.setUserName("");
      entry.setGroupName("");
      entry.setModTime(0);
      return entry;
    }

    private static int modeBits(byte type) {
      if (type == TarArchiveEntry.LF_DIR) {
        return 040000;
      }
      if (type == TarArchiveEntry.LF_SYMLINK) {
        return 0120000;
      }
      return 0100000;
    }

    static void put(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
      TarArchiveEntry entry = new TarArchiveEntry(name);
      entry.setSize(content.length);
      entry.setModTime(0);
      tar.putArchiveEntry(entry);
      tar.write(content);
      tar.closeArchiveEntry();
    }
  }
}
