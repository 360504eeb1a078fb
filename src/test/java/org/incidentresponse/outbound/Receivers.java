package org.incidentresponse.outbound;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * Real HTTP receivers on 127.0.0.1, one per path ({@code /slack/ops}, {@code /teams/ops}, ...): each
 * records what it received and answers what the test scripted for it, 200 when nothing is scripted.
 * One server for the test JVM; the configured channel URLs point at it.
 */
final class Receivers {

  /** One request as the receiver saw it, header names in lower case, and the status it answered. */
  record Received(String path, Map<String, String> headers, String body, int answered) {}

  /** A scripted answer; {@code delayMillis} holds the answer back (a receiver that hangs). */
  record Answer(int status, Map<String, String> headers, String body, long delayMillis) {
    static Answer of(int status, String body) {
      return new Answer(status, Map.of(), body, 0);
    }
  }

  private static Receivers instance;

  private final HttpServer server;
  private final Map<String, List<Received>> received = new ConcurrentHashMap<>();
  private final Map<String, Deque<Answer>> scripts = new ConcurrentHashMap<>();
  private final Map<String, Predicate<String>> scriptedBodies = new ConcurrentHashMap<>();

  private Receivers() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newCachedThreadPool());
    server.start();
  }

  static synchronized Receivers get() {
    if (instance == null) {
      instance = new Receivers();
    }
    return instance;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The answers {@code path} gives to its next requests, in order; then 200 again. */
  void script(String path, Answer... answers) {
    scripts.computeIfAbsent(path, p -> new ArrayDeque<>()).addAll(List.of(answers));
  }

  /** As {@link #script(String, Answer...)}, for requests whose body {@code matches} only; others get 200. */
  void script(String path, Predicate<String> matches, Answer... answers) {
    scriptedBodies.put(path, matches);
    script(path, answers);
  }

  List<Received> received(String path) {
    return List.copyOf(received.getOrDefault(path, List.of()));
  }

  void reset() {
    received.clear();
    scripts.clear();
    scriptedBodies.clear();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Map<String, String> headers = new TreeMap<>();
    exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
    Deque<Answer> script = scripts.get(path);
    boolean scripted = scriptedBodies.getOrDefault(path, b -> true).test(body);
    Answer answer = script == null || !scripted ? null : script.poll();
    answer = Objects.requireNonNullElse(answer, Answer.of(200, "ok"));
    if (answer.delayMillis() > 0) {
      try {
        Thread.sleep(answer.delayMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    } else {
      // A request that timed out on the sender's side is not a delivery; record only answered ones.
      received.computeIfAbsent(path, p -> java.util.Collections.synchronizedList(new ArrayList<>()))
          .add(new Received(path, headers, body, answer.status()));
    }
    answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    try {
      exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        exchange.getResponseBody().write(bytes);
      }
    } catch (IOException senderGaveUp) {
      // the sender timed out while we held the answer back
    } finally {
      exchange.close();
    }
  }
}
