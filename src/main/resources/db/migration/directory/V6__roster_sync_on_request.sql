-- An administrator may ask the sync to look in the drop folder now; the recurring task does so at
-- its next turn (within a minute), due or not.
alter table directory.roster_sync add column run_requested boolean not null default false;
