package org.incidentresponse.identity;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.ActiveProfiles;

/**
 * The demo-profile application with the real SOP on a random port, shared by every identity test
 * that uses it: one configuration means one cached Spring context and one engine start. Its own
 * in-memory database keeps it apart from other test contexts in the same JVM; without the job
 * executor, notifications (asynchronous steps) stay queued and no timer fires during a test.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:identity-demo;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false"
})
@ActiveProfiles("demo")
@interface DemoIdentityTest {}
