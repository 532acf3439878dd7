create schema platform;

-- One row once the demo district has been seeded; its primary key makes seeding happen once even
-- when two nodes start together.
create table platform.demo_seed (
    id        int primary key check (id = 1),
    seeded_at timestamp with time zone not null
);

-- The development outbox: what Homeroom would have sent, shown in demo mode.
create table platform.outbox_message (
    id         uuid primary key,
    channel    text not null,
    recipient  text not null,
    subject    text,
    body       text not null,
    created_at timestamp with time zone not null
);
create index outbox_message_newest on platform.outbox_message (created_at desc);
