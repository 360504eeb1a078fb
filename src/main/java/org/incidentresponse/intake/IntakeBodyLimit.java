package org.incidentresponse.intake;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * The intake's body limit ({@code incident-response.intake.max-body-size}): a larger body is refused
 * with 413 before Jackson parses anything. A declared Content-Length over the limit is refused
 * without reading; otherwise at most one byte more than the limit is read, and the parser gets the
 * body from memory. Runs after the token check and the content type check (415).
 */
@ControllerAdvice(assignableTypes = {AlertWebhookController.class, IncidentReportController.class})
public class IntakeBodyLimit extends RequestBodyAdviceAdapter {

  private final long maxBodyBytes;

  public IntakeBodyLimit(IntakeProperties properties) {
    this.maxBodyBytes = properties.maxBodySize().toBytes();
  }

  @Override
  public boolean supports(MethodParameter parameter, Type targetType,
      Class<? extends HttpMessageConverter<?>> converterType) {
    return true;
  }

  @Override
  public HttpInputMessage beforeBodyRead(HttpInputMessage message, MethodParameter parameter, Type targetType,
      Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
    long declared = message.getHeaders().getContentLength();
    if (declared > maxBodyBytes) {
      throw tooLarge(declared);
    }
    byte[] body = message.getBody().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
    if (body.length > maxBodyBytes) {
      throw tooLarge(-1);
    }
    return new HttpInputMessage() {
      @Override
      public InputStream getBody() {
        return new ByteArrayInputStream(body);
      }

      @Override
      public HttpHeaders getHeaders() {
        return message.getHeaders();
      }
    };
  }

  private IntakeRejected tooLarge(long length) {
    return new IntakeRejected(HttpStatus.PAYLOAD_TOO_LARGE,
        "request body %sexceeds the limit of %d bytes (incident-response.intake.max-body-size)"
            .formatted(length >= 0 ? "of " + length + " bytes " : "", maxBodyBytes));
  }
}
