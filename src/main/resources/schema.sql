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
