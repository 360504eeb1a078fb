-- Incident numbers (INC-2026-0042) count per year; the row lock on UPDATE serialises concurrent reports.
CREATE TABLE IF NOT EXISTS incident_number_counter (
  counter_year INTEGER NOT NULL PRIMARY KEY,
  last_value INTEGER NOT NULL
);
