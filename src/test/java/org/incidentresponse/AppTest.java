package org.incidentresponse;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The quick-start app as the tests know it: the demo users and intake token ({@code demo}), an
 * in-memory database and no job executor ({@code test}: tests run the jobs and move the engine
 * clock themselves), on a random port, mail to {@link TestMailServer}.
 *
 * <p>Every class with this annotation and nothing else that configures Spring shares one context:
 * one engine start per test JVM. So a test may not assume it is alone in the engine: it finds its
 * own incidents by id or number, runs only its own incidents' jobs, and resets the engine clock
 * ({@code ClockUtil}) after moving it. {@link EngineRegistryListener} points
 * Camunda's REST API and webapps at this context's engine before each test.
 *
 * <p>A small intake body limit, so that the 413 is proven without megabyte payloads.
 */
@Documented
@Inherited
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "incident-response.intake.max-body-size=64KB")
@ActiveProfiles({"demo", "test"})
public @interface AppTest {}
