package org.incidentresponse;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class IncidentResponseApplication {

  public static void main(String[] args) {
    SpringApplication.run(IncidentResponseApplication.class, args);
  }
}
