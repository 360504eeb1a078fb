package org.incidentresponse;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.util.List;

/**
 * One GreenMail SMTP server for the whole test JVM, on a free port, so that cached Spring contexts
 * keep pointing at a live server ({@link TestMailServerCustomizerFactory} points every context at
 * it). Its mailboxes are shared by every test of the JVM: a test looks only for its own incident's mail.
 */
public final class TestMailServer {

  private static GreenMail server;

  private TestMailServer() {}

  public static synchronized GreenMail get() {
    if (server == null) {
      server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
      server.start();
      Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
    }
    return server;
  }

  /** What landed in one mailbox, whether the address was in To, Cc or Bcc. */
  public static List<MimeMessage> messagesTo(String address) {
    GreenMailUser user = get().getUserManager().getUserByEmail(address);
    if (user == null) {
      return List.of();
    }
    try {
      return get().getManagers().getImapHostManager().getInbox(user).getMessages().stream()
          .map(StoredMessage::getMimeMessage).toList();
    } catch (FolderException e) {
      throw new IllegalStateException(e);
    }
  }
}
