-- A set whose import failed for no fault of its files (the database went away, the server stopped
-- midway) is tried again at the next look. One that keeps failing is given up after a few tries and
-- the administrators are told, rather than retried unseen at every look for ever.
create table directory.roster_sync_failure (
    sha256         text primary key check (sha256 ~ '^[0-9a-f]{64}$'),
    file_name      text not null,
    failures       int not null check (failures > 0),
    last_import_id uuid not null references directory.roster_import (id),
    last_failed_at timestamp with time zone not null
);
