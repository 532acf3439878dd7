-- The district's own words for Homeroom's automatic messages (sign-in codes, the SMS HELP reply, the
-- automatic office-hours answer...), per message key and family language. A row exists only where
-- the district edited the shipped text; restoring the shipped text deletes it. Placeholders ({0})
-- are checked by the application against the shipped text, which lives in the message bundles.
create table translation.curated_text (
    key        varchar(100) not null check (btrim(key) <> ''),
    language   varchar(35) not null check (btrim(language) <> ''),
    text       varchar(1000) not null check (btrim(text) <> ''),
    updated_by varchar(320) not null,
    updated_at timestamp with time zone not null,
    version    bigint not null,
    primary key (key, language)
);
