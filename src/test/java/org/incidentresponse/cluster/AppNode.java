package org.incidentresponse.cluster;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One app node: the packaged jar started exactly as docker/Dockerfile's ENTRYPOINT starts it (the
 * command line and ENV are read from the Dockerfile; only the jar's path differs), with the
 * environment docker/compose.yaml gives it.
 */
final class AppNode {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  final String name;
  final int port;
  private final Map<String, String> environment;
  private final Path log;
  private Process process;

  AppNode(String name, Map<String, String> environment, Path logDirectory) {
    this.name = name;
    this.port = freePort();
    this.environment = new LinkedHashMap<>(environment);
    this.environment.put("SERVER_PORT", String.valueOf(port));
    this.log = logDirectory.resolve(name + ".log");
  }

  static Path jar() {
    String configured = System.getProperty("incident-response.test.jar");
    if (configured != null && Files.isRegularFile(Path.of(configured))) {
      return Path.of(configured);
    }
    try (var files = Files.list(Path.of("target"))) {
      return files.filter(p -> p.getFileName().toString().matches("incident-response-.*\\.jar")
          && !p.getFileName().toString().endsWith("-plain.jar")).findFirst().orElse(null);
    } catch (IOException e) {
      return null;
    }
  }

  /** The Dockerfile's ENTRYPOINT, with the image's jar path replaced by the freshly built jar. */
  static List<String> entrypoint(Path jar) {
    String dockerfile = read(Path.of("docker/Dockerfile"));
    Matcher m = Pattern.compile("(?m)^ENTRYPOINT\\s+(\\[.*])\\s*$").matcher(dockerfile);
    if (!m.find()) {
      throw new IllegalStateException("docker/Dockerfile has no exec-form ENTRYPOINT");
    }
    try {
      List<String> command = new ArrayList<>(JSON.readValue(m.group(1), new TypeReference<List<String>>() {}));
      command.replaceAll(arg -> arg.endsWith(".jar") ? jar.toAbsolutePath().toString() : arg);
      if ("java".equals(command.get(0))) {
        command.set(0, Path.of(System.getProperty("java.home"), "bin", "java").toString());
      }
      return command;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The runtime image's ENV lines (the last stage of the Dockerfile). */
  static Map<String, String> imageEnvironment() {
    String dockerfile = read(Path.of("docker/Dockerfile"));
    String runtime = dockerfile.substring(dockerfile.lastIndexOf("\nFROM "));
    Map<String, String> env = new LinkedHashMap<>();
    Matcher m = Pattern.compile("(?m)^ENV\\s+(\\S+)=(\\S+)\\s*$").matcher(runtime);
    while (m.find()) {
      env.put(m.group(1), m.group(2));
    }
    return env;
  }

  synchronized void start() throws IOException {
    ProcessBuilder builder = new ProcessBuilder(entrypoint(jar()));
    builder.environment().keySet().removeIf(key -> key.startsWith("SPRING_") || key.startsWith("CAMUNDA_"));
    builder.environment().putAll(imageEnvironment());
    builder.environment().putAll(environment);
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    process = builder.start();
  }

  /** Starts and waits until /actuator/health/readiness says UP. */
  void startAndAwaitReady(Duration timeout) throws Exception {
    start();
    awaitReady(timeout);
  }

  void awaitReady(Duration timeout) throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
      }
      try {
        if (request("GET", "/actuator/health/readiness", null, null).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException(name + " not ready within " + timeout + "; see " + log);
  }

  /** kill -9: no shutdown hooks, no graceful job executor stop. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  boolean alive() {
    return process != null && process.isAlive();
  }

  Process process() {
    return process;
  }

  Path log() {
    return log;
  }

  HttpResponse<String> request(String method, String path, String user, Object body) throws IOException {
    return request(method, path, user, body, Map.of());
  }

  HttpResponse<String> request(String method, String path, String user, Object body, Map<String, String> headers)
      throws IOException {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(30))
        .header("Accept", path.startsWith("/actuator/prometheus") ? "text/plain" : "application/json");
    headers.forEach(builder::header);
    if (user != null) {
      builder.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8)));
    }
    if (body == null) {
      builder.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      builder.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body)));
    }
    try {
      return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String read(Path path) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
