package org.incidentresponse.bench;

/**
 * Serves the app on a bench database until killed, for looking at it by hand (Tasklist, Cockpit,
 * curl) with the bench users (password = user id): {@code -Dserver.port=8080} and the usual
 * {@code -Dspring.datasource.url=...}. The job executor is off unless {@code -Dbench.jobs=true}, so
 * the database stays as the generator left it. Arguments are passed on as Spring arguments
 * ({@code --name=value}), to try a setting.
 */
public final class BenchServe {

  private BenchServe() {
  }

  public static void main(String[] args) throws Exception {
    var app = BenchApp.start(Boolean.getBoolean("bench.jobs"), args);
    System.out.println("Serving " + BenchApp.baseUrl(app) + " on " + System.getProperty("spring.datasource.url", BenchApp.DEFAULT_H2));
    Thread.currentThread().join();
  }
}
