-- An account's sign-in name: a member of staff's e-mail address; for a family account,
-- "family:<id>", since a family proves who it is with a code sent to a contact on file instead.
alter table accounts.account rename column email to username;
alter table accounts.account rename constraint account_email_lower to account_username_lower;
alter index accounts.account_email rename to account_username;

-- The guardian records a family account acts for: usually one; several when one person appears
-- in the SIS more than once (same name, same contact).
create table accounts.family_link (
    account_id  uuid not null references accounts.account (id) on delete cascade,
    guardian_id uuid not null,
    linked_at   timestamp with time zone not null,
    primary key (account_id, guardian_id)
);
create unique index family_link_one_account_per_guardian on accounts.family_link (guardian_id);

-- One-time sign-in codes, stored as hashes; 10 minutes and 5 attempts each.
create table accounts.sign_in_code (
    id          uuid primary key,
    contact     text not null,
    code_hash   text not null,
    created_at  timestamp with time zone not null,
    expires_at  timestamp with time zone not null,
    attempts    int not null default 0,
    consumed_at timestamp with time zone
);
create index sign_in_code_by_contact on accounts.sign_in_code (contact, created_at desc);

-- Requests counted per contact and per client address, in the database so that every node
-- shares the same count.
create table accounts.throttle_event (
    scope text not null,
    key   text not null,
    at    timestamp with time zone not null
);
create index throttle_event_by_key on accounts.throttle_event (scope, key, at);
