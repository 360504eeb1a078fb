package org.incidentresponse.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Emphasis;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.incidentresponse.audit.KeyTimes;
import org.incidentresponse.followup.FollowUps;
import org.incidentresponse.followup.FollowUps.FollowUpItem;
import org.incidentresponse.sop.ActionItem;
import org.junit.jupiter.api.Test;

/** User text in the review's exports shows as typed: no markup, link, heading or HTML of its own. */
class ReviewRenderingTest {

  static final String HOSTILE = "*x* <script>alert(1)</script> [click](javascript:alert(1)) ![i](http://x/i.png) `code` | pipe & &amp;";
  static final Instant T0 = Instant.parse("2027-03-01T10:00:00Z");

  static PostIncidentReview review(String text) {
    String multiline = "# not a heading\n- not a list\n1. not numbered\n> not a quote\n===\n" + text;
    return new PostIncidentReview("INC-2027-0001", text, "checkout", "SEV2", false, "commander", "commander",
        T0.plusSeconds(86_400), T0.plusSeconds(3 * 86_400),
        new KeyTimes(T0, T0.plusSeconds(240), T0.plusSeconds(1800), T0.plusSeconds(3600), T0.plusSeconds(86_400)),
        text, text, multiline, text, multiline, "person", text, text, multiline + "\n" + text, text, multiline, text,
        List.of(new ActionItem(text, "prevent", text, "2027-03-15", "javascript:alert(1)")), null, null);
  }

  /** The action item's follow-up, done, with hostile evidence and note. */
  static List<FollowUpItem> followUps(String text) {
    return List.of(new FollowUpItem(1, text, "prevent", text, text, LocalDate.parse("2027-03-15"), FollowUps.DONE,
        "javascript:alert(1)", "javascript:alert(2)", text, text, T0.plusSeconds(10 * 86_400), true));
  }

  @Test
  void markdownEscapesUserTextSoItParsesAsPlainText() {
    String markdown = ReviewRendering.markdown(review(HOSTILE), followUps(HOSTILE));
    Node document = Parser.builder().extensions(List.of(TablesExtension.create())).build().parse(markdown);
    List<Node> offending = new ArrayList<>();
    List<String> headings = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    document.accept(new AbstractVisitor() {
      @Override
      public void visit(HtmlInline node) {
        offending.add(node);
      }

      @Override
      public void visit(HtmlBlock node) {
        offending.add(node);
      }

      @Override
      public void visit(Link node) {
        offending.add(node);
      }

      @Override
      public void visit(Image node) {
        offending.add(node);
      }

      @Override
      public void visit(Emphasis node) {
        offending.add(node);
      }

      @Override
      public void visit(StrongEmphasis node) {
        offending.add(node);
      }

      @Override
      public void visit(Heading node) {
        StringBuilder text = new StringBuilder();
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
          if (child instanceof Text t) {
            text.append(t.getLiteral());
          }
        }
        headings.add(text.toString());
      }

      @Override
      public void visit(Text node) {
        texts.add(node.getLiteral());
      }
    });
    assertThat(offending).as("markup made by user text").isEmpty();
    assertThat(headings).as("only the review's own headings").containsExactly(
        "Post-incident review: INC-2027-0001 — " + HOSTILE, "Summary", "Customer impact", "Trigger", "Root causes",
        "Detection", "Resolution", "Timeline", "Lessons learned", "What went well", "What went wrong",
        "Where we got lucky", "Action items");
    assertThat(String.join("", texts)).contains(HOSTILE).contains("# not a heading").contains("- not a list")
        .contains("1. not numbered").contains("> not a quote")
        .as("the follow-up's status beside its item").contains("done 2027-03-11 10:00 UTC by ");
    // The timeline's lines are list items of their own; user text makes no more of them.
    assertThat(count(document, ListItem.class)).isEqualTo(7);
  }

  @Test
  void htmlShowsUserTextEscaped() {
    String html = ReviewRendering.html(review(HOSTILE), followUps(HOSTILE));
    assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;").contains("*x*")
        .contains("[click](javascript:alert(1))").contains("&amp;amp;")
        .doesNotContain("<script").doesNotContain("<a ").doesNotContain("<img").doesNotContain("<em>")
        .doesNotContain("<h1>#").contains("<h2>Action items</h2>").contains("<table>");
    assertThat(html).contains("<title>Post-incident review INC-2027-0001</title>");
  }

  @Test
  void markdownOfAnOlderFreeTextReviewKeepsItsText() {
    PostIncidentReview old = new PostIncidentReview("INC-2026-0001", "Old", "svc", "SEV2", false, "commander",
        "commander", T0, null, new KeyTimes(T0, null, null, null, null), null, null, null, null, "Expiry", null, null,
        null, "10:00 alert", null, null, null, List.of(), "Monitor expiry", "Expiry alert — responder — 2026-12-31");
    assertThat(ReviewRendering.markdown(old, List.of())).contains("Monitor expiry").contains("Expiry alert — responder — 2026-12-31")
        .contains("- 10:00 alert");
  }

  private static long count(Node root, Class<? extends Node> type) {
    long[] n = {0};
    root.accept(new AbstractVisitor() {
      @Override
      protected void visitChildren(Node parent) {
        for (Node child = parent.getFirstChild(); child != null; child = child.getNext()) {
          if (type.isInstance(child)) {
            n[0]++;
          }
          child.accept(this);
        }
      }
    });
    return n[0];
  }
}
