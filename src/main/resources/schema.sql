-- Incident numbers (INC-2026-0042) count per year; the row lock on UPDATE serialises concurrent reports.
CREATE TABLE IF NOT EXISTS incident_number_counter (
  counter_year INTEGER NOT NULL PRIMARY KEY,
  last_value INTEGER NOT NULL
);

-- Monitoring intake (org.incidentresponse.intake.IntakeStore). Rows change in the same transaction
-- as the incident start or the message correlation they describe.
-- The open incident of each alert group (group key or fingerprint); the primary key stops two
-- deliveries of a new group (e.g. both Alertmanager HA peers) from opening two incidents.
CREATE TABLE IF NOT EXISTS intake_open_incident (
  dedup_hash CHAR(64) NOT NULL PRIMARY KEY,
  dedup_key VARCHAR(4000) NOT NULL,
  incident_number VARCHAR(32) NOT NULL,
  alert_state VARCHAR(16) NOT NULL,
  opened_at TIMESTAMP NOT NULL,
  last_seen_at TIMESTAMP NOT NULL
);
-- Every notification already processed, by idempotency key: a repeated delivery has no effect.
CREATE TABLE IF NOT EXISTS intake_notification (
  idempotency_key CHAR(64) NOT NULL PRIMARY KEY,
  source VARCHAR(32) NOT NULL,
  incident_numbers VARCHAR(4000),
  received_at TIMESTAMP NOT NULL
);

-- The public status page (org.incidentresponse.statuspage.StatusPageStore): what was published, never
-- an incident's internal fields. Written in the engine's transaction of the step that publishes it.
CREATE TABLE IF NOT EXISTS status_incident (
  id VARCHAR(16) NOT NULL PRIMARY KEY,
  process_instance_id VARCHAR(64) NOT NULL UNIQUE,
  title VARCHAR(200) NOT NULL,
  state VARCHAR(16) NOT NULL,
  impact VARCHAR(32) NOT NULL,
  components VARCHAR(2000) NOT NULL,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL,
  monitoring_at TIMESTAMP,
  resolved_at TIMESTAMP
);
CREATE INDEX IF NOT EXISTS status_incident_created ON status_incident (created_at);
CREATE TABLE IF NOT EXISTS status_update (
  id VARCHAR(16) NOT NULL PRIMARY KEY,
  incident_id VARCHAR(16) NOT NULL REFERENCES status_incident (id),
  state VARCHAR(16) NOT NULL,
  body VARCHAR(4000) NOT NULL,
  created_at TIMESTAMP NOT NULL
);
CREATE INDEX IF NOT EXISTS status_update_incident ON status_update (incident_id);
-- Status page subscribers (org.incidentresponse.statuspage.SubscriptionStore): personal data. components
-- is a comma-separated list of component ids, empty for all. Unconfirmed rows are deleted after 7 days.
CREATE TABLE IF NOT EXISTS status_subscriber (
  id VARCHAR(16) NOT NULL PRIMARY KEY,
  email VARCHAR(320) NOT NULL UNIQUE,
  components VARCHAR(2000) NOT NULL,
  token VARCHAR(64) NOT NULL UNIQUE,
  created_at TIMESTAMP NOT NULL,
  confirmed_at TIMESTAMP
);
-- One row per public update and subscriber: the primary key makes each update reach each subscriber once.
CREATE TABLE IF NOT EXISTS status_delivery (
  update_id VARCHAR(16) NOT NULL,
  subscriber_id VARCHAR(16) NOT NULL,
  created_at TIMESTAMP NOT NULL,
  sent_at TIMESTAMP,
  attempts INTEGER NOT NULL,
  PRIMARY KEY (update_id, subscriber_id)
);
-- On-call overrides (org.incidentresponse.oncall.OnCallOverrides): a user covering part of a team's
-- primary or secondary duty. Rows are never updated: who created each, and when, stays on record.
CREATE TABLE IF NOT EXISTS oncall_override (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  team_id VARCHAR(255) NOT NULL,
  role_id VARCHAR(16) NOT NULL,
  user_id VARCHAR(255) NOT NULL,
  starts_at TIMESTAMP NOT NULL,
  ends_at TIMESTAMP NOT NULL,
  created_by VARCHAR(255) NOT NULL,
  created_at TIMESTAMP NOT NULL
);
