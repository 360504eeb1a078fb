package org.incidentresponse;

import org.camunda.bpm.admin.Admin;
import org.camunda.bpm.admin.impl.DefaultAdminRuntimeDelegate;
import org.camunda.bpm.cockpit.Cockpit;
import org.camunda.bpm.cockpit.impl.DefaultCockpitRuntimeDelegate;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.tasklist.Tasklist;
import org.camunda.bpm.tasklist.impl.DefaultTasklistRuntimeDelegate;
import org.camunda.bpm.welcome.Welcome;
import org.camunda.bpm.welcome.impl.DefaultWelcomeRuntimeDelegate;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Points Camunda's JVM-wide lookups at the engine of the running test's Spring context, before
 * each test (registered for every Spring test in META-INF/spring.factories).
 *
 * <p>Camunda's REST API, its authentication filter and the webapps find the engine by name in a
 * JVM-wide registry, where every Spring context of the test JVM registers its own "default" engine:
 * the last one started wins, and a closed one leaves no engine at all. The webapps also keep one
 * static runtime delegate each (Cockpit, Admin, Tasklist, Welcome), which caches per engine name and
 * is set to null when any app context in the JVM stops (a {@code @DirtiesContext} test, a restart
 * test). When the test's engine is not the one these point at, they are set up again, as the
 * webapps' own bootstrap does when an app starts.
 */
public class EngineRegistryListener extends AbstractTestExecutionListener {

  private static ProcessEngine current;

  @Override
  public int getOrder() {
    return LOWEST_PRECEDENCE;
  }

  @Override
  public void beforeTestMethod(TestContext testContext) {
    ProcessEngine engine = testContext.getApplicationContext().getBeanProvider(ProcessEngine.class).getIfAvailable();
    if (engine == null) {
      return;
    }
    synchronized (EngineRegistryListener.class) {
      ProcessEngines.registerProcessEngine(engine);
      if (engine != current || Cockpit.getRuntimeDelegate() == null || Admin.getRuntimeDelegate() == null
          || Tasklist.getRuntimeDelegate() == null || Welcome.getRuntimeDelegate() == null) {
        Cockpit.setCockpitRuntimeDelegate(new DefaultCockpitRuntimeDelegate());
        Admin.setAdminRuntimeDelegate(new DefaultAdminRuntimeDelegate());
        Tasklist.setTasklistRuntimeDelegate(new DefaultTasklistRuntimeDelegate());
        Welcome.setRuntimeDelegate(new DefaultWelcomeRuntimeDelegate());
        current = engine;
      }
    }
  }
}
