package org.incidentresponse.sso;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.incidentresponse.ProductionTest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The app as a company runs it with single sign-on: no demo users, the provider
 * ({@link TestOidcProvider}) for the webapps and the API, the provider's groups mapped as an operator
 * would, the administrator as the break-glass account, and one static intake token. One shared context.
 */
@Documented
@Inherited
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.admin-user.id=" + ProductionTest.ADMIN_ID,
    "camunda.bpm.admin-user.password=" + ProductionTest.ADMIN_PASSWORD,
    "incident-response.intake.tokens=" + SsoTest.INTAKE_TOKEN,
    "incident-response.sso.group-mapping[ir-responders]=responders",
    "incident-response.sso.group-mapping[ir-commanders]=incident-commanders",
    "incident-response.sso.group-mapping[ir-auditors]=auditors",
    "incident-response.sso.group-mapping[ir-admins]=camunda-admin"
})
@ContextConfiguration(initializers = TestOidcProvider.Properties.class)
@ActiveProfiles("test")
public @interface SsoTest {

  String INTAKE_TOKEN = "static-intake-token-for-sso-tests";
}
