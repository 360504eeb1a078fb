package org.incidentresponse.demo;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** The messages the demo chat receiver accepted, newest first, the last {@value #KEPT} only (memory). */
@Component
@Profile("demo")
class DemoChatInbox {

  static final int KEPT = 200;

  /**
   * @param kind slack, mattermost, teams or webhook
   * @param channel the channel's name in the URL
   * @param headline what a client would show in a notification
   * @param signature for webhooks, "verified"; for chat, null
   * @param body the payload as received
   */
  record Message(Instant receivedAt, String kind, String channel, String headline, String signature, String body) {}

  private final Deque<Message> messages = new ArrayDeque<>();

  synchronized void add(Message message) {
    messages.addFirst(message);
    while (messages.size() > KEPT) {
      messages.removeLast();
    }
  }

  synchronized List<Message> all() {
    return List.copyOf(messages);
  }
}
