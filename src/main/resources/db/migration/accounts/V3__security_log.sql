-- What happened to accounts, for administrators: sign-ins and their failures, lockouts, tokens
-- made and revoked, devices signed out. Never a password, code or token.
create table accounts.security_event (
    id             uuid primary key,
    at             timestamp with time zone not null,
    kind           text not null,
    username       text not null,
    client_address text,
    detail         text
);
create index security_event_newest on accounts.security_event (at desc);
create index security_event_by_username on accounts.security_event (username, at desc);
