-- The open changes of a service in an environment (the calendar's overlap check, ScheduledChanges.overlapping, run at
-- every calendar check and in every change dossier). The (service, environment, planned_start) index visits every
-- change of the service ever planned, closed ones included, so the check grew with the service's history. Status
-- leads here because H2 looks an IN list up in an index only on its first column; PostgreSQL uses it the same way.
CREATE INDEX changegate_change_open_idx ON changegate_change (status, service, environment, planned_start);
