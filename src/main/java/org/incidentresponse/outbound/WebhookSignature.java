package org.incidentresponse.outbound;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a webhook request the Standard Webhooks way: {@code webhook-signature: v1,<base64 of
 * HMAC-SHA256(key, "<webhook-id>.<webhook-timestamp>.<body>")>}. A secret written {@code whsec_<base64>}
 * (the Standard Webhooks form) is the base64 of the key; any other text is the key as UTF-8.
 */
final class WebhookSignature {

  private static final String PREFIX = "whsec_";

  private final byte[] key;

  WebhookSignature(String secret) {
    this.key = secret.startsWith(PREFIX)
        ? Base64.getDecoder().decode(secret.substring(PREFIX.length()))
        : secret.getBytes(StandardCharsets.UTF_8);
  }

  /** {@code v1,<base64>} for this message id, Unix timestamp in seconds, and body. */
  String sign(String id, long timestamp, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] digest = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
      return "v1," + Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  @Override
  public String toString() {
    return "WebhookSignature[key redacted]";
  }
}
