-- A conversation message in the language of a reader on the other side (issue 18): a guardian's
-- reply in each staff language it was shown in, a staff message in each guardian's preferred
-- language. Written after the post commits, outside any transaction that holds the thread, or on
-- demand when a page is shown in a language not stored yet. source_language is the language the
-- message was taken to be written in (a reply's told language, else its author's preference).
-- An UNTRANSLATED row keeps the original and is tried again after a while (an engine may be back
-- or newly routed); the message's deletion takes its translations with it.
create table messaging.conversation_message_translation (
    message_id      uuid not null references messaging.conversation_message (id) on delete cascade,
    language        text not null check (language ~ '^[a-z]{2,3}$'),
    source_language text not null check (source_language ~ '^[a-z]{2,3}$'),
    body            text not null,
    kind            text not null check (kind in ('ORIGINAL', 'CURATED', 'REVIEWED', 'MACHINE', 'UNTRANSLATED')),
    engine          text,
    translated_at   timestamp with time zone not null,
    primary key (message_id, language),
    check ((kind = 'MACHINE') = (engine is not null))
);
