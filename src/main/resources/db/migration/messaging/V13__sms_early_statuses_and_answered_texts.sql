-- Twilio may call back with a text's status before Homeroom has stored the text's sid (the call
-- that sent it has not returned, or its result is not committed yet). Such a status is kept here,
-- by the provider's sid, and applied the moment the sid is stored; one a day old is for a text that
-- is not ours and is deleted. Only the strongest word is kept: a final one (DELIVERED, UNDELIVERED,
-- FAILED) is never replaced, as it would not be on the text itself.
create table messaging.sms_early_status (
    provider_sid    text primary key check (char_length(provider_sid) <= 64),
    provider_status text not null check (char_length(provider_status) <= 32),
    status          text check (status in ('SENT', 'DELIVERED', 'UNDELIVERED', 'FAILED')),
    error_code      text check (char_length(error_code) <= 10),
    received_at     timestamp with time zone not null
);
create index sms_early_status_by_age on messaging.sms_early_status (received_at);

-- The conversation message a routed text became: the automatic answer outside office hours to a
-- message that came by SMS goes back by SMS, to the number it came from.
alter table messaging.sms_inbound add column message_id uuid;
create index sms_inbound_by_message on messaging.sms_inbound (message_id) where message_id is not null;
