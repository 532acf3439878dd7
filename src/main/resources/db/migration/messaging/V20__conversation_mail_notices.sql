-- Which guardians were e-mailed about which staff message (issue 18). The notice is written after
-- the post commits, once the message is in the guardian's language (an engine is a network call and
-- never runs inside a transaction); Modulith's registry hands the event over again after a restart,
-- and this row, inserted in the transaction that queues the e-mail, keeps a notice from going twice.
-- The message's deletion (retention) takes its rows with it.
create table messaging.conversation_mail_notice (
    message_id  uuid not null references messaging.conversation_message (id) on delete cascade,
    guardian_id uuid not null,
    queued_at   timestamp with time zone not null,
    primary key (message_id, guardian_id)
);
