package org.incidentresponse.statuspage;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Subscriber mail is retried and unconfirmed subscriptions deleted on a schedule ({@link Subscriptions}). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class StatusPageScheduling {}
