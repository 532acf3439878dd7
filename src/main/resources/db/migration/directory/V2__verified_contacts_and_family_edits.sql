-- A contact point a family added or changed is used (for sign-in codes and messages) only once a
-- code sent to it has come back. Contacts from the SIS and from staff are verified already.
alter table directory.contact_point add column verified boolean not null default true;

-- Which fields a family (or a member of staff on their behalf) has edited since the SIS last
-- set them. The OneRoster import keeps an edited value and reports the difference instead of
-- overwriting it: the SIS owns names, enrolments and links; families own how to reach them.
create table directory.family_edit (
    guardian_id uuid not null references directory.guardian (id) on delete cascade,
    field_group text not null check (field_group in ('CONTACTS', 'LANGUAGE', 'REACH')),
    edited_by   text not null,
    edited_at   timestamp with time zone not null,
    primary key (guardian_id, field_group)
);
