package org.incidentresponse.oncall;

import java.util.List;

/** The catalog cannot be applied; every problem found is listed, each naming its file and entry. */
public class InvalidCatalogException extends RuntimeException {

  private final List<String> problems;

  public InvalidCatalogException(String location, List<String> problems) {
    super("The catalog at " + location + " is invalid:\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
