-- SMS: who texted STOP, what families texted in, and the texts Homeroom sends one by one.

-- A number that opted out (STOP and the like), by E.164, with when and by which word. Nothing is
-- sent to it until it texts START; the row is deleted then.
create table messaging.sms_opt_out (
    phone        text primary key check (phone ~ '^\+[1-9][0-9]{6,14}$'),
    opted_out_at timestamp with time zone not null,
    keyword      text not null
);

-- Every text that reached the inbound webhook, once per provider message (Twilio retries a
-- webhook it thinks failed). Keywords are answered at once; any other text WAITING is for the
-- school office until conversations route it (ROUTED).
create table messaging.sms_inbound (
    id           uuid primary key,
    provider_sid text not null unique,
    from_number  text not null,
    to_number    text,
    body         text not null,
    received_at  timestamp with time zone not null,
    keyword      text check (keyword in ('OPT_OUT', 'OPT_IN', 'HELP')),
    status       text not null check (status in ('KEYWORD', 'WAITING', 'ROUTED')),
    routed_at    timestamp with time zone,
    check ((status = 'KEYWORD') = (keyword is not null))
);
create index sms_inbound_waiting on messaging.sms_inbound (received_at) where status = 'WAITING';
create index sms_inbound_by_number on messaging.sms_inbound (from_number, received_at desc);

-- One text to one number, sent by the SMS worker: QUEUED -> SENDING (committed before the call to
-- the provider) -> SENT, then DELIVERED, UNDELIVERED or FAILED as the status callback says.
-- SKIPPED when the number opted out before it went; UNCERTAIN when a node stopped mid-call.
create table messaging.sms_outbox (
    id              uuid primary key,
    to_number       text not null check (to_number ~ '^\+[1-9][0-9]{6,14}$'),
    body            text not null check (length(body) between 1 and 1600),
    language        text not null,
    purpose         text not null check (length(purpose) between 1 and 40),
    reference       text check (length(reference) <= 200),
    status          text not null check (status in ('QUEUED', 'SENDING', 'SENT', 'DELIVERED', 'UNDELIVERED',
                                                    'FAILED', 'SKIPPED', 'UNCERTAIN')),
    skipped_reason  text check (skipped_reason in ('OPTED_OUT_SMS')),
    attempts        int not null default 0,
    next_attempt_at timestamp with time zone not null,
    claimed_at      timestamp with time zone,
    provider_sid    text unique,
    provider_status text,
    last_error      text,
    created_at      timestamp with time zone not null,
    sent_at         timestamp with time zone,
    check ((status = 'SKIPPED') = (skipped_reason is not null))
);
create index sms_outbox_due on messaging.sms_outbox (next_attempt_at) where status = 'QUEUED';
create index sms_outbox_queued_by_number on messaging.sms_outbox (to_number) where status = 'QUEUED';
create index sms_outbox_in_flight on messaging.sms_outbox (claimed_at) where status = 'SENDING';

-- A text too long for three segments goes as a short note with a link to the whole of it. The
-- link's token and the one-time code sent to the same phone are kept only as SHA-256 hashes; the
-- link expires, and a code allows few tries.
create table messaging.sms_long_text (
    token_hash      bytea primary key,
    outbox_id       uuid not null unique,
    phone           text not null,
    language        text not null,
    body            text not null check (length(body) <= 5000),
    expires_at      timestamp with time zone not null,
    code_hash       bytea,
    code_expires_at timestamp with time zone,
    code_attempts   int not null default 0,
    codes_sent      int not null default 0
);
create index sms_long_text_expired on messaging.sms_long_text (expires_at);
