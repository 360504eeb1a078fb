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
 * The app as it starts outside the quick start: no {@code demo} profile, so no demo users and no
 * intake token, and the administrator's credentials given as the environment gives them. The
 * {@code test} profile only supplies the in-memory database and turns the job executor off. One
 * shared context, like {@link AppTest}.
 */
@Documented
@Inherited
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.admin-user.id=" + ProductionTest.ADMIN_ID,
    "camunda.bpm.admin-user.password=" + ProductionTest.ADMIN_PASSWORD
})
@ActiveProfiles("test")
public @interface ProductionTest {

  String ADMIN_ID = "ops-admin";
  String ADMIN_PASSWORD = "Ops-Admin-Pa55";
}
