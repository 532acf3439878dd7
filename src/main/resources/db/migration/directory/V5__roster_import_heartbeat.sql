-- A running import is kept alive by its node; one whose heartbeat stops (the server was stopped or
-- died mid-import) is closed as interrupted. The import is one transaction, so nothing was changed.
alter table directory.roster_import add column heartbeat_at timestamp with time zone;
update directory.roster_import set heartbeat_at = coalesce(finished_at, started_at);
alter table directory.roster_import alter column heartbeat_at set not null;
create index roster_import_running on directory.roster_import (heartbeat_at) where status = 'RUNNING';
