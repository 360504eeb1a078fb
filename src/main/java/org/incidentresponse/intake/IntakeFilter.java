package org.incidentresponse.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards the intake endpoints (POST only) before anything is parsed: bearer token (401, or 503 when
 * no token is configured at all), content type (415) and body size (413). The body is read here,
 * bounded, and handed on in memory.
 */
public class IntakeFilter extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(IntakeFilter.class);

  private final List<byte[]> tokenDigests;
  private final long maxBodyBytes;
  private final ObjectMapper json;

  public IntakeFilter(IntakeProperties properties, ObjectMapper json) {
    this.tokenDigests = properties.tokens().stream().map(IntakeFilter::digest).toList();
    this.maxBodyBytes = properties.maxBodySize().toBytes();
    this.json = json;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equalsIgnoreCase(request.getMethod());
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (tokenDigests.isEmpty()) {
      reject(request, response, HttpStatus.SERVICE_UNAVAILABLE,
          "intake is not configured: set INCIDENT_INTAKE_TOKENS (incident-response.intake.tokens)");
      return;
    }
    String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
      reject(request, response, HttpStatus.UNAUTHORIZED, "missing bearer token");
      return;
    }
    if (!known(authorization.substring(7).trim())) {
      response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
      reject(request, response, HttpStatus.UNAUTHORIZED, "invalid bearer token");
      return;
    }
    if (!isJson(request.getContentType())) {
      reject(request, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          "content type must be application/json, not '%s'".formatted(request.getContentType()));
      return;
    }
    if (request.getContentLengthLong() > maxBodyBytes) {
      reject(request, response, HttpStatus.PAYLOAD_TOO_LARGE, tooLarge(request.getContentLengthLong()));
      return;
    }
    byte[] body = readBounded(request.getInputStream());
    if (body == null) {
      reject(request, response, HttpStatus.PAYLOAD_TOO_LARGE, tooLarge(-1));
      return;
    }
    chain.doFilter(new CachedBody(request, body), response);
  }

  /** Constant time: compares SHA-256 digests, so neither content nor length of a token leaks. */
  private boolean known(String token) {
    byte[] presented = digest(token);
    boolean match = false;
    for (byte[] expected : tokenDigests) {
      match |= MessageDigest.isEqual(expected, presented);
    }
    return match;
  }

  private static byte[] digest(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    try {
      MediaType type = MediaType.parseMediaType(contentType);
      return type.isCompatibleWith(MediaType.APPLICATION_JSON)
          || ("application".equals(type.getType()) && type.getSubtype().endsWith("+json"));
    } catch (InvalidMediaTypeException e) {
      return false;
    }
  }

  private String tooLarge(long length) {
    return "request body %sexceeds the limit of %d bytes (incident-response.intake.max-body-size)"
        .formatted(length >= 0 ? "of " + length + " bytes " : "", maxBodyBytes);
  }

  /** The whole body, or null when it is larger than the limit. */
  private byte[] readBounded(InputStream in) throws IOException {
    byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
    return body.length > maxBodyBytes ? null : body;
  }

  private void reject(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String message)
      throws IOException {
    log.warn("Intake rejected {} {} from {}: {} {}", request.getMethod(), request.getRequestURI(),
        request.getRemoteAddr(), status.value(), message);
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    json.writeValue(response.getOutputStream(), ApiError.of(status, message));
  }

  /** The request with its body already read into memory. */
  private static final class CachedBody extends HttpServletRequestWrapper {
    private final byte[] body;

    CachedBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override public int read() { return in.read(); }
        @Override public int read(byte[] b, int off, int len) { return in.read(b, off, len); }
        @Override public boolean isFinished() { return in.available() == 0; }
        @Override public boolean isReady() { return true; }
        @Override public void setReadListener(ReadListener listener) { throw new UnsupportedOperationException(); }
      };
    }

    @Override
    public BufferedReader getReader() {
      return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }
  }
}
