package org.incidentresponse.sop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * What Camunda Modeler's Deploy dialog sends to {@code POST /engine-rest/deployment/create}: the
 * deployment name and source as form fields, then each file as a part named by its file name (no
 * folder), as the Modeler names them.
 */
final class ModelerDeployment {

  static final String SOURCE = "Camunda Modeler";

  private final Map<String, byte[]> files = new LinkedHashMap<>();
  private String name = "incident-response-sop";

  /** The whole SOP of the repository: the BPMN, the DMN and every form. */
  static ModelerDeployment wholeSop() {
    ModelerDeployment deployment = new ModelerDeployment();
    try (Stream<Path> forms = Files.list(Path.of("forms")); Stream<Path> decisions = Files.list(Path.of("bpmn"))) {
      deployment.file(Path.of("bpmn/incident-response.bpmn"));
      decisions.filter(f -> f.toString().endsWith(".dmn")).sorted().forEach(deployment::file);
      forms.filter(f -> f.toString().endsWith(".form")).sorted().forEach(deployment::file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return deployment;
  }

  /** Only the files given, as when a process owner deploys one diagram. */
  static ModelerDeployment only(String... paths) {
    ModelerDeployment deployment = new ModelerDeployment();
    for (String path : paths) {
      deployment.file(Path.of(path));
    }
    return deployment;
  }

  ModelerDeployment file(Path path) {
    try {
      files.put(path.getFileName().toString(), Files.readAllBytes(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  ModelerDeployment name(String deploymentName) {
    this.name = deploymentName;
    return this;
  }

  /** Edits one file's text, e.g. to relabel a step or to delete one. */
  ModelerDeployment edit(String fileName, UnaryOperator<String> edit) {
    byte[] content = files.get(fileName);
    if (content == null) {
      throw new IllegalArgumentException("no file " + fileName + " in " + files.keySet());
    }
    files.put(fileName, edit.apply(new String(content, java.nio.charset.StandardCharsets.UTF_8))
        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return this;
  }

  ModelerDeployment without(String fileName) {
    files.remove(fileName);
    return this;
  }

  ResponseEntity<String> postAs(TestRestTemplate rest, String user, String password) {
    MultiValueMap<String, Object> body = new LinkedMultiValueMap<>();
    body.add("deployment-name", name);
    body.add("deployment-source", SOURCE);
    body.add("deploy-changed-only", "false");
    files.forEach((fileName, content) -> {
      HttpHeaders part = new HttpHeaders();
      part.setContentType(MediaType.APPLICATION_OCTET_STREAM);
      part.setContentDispositionFormData(fileName, fileName);
      body.add(fileName, new HttpEntity<>(new ByteArrayResource(content), part));
    });
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return rest.withBasicAuth(user, password)
        .postForEntity("/engine-rest/deployment/create", new HttpEntity<>(body, headers), String.class);
  }
}
