-- Replies by SMS. A text routed into a conversation keeps which one; the school office may file a
-- waiting text into a thread or dismiss it; a text that only answered a numbered menu is MENU_CHOICE.
alter table messaging.sms_inbound drop constraint sms_inbound_status_check;
alter table messaging.sms_inbound add constraint sms_inbound_status_check
    check (status in ('KEYWORD', 'WAITING', 'ROUTED', 'MENU_CHOICE', 'DISMISSED'));
alter table messaging.sms_inbound
    add column conversation_id uuid,
    add column handled_by      text check (length(handled_by) <= 200);

-- The numbered menu texted when a reply could belong to several threads: one row per waiting
-- reply, with the threads in the order the menu numbered them. The guardian's "2" routes every
-- reply of theirs still waiting on the menu into the second thread.
create table messaging.sms_reply_menu (
    inbound_id  uuid primary key references messaging.sms_inbound (id),
    guardian_id uuid not null,
    phone       text not null,
    options     uuid[] not null check (cardinality(options) between 1 and 9),
    sent_at     timestamp with time zone not null,
    answered_at timestamp with time zone
);
create index sms_reply_menu_open on messaging.sms_reply_menu (phone, sent_at desc) where answered_at is null;
