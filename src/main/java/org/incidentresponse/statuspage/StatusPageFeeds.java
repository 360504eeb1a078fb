package org.incidentresponse.statuspage;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndEntryImpl;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.feed.synd.SyndLinkImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedOutput;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The status page as Atom ({@code /status/feed.atom}) and RSS 2.0 ({@code /status/feed.rss}), written
 * by ROME: one entry per public update of the last 90 days, newest first. ROME escapes the text.
 */
@RestController
class StatusPageFeeds {

  static final MediaType ATOM = MediaType.parseMediaType("application/atom+xml;charset=UTF-8");
  static final MediaType RSS = MediaType.parseMediaType("application/rss+xml;charset=UTF-8");

  private final StatusPage statusPage;

  StatusPageFeeds(StatusPage statusPage) {
    this.statusPage = statusPage;
  }

  @GetMapping("/status/feed.atom")
  ResponseEntity<String> atom() throws FeedException {
    return ResponseEntity.ok().contentType(ATOM).body(write(feed("atom_1.0", "/feed.atom")));
  }

  @GetMapping("/status/feed.rss")
  ResponseEntity<String> rss() throws FeedException {
    return ResponseEntity.ok().contentType(RSS).body(write(feed("rss_2.0", "/feed.rss")));
  }

  private SyndFeed feed(String type, String self) {
    StatusSnapshot snapshot = statusPage.snapshot();
    SyndFeed feed = new SyndFeedImpl();
    feed.setFeedType(type);
    feed.setTitle(snapshot.title());
    feed.setDescription(snapshot.title() + ": incidents and their updates");
    feed.setLink(snapshot.url());
    feed.setUri(snapshot.url());
    SyndLink selfLink = new SyndLinkImpl();
    selfLink.setRel("self");
    selfLink.setHref(snapshot.url() + self);
    SyndLink alternate = new SyndLinkImpl();
    alternate.setRel("alternate");
    alternate.setHref(snapshot.url());
    feed.setLinks(List.of(alternate, selfLink));
    feed.setPublishedDate(Date.from(snapshot.updatedAt()));
    List<SyndEntry> entries = new ArrayList<>();
    for (PublicIncident incident : snapshot.incidents()) {
      for (PublicUpdate update : incident.updates()) {
        entries.add(entry(snapshot.url(), incident, update));
      }
    }
    for (Maintenance maintenance : snapshot.maintenances()) {
      for (Maintenance.Update update : maintenance.updates()) {
        entries.add(entry(snapshot.url(), maintenance, update));
      }
    }
    entries.sort(Comparator.comparing(SyndEntry::getUpdatedDate).reversed());
    feed.setEntries(entries);
    return feed;
  }

  private SyndEntry entry(String pageUrl, PublicIncident incident, PublicUpdate update) {
    SyndEntry entry = new SyndEntryImpl();
    String link = pageUrl + "/incidents/" + incident.id();
    entry.setTitle(incident.title() + ": " + update.state().label());
    entry.setLink(link);
    entry.setUri("urn:status-update:" + update.id());
    entry.setPublishedDate(Date.from(update.createdAt()));
    entry.setUpdatedDate(Date.from(update.createdAt()));
    SyndContent content = new SyndContentImpl();
    content.setType("text/plain");
    List<String> names = incident.components().stream().map(statusPage::componentName).toList();
    content.setValue(update.body() + (names.isEmpty() ? "" : "\n\nAffected: " + String.join(", ", names)));
    entry.setDescription(content);
    return entry;
  }

  private SyndEntry entry(String pageUrl, Maintenance maintenance, Maintenance.Update update) {
    SyndEntry entry = new SyndEntryImpl();
    entry.setTitle("Maintenance " + update.state().label().toLowerCase(java.util.Locale.ROOT) + ": " + maintenance.title());
    entry.setLink(pageUrl + "/maintenances/" + maintenance.id());
    entry.setUri("urn:status-update:" + update.id());
    entry.setPublishedDate(Date.from(update.createdAt()));
    entry.setUpdatedDate(Date.from(update.createdAt()));
    SyndContent content = new SyndContentImpl();
    content.setType("text/plain");
    StatusPageViews.Times times = new StatusPageViews.Times();
    List<String> names = maintenance.components().stream().map(statusPage::componentName).toList();
    content.setValue(update.body() + "\n\nWindow: " + times.readable(maintenance.scheduledFor()) + " to "
        + times.readable(maintenance.scheduledUntil()) + (names.isEmpty() ? "" : "\nAffected: " + String.join(", ", names)));
    entry.setDescription(content);
    return entry;
  }

  private static String write(SyndFeed feed) throws FeedException {
    return new SyndFeedOutput().outputString(feed, true);
  }
}
