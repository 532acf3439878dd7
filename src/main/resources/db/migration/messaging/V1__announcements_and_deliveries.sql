create schema messaging;

-- An announcement to families. Its audience is kept as the sender wrote it and resolved only when
-- it is released, so that a scheduled one reaches the families enrolled on the day it goes out.
create table messaging.announcement (
    id           uuid primary key,
    author       text not null,
    author_roles text[] not null,
    subject      text not null check (btrim(subject) <> ''),
    body         text not null check (btrim(body) <> ''),
    category     text not null check (category in ('GENERAL', 'URGENT', 'ATTENDANCE', 'EVENT')),
    channels     text[] not null check (cardinality(channels) > 0 and channels <@ array['IN_APP', 'EMAIL']),
    audience     jsonb not null,
    status       text not null check (status in ('SCHEDULED', 'RELEASED', 'CANCELLED')),
    scheduled_at timestamp with time zone not null,
    released_at  timestamp with time zone,
    created_at   timestamp with time zone not null,
    version      bigint not null default 0,
    check ((status = 'RELEASED') = (released_at is not null))
);
create index announcement_due on messaging.announcement (scheduled_at) where status = 'SCHEDULED';
create index announcement_by_author on messaging.announcement (author, created_at desc);

-- A retried POST with the same key and body answers the first announcement instead of a second.
create table messaging.idempotency_key (
    author          text not null,
    key             text not null,
    request_hash    text not null,
    announcement_id uuid not null references messaging.announcement (id),
    created_at      timestamp with time zone not null,
    primary key (author, key)
);

-- Who the audience resolved to at release, one row per guardian and child, with why a row was
-- left out: the report's "not reached" list is read from here.
create table messaging.recipient (
    announcement_id uuid not null references messaging.announcement (id),
    guardian_id     uuid not null,
    student_id      uuid not null,
    guardian_name   text not null,
    student_name    text not null,
    school_name     text,
    language        text not null,
    email           text,
    excluded        text check (excluded in ('NO_CONTACT_RESTRICTION', 'NO_USABLE_CONTACT')),
    primary key (announcement_id, guardian_id, student_id)
);

-- One delivery per announcement, guardian and channel, whatever the number of children: the
-- unique key is what makes a second copy impossible. QUEUED -> SENDING -> SENT or FAILED; SENDING
-- is committed before the hand-off to the channel, so a crash leaves evidence, reconciled later.
create table messaging.delivery (
    id                 uuid primary key,
    announcement_id    uuid not null references messaging.announcement (id),
    guardian_id        uuid not null,
    channel            text not null check (channel in ('IN_APP', 'EMAIL')),
    language           text not null,
    address            text,
    guardian_name      text not null,
    child_names        text not null,
    school_names       text,
    status             text not null check (status in ('QUEUED', 'SENDING', 'SENT', 'FAILED', 'UNCERTAIN')),
    attempts           int not null default 0,
    next_attempt_at    timestamp with time zone not null,
    claimed_by         uuid,
    claimed_at         timestamp with time zone,
    sent_at            timestamp with time zone,
    read_at            timestamp with time zone,
    resent_after_crash boolean not null default false,
    last_error         text,
    unique (announcement_id, guardian_id, channel),
    check (channel <> 'EMAIL' or address is not null)
);
create index delivery_due on messaging.delivery (next_attempt_at) where status = 'QUEUED';
create index delivery_in_flight on messaging.delivery (claimed_by) where status = 'SENDING';
create index delivery_inbox on messaging.delivery (guardian_id, sent_at desc) where channel = 'IN_APP' and status = 'SENT';

-- Every running node says it is alive; a node whose heartbeat stops has its SENDING rows reconciled.
create table messaging.node (
    id           uuid primary key,
    started_at   timestamp with time zone not null,
    heartbeat_at timestamp with time zone not null
);

-- A family's choice not to get a category on a channel; URGENT and ATTENDANCE cannot be declined.
create table messaging.opt_out (
    guardian_id uuid not null,
    category    text not null check (category in ('GENERAL', 'EVENT')),
    channel     text not null check (channel in ('IN_APP', 'EMAIL')),
    chosen_at   timestamp with time zone not null,
    primary key (guardian_id, category, channel)
);
