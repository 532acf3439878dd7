-- An announcement's subject and body in each language its recipients prefer, made once at release
-- (one engine request per language, outside any transaction) and read by every channel. The texts
-- keep their placeholders ({guardianName}…), filled in per family as the original's are. The kind
-- says how the text was made, so that what a family reads is labelled honestly: UNTRANSLATED rows
-- hold the original, sent with a line on how to ask for an interpreter.
create table messaging.announcement_translation (
    announcement_id uuid not null references messaging.announcement (id),
    language        text not null check (language ~ '^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$'),
    subject         text not null,
    body            text not null,
    kind            text not null check (kind in ('ORIGINAL', 'CURATED', 'REVIEWED', 'MACHINE', 'UNTRANSLATED')),
    engine          text check ((kind = 'MACHINE') = (engine is not null)),
    created_at      timestamp with time zone not null,
    primary key (announcement_id, language)
);
