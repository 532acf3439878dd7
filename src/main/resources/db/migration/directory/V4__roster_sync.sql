-- Scheduled sync: the drop folder the district's SIS writes OneRoster zips to, and how often
-- Homeroom looks in it. One row, because Homeroom serves one district.
create table directory.roster_sync (
    id            int primary key default 1 check (id = 1),
    folder        text check (folder <> ''),
    every_minutes int not null default 60 check (every_minutes between 5 and 10080),
    enabled       boolean not null default false,
    last_run_at   timestamp with time zone,
    -- Why the last run could not read the folder; null when it could. Administrators are told
    -- when this starts, not again at every run while it lasts.
    last_problem  text,
    updated_at    timestamp with time zone,
    updated_by    text,
    check (folder is not null or not enabled)
);
insert into directory.roster_sync (id) values (1);

-- Each file taken from the drop folder, by the SHA-256 of its content: a file is imported once,
-- even when it is renamed or touched, and a rejected file is not retried at every run (the SIS
-- writes a corrected one, which has another hash).
create table directory.roster_sync_file (
    sha256      text primary key check (sha256 ~ '^[0-9a-f]{64}$'),
    file_name   text not null,
    import_id   uuid not null references directory.roster_import (id),
    imported_at timestamp with time zone not null
);
