-- The language a guardian's message was written in, as Lingua told it after the message was stored
-- (a primary tag such as vi). Null while not yet told, and for good when the text was too short
-- or the detector not confident: such a message says nothing about the family's language.
alter table messaging.conversation_message
    add column reply_language text
        check (reply_language ~ '^[a-z]{2,3}$'),
    add check (reply_language is null or author_side = 'GUARDIAN');

-- A guardian's latest told replies, for the preference-update suggestion on thread pages.
create index conversation_message_language_by_guardian
    on messaging.conversation_message (author_guardian_id, created_at desc)
    where reply_language is not null;
