package org.incidentresponse.identity;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.ActiveProfiles;

/**
 * The demo-profile application on a random port, shared by every identity test that uses it: one
 * configuration means one cached Spring context and one engine start. Its own in-memory database
 * keeps it apart from other test contexts in the same JVM; the stand-in SOP under
 * {@code identity-test-sop/} has the real process key but none of the delegates.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:identity-demo;DB_CLOSE_DELAY=-1",
    "incident-response.sop.location=classpath:identity-test-sop/",
    "incident-response.sop.patterns=bpmn/*.bpmn",
    "camunda.bpm.job-execution.enabled=false"
})
@ActiveProfiles("demo")
@interface DemoIdentityTest {}
